"""Test data for the report tests: a workshop that took place, built through the public functions
of intake, planning, participants, evaluation, notes and recommend (not a test module itself)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from jep.evaluation import questionnaire, responses
from jep.reference.catalog import catalog
from jep.workshop import intake, notes, participants, planning, workshops

CAT = catalog()
DAY = date(2026, 11, 10)  # the workshop took place on this day
ACTOR = "tester"

# Every kind of character a report must survive.
ODD = (
    "Zoë’s café “citaat” € 12,50 😀🦄 👩‍👩‍👧 <script>alert('x')</script> "
    "שלום עולם مرحبا بالعالم {nb} "
    "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsdirektorinnen"
    "vertreterversammlungsbeschlussvorlagenentwurfsbearbeitungsfrist"
)


def odd(limit: int) -> str:
    return ODD[:limit]


def held_workshop(
    d: Database,
    code: str = "GM0344",
    knelpunten: dict[str, int] | None = None,
    context: dict[str, str] | None = None,
    sectors: dict[str, int] | None = None,
    present: dict[str, int] | None = None,
    text: str | None = None,
) -> int:
    """A workshop in status 'uitgevoerd' on DAY with a submitted intake, a plan, participants
    (registered per `sectors`, present per `present`) and, when `text` is given, that text in
    every free-text field."""
    t = text
    wid = workshops.create_request(d, code, ACTOR)
    knelpunten = (
        {"geen-terugkoppeling": 4, "juridische-kaders": 2} if knelpunten is None else knelpunten
    )
    context = context or {
        "contactpunt": "ja",
        "pga": "ja",
        "convenant": "ja",
        "zvh": "ja",
        "aandachtsfunctionarissen": "ja",
    }
    sectors = sectors or {"jeugdhulp": 2, "onderwijs": 2, "veiligheid": 1}
    intake_day = DAY - timedelta(days=60)
    raw = {
        "contact": {
            "name": "Anna Contact",
            "role": "beleidsadviseur",
            "email": "anna@gemeente.example",
            "phone": "",
        },
        "context": context,
        "knelpunten": {
            k: {"severity": v, "explanation": odd(intake.TEXT_MAX) if t else ""}
            for k, v in knelpunten.items()
        },
        "own_knelpunten": [{"text": odd(intake.SHORT_MAX), "severity": 3}] if t else [],
        "sectors": sectors,
        "dates": [intake_day + timedelta(days=30 + 7 * i) for i in range(2)],
        "location_by": "gemeente",
        "catering_by": "gemeente",
        "remarks": odd(500) if t else "",
    }
    errors, _ = intake.save(
        d, wid, raw, 0, ACTOR, CAT, intake_day, submit=True, as_staff=True, privacy_confirmed=True
    )
    assert not errors, errors
    plan = {
        "date": DAY,
        "time_slot": "middag",
        "location": odd(planning.TEXT_LIMITS["location"]) if t else "Stadhuis, zaal 2",
        "address": odd(planning.TEXT_LIMITS["address"]) if t else "Markt 1",
        "host_contact": "",
        "facilitator_1": odd(planning.TEXT_LIMITS["facilitator_1"]) if t else "A. Adviseur",
        "facilitator_2": "Jurist " + odd(100) if t else "B. Jurist",
    }
    assert not planning.save_plan(d, wid, plan, ACTOR, DAY)
    planning.change_status(d, wid, "gepland", ACTOR, DAY)
    ids: dict[str, list[int]] = {}
    n = 0
    for sid, count in sectors.items():
        for _ in range(count):
            n += 1
            errors, added = participants.add(
                d, wid, {"name": f"Deelnemer {n}", "sector_id": sid}, ACTOR, CAT
            )
            assert not errors, errors
            ids.setdefault(sid, []).append(added.id)
    planning.change_status(d, wid, "uitgevoerd", ACTOR, DAY)
    if present is not None:
        marks = {
            pid: i < present.get(sid, 0) for sid, pids in ids.items() for i, pid in enumerate(pids)
        }
        participants.set_attendance(d, wid, marks, ACTOR, DAY)
    return wid


def add_response(
    d: Database,
    wid: int,
    scores: dict[str, tuple[int, int] | int] | None = None,
    grade: int = 8,
    sector: str | None = None,
    open_text: str | None = None,
) -> int:
    """One paper evaluation: `scores` maps item ids to (before, now) or a 1–5 value; items not
    given are left blank."""
    q = questionnaire.questionnaire()
    items: dict[str, Any] = {"rapportcijfer": grade}
    for iid, value in (scores or {}).items():
        items[iid] = {"before": value[0], "now": value[1]} if isinstance(value, tuple) else value
    if open_text is not None:
        items["open-meenemen"] = open_text
        items["open-mist"] = open_text
    result = responses.save_paper(
        d,
        wid,
        {"version": q.current, "sector": sector, "items": items},
        ACTOR,
        CAT,
        confirm_privacy=True,
    )
    assert result.response_id, (result.errors, result.privacy)
    return result.response_id


def add_notes(d: Database, wid: int, text: str | None = None) -> None:
    """One note of every kind (with `text` in every field when given)."""
    body = text if text else None
    for raw in (
        {
            "kind": "dilemma",
            "step": 5,
            "text": body or "Delen zonder concrete aanwijzingen?",
            "detail": body or "Eerst lichtere middelen.",
        },
        {
            "kind": "juridisch",
            "text": body or "Mag de school delen met de wijkagent?",
            "detail": body or "Alleen met een grondslag onder de AVG.",
        },
        {
            "kind": "knelpunt",
            "knelpunt_id": "geen-terugkoppeling",
            "knelpunt_status": "bevestigd",
            "text": body or "",
        },
        {
            "kind": "knelpunt",
            "knelpunt_id": None,
            "knelpunt_status": "nieuw",
            "text": body or "Contactpersonen bij partners wisselen vaak.",
        },
        {
            "kind": "oplossing",
            "text": body or "Een netwerklunch twee keer per jaar.",
            "detail": body or "",
        },
    ):
        errors, _ = notes.add(d, wid, raw, ACTOR, CAT, privacy_confirmed=True)
        assert not errors, errors
