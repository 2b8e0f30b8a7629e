"""Demo recommendation decisions (and own recommendations) for held demo workshops."""

from __future__ import annotations

import random
from typing import Any

from sqlite_utils import Database

from jep.evaluation import questionnaire
from jep.reference.catalog import Catalog
from jep.report.engine import evaluate
from jep.report.facts import Facts, gather_facts
from jep.report.review import upsert_decision
from jep.report.rules import rules
from jep.store.db import now
from jep.workshop.workshops import HELD

DEMO_OWN = (
    "Vervolgafspraak over een half jaar",
    "Plan over een half jaar een korte bijeenkomst met dezelfde deelnemers om te bespreken wat "
    "er met de afspraken uit dit werkatelier is gebeurd.",
)


def seed_demo(
    db: Database, rng: random.Random, workshops_: list[dict[str, Any]], cat: Catalog
) -> dict[int, Facts]:
    """Facilitators' notes and recommendation decisions for demo workshops that took place
    (inside the demo transaction; runs after the planning and evaluation seeders). Returns the
    facts read per workshop, so later seeders need not read them again (it is slow)."""
    rb = rules()
    q = questionnaire.questionnaire()
    read: dict[int, Facts] = {}
    for ws in workshops_:
        if ws["status"] not in HELD:
            continue
        local = random.Random(f"jep-recommend-{ws['id']}-{ws['code']}")
        facts = read[ws["id"]] = gather_facts(db, ws["id"], cat=cat, q=q)
        proposals = evaluate(facts, rb)
        done = ws["status"] == "verslag verstuurd"
        for k, rec in enumerate(proposals):
            roll = local.random()
            if not done and roll < 0.35:
                continue  # not reviewed yet
            if k and roll > 0.85:
                upsert_decision(
                    db,
                    ws["id"],
                    rec.id,
                    "demo",
                    decision="afgewezen",
                    note="Is in deze gemeente al geregeld.",
                )
            elif roll > 0.7:
                upsert_decision(
                    db,
                    ws["id"],
                    rec.id,
                    "demo",
                    decision="aanvaard",
                    text=rec.text + " Bespreek dit in het eerstvolgende ketenoverleg.",
                )
            else:
                upsert_decision(db, ws["id"], rec.id, "demo", decision="aanvaard")
        if local.random() < 0.5:
            stamp = now()
            db.execute(
                "INSERT INTO recommendation_decisions(workshop_id, rule_id, decision, title, "
                "text, owner, priority, reason, created_at, created_by, updated_at, updated_by) "
                "VALUES (?, NULL, 'aanvaard', ?, ?, 'gemeente', 3, ?, ?, 'demo', ?, 'demo')",
                [
                    ws["id"],
                    *DEMO_OWN,
                    "Wens van de deelnemers aan het eind van de middag.",
                    stamp,
                    stamp,
                ],
            )
    return read
