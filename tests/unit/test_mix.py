"""The participant mix: tables, warnings and suggestions driven by data/mix_rules.toml, charts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jep.reference.catalog import catalog
from jep.reference.toml import DATA_DIR, CatalogError
from jep.workshop import charts as charts_mix
from jep.workshop import mix

CAT = catalog()
RULES = mix.load_rules()


def people(*specs: tuple[str, int], status="aangemeld", attended=None) -> pd.DataFrame:
    rows = []
    for sector, n in specs:
        for i in range(n):
            rows.append(
                {
                    "name": f"{sector} {i}",
                    "sector_id": sector,
                    "status": status,
                    "attended": attended,
                }
            )
    return pd.DataFrame(rows, columns=["name", "sector_id", "status", "attended"])


def both(registered: pd.DataFrame, waiting: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([registered, waiting], ignore_index=True)


def codes(ws: list[mix.MixWarning]) -> list[str]:
    return [w.code for w in ws]


# ---------------------------------------------------------------- tables


def test_tables_by_domain_and_sector():
    df = both(
        people(("jeugdhulp", 2), ("jgz", 1), ("onderwijs", 3)),
        people(("veiligheid", 1), status="wachtlijst"),
    )
    dom = mix.by_domain(df, CAT).set_index("domain_id")
    assert dom.loc["jeugd", ["registered", "waiting"]].tolist() == [3, 0]
    assert dom.loc["veiligheid", ["registered", "waiting"]].tolist() == [0, 1]
    assert dom.loc["onderwijs", "share"] == pytest.approx(0.5)
    assert list(dom.index) == list(CAT.domains)  # catalogue order, zero rows included
    sec = mix.by_sector(df, CAT).set_index("sector_id")
    assert sec.loc["jeugdhulp", "registered"] == 2 and sec.loc["jeugdhulp", "domain"] == "Jeugd"
    assert len(sec) == len(CAT.sectors)


def test_desired_vs_registered_and_the_example_suggestion():
    df = people(("onderwijs", 4), ("jeugdhulp", 3), ("wijkteam", 1))
    desired = {"veiligheid": 2, "onderwijs": 3, "jeugdhulp": 4}
    table = mix.desired_vs_registered(desired, df, CAT).set_index("sector_id")
    assert table.loc["veiligheid", ["desired", "registered", "missing"]].tolist() == [2, 0, 2]
    assert table.loc["onderwijs", ["desired", "registered", "missing"]].tolist() == [3, 4, 0]
    sugg = mix.suggestions(df, desired, CAT, RULES)
    # the missing core domain comes first, then the other gaps
    assert sugg == [
        "Veiligheid: nodig nog 2 deelnemers uit (gewenst 2, aangemeld 0)",
        "Jeugdhulp & jeugdbescherming: nodig nog 1 deelnemer uit (gewenst 4, aangemeld 3)",
    ]


def test_suggestions_count_the_people_still_needed():
    """The number asked for is the number still missing, with the word in the right form
    (not "Nodig nog iemand uit … (gewenst 3, aangemeld 0)")."""
    df = people(("onderwijs", 1))
    sugg = mix.suggestions(df, {"veiligheid": 3, "onderwijs": 2}, CAT, RULES)
    assert "Veiligheid: nodig nog 3 deelnemers uit (gewenst 3, aangemeld 0)" in sugg
    assert "Onderwijs: nodig nog 1 deelnemer uit (gewenst 2, aangemeld 1)" in sugg
    assert not any("iemand" in t for t in sugg)
    one = mix.warnings(people(("onderwijs", 1)), {}, CAT, RULES)
    assert "Aangemeld: 1 deelnemer." in [w.text for w in one if w.code == "too_few"][0]


def test_attended_vs_registered():
    df = pd.DataFrame(
        {
            "sector_id": ["onderwijs", "onderwijs", "onderwijs", "veiligheid", "jgz"],
            "status": ["aangemeld", "aangemeld", "aangemeld", "aangemeld", "wachtlijst"],
            "attended": pd.array([1, 0, None, 1, 1], dtype="Int64"),
        }
    )
    t = mix.attended_vs_registered(df, CAT).set_index("sector_id")
    assert t.loc["onderwijs", ["registered", "attended", "absent", "unmarked"]].tolist() == [
        3,
        1,
        1,
        1,
    ]
    assert t.loc["jgz", ["registered", "attended"]].tolist() == [0, 1]  # came from the waiting list
    assert int(t["attended"].sum()) == 3


def test_unknown_sector_is_kept_visible():
    df = people(("onderwijs", 1), ("verdwenen-sector", 2))
    sec = mix.by_sector(df, CAT).set_index("sector_id")
    assert sec.loc["verdwenen-sector", "domain_id"] == mix.UNKNOWN_DOMAIN
    dom = mix.by_domain(df, CAT).set_index("domain_id")
    assert dom.loc[mix.UNKNOWN_DOMAIN, "registered"] == 2
    assert int(dom["registered"].sum()) == 3


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(CAT.sectors)), st.booleans()), max_size=30))
def test_tables_add_up(rows):
    df = pd.DataFrame(
        [{"sector_id": s, "status": "aangemeld" if r else "wachtlijst"} for s, r in rows],
        columns=["sector_id", "status"],
    )
    registered = sum(1 for _, r in rows if r)
    assert int(mix.by_sector(df, CAT)["registered"].sum()) == registered
    assert int(mix.by_domain(df, CAT)["registered"].sum()) == registered
    assert int(mix.by_domain(df, CAT)["waiting"].sum()) == len(rows) - registered
    assert int(mix.desired_vs_registered({}, df, CAT)["registered"].sum()) == registered


# ---------------------------------------------------------------- warnings


def test_empty_workshop_warns_about_every_core_domain_once():
    ws = mix.warnings(people(), {}, CAT, RULES)
    assert codes(ws) == ["core_domain_missing", "too_few"]
    assert ws[0].level == "warning"  # the mix needs attention; nothing is broken
    assert not any(w.level == "error" for w in ws)
    assert "Jeugd, Onderwijs en Veiligheid" in ws[0].text


def test_balanced_mix_has_no_warnings():
    df = people(("jeugdhulp", 3), ("onderwijs", 3), ("veiligheid", 3), ("wijkteam", 2))
    assert mix.warnings(df, {"onderwijs": 3, "veiligheid": 3}, CAT, RULES) == []
    assert mix.suggestions(df, {"onderwijs": 3, "veiligheid": 3}, CAT, RULES) == []


def test_one_sector_holding_more_than_half():
    df = people(("onderwijs", 6), ("jeugdhulp", 2), ("veiligheid", 2))
    ws = mix.warnings(df, {}, CAT, RULES)
    assert codes(ws) == ["sector_dominant"]
    assert ws[0].text.startswith("Onderwijs heeft 6 van de 10 aangemelde deelnemers (60%)")
    exactly_half = people(("onderwijs", 5), ("jeugdhulp", 3), ("veiligheid", 2))
    assert "sector_dominant" not in codes(mix.warnings(exactly_half, {}, CAT, RULES))
    tiny = people(("onderwijs", 2), ("jeugdhulp", 1))  # below min_for_share_check
    assert "sector_dominant" not in codes(mix.warnings(tiny, {}, CAT, RULES))


def test_too_few_for_a_cross_domain_conversation():
    df = people(("onderwijs", 3), ("jeugdhulp", 2), ("veiligheid", 2))
    ws = mix.warnings(df, {}, CAT, RULES)
    assert codes(ws) == ["too_few"]
    assert "Aangemeld: 7 deelnemers." in ws[0].text and "minstens 8" in ws[0].text
    df8 = people(("onderwijs", 3), ("jeugdhulp", 3), ("veiligheid", 2))
    assert mix.warnings(df8, {}, CAT, RULES) == []


def test_more_desired_than_seats_full_and_over_cap():
    df = people(("onderwijs", 5), ("jeugdhulp", 5), ("veiligheid", 5))
    ws = mix.warnings(df, {"onderwijs": 9, "veiligheid": 9}, CAT, RULES)
    assert codes(ws) == ["desired_over_cap", "full"]
    assert "18 deelnemers gewenst" in ws[0].text and "15 plaatsen" in ws[0].text
    more = people(("onderwijs", 6), ("jeugdhulp", 5), ("veiligheid", 5))
    assert "over_cap" in codes(mix.warnings(more, {}, CAT, RULES))


def test_missing_domain_suggestions_and_the_waiting_list():
    df = both(
        people(("onderwijs", 5), ("jeugdhulp", 5), ("welzijn", 5)),
        people(("veiligheid", 2), status="wachtlijst"),
    )
    sugg = mix.suggestions(df, {}, CAT, RULES)
    assert sugg[0].startswith(
        "Domein Veiligheid: nodig minstens één deelnemer uit (bijvoorbeeld: wijkagent"
    )
    assert sugg[1].startswith("veiligheid 0 (Veiligheid) staat op de wachtlijst")


# ---------------------------------------------------------------- the rules file


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "mix_rules.toml"
    shutil.copy(DATA_DIR / "mix_rules.toml", target)
    return target


def test_thresholds_are_editable(rules_copy: Path):
    text = rules_copy.read_text().replace("min_participants = 8", "min_participants = 4")
    rules_copy.write_text(text.replace("max_sector_share = 0.5", "max_sector_share = 0.7"))
    r = mix.load_rules(rules_copy)
    df = people(("onderwijs", 4), ("jeugdhulp", 1), ("veiligheid", 1))
    assert mix.warnings(df, {}, CAT, r) == []
    assert codes(mix.warnings(df, {}, CAT, RULES)) == ["too_few", "sector_dominant"]


def test_texts_and_switches_are_editable(rules_copy: Path):
    text = rules_copy.read_text().replace(
        'text = "{sector}: nodig nog {missing_people} uit (gewenst {desired}, aangemeld '
        '{registered})"',
        'text = "Nog {missing} uit {sector}"',
    )
    text = text.replace("[warnings.too_few]\n", "[warnings.too_few]\nenabled = false\n")
    rules_copy.write_text(text)
    r = mix.load_rules(rules_copy)
    assert mix.suggestions(people(), {"veiligheid": 2}, CAT, r)[-1] == "Nog 2 uit Veiligheid"
    assert "too_few" not in codes(mix.warnings(people(), {}, CAT, r))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("max_sector_share = 0.5", "max_sector_share = 5", r"max_sector_share"),
        ("min_participants = 8", "min_participants = -1", r"min_participants"),
        ('level = "warning"', 'level = "rood"', r"\[warnings.core_domain_missing\].*level 'rood'"),
        ("({percent}%)", "({procent}%)", r"\[warnings.sector_dominant\].*\{procent\}"),
        (
            "[suggestions.invite_domain]",
            "[suggestions.invite_domein]",
            r"invite_domain\] ontbreekt",
        ),
        ("(gewenst {desired}", "(gewenst {desired", r"invite_sector\].*ongeldige tekst"),
    ],
)
def test_broken_rules_name_the_file_and_the_entry(rules_copy: Path, old, new, message):
    text = rules_copy.read_text()
    assert old in text
    rules_copy.write_text(text.replace(old, new, 1))
    with pytest.raises(CatalogError, match="mix_rules.toml: .*" + message):
        mix.load_rules(rules_copy)


# ---------------------------------------------------------------- charts


def test_charts_draw_from_the_tables():
    df = both(people(("onderwijs", 3), ("veiligheid", 1)), people(("jgz", 1), status="wachtlijst"))
    fig = charts_mix.fig_by_domain(mix.by_domain(df, CAT))
    assert list(fig.data[0].x) == [0, 3, 1, 0, 0] and "Onderwijs ★" in fig.data[0].y
    fig = charts_mix.fig_by_sector(mix.by_sector(df, CAT))
    assert {t.name for t in fig.data} >= {"Onderwijs", "Veiligheid", "Wachtlijst"}
    fig = charts_mix.fig_desired_vs_registered(mix.desired_vs_registered({"wijkteam": 2}, df, CAT))
    assert [t.name for t in fig.data] == ["Gewenst (voorgesprek)", "Aangemeld"]
    assert list(fig.data[0].y) == ["Onderwijs", "Lokaal (wijk)team / toegang", "Veiligheid"]
    fig = charts_mix.fig_attended_vs_registered(mix.attended_vs_registered(df, CAT))
    assert [t.name for t in fig.data] == ["Aangemeld", "Aanwezig"]
