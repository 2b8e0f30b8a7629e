"""The recommendation engine: each kind of condition, the reasons in Dutch, the order, determinism,
the rule file's validation, facts from the database and staff's review."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.report_data import ACTOR, CAT, add_notes, add_response, held_workshop

from jep.evaluation import questionnaire
from jep.evaluation import stats as es
from jep.reference.toml import CatalogError
from jep.report import engine, review, rules
from jep.report import facts as report_facts
from jep.store import audit

RB = rules.rules()
Q = questionnaire.questionnaire()
LABELS = report_facts.catalogue_labels(CAT)
SIGNAL_ITEM = "Ik weet wat er gebeurt met een signaal dat ik deel."


def facts(**kw) -> report_facts.Facts:
    return report_facts.Facts(municipality="Testdorp", province="Utrecht", labels=LABELS, **kw)


def item(text: str, n: int, before: float | None, now: float, kind: str = "prepost") -> dict:
    gain = None if before is None else now - before
    return {
        "text": text,
        "short": text[:10],
        "kind": kind,
        "n": n,
        "before": before,
        "now": now,
        "gain": gain,
    }


def ids(recs: list[engine.Recommendation]) -> list[str]:
    return [r.id for r in recs]


def by_id(recs: list[engine.Recommendation], rule_id: str) -> engine.Recommendation:
    return next(r for r in recs if r.id == rule_id)


# ---------------------------------------------------------------- a small rule base per kind

HEAD = """
[owners]
gemeente = "Gemeente"
organisaties = "Organisaties"
professionals = "Professionals"

[priorities]
1 = "hoog"
2 = "middel"
3 = "laag"

[defaults]
min_respondents = 3
"""


def rule(rid: str, when: str, priority: int = 2, text: str = "Doe iets in {gemeente}.") -> str:
    return (
        f'\n[[rule]]\nid = "{rid}"\ntitle = "Titel {rid}"\ntext = "{text}"\nowner = "gemeente"\n'
        f"priority = {priority}\nwhen = {when}\n"
    )


def load(tmp_path: Path, *rule_texts: str) -> rules.RuleBase:
    path = tmp_path / "recommendations.toml"
    path.write_text(HEAD + "".join(rule_texts), encoding="utf-8")
    return rules.load_rules(path, CAT, Q)


def test_knelpunt_needs_the_minimum_severity(tmp_path):
    rb = load(
        tmp_path,
        rule(
            "r", '[[{ kind = "knelpunt", knelpunt = "meldstructuur-onbekend", min_severity = 3 }]]'
        ),
    )
    assert engine.evaluate(facts(knelpunten={"meldstructuur-onbekend": 2}), rb) == []
    (rec,) = engine.evaluate(facts(knelpunten={"meldstructuur-onbekend": 3}), rb)
    assert rec.reason == (
        "omdat in het voorgesprek ‘Meldstructuur onbekend’ als knelpunt met ernst 3 werd genoemd"
    )
    assert rec.text == "Doe iets in Testdorp."


def test_context_answers(tmp_path):
    rb = load(
        tmp_path,
        rule(
            "r",
            '[[{ kind = "context", question = "contactpunt", answers = ["nee", "weet_niet"] }]]',
        ),
    )
    assert engine.evaluate(facts(context={"contactpunt": "ja"}), rb) == []
    assert engine.evaluate(facts(context={}), rb) == []
    (rec,) = engine.evaluate(facts(context={"contactpunt": "nee"}), rb)
    assert rec.reason == (
        "omdat in het voorgesprek op de vraag ‘Heeft de gemeente een contactpunt "
        "radicalisering?’ ‘Nee’ werd geantwoord"
    )


def test_domain_missing_only_when_the_mix_is_known(tmp_path):
    rb = load(tmp_path, rule("r", '[[{ kind = "domain_missing", domain = "veiligheid" }]]'))
    nobody = dict.fromkeys(CAT.domains, 0)
    assert engine.evaluate(facts(basis="geen", domains=nobody), rb) == []
    (rec,) = engine.evaluate(facts(basis="aanwezig", domains={**nobody, "jeugd": 4}), rb)
    assert rec.reason == "omdat er niemand uit het domein ‘Veiligheid’ onder de aanwezigen was"
    (rec,) = engine.evaluate(facts(basis="aangemeld", domains={**nobody, "jeugd": 4}), rb)
    assert rec.reason.endswith("onder de aanmeldingen was")
    assert engine.evaluate(facts(basis="aanwezig", domains={**nobody, "veiligheid": 1}), rb) == []


def test_sector_missing_mentions_what_was_desired(tmp_path):
    rb = load(tmp_path, rule("r", '[[{ kind = "sector_missing", sector = "onderwijs" }]]'))
    (rec,) = engine.evaluate(
        facts(basis="aanwezig", sectors={"onderwijs": 0, "jgz": 3}, desired={"onderwijs": 2}), rb
    )
    assert rec.reason == (
        "omdat er niemand uit de sector ‘Onderwijs’ onder de aanwezigen was "
        "(in het voorgesprek waren er 2 gewenst)"
    )


def test_item_now_needs_enough_answers_and_stays_below(tmp_path):
    rb = load(
        tmp_path,
        rule(
            "r", '[[{ kind = "item", item = "net-terugkoppeling", measure = "now", below = 3.5 }]]'
        ),
    )
    few = {"net-terugkoppeling": item(SIGNAL_ITEM, 2, 1.0, 2.0)}
    assert engine.evaluate(facts(items=few), rb) == []  # fewer than min_respondents (3)
    at = {"net-terugkoppeling": item(SIGNAL_ITEM, 3, 2.0, 3.5)}
    assert engine.evaluate(facts(items=at), rb) == []  # "below" is strict
    low = {"net-terugkoppeling": item(SIGNAL_ITEM, 3, 2.0, 3.25)}
    (rec,) = engine.evaluate(facts(items=low), rb)
    assert rec.reason == (
        "omdat de stelling ‘Ik weet wat er gebeurt met een signaal dat ik deel’ na afloop "
        "gemiddeld 3,2 scoorde"
    )


def test_item_gain(tmp_path):
    rb = load(
        tmp_path,
        rule("r", '[[{ kind = "item", item = "zorg-stappen", measure = "gain", below = 0.5 }]]'),
    )
    text = "Ik ken de stappen van de Werkwijze informatie delen."
    (rec,) = engine.evaluate(facts(items={"zorg-stappen": item(text, 4, 2.0, 2.3)}), rb)
    assert rec.reason == (
        "omdat de score op de stelling ‘Ik ken de stappen van de Werkwijze informatie delen’ "
        "gemiddeld maar 0,3 punt steeg (van 2,0 naar 2,3)"
    )
    (rec,) = engine.evaluate(facts(items={"zorg-stappen": item(text, 4, 3.0, 2.75)}), rb)
    assert "gemiddeld niet steeg (van 3,0 naar 2,8)" in rec.reason
    assert engine.evaluate(facts(items={"zorg-stappen": item(text, 4, 2.0, 3.0)}), rb) == []


def test_goal_with_its_own_minimum(tmp_path):
    rb = load(
        tmp_path,
        rule(
            "r", '[[{ kind = "goal", goal = "netwerk", measure = "now", below = 3.0, min_n = 2 }]]'
        ),
    )
    goal = {"title": "Netwerk", "n": 2, "before": 2.0, "now": 2.9, "gain": 0.9}
    (rec,) = engine.evaluate(facts(goals={"netwerk": goal}), rb)
    assert rec.reason == "omdat het doel ‘Netwerk’ na afloop gemiddeld 2,9 scoorde"
    assert engine.evaluate(facts(goals={"netwerk": {**goal, "n": 1}}), rb) == []


def test_knelpunt_confirmed_or_new_on_the_day(tmp_path):
    rb = load(
        tmp_path,
        rule("any", '[[{ kind = "day_knelpunt", knelpunt = "regie-rollen" }]]'),
        rule("new", '[[{ kind = "day_knelpunt", knelpunt = "regie-rollen", status = "nieuw" }]]'),
    )
    confirmed = engine.evaluate(facts(day_knelpunten={"regie-rollen": "bevestigd"}), rb)
    assert ids(confirmed) == ["any"]
    assert confirmed[0].reason == (
        "omdat ‘Regie en rollen onduidelijk’ tijdens het werkatelier als knelpunt werd bevestigd"
    )
    new = engine.evaluate(facts(day_knelpunten={"regie-rollen": "nieuw"}), rb)
    assert ids(new) == ["any", "new"]
    assert new[1].reason.endswith("tijdens het werkatelier als nieuw knelpunt naar voren kwam")


def test_notes_counts_and_steps(tmp_path):
    rb = load(
        tmp_path,
        rule("legal", '[[{ kind = "notes", note_kind = "juridisch", min_count = 2 }]]'),
        rule("step", '[[{ kind = "notes", note_kind = "dilemma", step = 6 }]]'),
    )
    assert engine.evaluate(facts(note_counts={"juridisch": 1}), rb) == []
    recs = engine.evaluate(facts(note_counts={"juridisch": 3}, dilemma_steps={6: 2}), rb)
    assert by_id(recs, "legal").reason == (
        "omdat er tijdens het werkatelier 3 juridische vragen werden gesteld"
    )
    assert by_id(recs, "step").reason == (
        "omdat 2 besproken dilemma’s over stap 6 ‘Toestemming vragen’ gingen"
    )
    (one,) = engine.evaluate(facts(dilemma_steps={6: 1}), rb)
    assert (
        one.reason == "omdat een van de besproken dilemma’s over stap 6 ‘Toestemming vragen’ ging"
    )


def test_all_conditions_of_an_alternative_must_hold(tmp_path):
    rb = load(
        tmp_path,
        rule(
            "r",
            '[[{ kind = "knelpunt", knelpunt = "smal-beeld" }, '
            '{ kind = "context", question = "pga", answers = ["weet_niet"] }]]',
        ),
    )
    assert engine.evaluate(facts(knelpunten={"smal-beeld": 5}), rb) == []
    assert engine.evaluate(facts(context={"pga": "weet_niet"}), rb) == []
    (rec,) = engine.evaluate(facts(knelpunten={"smal-beeld": 5}, context={"pga": "weet_niet"}), rb)
    assert rec.reason == (
        "omdat in het voorgesprek op de vraag ‘Is er een casusoverleg radicalisering "
        "(persoonsgerichte aanpak, PGA)?’ ‘Weet ik niet’ werd geantwoord en "
        "‘Smal beeld van radicalisering’ als knelpunt met ernst 5 werd genoemd"
    )


def test_several_knelpunten_make_one_phrase(tmp_path):
    rb = load(
        tmp_path,
        rule(
            "r",
            '[[{ kind = "knelpunt", knelpunt = "smal-beeld" }], '
            '[{ kind = "knelpunt", knelpunt = "dossiervorming" }], '
            '[{ kind = "notes", note_kind = "oplossing" }]]',
        ),
    )
    (rec,) = engine.evaluate(
        facts(knelpunten={"smal-beeld": 4, "dossiervorming": 2}, note_counts={"oplossing": 1}), rb
    )
    assert rec.reason == (
        "omdat in het voorgesprek ‘Smal beeld van radicalisering’ (ernst 4) en ‘Gebrekkige "
        "dossiervorming’ (ernst 2) als knelpunten werden genoemd en er tijdens het werkatelier de "
        "deelnemers zelf een oplossing aandroegen"
    )


def test_example_reason_of_the_issue():
    """The real rule base gives the reason the issue asks for, word for word."""
    recs = engine.evaluate(
        facts(
            knelpunten={"geen-terugkoppeling": 4},
            items={"net-terugkoppeling": item(SIGNAL_ITEM, 9, 2.0, 2.6)},
        ),
        RB,
    )
    assert by_id(recs, "terugkoppeling-afspreken").reason == (
        "omdat in het voorgesprek ‘Geen terugkoppeling’ als knelpunt met ernst 4 werd genoemd en "
        "de stelling ‘Ik weet wat er gebeurt met een signaal dat ik deel’ na afloop gemiddeld 2,6 "
        "scoorde"
    )
    assert engine.reason_sentence(by_id(recs, "terugkoppeling-afspreken").reason).startswith(
        "Omdat in het voorgesprek"
    )


# ---------------------------------------------------------------- order and determinism


def test_sorted_by_priority_then_id(tmp_path):
    when = '[[{ kind = "knelpunt", knelpunt = "smal-beeld" }]]'
    rb = load(
        tmp_path,
        rule("z-laag", when, priority=3),
        rule("b-hoog", when, priority=1),
        rule("m-middel", when, priority=2),
        rule("a-hoog", when, priority=1),
    )
    assert ids(engine.evaluate(facts(knelpunten={"smal-beeld": 1}), rb)) == [
        "a-hoog",
        "b-hoog",
        "m-middel",
        "z-laag",
    ]


def _all_true_facts() -> report_facts.Facts:
    return facts(
        knelpunten={k: 5 for k in CAT.knelpunten},
        context=dict.fromkeys(
            ("contactpunt", "pga", "convenant", "zvh", "aandachtsfunctionarissen"), "nee"
        ),
        basis="aanwezig",
        domains=dict.fromkeys(CAT.domains, 0),
        sectors=dict.fromkeys(CAT.sectors, 0),
        items={
            i.id: item(i.text, 10, 1.0, 1.2, i.kind)
            for i in Q.items.values()
            if i.kind in ("prepost", "likert")
        },
        goals={
            g.id: {"title": g.title, "n": 10, "before": 1.0, "now": 1.2, "gain": 0.2}
            for g in Q.goals
        },
        day_knelpunten=dict.fromkeys(CAT.knelpunten, "nieuw"),
        note_counts=dict.fromkeys(("dilemma", "juridisch", "knelpunt", "oplossing"), 9),
        dilemma_steps={s.number: 2 for s in CAT.steps},
    )


def test_deterministic_whatever_the_order_of_the_facts():
    f = _all_true_facts()
    first = engine.evaluate(f, RB)
    assert first == engine.evaluate(f, RB)
    shuffled = {}
    for name in ("knelpunten", "items", "goals", "day_knelpunten", "domains"):
        pairs = list(getattr(f, name).items())
        random.Random(7).shuffle(pairs)
        shuffled[name] = dict(pairs)
    assert engine.evaluate(replace(f, **shuffled), RB) == first


def test_every_rule_of_the_file_can_fire_and_fills_its_placeholders():
    recs = engine.evaluate(_all_true_facts(), RB)
    assert [(r.priority, r.id) for r in recs] == sorted((r.priority, r.id) for r in recs)
    # every rule fires: on its own, or folded into a rule of its topic from the same fact
    assert set(ids(recs)) | {m for r in recs for m in r.merged} == {r.id for r in RB.rules}
    for r in recs:
        assert "{" not in r.text and "}" not in r.text, r.id
        assert r.reason.startswith("omdat "), r.id
        assert "Testdorp" in r.text or "{gemeente}" not in RB.get(r.id).text
    werkatelier = by_id(recs, "werkatelier-verbreden")
    assert "de domeinen jeugd, onderwijs en veiligheid" in werkatelier.text
    assert werkatelier.reason == (
        "omdat er niemand uit de domeinen ‘Jeugd’, ‘Onderwijs’ en ‘Veiligheid’ onder de "
        "aanwezigen was"
    )
    assert "veiligheidsdomein-betrekken" in werkatelier.merged
    legal = by_id(recs, "juridische-handreiking")
    assert legal.merged == ("juridisch-spreekuur",)
    assert "Tijdens het werkatelier kwamen 9 juridische vragen op" in legal.text


@settings(max_examples=60, deadline=None)
@given(
    severities=st.dictionaries(st.sampled_from(sorted(CAT.knelpunten)), st.integers(1, 5)),
    answers=st.dictionaries(
        st.sampled_from(["contactpunt", "pga", "convenant", "zvh", "aandachtsfunctionarissen"]),
        st.sampled_from(["ja", "nee", "weet_niet"]),
    ),
    now=st.floats(1, 5, allow_nan=False),
    n=st.integers(0, 15),
)
def test_property_sorted_reasoned_and_repeatable(severities, answers, now, n):
    f = facts(
        knelpunten=severities,
        context=answers,
        items={"net-wie": item("Ik weet bij wie ik terecht kan.", n, 1.0, now)},
    )
    recs = engine.evaluate(f, RB)
    assert recs == engine.evaluate(f, RB)
    assert [(r.priority, r.id) for r in recs] == sorted((r.priority, r.id) for r in recs)
    assert all(r.reason.startswith("omdat ") and r.reason.count("omdat") == 1 for r in recs)


# ---------------------------------------------------------------- the rule file


def test_placeholders(tmp_path):
    rb = load(
        tmp_path,
        rule(
            "r",
            '[[{ kind = "knelpunt", knelpunt = "smal-beeld" }, '
            '{ kind = "item", item = "net-wie", measure = "now", below = 4 }]]',
            text="In {gemeente} ({provincie}): ernst {ernst.smal-beeld}, nu {nu.net-wie}, "
            "vóór {voor.net-wie}, {{letterlijk}}.",
        ),
    )
    (rec,) = engine.evaluate(
        facts(knelpunten={"smal-beeld": 4}, items={"net-wie": item("x", 5, 2.0, 3.25)}), rb
    )
    assert rec.text == "In Testdorp (Utrecht): ernst 4, nu 3,2, vóór 2,0, {letterlijk}."


@pytest.mark.parametrize(
    ("when", "text", "message"),
    [
        ('[[{ kind = "knelpunt", knelpunt = "bestaat-niet" }]]', "x", "onbekend knelpunt"),
        ('[[{ kind = "raadsel" }]]', "x", "onbekende soort voorwaarde"),
        ('[[{ kind = "context", question = "pga", answers = ["misschien"] }]]', "x", "answers"),
        ('[[{ kind = "item", item = "net-wie", measure = "now" }]]', "x", "'below'"),
        (
            '[[{ kind = "item", item = "aanbevelen", measure = "gain", below = 1 }]]',
            "x",
            "geen vóór-score",
        ),
        ('[[{ kind = "notes", note_kind = "juridisch", step = 2 }]]', "x", "step 2"),
        ('[[{ kind = "knelpunt", knelpunt = "smal-beeld", kleur = "rood" }]]', "x", "kleur"),
        ("[]", "x", "lijst van alternatieven"),
        ('[[{ kind = "knelpunt", knelpunt = "smal-beeld" }]]', "{onbekend}", "onbekende invulplek"),
        (
            '[[{ kind = "knelpunt", knelpunt = "smal-beeld" }], [{ kind = "context", '
            'question = "pga", answers = ["nee"] }]]',
            "{ernst.smal-beeld}",
            "in elk alternatief",
        ),
        ('[[{ kind = "knelpunt", knelpunt = "smal-beeld" }]]', "open { haakje", "losse accolade"),
    ],
)
def test_a_broken_rule_names_the_file_and_the_rule(tmp_path, when, text, message):
    with pytest.raises(CatalogError) as err:
        load(tmp_path, rule("kapotte-regel", when, text=text))
    assert "recommendations.toml" in str(err.value)
    assert "kapotte-regel" in str(err.value)
    assert message in str(err.value)


def test_duplicate_ids_and_bad_owner(tmp_path):
    when = '[[{ kind = "knelpunt", knelpunt = "smal-beeld" }]]'
    with pytest.raises(CatalogError, match="twee keer"):
        load(tmp_path, rule("dubbel", when), rule("dubbel", when))
    path = tmp_path / "recommendations.toml"
    path.write_text(HEAD + rule("r", when).replace('owner = "gemeente"', 'owner = "wethouder"'))
    with pytest.raises(CatalogError, match="owner"):
        rules.load_rules(path, CAT, Q)


# ---------------------------------------------------------------- facts from the database


def test_gather_facts_from_the_database(conn):
    wid = held_workshop(
        conn,
        knelpunten={"geen-terugkoppeling": 4},
        context={
            "contactpunt": "nee",
            "pga": "ja",
            "convenant": "weet_niet",
            "zvh": "ja",
            "aandachtsfunctionarissen": "ja",
        },
        sectors={"jeugdhulp": 2, "onderwijs": 1, "veiligheid": 1},
        present={"jeugdhulp": 2, "onderwijs": 1},
    )
    for before, now in ((2, 3), (2, 2), (3, 3)):
        add_response(conn, wid, {"net-terugkoppeling": (before, now)})
    add_notes(conn, wid)
    f = report_facts.gather_facts(conn, wid)
    assert f.municipality == "Utrecht"
    assert f.knelpunten == {"geen-terugkoppeling": 4}
    assert f.context["contactpunt"] == "nee"
    assert f.basis == "aanwezig"
    assert f.domains["veiligheid"] == 0 and f.domains["jeugd"] == 2
    assert f.respondents == 3
    stats = es.item_stats(conn, workshop_ids=[wid]).set_index("item_id")
    assert f.items["net-terugkoppeling"]["now"] == pytest.approx(
        stats.loc["net-terugkoppeling", "now_mean"]
    )
    assert f.day_knelpunten == {"geen-terugkoppeling": "bevestigd"}
    assert f.note_counts == {"dilemma": 1, "juridisch": 1, "knelpunt": 2, "oplossing": 1}
    assert f.dilemma_steps == {5: 1}
    recs = engine.evaluate(f, RB)
    reason = by_id(recs, "terugkoppeling-afspreken").reason
    assert "‘Geen terugkoppeling’ als knelpunt met ernst 4 werd genoemd" in reason
    assert "na afloop gemiddeld 2,7 scoorde" in reason
    assert "als knelpunt werd bevestigd" in reason
    # nobody from veiligheid: the two rules of that one fact are one proposal
    missing = by_id(recs, "werkatelier-verbreden")
    assert missing.merged == ("veiligheidsdomein-betrekken",) and missing.priority == 1
    assert "veiligheidsdomein-betrekken" not in ids(recs)
    # the legal question of the day about a school and the AVG
    assert f.legal_questions == [
        {
            "question": "Mag de school delen met de wijkagent?",
            "answer": "Alleen met een grondslag onder de AVG.",
        }
    ]
    assert "de juridische vraag ‘Mag de school delen met de wijkagent?’ werd gesteld" in (
        by_id(recs, "scholen-afspraken").reason
    )
    assert report_facts.gather_facts(conn, wid) == f  # the same database, the same facts


def test_review_accept_reject_reword_and_own(conn):
    wid = held_workshop(
        conn, knelpunten={"geen-terugkoppeling": 4, "smal-beeld": 4, "dossiervorming": 4}
    )
    rv = review.review(conn, wid, RB)
    proposed = ids([i.proposal for i in rv.items])
    assert {"terugkoppeling-afspreken", "breed-beeld-extremisme", "dossiervorming-trainen"} <= set(
        proposed
    )
    assert len(rv.undecided) == len(proposed) and rv.final() == []

    review.decide(conn, wid, "terugkoppeling-afspreken", "aanvaard", ACTOR, RB)
    review.decide(conn, wid, "breed-beeld-extremisme", "afgewezen", ACTOR, RB, note="al geregeld")
    errors = review.reword(
        conn,
        wid,
        "dossiervorming-trainen",
        {
            "title": "Oefen met dossiervorming",
            "text": "Eigen tekst.",
            "owner": "professionals",
            "priority": 1,
        },
        ACTOR,
        RB,
    )
    assert errors == {}
    errors, own_id = review.add_own(
        conn,
        wid,
        {
            "title": "Vervolgbijeenkomst",
            "text": "Over een half jaar.",
            "owner": "gemeente",
            "priority": 3,
            "reason": "",
        },
        ACTOR,
        RB,
    )
    assert errors == {} and own_id.startswith("eigen-")

    rv = review.review(conn, wid, RB)
    final = rv.final()
    assert ids(final) == ["dossiervorming-trainen", "terugkoppeling-afspreken", own_id]
    reworded = final[0]
    assert (reworded.title, reworded.text, reworded.owner, reworded.reworded) == (
        "Oefen met dossiervorming",
        "Eigen tekst.",
        "professionals",
        True,
    )
    assert reworded.reason  # the reason stays the engine's
    assert "breed-beeld-extremisme" not in ids(final)
    assert set(ids(rv.final(include_undecided=True))) == set(ids(final)) | {
        r.id for r in rv.undecided
    }
    actions = set(audit.entries(conn)["action"])
    assert {
        "aanbeveling aanvaard",
        "aanbeveling afgewezen",
        "aanbeveling herschreven",
        "eigen aanbeveling toegevoegd",
    } <= actions

    review.reset_wording(conn, wid, "dossiervorming-trainen", ACTOR)
    again = by_id(review.review(conn, wid, RB).final(), "dossiervorming-trainen")
    assert again.title == RB.get("dossiervorming-trainen").title and not again.reworded
    review.decide(conn, wid, "terugkoppeling-afspreken", None, ACTOR, RB)
    assert "terugkoppeling-afspreken" in ids(review.review(conn, wid, RB).undecided)
    assert review.delete_own(conn, wid, own_id, ACTOR)
    assert own_id not in ids(review.review(conn, wid, RB).final())


def test_reword_to_the_same_text_is_no_rewording(conn):
    wid = held_workshop(conn, knelpunten={"smal-beeld": 4})
    original = by_id(
        [i.proposal for i in review.review(conn, wid, RB).items], "breed-beeld-extremisme"
    )
    raw = {
        "title": original.title,
        "text": original.text,
        "owner": original.owner,
        "priority": original.priority,
    }
    assert review.reword(conn, wid, original.id, raw, ACTOR, RB) == {}
    now = by_id(review.review(conn, wid, RB).final(), original.id)
    assert now.decision == "aanvaard" and not now.reworded


def test_staff_texts_are_checked(conn):
    wid = held_workshop(conn)
    errors, _ = review.add_own(
        conn, wid, {"title": "", "text": "", "owner": "x", "priority": 9}, ACTOR, RB
    )
    assert set(errors) == {"title", "text", "owner", "priority"}
    raw = {
        "title": "Bellen",
        "text": "Bel de moeder op 06-12345678.",
        "owner": "gemeente",
        "priority": 2,
    }
    errors, _ = review.add_own(conn, wid, raw, ACTOR, RB)
    assert set(errors) == {"privacy.text"} and "telefoonnummer" in errors["privacy.text"]
    errors, own_id = review.add_own(conn, wid, raw, ACTOR, RB, privacy_confirmed=True)
    assert errors == {} and own_id
    errors = review.reword(
        conn, wid, "terugkoppeling-afspreken", {**raw, "title": "Jan (15) belt"}, ACTOR, RB
    )
    assert "privacy.title" in errors
    with pytest.raises(ValueError, match="Onbekende aanbeveling"):
        review.decide(conn, wid, "bestaat-niet", "aanvaard", ACTOR, RB)


def test_the_same_own_recommendation_twice_in_a_row_is_stored_once(conn):
    wid = held_workshop(conn)
    raw = {"title": "Plan een vervolg", "text": "Over een half jaar.", "owner": "gemeente"}
    raw["priority"] = 3
    errors, first = review.add_own(conn, wid, raw, ACTOR, RB)
    assert not errors and first
    errors, second = review.add_own(conn, wid, raw, ACTOR, RB)  # a second click
    assert second is None and "zojuist al toegevoegd" in errors["form"]
    assert [r.title for r in review.review(conn, wid, RB).own] == ["Plan een vervolg"]
    assert review.add_own(conn, wid, {**raw, "text": "Over een jaar."}, ACTOR, RB)[1]


def test_a_decision_on_a_rule_that_no_longer_applies_is_kept_apart(conn):
    wid = held_workshop(conn, knelpunten={"smal-beeld": 4})
    review.decide(conn, wid, "breed-beeld-extremisme", "aanvaard", ACTOR, RB)
    conn.execute("UPDATE intake_knelpunten SET severity = 1 WHERE workshop_id = ?", [wid])
    conn.conn.commit()
    rv = review.review(conn, wid, RB)
    assert ids(rv.stale) == ["breed-beeld-extremisme"]
    assert "breed-beeld-extremisme" not in ids(rv.final())


def test_an_own_recommendation_changed_meanwhile_is_not_overwritten(conn):
    wid = held_workshop(conn)
    raw = {"title": "Plan een vervolg", "text": "Over een half jaar.", "owner": "gemeente"}
    raw["priority"] = 3
    errors, own_id = review.add_own(conn, wid, {**raw, "reason": None}, ACTOR, RB)
    assert not errors and own_id
    opened = {**raw, "reason": ""}  # what the edit form started from (reason stored as NULL)
    colleague = {**raw, "text": "Over een jaar."}
    assert review.update_own(conn, wid, own_id, colleague, "collega", RB, expected=opened) == {}
    mine = {**raw, "title": "Plan een vervolgbijeenkomst"}
    errors = review.update_own(conn, wid, own_id, mine, ACTOR, RB, expected=opened)
    assert "intussen gewijzigd" in errors["form"]
    (rec,) = review.review(conn, wid, RB).own
    assert (rec.title, rec.text) == ("Plan een vervolg", "Over een jaar.")
    now_shown = {f: getattr(rec, f) for f in review.OWN_FIELDS}
    assert review.update_own(conn, wid, own_id, mine, ACTOR, RB, expected=now_shown) == {}
    review.delete_own(conn, wid, own_id, ACTOR)
    errors = review.update_own(conn, wid, own_id, mine, ACTOR, RB, expected=now_shown)
    assert "bestaat niet meer" in errors["form"]
