"""Demo evaluation responses for the held demo workshops."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from jep.evaluation.questionnaire import questionnaire
from jep.evaluation.responses import store
from jep.reference.catalog import Catalog
from jep.workshop.workshops import HELD

# ---------------------------------------------------------------- demo data

DEMO_OPEN = {
    "open-meenemen": [
        "Feiten en meningen gescheiden opschrijven, en ook de tegen-signalen.",
        "Dat ik eerst anoniem advies kan vragen voordat ik iets deel.",
        "Het telefoonnummer van het contactpunt radicalisering in onze gemeente.",
        "De stappen van de werkwijze; ik hang ze op de kamer van ons team.",
        "Dat de school geen beroepsgeheim heeft maar de AVG wel geldt.",
        "Korte lijnen met de wijkagent en het jongerenwerk.",
    ],
    "open-mist": [
        "Meer tijd voor onze eigen casussen.",
        "Iemand van het Zorg- en Veiligheidshuis aan tafel.",
        "Een vervolgbijeenkomst over een half jaar.",
        "Meer over online radicalisering.",
        "Een overzicht op papier van wie wat mag delen.",
    ],
}
# How much each goal typically improves in the demo (the network improves least: one afternoon
# rarely tells you what happens to a signal you share).
DEMO_GAIN = {"signalen": 0.9, "weten-wat-mag": 1.3, "zorgvuldig-delen": 1.4, "netwerk": 0.7}


def _demo_attendance(db: Database, wid: int, answers: dict[str, Any]) -> tuple[int, list[str]]:
    """Attendance and attendees' sectors: from the participants table when a colleague's seeder
    filled it, else from the intake's desired sectors."""
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'participants'"
    ).fetchone()
    if exists:
        rows = db.execute(
            "SELECT sector_id FROM participants WHERE workshop_id = ? AND attended = 1", [wid]
        ).fetchall()
        if rows:
            return len(rows), [r[0] for r in rows if r[0]]
    sectors = [sid for sid, n in (answers.get("sectors") or {}).items() for _ in range(int(n))]
    return len(sectors), sectors


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def seed_demo(
    db: Database, rng: random.Random, workshops: list[dict[str, Any]], cat: Catalog
) -> None:
    """Plausible anonymous responses for demo workshops that took place (runs inside the demo
    seeder's write transaction): fewer than attended, varied sectors, some open answers, some
    optional answers left out."""
    q = questionnaire()
    version = q.current
    for w in workshops:
        if w["status"] not in HELD:
            continue
        attendance, sectors = _demo_attendance(db, w["id"], w.get("answers") or {})
        if attendance < 2:
            continue
        n = rng.randint(max(1, attendance // 2), attendance - 1)
        rng.shuffle(sectors)
        quality = rng.gauss(0, 0.35)  # some workshops go better than others
        for k in range(n):
            base = rng.uniform(1.6, 3.4)
            items: dict[str, Any] = {}
            for item in q.items_of(version):
                if not item.required and rng.random() < 0.06:
                    continue  # left blank
                if item.kind == "prepost":
                    before = _clip(base + rng.gauss(0, 0.6), 1, 5)
                    gain = DEMO_GAIN.get(item.section, 1.0) + quality + rng.gauss(0, 0.7)
                    items[item.id] = {
                        "before": before,
                        "now": _clip(before + gain, max(1, before - 1), 5),
                    }
                elif item.kind == "grade":
                    items[item.id] = _clip(7.6 + 2 * quality + rng.gauss(0, 0.9), 4, 10)
                elif item.kind == "likert":
                    items[item.id] = _clip(3.9 + quality + rng.gauss(0, 0.8), 1, 5)
                elif rng.random() < 0.45:
                    items[item.id] = rng.choice(DEMO_OPEN.get(item.id, ["(demo-antwoord)"]))
            sector = sectors[k] if k < len(sectors) and rng.random() > 0.1 else None
            clean = {"version": version, "sector": sector, "items": items}
            rid, _ = store(
                db,
                w["id"],
                clean,
                q,
                source="papier" if rng.random() < 0.15 else "online",
                actor="demo",
                log=False,
            )
            if w.get("date"):
                stamp = datetime.combine(w["date"], datetime.min.time(), UTC) + timedelta(
                    hours=rng.randint(13, 40)
                )
                db.execute(
                    "UPDATE evaluation_responses SET created_at = ?, updated_at = ? WHERE id = ?",
                    [stamp.isoformat(timespec="seconds")] * 2 + [rid],
                )
