"""Recommendations from what a municipality and the day said in their own words (own knelpunten,
legal questions), one proposal per fact, and texts that follow the werkwijze and the law."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from support.report_data import ACTOR, CAT, DAY, held_workshop

from jep.reference.toml import CatalogError
from jep.report import engine, review, rules
from jep.report import facts as report_facts
from jep.workshop import intake, notes

RB = rules.rules()
OWN = "Na een signaal horen partners niets terug"
LABELS = report_facts.catalogue_labels(CAT)


def facts(**kw) -> report_facts.Facts:
    return report_facts.Facts(municipality="Testdorp", province="Utrecht", labels=LABELS, **kw)


def ids(recs) -> list[str]:
    return [r.id for r in recs]


def by_id(recs, rule_id: str) -> engine.Recommendation:
    return next(r for r in recs if r.id == rule_id)


# ---------------------------------------------------------------- free text as a trigger


def test_a_legal_question_about_schools_and_the_avg_proposes_agreements_with_schools():
    f = facts(
        legal_questions=[
            {
                "question": "Mag een docent zonder toestemming een zorg delen met de wijkagent?",
                "answer": "Een school heeft geen beroepsgeheim, maar de AVG geldt.",
            }
        ]
    )
    rec = by_id(engine.evaluate(f, RB), "scholen-afspraken")
    assert rec.reason == (
        "omdat tijdens het werkatelier de juridische vraag ‘Mag een docent zonder toestemming "
        "een zorg delen met de wijkagent?’ werd gesteld"
    )
    # a legal question that has nothing to do with schools does not
    other = facts(legal_questions=[{"question": "Wat is een convenant?", "answer": "Afspraken."}])
    assert "scholen-afspraken" not in ids(engine.evaluate(other, RB))


def test_a_knelpunt_the_municipality_added_itself_can_propose():
    f = facts(
        own_knelpunten=[
            {"text": "Scholen weten niet of zij leerlingdossiers mogen delen (AVG)", "severity": 4},
            {"text": "Jongeren radicaliseren online, ouders zien het niet", "severity": 3},
        ]
    )
    recs = engine.evaluate(f, RB)
    assert "in het voorgesprek zelf het knelpunt ‘Scholen weten niet of zij" in (
        by_id(recs, "scholen-afspraken").reason
    )
    assert "(ernst 4)" in by_id(recs, "scholen-afspraken").reason
    assert "‘Jongeren radicaliseren online" in by_id(recs, "breed-beeld-extremisme").reason
    # a word finds the words that start with it, not words that merely contain it
    assert engine.mentions("Het schoolbestuur twijfelt", ("school",))
    assert not engine.mentions("De hogeschool twijfelt", ("school",))
    assert engine.mentions("Partners horen niets meer", ("horen niets",))


def test_own_knelpunten_and_legal_questions_come_from_the_database(conn):
    wid = held_workshop(conn)
    record = intake.load(conn, wid)
    answers = record["answers"]
    answers["own_knelpunten"] = [{"text": OWN, "severity": 4}]
    errors, _ = intake.save(
        conn,
        wid,
        answers,
        record["version"],
        ACTOR,
        CAT,
        DAY - timedelta(days=60),  # the day the voorgesprek was held
        as_staff=True,
        privacy_confirmed=True,
    )
    assert not errors, errors
    errors, _ = notes.add(
        conn,
        wid,
        {"kind": "juridisch", "text": "Mag de mentor de ouders om toestemming vragen?"},
        ACTOR,
        CAT,
        privacy_confirmed=True,
    )
    assert not errors
    f = report_facts.gather_facts(conn, wid)
    assert f.own_knelpunten == [{"text": OWN, "severity": 4}]
    assert f.legal_questions[0]["question"] == "Mag de mentor de ouders om toestemming vragen?"
    recs = review.review(conn, wid, RB).items
    reasons = {i.current.id: i.current.reason for i in recs}
    assert f"‘{OWN}’ (ernst 4)" in reasons["terugkoppeling-afspreken"]
    assert "‘Mag de mentor de ouders om toestemming vragen?’" in reasons["toestemming-leeftijd"]
    assert "‘Mag de mentor de ouders om toestemming vragen?’" in reasons["scholen-afspraken"]


def test_a_mentions_condition_is_checked_when_loaded(tmp_path: Path):
    base = (Path(rules.DATA_DIR) / "recommendations.toml").read_text(encoding="utf-8")
    bad = base.replace(
        'words = ["toestemming"] }', 'source = ["notulen"], words = ["toestemming"] }'
    )
    path = tmp_path / "recommendations.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(CatalogError, match="toestemming-leeftijd.*source moet een lijst"):
        rules.load_rules(path)
    path.write_text(base.replace('words = ["toestemming"] }', "words = [] }"), encoding="utf-8")
    with pytest.raises(CatalogError, match="'words' moet een lijst van woorden zijn"):
        rules.load_rules(path)


# ---------------------------------------------------------------- one proposal per fact


def test_two_proposals_from_the_same_fact_are_merged():
    nobody_from_safety = facts(
        basis="aanwezig",
        domains={"jeugd": 3, "onderwijs": 2, "veiligheid": 0},
        sectors={"jeugdhulp": 3, "onderwijs": 2},
    )
    recs = engine.evaluate(nobody_from_safety, RB)
    merged = by_id(recs, "werkatelier-verbreden")
    assert "veiligheidsdomein-betrekken" not in ids(recs)
    assert merged.merged == ("veiligheidsdomein-betrekken",)
    assert merged.priority == 1  # the highest of the two
    assert merged.title == "Herhaal of verbreed het werkatelier voor de domeinen die ontbraken"
    first, second = merged.text.split("\n\n")
    assert "niemand uit het domein veiligheid" in first and "wijkagent" in second
    assert merged.reason == ("omdat er niemand uit het domein ‘Veiligheid’ onder de aanwezigen was")
    # rules of one topic from different facts stay apart
    apart = facts(knelpunten={"juridische-kaders": 3}, note_counts={"juridisch": 3})
    legal = by_id(engine.evaluate(apart, RB), "juridische-handreiking")
    assert legal.merged == ("juridisch-spreekuur",)  # both from the 3 legal questions …
    alone = facts(knelpunten={"juridische-kaders": 3})
    assert by_id(engine.evaluate(alone, RB), "juridische-handreiking").merged == ()


def test_a_decision_on_a_merged_rule_is_not_shown_as_stale(conn):
    wid = held_workshop(
        conn,
        sectors={"jeugdhulp": 2, "onderwijs": 1},
        present={"jeugdhulp": 2, "onderwijs": 1},
    )
    review.decide(conn, wid, "veiligheidsdomein-betrekken", "aanvaard", ACTOR, RB)
    rv = review.review(conn, wid, RB)
    assert "veiligheidsdomein-betrekken" not in [r.id for r in rv.stale]
    assert "werkatelier-verbreden" in [i.current.id for i in rv.items]


# ---------------------------------------------------------------- texts


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:;])\s+", text) if s]


def test_texts_do_not_make_the_conversation_with_the_young_person_come_first():
    """The werkwijze leaves the order open and a conversation with the young person happens only
    where it is safe: no text says to do it 'eerst', and every text that asks for it says 'als
    dat veilig kan'."""
    talk = re.compile(r"gesprek met de jongere|bespreek .* met de jongere|met de jongere .*bespre")
    for rule in RB.rules:
        for text in (rule.title, rule.text):
            for sentence in _sentences(text):
                low = sentence.casefold()
                if talk.search(low):
                    assert "eerst" not in low, (rule.id, sentence)
                    assert "veilig" in low, (rule.id, sentence)
    step3 = next(s for s in CAT.steps if s.number == 3)
    assert "veilig" in step3.text


def test_consent_ages_are_given_per_legal_regime():
    text = RB.get("toestemming-leeftijd").text
    assert "WGBO" in text and "Jeugdwet" in text
    care, school = text.split("Waar toestemming onder de AVG")
    assert "onder de 12" in care and "12 tot en met 15" in care and "vanaf 16" in care
    assert "school" in school and "ouders toestemming voor een kind onder de 16" in school
    # no other text gives the ages as one rule for everyone
    for rule in RB.rules:
        if rule.id != "toestemming-leeftijd":
            assert "16 jaar" not in rule.text and "onder de 12" not in rule.text, rule.id
