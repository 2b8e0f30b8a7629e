"""Demo report versions that were sent, and follow-ups for part of them.

Every demo workshop in status 'verslag verstuurd' gets a stored report version marked as sent
(some weeks after the day), holding the recommendations staff accepted (the recommendations
seeder runs first). Its PDF is a one-page demo notice, made once, since laying out thousands of
reports would take many minutes; "Rapport maken" on the Verslag page makes the real one.

Of the sent reports whose follow-up is due, most have a submitted follow-up (some filled in by
staff on the municipality's behalf), some a draft, the rest none (due or overdue, some reminded).
Each rule has its own chance of being carried out, so the rules' track records differ; knelpunten
mostly shrink; part of the submitted follow-ups have participants' answers, some fewer than the
privacy minimum (so the screens show the suppression too).
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from fpdf import FPDF
from sqlite_utils import Database

from jep.followup import answers as fa
from jep.followup.due import dates_for
from jep.followup.participants import session_hash
from jep.followup.questionnaire import FollowupConfig, config
from jep.reference.catalog import Catalog
from jep.report.facts import Facts
from jep.report.review import review
from jep.report.rules import rules
from jep.store.db import last_id

DEMO_ACTOR = "demo"
HELPED = [
    "Steun van de wethouder en een vaste agenda in het ketenoverleg.",
    "Het contactpunt nam het initiatief en sprak de partners persoonlijk aan.",
    "De deelnemers van het werkatelier kenden elkaar al en pakten het samen op.",
    "Een kort stappenplan op één A4 dat iedereen kon gebruiken.",
]
BLOCKED = [
    "Te weinig tijd: de beleidsmedewerker radicalisering werkt maar twee dagen.",
    "Wisselingen bij de partners; de afspraken moesten steeds opnieuw.",
    "Onduidelijk wie de trekker was.",
    "Scholen haakten af door drukte aan het eind van het schooljaar.",
]
OPEN = [
    "Ik vraag nu eerst anoniem advies voordat ik iets deel.",
    "Ik schrijf signalen feitelijker op, ook wat er niet op wijst.",
    "Ik heb de wijkagent gebeld over een zorg; dat ging makkelijker dan vroeger.",
    "Niets bijzonders: er was geen aanleiding.",
    "We bespreken zorgen nu in het teamoverleg met de werkwijze erbij.",
]


@lru_cache(maxsize=1)
def demo_pdf() -> bytes:
    """A one-page PDF saying that this demo report was not laid out (made once per process)."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, "Demoverslag (verzonnen werkatelier)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(
        0,
        7,
        "Dit werkatelier hoort bij de demodata. Het verslag is bij het aanmaken van de demodata "
        "niet opgemaakt; alleen de aanbevelingen zijn bewaard. Kies op de pagina Verslag "
        "'Rapport maken' om het volledige verslag te maken.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def _stamp(day: date, rng: random.Random) -> str:
    moment = datetime.combine(day, time(9 + rng.randint(0, 7), rng.randint(0, 59)), UTC)
    return moment.isoformat(timespec="seconds")


def _rule_chance(rule_id: str) -> float:
    """How likely the demo municipalities carry a rule out (fixed per rule: 0.1 … 0.8)."""
    h = int(hashlib.sha256(rule_id.encode()).hexdigest()[:8], 16)
    return 0.1 + 0.7 * (h % 1000) / 1000


def _sent_version(
    db: Database, ws: dict[str, Any], sent: date, rng: random.Random, facts: Facts | None
) -> None:
    recs = [r.to_dict() for r in review(db, ws["id"], rules(), facts=facts).final()]
    pdf = demo_pdf()
    made = sent - timedelta(days=rng.randint(1, 6))
    db.execute(
        "INSERT INTO report_versions(workshop_id, number, created_at, created_by, filename, size, "
        "sha256, pdf, recommendations, facts, build_seconds, sent_at, sent_by) "
        "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, '{}', NULL, ?, ?)",
        [
            ws["id"],
            _stamp(made, rng),
            DEMO_ACTOR,
            f"verslag-werkatelier-demo-{ws['id']}-v1.pdf",
            len(pdf),
            hashlib.sha256(pdf).hexdigest(),
            pdf,
            json.dumps(recs, ensure_ascii=False),
            _stamp(sent, rng),
            DEMO_ACTOR,
        ],
    )


def _answers(
    basis: dict[str, Any], rng: random.Random, cfg: FollowupConfig, cat: Catalog, complete: bool
) -> dict[str, Any]:
    a = fa.empty_answers(basis, cfg)
    a["contact"] = {
        "name": f"Contactpersoon {rng.randint(10, 99)} (demo)",
        "role": rng.choice(["beleidsadviseur OOV", "contactpunt radicalisering"]),
        "email": "",
        "phone": "",
    }
    roles = list(cfg.roles)
    for rec in basis["recommendations"]:
        if not complete and rng.random() < 0.5:
            continue
        chance = _rule_chance(rec["id"] if rec["source"] != "eigen" else "eigen")
        roll = rng.random()
        if roll < chance:
            status = "uitgevoerd"
        elif roll < chance + 0.25:
            status = "in-gang-gezet"
        elif roll < 0.93:
            status = "nog-niet-gestart"
        else:
            status = "niet-van-toepassing"
        picked = cfg.statuses[status].picked_up if status in cfg.statuses else False
        a["recommendations"][rec["id"]] = {
            "status": status if status in cfg.statuses else None,
            "role": rng.choice(roles[:8]) if picked else None,
            "helped": rng.choice(HELPED) if picked and rng.random() < 0.4 else "",
            "blocked": rng.choice(BLOCKED) if not picked and rng.random() < 0.4 else "",
        }
    for kp in basis["knelpunten"]:
        before = kp.get("before") or 3
        after = max(1, min(5, before + rng.choice([-2, -1, -1, -1, 0, 0, 1])))
        a["knelpunten"][kp["id"]] = {"severity": after, "note": ""}
    known = {k["id"] for k in basis["knelpunten"]}
    if rng.random() < 0.3:
        others = [k for k in cat.knelpunten if k not in known]
        if others:
            a["new_knelpunten"].append(
                {"knelpunt_id": rng.choice(others), "text": "", "severity": rng.randint(2, 4)}
            )
    for key, before in basis["context"].items():
        a["context"][key] = "ja" if before == "ja" or rng.random() < 0.4 else before or "weet_niet"
    usage = list(cfg.usage_answers)
    for key in a["usage"]:
        a["usage"][key] = rng.choices(usage, [4, 4, 2, 1][: len(usage)])[0]
    a["next_workshop"] = rng.choices(list(cfg.next_answers), [3, 4, 2][: len(cfg.next_answers)])[0]
    a["support"] = rng.sample(list(cfg.support), k=rng.randint(0, 2))
    return a


def _participants(
    db: Database, wid: int, rng: random.Random, cfg: FollowupConfig, day: date
) -> None:
    for i in range(rng.choice([0, 1, 2, 3, 4, 5, 6, 8])):
        stamp = _stamp(day + timedelta(days=rng.randint(0, 20)), rng)
        cur = db.execute(
            "INSERT INTO followup_responses(workshop_id, session_hash, created_at, updated_at) "
            "VALUES (?, ?, ?, ?)",
            [wid, session_hash(wid, f"demo-{wid}-{i}"), stamp, stamp],
        )
        rid = last_id(cur)
        for item in cfg.participant_items.values():
            if rng.random() < 0.1:
                continue
            value = choice = text = None
            if item.kind == "likert":
                value = rng.choices([1, 2, 3, 4, 5], [1, 2, 4, 6, 3])[0]
            elif item.kind == "choice":
                choice = rng.choices([o.id for o in item.options], None)[0]
            elif rng.random() < 0.5:
                text = rng.choice(OPEN)
            else:
                continue
            db.execute(
                "INSERT INTO followup_answers(response_id, item_id, value, choice, text) "
                "VALUES (?, ?, ?, ?, ?)",
                [rid, item.id, value, choice, text],
            )


def seed_demo(
    db: Database,
    rng: random.Random,
    workshops_: list[dict[str, Any]],
    cat: Catalog,
    today: date,
    facts: dict[int, Facts] | None = None,
) -> None:
    """Sent report versions and follow-ups for the demo workshops (inside the demo transaction;
    runs after the recommendations seeder, whose facts per workshop it reuses)."""
    cfg = config()
    for ws in workshops_:
        if ws["status"] != "verslag verstuurd" or not ws.get("date"):
            continue
        local = random.Random(f"jep-followup-{ws['id']}-{ws['code']}")
        sent = min(ws["date"] + timedelta(days=local.randint(14, 38)), today - timedelta(days=1))
        _sent_version(db, ws, sent, local, (facts or {}).get(ws["id"]))
        due_on, remind_on = dates_for(sent, cfg)
        if due_on > today:
            continue
        roll = local.random()
        if roll > 0.85:  # nothing yet: due or overdue
            continue
        basis = fa.make_basis(db, ws["id"])
        created = min(due_on + timedelta(days=local.randint(0, 10)), today)
        submitted = roll < 0.72
        answers = _answers(basis, local, cfg, cat, complete=submitted)
        done_on = min(created + timedelta(days=local.randint(3, 40)), today)
        on_behalf = submitted and local.random() < 0.2
        reminded = (
            remind_on <= today and local.random() < 0.5 and (not submitted or done_on > remind_on)
        )
        db.execute(
            "INSERT INTO followups(workshop_id, report_version_id, sent_at, basis, answers, state, "
            "version, on_behalf, reminded_at, created_at, created_by, updated_at, updated_by, "
            "submitted_at, submitted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ws["id"],
                basis["report_version"]["id"],
                basis["report_version"]["sent_at"],
                json.dumps(basis, ensure_ascii=False),
                json.dumps(answers, ensure_ascii=False),
                "ingediend" if submitted else "concept",
                local.randint(1, 4),
                int(on_behalf),
                _stamp(remind_on, local) if reminded else None,
                _stamp(created, local),
                DEMO_ACTOR,
                _stamp(done_on, local),
                DEMO_ACTOR if on_behalf else f"gemeente:{ws['code']}",
                _stamp(done_on, local) if submitted else None,
                (DEMO_ACTOR if on_behalf else f"gemeente:{ws['code']}") if submitted else None,
            ],
        )
        fa.denormalise(db, ws["id"], basis, answers)
        if submitted and local.random() < 0.6:
            _participants(db, ws["id"], local, cfg, done_on)
