"""The intake questionnaire (voorgesprek): answers, validation, drafts, submission.

Answers are one JSON document per workshop (see `empty_answers`). Validation has two levels: a
draft must be well-formed (types, ranges, lengths) and may be incomplete; a submission must also be
complete. Every error is keyed by the field it belongs to, so the page can show it next to it.
Saves carry the version the user started from: a save over a newer version is refused.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from sqlite_utils import Database

from jep.errors import UserError
from jep.fmt import fmt_date, fmt_progress
from jep.privacy import guard as privacy
from jep.reference.catalog import Catalog
from jep.store import audit
from jep.store.db import now, write
from jep.text import as_int, clean_text
from jep.workshop import planning

CONTEXT_QUESTIONS: dict[str, str] = {
    "contactpunt": "Heeft de gemeente een contactpunt radicalisering?",
    "pga": "Is er een casusoverleg radicalisering (persoonsgerichte aanpak, PGA)?",
    "convenant": "Is er een convenant of zijn er vastgelegde afspraken over informatie delen?",
    "zvh": "Is het Zorg- en Veiligheidshuis betrokken bij radicaliseringscasussen?",
    "aandachtsfunctionarissen": "Hebben organisaties een aandachtsfunctionaris radicalisering?",
}
CONTEXT_ANSWERS: dict[str, str] = {"ja": "Ja", "nee": "Nee", "weet_niet": "Weet ik niet"}
ARRANGED_BY: dict[str, str] = {
    "gemeente": "De gemeente",
    "organisatie": "Een partnerorganisatie",
    "nog_onbekend": "Nog niet bekend",
}
NO_PREFERENCE = "geen_voorkeur"  # the part of day: a time slot of data/planning.toml, or this
MAX_OWN_KNELPUNTEN = 3
MAX_DATES = 3
TEXT_MAX = 2000
SHORT_MAX = 200
EMAIL_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{8,18}$")
# The form's sections, in order (id -> title); each error key belongs to one (`section_of`).
SECTIONS: dict[str, str] = {
    "contact": "1. Contactpersoon",
    "situatie": "2. De situatie in uw gemeente",
    "knelpunten": "3. Knelpunten bij het delen van informatie",
    "deelnemers": "4. Wie nodigt u uit?",
    "praktisch": "5. Praktisch",
}
_SECTION_OF_FIELD = {
    "contact": "contact",
    "context": "situatie",
    "knelpunt": "knelpunten",
    "knelpunten": "knelpunten",
    "own": "knelpunten",
    "own_knelpunten": "knelpunten",
    "sector": "deelnemers",
    "sectors": "deelnemers",
}


class ConflictError(UserError):
    """Someone else saved the intake since it was opened."""


class IntakeLocked(UserError):
    """The intake has been submitted; only staff can reopen it."""


def empty_answers() -> dict[str, Any]:
    return {
        "contact": {"name": "", "role": "", "email": "", "phone": ""},
        "context": dict.fromkeys(CONTEXT_QUESTIONS),
        "knelpunten": {},  # knelpunt id -> {"severity": 1..5, "explanation": str}
        "own_knelpunten": [],  # [{"text": str, "severity": 1..5}]
        "sectors": {},  # sector id -> desired participants
        "dates": [],  # ISO dates
        "part_of_day": None,  # a time slot id of data/planning.toml, or NO_PREFERENCE
        "location_by": None,
        "catering_by": None,
        "remarks": "",
    }


def parts_of_day() -> dict[str, str]:
    """The parts of day a municipality can prefer: the time slots of data/planning.toml and
    'geen voorkeur' (id -> label)."""
    slots = {sid: slot.label for sid, slot in planning.config().time_slots.items()}
    return {**slots, NO_PREFERENCE: "Geen voorkeur"}


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def _scalar(value: Any) -> Any:
    """A number or text as typed; anything else (lists, documents) becomes None."""
    return value if isinstance(value, int | float | str) else None


def _choice(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _own_given(own: Any) -> bool:
    """Whether a row of own knelpunten was filled in (`normalise` drops empty rows)."""
    own = _mapping(own)
    return bool(clean_text(own.get("text"), SHORT_MAX)) or _scalar(own.get("severity")) is not None


def _date_given(value: Any) -> bool:
    """Whether a preferred date was given (`normalise` drops empty ones)."""
    return isinstance(value, date) or bool(value and _scalar(value) is not None)


def at_rows(errors: dict[str, str], name: str, rows: list[int]) -> dict[str, str]:
    """`errors` with the keys of numbered items (`<name>.<i>` and `privacy.<name>.<i>`, `i`
    counting the items `normalise` kept) renamed to the item's row in the form (`rows[i]`): a
    form may leave a row empty above one filled in, and a message belongs next to its own field."""
    renamed = {}
    for key, message in errors.items():
        head = "privacy." if key.startswith("privacy.") else ""
        kind, _, number = key.removeprefix(head).partition(".")
        if kind == name and number.isdigit() and int(number) < len(rows):
            key = f"{head}{name}.{rows[int(number)]}"
        renamed[key] = message
    return renamed


def form_rows(errors: dict[str, str], raw: dict[str, Any]) -> dict[str, str]:
    """The errors of `validate(normalise(raw))` keyed by the rows of the form `raw` came from
    (own knelpunten and preferred dates may have empty rows in between)."""
    raw = _mapping(raw)
    own = [i for i, row in enumerate(_items(raw.get("own_knelpunten"))) if _own_given(row)]
    dates = [i for i, d in enumerate(_items(raw.get("dates"))) if _date_given(d)]
    return at_rows(at_rows(errors, "own", own), "date", dates)


def normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """Coerce what a form produced into the answer document (unknown keys dropped).

    Never raises: values of the wrong shape are dropped or become text, so that `validate` can
    say what is wrong.
    """
    raw = _mapping(raw)
    data = empty_answers()
    contact = _mapping(raw.get("contact"))
    for key in data["contact"]:
        data["contact"][key] = clean_text(contact.get(key), SHORT_MAX)
    context = _mapping(raw.get("context"))
    for key in CONTEXT_QUESTIONS:
        data["context"][key] = _choice(context.get(key))
    for kid, val in _mapping(raw.get("knelpunten")).items():
        val = _mapping(val)
        if _scalar(val.get("severity")) is not None:
            data["knelpunten"][str(kid)] = {
                "severity": _scalar(val.get("severity")),
                "explanation": clean_text(val.get("explanation"), TEXT_MAX),
            }
    for own in _items(raw.get("own_knelpunten")):
        if _own_given(own):
            own = _mapping(own)
            text = clean_text(own.get("text"), SHORT_MAX)
            data["own_knelpunten"].append({"text": text, "severity": _scalar(own.get("severity"))})
    for sid, count in _mapping(raw.get("sectors")).items():
        count = _scalar(count)
        if count not in (None, 0, "0", ""):
            data["sectors"][str(sid)] = count
    data["dates"] = [
        d.isoformat() if isinstance(d, date) else str(d)
        for d in _items(raw.get("dates"))
        if _date_given(d)
    ]
    data["part_of_day"] = _choice(raw.get("part_of_day"))
    data["location_by"] = _choice(raw.get("location_by"))
    data["catering_by"] = _choice(raw.get("catering_by"))
    data["remarks"] = clean_text(raw.get("remarks"), TEXT_MAX)
    return data


def validate(data: dict[str, Any], cat: Catalog, today: date, final: bool) -> dict[str, str]:
    """Errors keyed by field; empty when valid. `final=True` also demands completeness."""
    errors: dict[str, str] = {}
    max_seats = int(cat.settings["workshop"]["max_participants"])
    min_dates = int(cat.settings["intake"]["min_preferred_dates"])

    c = data["contact"]
    for key, label in (
        ("name", "naam"),
        ("role", "functie"),
        ("email", "e-mailadres"),
        ("phone", "telefoonnummer"),
    ):
        if len(c[key]) > SHORT_MAX:
            errors[f"contact.{key}"] = f"De {label} is te lang (hoogstens {SHORT_MAX} tekens)."
    if c["email"] and not EMAIL_RE.match(c["email"]):
        errors["contact.email"] = "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."
    if c["phone"] and not PHONE_RE.match(c["phone"]):
        errors["contact.phone"] = "Vul een geldig telefoonnummer in, bijvoorbeeld 070 - 333 4558."
    if final:
        if not c["name"]:
            errors["contact.name"] = "Vul de naam van de contactpersoon in."
        if not c["role"]:
            errors["contact.role"] = "Vul de functie van de contactpersoon in."
        if not c["email"]:
            errors["contact.email"] = "Vul een e-mailadres in, zodat wij contact kunnen opnemen."

    for key in CONTEXT_QUESTIONS:
        value = data["context"].get(key)
        if value is not None and value not in CONTEXT_ANSWERS:
            errors[f"context.{key}"] = "Kies ja, nee of weet ik niet."
        elif final and value is None:
            errors[f"context.{key}"] = "Beantwoord deze vraag (kies ‘weet ik niet’ als u twijfelt)."

    for kid, val in data["knelpunten"].items():
        if kid not in cat.knelpunten:
            errors[f"knelpunt.{kid}"] = "Onbekend knelpunt."
            continue
        sev = as_int(val.get("severity"))
        if sev is None or not 1 <= sev <= 5:
            errors[f"knelpunt.{kid}"] = "Kies een ernst van 1 (klein) tot 5 (groot)."
        else:
            val["severity"] = sev
        if len(val["explanation"]) > TEXT_MAX:
            errors[f"knelpunt.{kid}"] = f"De toelichting is te lang (hoogstens {TEXT_MAX} tekens)."
    if len(data["own_knelpunten"]) > MAX_OWN_KNELPUNTEN:
        errors["own_knelpunten"] = f"Hoogstens {MAX_OWN_KNELPUNTEN} eigen knelpunten."
    for i, own in enumerate(data["own_knelpunten"]):
        sev = as_int(own.get("severity"))
        if not own["text"]:
            errors[f"own.{i}"] = "Beschrijf het knelpunt of maak de ernst leeg."
        elif len(own["text"]) > SHORT_MAX:
            errors[f"own.{i}"] = f"Houd het knelpunt kort (hoogstens {SHORT_MAX} tekens)."
        elif sev is None or not 1 <= sev <= 5:
            errors[f"own.{i}"] = "Kies een ernst van 1 tot 5 voor dit knelpunt."
        else:
            own["severity"] = sev
    if final and not data["knelpunten"] and not data["own_knelpunten"]:
        errors["knelpunten"] = "Geef minstens één knelpunt aan, met de ernst."

    total = 0
    for sid, count in data["sectors"].items():
        n = as_int(count)
        if sid not in cat.sectors:
            errors[f"sector.{sid}"] = "Onbekende sector."
        elif n is None or not 0 <= n <= max_seats:
            errors[f"sector.{sid}"] = f"Vul een aantal van 0 tot {max_seats} in."
        else:
            data["sectors"][sid] = n
            total += n
    if total > max_seats:
        errors["sectors"] = (
            f"Samen {total} deelnemers gewenst; er zijn hoogstens {max_seats} plaatsen. "
            "Verlaag een of meer aantallen."
        )
    elif final and total == 0:
        errors["sectors"] = "Geef aan uit welke sectoren deelnemers komen, met het gewenste aantal."

    parsed: list[date] = []
    for i, value in enumerate(data["dates"]):
        try:
            d = date.fromisoformat(str(value))
        except ValueError:
            errors[f"date.{i}"] = "Geen geldige datum."
            continue
        if d <= today:
            errors[f"date.{i}"] = "Kies een datum in de toekomst."
        parsed.append(d)
    if len(set(parsed)) < len(parsed):
        errors["dates"] = "Kies verschillende data."
    elif final and len(data["dates"]) < min_dates:
        errors["dates"] = f"Geef minstens {min_dates} voorkeursdata in de toekomst op."
    if len(data["dates"]) > MAX_DATES:
        errors["dates"] = f"Hoogstens {MAX_DATES} voorkeursdata."

    part = data.get("part_of_day")
    if part is not None and part not in parts_of_day():
        errors["part_of_day"] = "Kies een dagdeel uit de lijst."
    for key, label in (("location_by", "de locatie"), ("catering_by", "de catering")):
        value = data[key]
        if value is not None and value not in ARRANGED_BY:
            errors[key] = "Maak een keuze uit de lijst."
        elif final and value is None:
            errors[key] = f"Geef aan wie {label} regelt."
    if len(data["remarks"]) > TEXT_MAX:
        errors["remarks"] = f"De opmerkingen zijn te lang (hoogstens {TEXT_MAX} tekens)."
    return errors


def free_texts(data: dict[str, Any]) -> dict[str, str]:
    """The free-text answers keyed by the field they belong to (for the privacy guard)."""
    texts = {f"knelpunt.{kid}": val["explanation"] for kid, val in data["knelpunten"].items()}
    texts.update({f"own.{i}": own["text"] for i, own in enumerate(data["own_knelpunten"])})
    texts["remarks"] = data["remarks"]
    return {k: v for k, v in texts.items() if v}


def section_of(field: str) -> str:
    """The section of the form an error key (or a privacy finding, `privacy.<key>`) belongs to:
    dates, part of day, arrangements and remarks are in the practical section."""
    head = field.removeprefix("privacy.").split(".")[0]
    return _SECTION_OF_FIELD.get(head, "praktisch")


def section_progress(raw: dict[str, Any], cat: Catalog) -> dict[str, tuple[str, bool]]:
    """Per section (id -> (mark, complete)): how far the answers are, as its bar shows it after
    the title, e.g. "2 van 3", "1 knelpunt gekozen", "6 van 15 plaatsen", "klaar ✓". Complete
    means what a submission needs is there (not that it is valid: `validate` says that)."""
    data = normalise(raw)
    max_seats = int(cat.settings["workshop"]["max_participants"])
    min_dates = int(cat.settings["intake"]["min_preferred_dates"])

    def count(n: int, total: int) -> tuple[str, bool]:
        return fmt_progress(n, total), n >= total

    chosen = len(data["knelpunten"]) + sum(
        1 for own in data["own_knelpunten"] if own["text"] and own["severity"] is not None
    )
    seats = sum(n for n in (as_int(v) for v in data["sectors"].values()) if n and n > 0)
    practical = min(len(data["dates"]), min_dates) + sum(
        data[key] is not None for key in ("location_by", "catering_by")
    )
    return {
        "contact": count(sum(bool(data["contact"][k]) for k in ("name", "role", "email")), 3),
        "situatie": count(
            sum(v is not None for v in data["context"].values()), len(CONTEXT_QUESTIONS)
        ),
        "knelpunten": (
            ("nog geen gekozen", False)
            if chosen == 0
            else (f"{chosen} {'knelpunt' if chosen == 1 else 'knelpunten'} gekozen", True)
        ),
        "deelnemers": (f"{seats} van {max_seats} plaatsen", seats > 0),
        "praktisch": count(practical, min_dates + 2),
    }


def load(db: Database, workshop_id: int) -> dict[str, Any]:
    """The intake record: answers, state, version, timestamps and staff notes."""
    row = db.execute(
        "SELECT answers, state, version, submitted_at, updated_at, updated_by, staff_notes "
        "FROM intakes WHERE workshop_id = ?",
        [workshop_id],
    ).fetchone()
    if not row:
        raise KeyError(workshop_id)
    answers = empty_answers()
    answers.update(json.loads(row[0] or "{}"))
    return {
        "answers": answers,
        "state": row[1],
        "version": row[2],
        "submitted_at": row[3],
        "updated_at": row[4],
        "updated_by": row[5],
        "staff_notes": row[6],
    }


def _store(
    db: Database,
    workshop_id: int,
    data: dict[str, Any],
    expected_version: int,
    actor: str,
    state: str,
) -> int:
    cur = db.execute(
        "UPDATE intakes SET answers = ?, version = version + 1, updated_at = ?, updated_by = ?, "
        "state = ?, submitted_at = CASE WHEN ? = 'ingediend' THEN ? ELSE submitted_at END "
        "WHERE workshop_id = ? AND version = ?",
        [
            json.dumps(data, ensure_ascii=False),
            now(),
            actor,
            state,
            state,
            now(),
            workshop_id,
            expected_version,
        ],
    )
    if cur.rowcount != 1:
        raise ConflictError(
            "Iemand anders heeft dit voorgesprek intussen opgeslagen. Uw invoer staat nog in het "
            "formulier; laad de nieuwste versie om te zien wat er veranderd is."
        )
    db.execute("DELETE FROM intake_knelpunten WHERE workshop_id = ?", [workshop_id])
    db.execute("DELETE FROM intake_sectors WHERE workshop_id = ?", [workshop_id])
    for kid, val in data["knelpunten"].items():
        db.execute(
            "INSERT INTO intake_knelpunten(workshop_id, knelpunt_id, severity) VALUES (?, ?, ?)",
            [workshop_id, kid, val["severity"]],
        )
    for sid, n in data["sectors"].items():
        if n:
            db.execute(
                "INSERT INTO intake_sectors(workshop_id, sector_id, desired) VALUES (?, ?, ?)",
                [workshop_id, sid, n],
            )
    return expected_version + 1


def save(
    db: Database,
    workshop_id: int,
    raw: dict[str, Any],
    expected_version: int,
    actor: str,
    cat: Catalog,
    today: date,
    submit: bool = False,
    as_staff: bool = False,
    privacy_confirmed: bool = False,
) -> tuple[dict[str, str], int]:
    """Validate and store. Returns (errors, version); nothing is stored when errors is non-empty.
    Errors of own knelpunten and dates are keyed by their row in `raw` (`form_rows`).

    Free text that looks like personal data (privacy guard) is an error keyed
    `privacy.<field>` unless the user confirmed it (`privacy_confirmed`).
    A submission moves the workshop from 'aanvraag' to 'intake'. A submitted intake can only be
    changed by staff (`as_staff=True`).
    """
    data = normalise(raw)
    errors = validate(data, cat, today, final=submit)
    if not privacy_confirmed:
        flagged = privacy.check_fields(free_texts(data))
        errors.update({f"privacy.{k}": v for k, v in flagged.items() if k not in errors})
    if errors:
        return form_rows(errors, raw), expected_version
    with write(db):
        state = db.execute(
            "SELECT state FROM intakes WHERE workshop_id = ?", [workshop_id]
        ).fetchone()
        if state is None:
            raise KeyError(workshop_id)
        if state[0] == "ingediend" and not as_staff:
            raise IntakeLocked(
                "Dit voorgesprek is intussen ingediend; uw laatste wijzigingen zijn niet "
                "opgeslagen."
            )
        new_state = "ingediend" if submit or state[0] == "ingediend" else "concept"
        version = _store(db, workshop_id, data, expected_version, actor, new_state)
        if submit:
            db.execute(
                "UPDATE workshops SET status = 'intake', updated_at = ? "
                "WHERE id = ? AND status = 'aanvraag'",
                [now(), workshop_id],
            )
        audit.log(
            db,
            actor,
            "voorgesprek ingediend" if submit else "voorgesprek opgeslagen",
            "workshop",
            workshop_id,
            {"versie": version},
        )
    return {}, version


def reopen(db: Database, workshop_id: int, actor: str) -> None:
    """Staff: make a submitted intake editable for the municipality again."""
    with write(db):
        db.execute(
            "UPDATE intakes SET state = 'concept', version = version + 1, updated_at = ?, "
            "updated_by = ? WHERE workshop_id = ?",
            [now(), actor, workshop_id],
        )
        audit.log(db, actor, "voorgesprek heropend", "workshop", workshop_id)


def save_staff_notes(
    db: Database, workshop_id: int, notes: str, actor: str, privacy_confirmed: bool = False
) -> str | None:
    """Store the staff notes of the voorgesprek; returns the privacy guard's message instead of
    saving when the text looks like personal data and was not confirmed."""
    text = clean_text(notes, 10 * TEXT_MAX)
    if not privacy_confirmed:
        flagged = privacy.check_fields({"notes": text})
        if flagged:
            return flagged["notes"]
    with write(db):
        db.execute("UPDATE intakes SET staff_notes = ? WHERE workshop_id = ?", [text, workshop_id])
        audit.log(db, actor, "notities voorgesprek opgeslagen", "workshop", workshop_id)
    return None


def summary_rows(answers: dict[str, Any], cat: Catalog) -> list[tuple[str, str]]:
    """(question, answer) pairs in reading order, for the read-only summary and the report."""
    a = answers
    rows: list[tuple[str, str]] = []
    c = a["contact"]
    rows.append(("Contactpersoon", ", ".join(x for x in (c["name"], c["role"]) if x) or "—"))
    rows.append(("E-mail / telefoon", " / ".join(x for x in (c["email"], c["phone"]) if x) or "—"))
    for key, question in CONTEXT_QUESTIONS.items():
        rows.append((question, CONTEXT_ANSWERS.get(a["context"].get(key) or "", "—")))
    for kid, val in sorted(a["knelpunten"].items(), key=lambda kv: -int(kv[1]["severity"])):
        name = cat.knelpunten[kid].text if kid in cat.knelpunten else kid
        rows.append(
            (
                f"Knelpunt (ernst {val['severity']})",
                name + (f" — {val['explanation']}" if val.get("explanation") else ""),
            )
        )
    for own in a["own_knelpunten"]:
        rows.append((f"Eigen knelpunt (ernst {own['severity']})", own["text"]))
    for sid, n in a["sectors"].items():
        name = cat.sectors[sid].name if sid in cat.sectors else sid
        rows.append((f"Gewenst: {name}", str(n)))
    rows.append(("Voorkeursdata", ", ".join(fmt_date(d) for d in a["dates"]) or "—"))
    rows.append(("Voorkeur dagdeel", parts_of_day().get(a.get("part_of_day") or "", "—")))
    rows.append(("Locatie geregeld door", ARRANGED_BY.get(a["location_by"] or "", "—")))
    rows.append(("Catering geregeld door", ARRANGED_BY.get(a["catering_by"] or "", "—")))
    rows.append(("Opmerkingen", a["remarks"] or "—"))
    return rows


def severities(db: Database, workshop_id: int) -> dict[str, int]:
    """The intake's knelpunten with their severity (1–5), the most severe first."""
    return {
        k: int(v)
        for k, v in db.execute(
            "SELECT knelpunt_id, severity FROM intake_knelpunten WHERE workshop_id = ? "
            "ORDER BY severity DESC, knelpunt_id",
            [workshop_id],
        ).fetchall()
    }


def practical(record: dict[str, Any], cat: Catalog) -> list[tuple[str, str]]:
    """What the planning needs from the voorgesprek, as (label, text) in reading order:
    preferred dates, part of day, who arranges the location and the catering, the desired
    participants (in total and per sector) and the remarks. '—' where nothing was given."""
    a = record["answers"]
    wanted = {sid: int(n) for sid, n in (a.get("sectors") or {}).items() if as_int(n)}
    per_sector = ", ".join(
        f"{cat.sectors[sid].name if sid in cat.sectors else sid} {n}" for sid, n in wanted.items()
    )
    total = sum(wanted.values())
    return [
        ("Voorkeursdata", ", ".join(fmt_date(d) for d in a.get("dates") or []) or "—"),
        ("Voorkeur dagdeel", parts_of_day().get(a.get("part_of_day") or "", "—")),
        ("Locatie geregeld door", ARRANGED_BY.get(a.get("location_by") or "", "—")),
        ("Catering geregeld door", ARRANGED_BY.get(a.get("catering_by") or "", "—")),
        ("Gewenste deelnemers", f"{total} ({per_sector})" if total else "—"),
        ("Opmerkingen", " ".join(str(a.get("remarks") or "").split()) or "—"),  # one line
    ]
