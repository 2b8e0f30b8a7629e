"""Test data for the follow-up tests: a workshop whose report was sent, built through the public
functions of intake, planning, participants, review and versions (not a test module itself)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlite_utils import Database

from jep.followup import answers as fa
from jep.reference.catalog import catalog
from jep.report import review, rules, versions
from support.report_data import ACTOR, held_workshop

CAT = catalog()
RB = rules.rules()
SENT_DAY = date(2026, 11, 30)


def sent_workshop(d: Database, code: str = "GM0344", **kwargs: Any) -> tuple[int, dict]:
    """A held workshop (four knelpunten of severity 4, 4, 3 and 2 unless given) with two accepted
    recommendations, one rejected and one own, whose report version was made and marked as sent.
    Returns (workshop id, the stored version)."""
    kwargs.setdefault(
        "knelpunten",
        {
            "geen-terugkoppeling": 4,
            "meldstructuur-onbekend": 4,
            "smal-beeld": 3,
            "juridische-kaders": 2,
        },
    )
    wid = held_workshop(d, code, **kwargs)
    rv = review.review(d, wid, RB)
    ids = [i.proposal.id for i in rv.items]
    assert len(ids) >= 2, ids
    review.decide(d, wid, ids[0], "aanvaard", ACTOR, RB)
    review.decide(d, wid, ids[1], "aanvaard", ACTOR, RB)
    for rid in ids[2:3]:
        review.decide(d, wid, rid, "afgewezen", ACTOR, RB)
    errors, _ = review.add_own(
        d,
        wid,
        {
            "title": "Eigen afspraak",
            "text": "Spreek elkaar elk kwartaal.",
            "owner": "gemeente",
            "priority": 2,
        },
        ACTOR,
        RB,
    )
    assert not errors, errors
    made = versions.create_version(d, wid, ACTOR)
    versions.mark_sent(d, wid, made["id"], ACTOR, SENT_DAY)
    return wid, made


def complete_answers(record: dict[str, Any], severity: int = 2) -> dict[str, Any]:
    """A complete answer document for `record` (every question answered)."""
    a = fa.empty_answers(record["basis"])
    a["contact"] = {
        "name": "Fenna de Boer",
        "role": "beleidsadviseur OOV",
        "email": "",
        "phone": "",
    }
    for i, rid in enumerate(a["recommendations"]):
        a["recommendations"][rid] = {
            "status": "uitgevoerd" if i == 0 else "nog-niet-gestart",
            "role": "contactpunt" if i == 0 else None,
            "helped": "Steun van de wethouder." if i == 0 else "",
            "blocked": "",
        }
    for kid in a["knelpunten"]:
        a["knelpunten"][kid] = {"severity": severity, "note": ""}
    a["context"] = dict.fromkeys(a["context"], "ja")
    a["usage"] = dict.fromkeys(a["usage"], "soms")
    a["next_workshop"] = "misschien"
    return a
