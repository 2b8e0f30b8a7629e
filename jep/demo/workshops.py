"""Demo workshops and their intakes: realistic, clearly fictional, spread over the municipalities
and the last three years. The other demo seeders build on the rows this one returns."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from jep.reference.catalog import Catalog
from jep.store.db import last_id

DEMO_ACTOR = "demo"
DEFAULT_COUNT = 24
PARTS = ("ochtend", "middag", "geen_voorkeur")  # the preferred part of day of a demo intake
FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Chaima",
    "Daan",
    "Esra",
    "Femke",
    "Gijs",
    "Hatice",
    "Ilse",
    "Jeroen",
    "Karim",
    "Lotte",
    "Mehmet",
    "Noor",
    "Oscar",
    "Priya",
    "Quinten",
    "Rosa",
    "Sven",
    "Tamara",
    "Umut",
    "Vera",
    "Wouter",
    "Yara",
    "Zeynep",
]
LAST_NAMES = [
    "de Vries (demo)",
    "Jansen (demo)",
    "Bakker (demo)",
    "Visser (demo)",
    "Smit (demo)",
    "Meijer (demo)",
    "Yilmaz (demo)",
    "El Amrani (demo)",
    "de Groot (demo)",
    "Mulder (demo)",
    "Bos (demo)",
    "Vos (demo)",
]
ROLES = [
    "beleidsadviseur OOV",
    "contactpunt radicalisering",
    "beleidsmedewerker jeugd",
    "coördinator veiligheid",
    "adviseur sociaal domein",
]
EXPLANATIONS = [
    "Scholen twijfelen of ze zonder toestemming mogen delen.",
    "Na een melding horen partners niets meer terug.",
    "Jeugdhulp en politie kennen elkaar alleen van naam.",
    "Eén ambtenaar doet alles rond radicalisering.",
    "",
    "",
]


def _status_for(rng: random.Random, req: date, today: date) -> tuple[str, date | None]:
    """A plausible status and workshop date for a request made on `req`."""
    age = (today - req).days
    if age < 30:
        return rng.choice(["aanvraag", "aanvraag", "intake"]), None
    if age < 90:
        status = rng.choice(["intake", "gepland", "gepland"])
        when = today + timedelta(days=rng.randint(7, 80)) if status == "gepland" else None
        return status, when
    if rng.random() < 0.05:
        return "geannuleerd", None
    when = req + timedelta(days=rng.randint(45, 120))
    if when >= today:
        return "gepland", when
    return ("verslag verstuurd" if (today - when).days > 40 else "uitgevoerd"), when


def _answers(rng: random.Random, cat: Catalog, dates: list[date]) -> dict[str, Any]:
    knelpunten = rng.sample(sorted(cat.knelpunten), k=rng.randint(2, 6))
    sectors = rng.sample(sorted(cat.sectors), k=rng.randint(4, 7))
    counts: dict[str, int] = {}
    budget = int(cat.settings["workshop"]["max_participants"])
    for sid in sectors:
        n = min(rng.randint(1, 3), budget)
        if n:
            counts[sid] = n
            budget -= n
    ctx = ["ja", "nee", "weet_niet"]
    return {
        "contact": {
            "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "role": rng.choice(ROLES),
            "email": f"contact{rng.randint(100, 999)}@demo-gemeente.example",
            "phone": f"0{rng.randint(10, 79)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        },
        "context": {
            "contactpunt": rng.choices(ctx, [6, 3, 1])[0],
            "pga": rng.choices(ctx, [5, 3, 2])[0],
            "convenant": rng.choices(ctx, [4, 4, 2])[0],
            "zvh": rng.choices(ctx, [6, 2, 2])[0],
            "aandachtsfunctionarissen": rng.choices(ctx, [3, 4, 3])[0],
        },
        "knelpunten": {
            k: {"severity": rng.randint(2, 5), "explanation": rng.choice(EXPLANATIONS)}
            for k in knelpunten
        },
        "own_knelpunten": [],
        "sectors": counts,
        "dates": [d.isoformat() for d in dates],
        # from the dates, not from rng: the rest of the demo stays as it was for a given seed
        "part_of_day": PARTS[dates[0].toordinal() % len(PARTS)] if dates else None,
        "location_by": "gemeente",
        "catering_by": rng.choice(["gemeente", "organisatie"]),
        "remarks": "Demodata: verzonnen voorgesprek.",
    }


def workshop_count(scale: float | None, count: int | None, cat: Catalog) -> int:
    """How many workshops to make: `count`, else round(scale × 342), else DEFAULT_COUNT."""
    if count is not None:
        return count
    if scale is not None:
        return max(1, round(scale * len(cat.municipalities)))
    return DEFAULT_COUNT


def seed_workshops(
    db: Database,
    rng: random.Random,
    cat: Catalog,
    today: date,
    n: int,
    national: bool,
    on_row: Callable[[], None] | None = None,
) -> list[dict[str, Any]]:
    """Insert `n` demo workshops with intakes (inside the caller's transaction). `national`: every
    municipality in turn; else scattered. Returns the rows the other seeders build on.
    `on_row()` is called after each workshop (progress)."""
    codes = sorted(cat.municipalities)
    made: list[dict[str, Any]] = []
    for i in range(n):
        if national:
            code = codes[i % len(codes)]
        else:
            code = codes[(i * 7919 + rng.randrange(len(codes))) % len(codes)]
        req = today - timedelta(days=rng.randint(0, 3 * 365))
        status, when = _status_for(rng, req, today)
        stamp = datetime.combine(req, datetime.min.time(), UTC).isoformat(timespec="seconds")
        cur = db.execute(
            "INSERT INTO workshops(municipality_code, status, requested_at, created_by, date, "
            "time_slot, location, address, facilitator_1, facilitator_2, updated_at, is_demo) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            [
                code,
                status,
                stamp,
                DEMO_ACTOR,
                when.isoformat() if when else None,
                rng.choice(["ochtend", "middag"]) if when else None,
                "Gemeentehuis, raadzaal (demo)" if when else None,
                "Voorbeeldstraat 1, Demostad" if when else None,
                "Adviseur preventie radicalisering (demo)" if when else None,
                "Jurist (demo)" if when else None,
                stamp,
            ],
        )
        wid = last_id(cur)
        submitted = status != "aanvraag"
        answers = _answers(rng, cat, [req + timedelta(days=40 + 7 * k) for k in range(2)])
        if not submitted and rng.random() < 0.5:
            answers = {**answers, "knelpunten": {}, "sectors": {}}
        db.execute(
            "INSERT INTO intakes(workshop_id, answers, state, version, submitted_at, "
            "updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?, ?)",
            [
                wid,
                json.dumps(answers, ensure_ascii=False),
                "ingediend" if submitted else "concept",
                stamp if submitted else None,
                stamp,
                DEMO_ACTOR,
            ],
        )
        for kid, val in answers["knelpunten"].items():
            db.execute(
                "INSERT INTO intake_knelpunten(workshop_id, knelpunt_id, severity) "
                "VALUES (?, ?, ?)",
                [wid, kid, val["severity"]],
            )
        for sid, k in answers["sectors"].items():
            db.execute(
                "INSERT INTO intake_sectors(workshop_id, sector_id, desired) VALUES (?, ?, ?)",
                [wid, sid, k],
            )
        made.append(
            {
                "id": wid,
                "status": status,
                "date": when,
                "code": code,
                "answers": answers,
                "requested": req,
            }
        )
        if on_row:
            on_row()
    return made
