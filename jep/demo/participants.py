"""Demo participants for planned and held demo workshops (fictional names ending in '(demo)')."""

from __future__ import annotations

import random
from typing import Any

from sqlite_utils import Database

from jep.demo.workshops import DEMO_ACTOR, FIRST_NAMES, LAST_NAMES
from jep.reference.catalog import Catalog
from jep.workshop import participants
from jep.workshop.workshops import HELD

DEMO_ORGS: dict[str, list[str]] = {
    "jeugdhulp": ["Jeugdhulp Demoregio (demo)", "Stichting Jeugdbescherming Demo (demo)"],
    "jgz": ["GGD Demoregio (demo)"],
    "ggz": ["GGZ Demostad (demo)"],
    "welzijn": ["Welzijn Demostad (demo)", "Jongerenwerk De Demo (demo)"],
    "onderwijs": ["Demo College (demo)", "Basisschool De Voorbeeld (demo)", "ROC Demo (demo)"],
    "wijkteam": ["Sociaal Team Demostad (demo)"],
    "gemeente": ["Gemeente Demostad (demo)"],
    "veiligheid": ["Politie Basisteam Demo (demo)", "Zorg- en Veiligheidshuis Demo (demo)"],
    "overig": ["Sportvereniging Demo (demo)", "Moskeevereniging Demo (demo)"],
}


def seed_demo(
    db: Database, rng: random.Random, workshops: list[dict[str, Any]], cat: Catalog
) -> None:
    """Demo participants for planned and held demo workshops (runs inside the demo transaction).

    Up to the seat cap per workshop, roughly following the intake's desired mix, sometimes a
    gap (so the warnings show) and sometimes a waiting list; held workshops get attendance.
    Names are fictional and end in "(demo)". Uses its own generator so that other seeders'
    random streams do not depend on this one.
    """

    seat_cap = participants.cap(cat)
    for ws in workshops:
        if ws["status"] not in ("gepland", *HELD):
            continue
        local = random.Random(f"jep-planning-{ws['id']}-{ws['code']}-{ws.get('requested')}")
        db.execute(
            "UPDATE workshops SET host_contact = coalesce(host_contact, ?) WHERE id = ?",
            ["Beheerder locatie, 010 - 000 0000 (demo)", ws["id"]],
        )
        want = dict((ws.get("answers") or {}).get("sectors") or {})
        picks: list[str] = []
        for sid, n in want.items():
            if sid in cat.sectors:
                picks += [sid] * max(0, int(n) + local.choice([-1, 0, 0, 1]))
        if ws["status"] == "gepland" and local.random() < 0.3:
            picks = [s for s in picks if cat.sectors[s].domain != "veiligheid"]  # a gap to warn
        extra = local.randint(0, 3) if ws["status"] == "gepland" else 0
        if ws["status"] == "gepland" and local.random() < 0.4:  # a full list + waiting list
            extra = max(extra, seat_cap + local.randint(1, 2) - len(picks))
        picks += local.choices(sorted(cat.sectors), k=extra)
        picks = picks[: seat_cap + 2]
        if ws["status"] in HELD:
            picks = picks[:seat_cap]
        for k, sid in enumerate(picks):
            first = local.choice(FIRST_NAMES)
            last = local.choice(LAST_NAMES)
            sector = cat.sectors[sid]
            clean = {
                "name": f"{first} {last}",
                "organisation": local.choice(DEMO_ORGS.get(sid, ["Organisatie (demo)"])),
                "sector_id": sid,
                "profession": local.choice(sector.professions) if sector.professions else None,
                "email": f"{first.lower()}.{ws['id']}.{k}@demo-organisatie.example",
            }
            added = participants.insert_checked(db, ws["id"], clean, seat_cap, DEMO_ACTOR)
            if ws["status"] in HELD and added.status == "aangemeld":
                db.execute(
                    "UPDATE participants SET attended = ? WHERE id = ?",
                    [int(local.random() < 0.87), added.id],
                )
