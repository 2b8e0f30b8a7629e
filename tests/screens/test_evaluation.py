"""AppTest of the evaluation screens: the respondent form (link open/closed, submit, correction)
and the staff pages (link and QR code, open/close, paper forms, charts)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from streamlit.testing.v1 import AppTest
from support.apptest import bar_mark, in_every_tab, open_section, open_tab

from app_ui import evaluation_widgets as ew
from jep.evaluation import links, questionnaire, responses
from jep.reference.catalog import catalog
from jep.store import db
from jep.workshop import workshops

ROOT = Path(__file__).resolve().parents[2]


def new_workshop(conn: Database, status: str = "uitgevoerd", day: date | None = None) -> int:
    wid = workshops.create_request(conn, "GM0014", "test")  # Groningen
    day = day or date.today()
    conn.execute(
        "UPDATE workshops SET status = ?, date = ? WHERE id = ?", [status, day.isoformat(), wid]
    )
    return wid


def respondent(token: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["eval"] = token
    return at.run()


def texts(at: AppTest) -> str:
    parts = []
    for kind in ("title", "markdown", "caption", "info", "success", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def rows(db_file: Path, sql: str) -> list:
    with db.open_db(db_file) as d:
        return d.execute(sql).fetchall()


# ---------------------------------------------------------------- respondent


def test_unknown_link_is_a_friendly_page(db_file):
    at = respondent("z" * 43)
    assert not at.exception
    assert questionnaire.questionnaire().texts["unknown"] in texts(at)
    assert not at.radio and "Groningen" not in texts(at)
    with pytest.raises(Exception):  # noqa: B017 - the staff pages are not in this navigation
        at.switch_page("app_pages/evaluation.py")


@pytest.mark.parametrize(
    ("status", "offset", "key"),
    [("gepland", 5, "not_open"), ("verslag verstuurd", -60, "closed")],
)
def test_closed_link_shows_no_municipality(db_file, conn, status, offset, key):
    wid = new_workshop(conn, status, date.today() + timedelta(days=offset))
    token = links.issue_link(conn, wid, "admin")
    at = respondent(token)
    assert not at.exception
    assert questionnaire.questionnaire().texts[key] in texts(at)
    assert "Groningen" not in texts(at) and not at.radio


def fill(at: AppTest, wid: int, grade: int | None, sector: str | None = "onderwijs") -> None:
    p = f"ev{wid}"
    assert at.segmented_control(key=f"{p}_sig-herkennen_before")  # the first section is open
    at.segmented_control(key=f"{p}_sig-herkennen_before").set_value(2)
    at.segmented_control(key=f"{p}_sig-herkennen_now").set_value(4)
    if grade is not None:
        open_section(at, wid, "reactie")
        at.segmented_control(key=f"{p}_rapportcijfer").set_value(grade)
    open_section(at, wid, "open")
    at.text_area(key=f"{p}_open-meenemen").input("De stappen van de werkwijze.")
    if sector:
        at.selectbox(key=f"{p}_sector").set_value(sector)


def send(at: AppTest, wid: int) -> AppTest:
    return at.button(key=f"ev{wid}_submit").click().run()


def test_submit_then_correct_in_the_same_session(db_file, conn):
    wid = new_workshop(conn)
    token = links.issue_link(conn, wid, "admin")
    at = respondent(token)
    assert not at.exception
    assert "Groningen" in texts(at)
    fill(at, wid, grade=8)
    send(at, wid)
    assert not at.exception
    assert questionnaire.questionnaire().texts["thanks"] in [s.value for s in at.success]
    assert rows(db_file, "SELECT count(*), max(revision) FROM evaluation_responses") == [(1, 1)]
    # correction: the button now says so, and the same row is updated
    assert at.button(key=f"ev{wid}_submit").label == "Wijzigingen opslaan"
    assert not at.segmented_control, "sent: every section closed"
    open_section(at, wid, "reactie")
    assert at.segmented_control(key=f"ev{wid}_rapportcijfer").value == 8
    at.segmented_control(key=f"ev{wid}_rapportcijfer").set_value(6).run()
    assert questionnaire.questionnaire().texts["unsent"] in texts(at)
    send(at, wid)
    assert "Je wijzigingen zijn opgeslagen." in [s.value for s in at.success]
    assert rows(db_file, "SELECT count(*), max(revision) FROM evaluation_responses") == [(1, 2)]
    assert rows(
        db_file, "SELECT value FROM evaluation_answers WHERE item_id = 'rapportcijfer'"
    ) == [(6,)]
    # another browser session counts as another respondent
    other = respondent(token)
    fill(other, wid, grade=9)
    send(other, wid)
    assert rows(db_file, "SELECT count(*) FROM evaluation_responses") == [(2,)]


def test_missing_grade_and_half_pair_are_shown_at_the_fields(db_file, conn):
    wid = new_workshop(conn)
    at = respondent(links.issue_link(conn, wid, "admin"))
    fill(at, wid, grade=None)
    open_section(at, wid, "netwerk")
    at.segmented_control(key=f"ev{wid}_net-wie_before").set_value(3)  # "nu" left empty
    send(at, wid)
    errors = [e.value for e in at.error]
    # the first section with a message is opened; the banner names every such section
    assert "Vul zowel ‘vóór’ als ‘nu’ in, of laat allebei leeg." in errors
    assert any("in ‘Netwerk’ en ‘Over het werkatelier’" in e for e in errors), errors
    assert "Netwerk" in [e.label for e in at.expander], "a bar's label is its title only"
    assert bar_mark(at, wid, "netwerk") == "0 van 4 · nakijken"  # drawn after the title
    assert bar_mark(at, wid, "reactie") == "0 van 3 · nakijken"
    assert bar_mark(at, wid, "signalen") == "1 van 2"
    open_section(at, wid, "reactie")
    assert "Geef een rapportcijfer van 1 tot en met 10." in [e.value for e in at.error]
    assert rows(db_file, "SELECT count(*) FROM evaluation_responses") == [(0,)]
    # what was typed stays, in the sections closed meanwhile too
    open_section(at, wid, "signalen")
    assert at.segmented_control(key=f"ev{wid}_sig-herkennen_now").value == 4
    open_section(at, wid, "open")
    assert at.text_area(key=f"ev{wid}_open-meenemen").value == "De stappen van de werkwijze."


def test_link_closed_while_filling_in(db_file, conn):
    wid = new_workshop(conn)
    at = respondent(links.issue_link(conn, wid, "admin"))
    fill(at, wid, grade=7)
    at.run()  # the answers are saved as a draft as they are given
    assert rows(db_file, "SELECT count(*) FROM evaluation_drafts") == [(1,)]
    links.set_manual(conn, wid, "closed", "admin")
    send(at, wid)
    assert not at.exception
    assert questionnaire.questionnaire().texts["closed"] in texts(at)
    assert rows(db_file, "SELECT count(*) FROM evaluation_responses") == [(0,)]
    # the link closed: the key and the unsent answers are gone
    assert rows(
        db_file, "SELECT count(*) FROM evaluation_drafts WHERE session_hash IS NOT NULL"
    ) == [(0,)]
    assert rows(
        db_file, "SELECT count(*) FROM evaluation_draft_sections WHERE answers IS NOT NULL"
    ) == [(0,)]


# ---------------------------------------------------------------- staff


def answer(q: questionnaire.Questionnaire, grade: int, sector: str | None) -> dict:
    items = {i.id: {"before": 2, "now": 4} for i in q.items_of() if i.kind == "prepost"}
    items["rapportcijfer"] = grade
    items["open-mist"] = f"Antwoord {grade}"
    return {"version": q.current, "sector": sector, "items": items}


@pytest.fixture
def with_responses(conn: Database) -> int:
    q = questionnaire.questionnaire()
    wid = new_workshop(conn)
    for grade, sector in [(8, "onderwijs"), (7, "onderwijs"), (9, "onderwijs"), (6, "jgz")]:
        assert responses.save_paper(conn, wid, answer(q, grade, sector), "admin", catalog()).ok
    return wid


def test_staff_evaluation_page_charts(staff_app, with_responses):
    at = staff_app
    at.query_params["id"] = str(with_responses)
    at.switch_page("app_pages/evaluation.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Evaluaties"] == "4" and metrics["Rapportcijfer (mediaan)"] == "7,5"
    # the charts in tabs: only the open tab is built and sent; six charts in all, each in its tab
    labels = list(ew.WORKSHOP_TABS)

    def read(at):
        return [c.proto.id for c in at.get("plotly_chart")], [c.value for c in at.caption]

    shown = in_every_tab(at, labels, read, "ev_results_tab")
    assert [len(ids) for ids, _ in shown] == [len(k) for k in ew.WORKSHOP_TABS.values()]
    assert sum(len(ids) for ids, _ in shown) == 6
    captions = "\n".join(c for _, caps in shown for c in caps)
    assert "4 rapportcijfers: mediaan 7,5" in captions
    assert "vak(ken) verborgen: minder dan 3 respondenten" in captions  # jgz (n = 1)
    open_tab(at, "Per sector", "ev_results_tab")
    assert "**Rapportcijfer per sector**" in [m.value for m in at.markdown]
    open_tab(at, "Open antwoorden", "ev_results_tab")
    assert "Open antwoorden" in [h.value for h in at.subheader]


def test_staff_link_qr_and_open_close(staff_app, db_file, conn):
    wid = new_workshop(conn, "gepland", date.today() + timedelta(days=7))
    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/evaluation.py").run()
    assert not any("nog niet open" in i.value for i in at.info)  # only the open tab runs
    open_tab(at, "Link en QR-code", "ev_tabs")
    assert any("nog niet open" in i.value for i in at.info)
    assert not any(b.label == "Sluiten" for b in at.button)
    next(b for b in at.button if b.label == "Link en QR-code maken").click().run()
    assert not at.exception
    code = [c.value for c in at.code]
    assert len(code) == 1 and "/e?eval=" in code[0]
    token = code[0].split("eval=")[1]
    assert rows(db_file, "SELECT count(*) FROM invites WHERE purpose = 'evaluatie'") == [(1,)]
    assert len(at.get("image")) == 1  # the QR code
    next(b for b in at.button if b.label == "Nu openen").click().run()
    # said once: open, until when; no "Nu openen" while it is open
    opened = [s.value for s in at.success if s.value.startswith("De evaluatie is open")]
    assert opened == [links.status_line(links.link_state(conn, wid))]
    assert "met de hand geopend" in opened[0]
    assert not any(b.label == "Nu openen" for b in at.button)
    r = respondent(token)
    assert r.segmented_control, "the respondent can now answer"
    next(b for b in at.button if b.label == "Sluiten").click().run()
    assert any("gesloten" in w.value for w in at.warning)
    assert any(b.label == "Nu openen" for b in at.button)
    assert not respondent(token).segmented_control


def test_staff_types_in_a_paper_form(staff_app, db_file, conn):
    wid = new_workshop(conn, "verslag verstuurd", date.today() - timedelta(days=90))
    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/evaluation.py").run()
    # the entry form is on the page only once staff start typing forms in
    assert not at.get("form") and f"pp{wid}_new_0_rapportcijfer" not in at.session_state
    at.button(key=f"pp_start_{wid}").click().run()
    assert at.get("form")
    p = f"pp{wid}_new_0"
    at.segmented_control(key=f"{p}_rapportcijfer").set_value(9)
    at.segmented_control(key=f"{p}_aanbevelen").set_value(5)
    at.button(key=f"{p}_submit").click().run()
    assert not at.exception
    assert any("Papieren formulier nr." in s.value for s in at.success)
    assert rows(db_file, "SELECT source, entered_by FROM evaluation_responses") == [
        ("papier", "admin")
    ]
    # the next form starts empty
    assert at.segmented_control(key=f"pp{wid}_new_1_rapportcijfer").value is None
    bad = f"pp{wid}_new_1"
    at.segmented_control(key=f"{bad}_sig-herkennen_now").set_value(3)
    at.button(key=f"{bad}_submit").click().run()
    assert "Geef een rapportcijfer van 1 tot en met 10." in [e.value for e in at.error]
    assert rows(db_file, "SELECT count(*) FROM evaluation_responses") == [(1,)]


def test_programme_page_with_filters(staff_app, with_responses):
    at = staff_app
    at.switch_page("app_pages/evaluation_programme.py").run()
    assert not at.exception
    labels = list(ew.PROGRAMME_TABS)
    shown = in_every_tab(
        at, labels, lambda at: [c.proto.id for c in at.get("plotly_chart")], "evp_tab"
    )
    # only the open tab runs: each tab holds its own charts, seven in all, and the open answers
    assert [len(ids) for ids in shown] == [len(keys) for keys in ew.PROGRAMME_TABS.values()]
    assert sum(map(len, shown)) == 7
    open_tab(at, "Open antwoorden", "evp_tab")
    assert "Open antwoorden" in [h.value for h in at.subheader]
    open_tab(at, labels[0], "evp_tab")
    at.selectbox(key="evp_year").set_value(date.today().year).run()
    assert not at.exception and at.metric[1].value == "4"
    at.selectbox(key="evp_prov").set_value("Groningen").run()
    assert not at.exception and at.metric[0].value == "1"
    # another screen and back: the filters are as they were set
    at.switch_page("app_pages/workshops.py").run()
    at.switch_page("app_pages/evaluation_programme.py").run()
    assert at.selectbox(key="evp_year").value == date.today().year
    assert at.selectbox(key="evp_prov").value == "Groningen"
    assert not at.exception and at.metric[0].value == "1"


def test_a_programme_view_computes_only_what_its_open_tab_shows(
    staff_app, with_responses, monkeypatch
):
    """A year not chosen before computed the figures of every tab; now the open tab's only."""
    computed: list[str] = []
    for name, fn in list(ew.PROGRAMME_PARTS.items()):

        def counted(data, _name=name, _fn=fn):
            computed.append(_name)
            return _fn(data)

        monkeypatch.setitem(ew.PROGRAMME_PARTS, name, counted)
    at = staff_app
    at.switch_page("app_pages/evaluation_programme.py").run()
    assert not at.exception
    assert sorted(computed) == ["goals", "items"]
    computed.clear()
    open_tab(at, "Per werkatelier", "evp_tab")
    assert not at.exception
    assert computed == ["measures"]
    computed.clear()
    open_tab(at, "Open antwoorden", "evp_tab")
    assert computed == ["open"] and "Open antwoorden" in [h.value for h in at.subheader]


def test_personal_data_in_an_open_answer_asks_to_rewrite_or_confirm(db_file, conn):
    wid = new_workshop(conn)
    at = respondent(links.issue_link(conn, wid, "admin"))
    fill(at, wid, grade=8)
    at.text_area(key=f"ev{wid}_open-mist").input("Bel de moeder op 06-12345678.")
    send(at, wid)
    assert not at.exception
    assert any("06-12345678" in w.value for w in at.warning)
    assert rows(db_file, "SELECT count(*) FROM evaluation_responses") == [(0,)]
    at.checkbox(key=f"ev{wid}_privacy_ok").check()
    send(at, wid)
    assert questionnaire.questionnaire().texts["thanks"] in [s.value for s in at.success]
    assert rows(db_file, "SELECT count(*) FROM evaluation_responses") == [(1,)]


def _correcting_a_paper_form(staff_app, conn):
    """Staff on *Evaluatie* with a stored paper form (grade 5, sector jgz) picked to correct:
    (the app, workshop id, response id)."""
    q = questionnaire.questionnaire()
    wid = new_workshop(conn)
    rid = responses.save_paper(conn, wid, answer(q, 5, "jgz"), "admin", catalog()).response_id
    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/evaluation.py").run()
    at.button(key=f"pp_start_{wid}").click().run()
    at.selectbox(key=f"pp_pick_{wid}").set_value(rid).run()
    return at, wid, rid


def test_staff_corrects_a_paper_form(staff_app, db_file, conn):
    at, wid, rid = _correcting_a_paper_form(staff_app, conn)
    p = f"pp{wid}_{rid}_0"
    assert at.segmented_control(key=f"{p}_rapportcijfer").value == 5
    assert at.selectbox(key=f"{p}_sector").value == "jgz"
    at.segmented_control(key=f"{p}_rapportcijfer").set_value(6)
    at.button(key=f"{p}_submit").click().run()
    assert not at.exception
    assert any("gecorrigeerd" in s.value for s in at.success)
    assert rows(
        db_file, "SELECT value FROM evaluation_answers WHERE item_id = 'rapportcijfer'"
    ) == [(6,)]
    assert rows(db_file, "SELECT count(*), max(revision) FROM evaluation_responses") == [(1, 2)]


def test_a_paper_form_picked_again_after_another_page_shows_its_answers(staff_app, db_file, conn):
    """After a visit to another page the stored answers come back (they once came back as empty
    fields, and a correction saved then would have blanked the form)."""
    at, wid, rid = _correcting_a_paper_form(staff_app, conn)
    at.switch_page("app_pages/planning.py").run()
    at.switch_page("app_pages/evaluation.py").run()
    if not [b for b in at.button if b.key == f"pp_stop_{wid}"]:
        at.button(key=f"pp_start_{wid}").click().run()
    at.selectbox(key=f"pp_pick_{wid}").set_value(rid).run()
    assert not at.exception
    p = f"pp{wid}_{rid}_0"
    assert at.segmented_control(key=f"{p}_rapportcijfer").value == 5
    assert at.selectbox(key=f"{p}_sector").value == "jgz"
