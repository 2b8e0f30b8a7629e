"""AppTest of the phone form: answers kept per section under the respondent's key (a reload, a
second tab), progress per section, the cap and rate limit of a link, and what staff see of the
room filling in (completion, a link shared outside the room, the paper form).

AppTest cannot set cookies: the respondent key and client address are handed in through the seam
of app_ui/respondent.py (`TEST_KEY`, `TEST_CLIENT`), which only works under AppTest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database
from streamlit.testing.v1 import AppTest
from support.apptest import bar_mark, open_section, open_tab

from app_ui import respondent
from jep.evaluation import abuse, drafts, links, questionnaire
from jep.reference.catalog import catalog
from jep.store import db
from jep.workshop import workshops

ROOT = Path(__file__).resolve().parents[2]
Q = questionnaire.questionnaire()


@pytest.fixture(autouse=True)
def fresh_limits():
    abuse.reset_all()
    yield
    abuse.reset_all()


@pytest.fixture
def open_link(conn: Database) -> tuple[int, str]:
    wid = workshops.create_request(conn, "GM0014", "test")  # Groningen
    conn.execute(
        "UPDATE workshops SET status = 'uitgevoerd', date = ? WHERE id = ?",
        [date.today().isoformat(), wid],
    )
    return wid, links.issue_link(conn, wid, "admin")


def phone(token: str, key: str | None = None, address: str | None = None) -> AppTest:
    """The form as a phone with respondent key `key` (its cookie) opens it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["eval"] = token
    if key:
        at.session_state[respondent.TEST_KEY] = key
    if address:
        at.session_state[respondent.TEST_CLIENT] = address
    return at.run()


def choice(at: AppTest, key: str):
    return at.segmented_control(key=key)


def texts(at: AppTest) -> str:
    parts = []
    kinds = ("title", "subheader", "markdown", "caption", "info", "success", "warning", "error")
    for kind in kinds:
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def rows(db_file: Path, sql: str) -> list:
    with db.open_db(db_file) as d:
        return d.execute(sql).fetchall()


def test_answers_survive_a_reload_on_the_same_phone(db_file, open_link):
    wid, token = open_link
    key = drafts.new_key()
    at = phone(token, key)
    assert not at.exception
    assert Q.texts["saved_as_you_go"] in texts(at)
    assert bar_mark(at, wid, "signalen") == "0 van 2"
    choice(at, f"ev{wid}_sig-herkennen_before").set_value(2)
    choice(at, f"ev{wid}_sig-herkennen_now").set_value(4).run()
    assert bar_mark(at, wid, "signalen") == "1 van 2"  # progress per section
    open_section(at, wid, "reactie")
    choice(at, f"ev{wid}_rapportcijfer").set_value(8).run()
    open_section(at, wid, "open")
    at.text_area(key=f"ev{wid}_open-mist").input("Meer casussen.").run()
    assert rows(db_file, "SELECT count(*) FROM evaluation_drafts") == [(1,)]
    assert rows(db_file, "SELECT count(*) FROM evaluation_responses") == [(0,)]

    again = phone(token, key)  # a reload, or the link opened again: a new session, same key
    assert choice(again, f"ev{wid}_sig-herkennen_now").value == 4  # the first section not done
    assert bar_mark(again, wid, "signalen") == "1 van 2"
    assert bar_mark(again, wid, "reactie") == "1 van 3"
    open_section(again, wid, "reactie")
    assert choice(again, f"ev{wid}_rapportcijfer").value == 8
    open_section(again, wid, "open")
    assert again.text_area(key=f"ev{wid}_open-mist").value == "Meer casussen."
    # another phone starts empty
    other = phone(token, drafts.new_key())
    assert choice(other, f"ev{wid}_sig-herkennen_now").value is None


def test_a_closed_section_keeps_what_was_answered_and_typed(db_file, open_link):
    """Only the open section's widgets are drawn: what was given in a section that was closed
    since is still sent, still saved once, and back on screen when it opens again."""
    wid, token = open_link
    key = drafts.new_key()
    at = phone(token, key)
    choice(at, f"ev{wid}_sig-herkennen_before").set_value(2)
    choice(at, f"ev{wid}_sig-herkennen_now").set_value(5).run()
    at.button(key=f"ev{wid}_next_signalen").click().run()  # "Volgende: Weten wat mag"
    assert f"ev{wid}_sig-herkennen_now" not in [c.key for c in at.segmented_control]
    open_section(at, wid, "open")
    at.text_area(key=f"ev{wid}_open-mist").input("Meer casussen.")
    open_section(at, wid, "reactie")  # typed, then another bar tapped: the text goes along
    choice(at, f"ev{wid}_rapportcijfer").set_value(7).run()
    at.button(key=f"ev{wid}_submit").click().run()
    assert Q.texts["thanks"] in [s.value for s in at.success]
    assert rows(
        db_file,
        "SELECT item_id, before, value, text FROM evaluation_answers ORDER BY item_id",
    ) == [
        ("open-mist", None, None, "Meer casussen."),
        ("rapportcijfer", None, 7, None),
        ("sig-herkennen", 2, 5, None),
    ]
    open_section(at, wid, "signalen")
    assert choice(at, f"ev{wid}_sig-herkennen_now").value == 5
    open_section(at, wid, "open")
    assert at.text_area(key=f"ev{wid}_open-mist").value == "Meer casussen."


def test_two_tabs_on_one_phone_count_once_and_lose_nothing(db_file, open_link):
    wid, token = open_link
    key = drafts.new_key()
    tab_a, tab_b = phone(token, key), phone(token, key)
    choice(tab_a, f"ev{wid}_sig-herkennen_before").set_value(1)
    choice(tab_a, f"ev{wid}_sig-herkennen_now").set_value(3).run()
    open_section(tab_b, wid, "reactie")
    choice(tab_b, f"ev{wid}_rapportcijfer").set_value(7).run()
    # tab B's next run shows what tab A saved
    open_section(tab_b, wid, "signalen")
    assert choice(tab_b, f"ev{wid}_sig-herkennen_now").value == 3
    # tab A sends without ever having seen tab B's grade: the grade is sent too
    tab_a.button(key=f"ev{wid}_submit").click().run()
    assert Q.texts["thanks"] in [s.value for s in tab_a.success]
    open_section(tab_a, wid, "reactie")
    assert choice(tab_a, f"ev{wid}_rapportcijfer").value == 7
    tab_b.button(key=f"ev{wid}_submit").click().run()  # the other tab sends as well
    assert not tab_b.exception
    assert rows(db_file, "SELECT count(*), max(revision) FROM evaluation_responses") == [(1, 2)]
    assert rows(
        db_file, "SELECT item_id, before, value FROM evaluation_answers ORDER BY item_id"
    ) == [("rapportcijfer", None, 7), ("sig-herkennen", 1, 3)]


def test_two_tabs_in_the_same_section_lose_nothing(db_file, open_link):
    wid, token = open_link
    key = drafts.new_key()
    tab_a, tab_b = phone(token, key), phone(token, key)  # both on "Signalen", empty
    choice(tab_a, f"ev{wid}_sig-herkennen_before").set_value(1)
    choice(tab_a, f"ev{wid}_sig-herkennen_now").set_value(3).run()
    choice(tab_b, f"ev{wid}_sig-beschrijven_before").set_value(2)
    choice(tab_b, f"ev{wid}_sig-beschrijven_now").set_value(4).run()
    with db.open_db(db_file) as d:
        assert drafts.load(d, wid, key).sections["signalen"] == {
            "sig-herkennen": {"before": 1, "now": 3},
            "sig-beschrijven": {"before": 2, "now": 4},
        }
    assert choice(tab_b, f"ev{wid}_sig-herkennen_now").value == 3  # tab B shows tab A's too
    choice(tab_a, f"ev{wid}_sig-herkennen_now").set_value(5).run()  # tab A taps again
    assert choice(tab_a, f"ev{wid}_sig-beschrijven_now").value == 4
    with db.open_db(db_file) as d:
        assert drafts.load(d, wid, key).sections["signalen"] == {
            "sig-herkennen": {"before": 1, "now": 5},
            "sig-beschrijven": {"before": 2, "now": 4},
        }


def test_without_a_cookie_the_tab_keeps_the_answers(db_file, open_link):
    wid, token = open_link
    at = phone(token)  # no key handed in: as a browser that refused the cookie
    assert Q.texts["no_cookie"] in texts(at)
    open_section(at, wid, "reactie")
    choice(at, f"ev{wid}_rapportcijfer").set_value(9).run()
    assert rows(db_file, "SELECT count(*) FROM evaluation_drafts") == [(1,)]
    at.button(key=f"ev{wid}_submit").click().run()
    assert rows(db_file, "SELECT count(*) FROM evaluation_responses") == [(1,)]


def test_a_full_link_refuses_new_respondents_with_a_clear_message(db_file, conn, open_link):
    wid, token = open_link
    lk = links.resolve_link(conn, token, delay=0)
    cap = abuse.respondent_cap(Q, abuse.present(conn, wid, catalog()))
    grade = {"version": Q.current, "sector": None, "items": {"rapportcijfer": 8}}
    for _ in range(cap):
        assert drafts.save(conn, lk, drafts.new_key(), grade, catalog(), q=Q).ok
    at = phone(token, drafts.new_key())
    open_section(at, wid, "reactie")
    choice(at, f"ev{wid}_rapportcijfer").set_value(8).run()
    assert Q.texts["over_cap"] in [w.value for w in at.warning]
    at.button(key=f"ev{wid}_submit").click().run()
    assert Q.texts["over_cap"] in [e.value for e in at.error]
    assert rows(db_file, "SELECT count(*) FROM evaluation_responses") == [(0,)]
    assert choice(at, f"ev{wid}_rapportcijfer").value == 8  # nothing typed is lost on screen


def test_one_address_starting_too_many_respondents_is_slowed_down(db_file, open_link):
    wid, token = open_link
    wifi = "198.51.100.20"
    limiter = abuse.new_respondents(Q)
    for _ in range(Q.new_respondents_per_client):
        assert limiter.hit(abuse.client_key(wifi))
    at = phone(token, drafts.new_key(), address=wifi)
    open_section(at, wid, "reactie")
    choice(at, f"ev{wid}_rapportcijfer").set_value(8).run()
    assert Q.texts["rate_limited"] in [w.value for w in at.warning]
    assert rows(db_file, "SELECT over_cap, rate_limited FROM evaluation_refusals") == [(0, 1)]
    elsewhere = phone(token, drafts.new_key(), address="203.0.113.5")
    open_section(elsewhere, wid, "reactie")
    choice(elsewhere, f"ev{wid}_rapportcijfer").set_value(8).run()
    assert not elsewhere.warning
    assert rows(db_file, "SELECT count(*) FROM evaluation_drafts") == [(1,)]


# ---------------------------------------------------------------- staff


def staff_page(staff_app: AppTest, wid: int, tab: str | None = None) -> AppTest:
    """The staff's Evaluatie page of `wid`, with its tab `tab` open (only the open one runs;
    the paper forms' tab always does)."""
    staff_app.query_params["id"] = str(wid)
    at = staff_app.switch_page("app_pages/evaluation.py").run()
    return open_tab(at, tab, "ev_tabs") if tab else at


def test_staff_see_the_room_filling_in(staff_app, db_file, conn, open_link):
    wid, token = open_link
    for i in range(4):
        conn.execute(
            "INSERT INTO participants(workshop_id, name, sector_id, status, position, attended) "
            "VALUES (?, ?, 'onderwijs', 'aangemeld', ?, 1)",
            [wid, f"Persoon {i}", i + 1],
        )
    lk = links.resolve_link(conn, token, delay=0)
    sent = {"version": Q.current, "sector": None, "items": {"rapportcijfer": 8}}
    for _ in range(3):
        assert drafts.submit(conn, token, drafts.new_key(), sent, catalog(), q=Q).ok
    drafts.save(conn, lk, drafts.new_key(), sent, catalog(), q=Q)  # one still busy
    at = staff_page(staff_app, wid, "Link en QR-code")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ingevuld"] == "3 van 4"
    assert metrics["Nog bezig"] == "minder dan 3"  # 1: hidden
    assert metrics["Invultijd (mediaan)"] != "—"  # three timed respondents
    stages = next(t.value for t in at.table if "Tot hier gekomen" in t.value.columns)
    assert stages["Tot hier gekomen"].tolist()[0] == "Begonnen"
    assert stages["Respondenten"].tolist()[0] == "4"
    assert stages["Respondenten"].tolist()[-1] == "3"  # verstuurd
    assert not any("buiten de zaal" in w.value for w in at.warning)
    # two more people than were present start: the link looks shared
    for _ in range(2):
        drafts.save(conn, lk, drafts.new_key(), sent, catalog(), q=Q)
    at.run()
    shared = [w.value for w in at.warning if "buiten de zaal" in w.value]
    assert shared and "6 respondenten online begonnen, meer dan de 4 aanwezigen" in shared[0]


def test_paper_forms_follow_the_same_order_and_numbers(staff_app, open_link):
    wid, _ = open_link
    at = staff_page(staff_app, wid)
    labels = [b.label for b in at.get("download_button")]
    assert "Papieren formulier (PDF, zonder QR-code)" in labels  # the token is not known here
    assert any("huidige vragenlijst" in c.value for c in at.caption)
    at.button(key=f"pp_start_{wid}").click().run()
    p = f"pp{wid}_new_0"
    n = len(Q.items_of())
    assert at.text_area(key=f"{p}_open-mist").label == f"{n}. Wat mist er?"
    assert at.selectbox(key=f"{p}_sector").label.startswith(f"{n + 1}. ")
    assert any(m.value.startswith("**1.** ") for m in at.markdown)
    open_tab(at, "Link en QR-code", "ev_tabs")
    assert at.text_area(key=f"{p}_open-mist").label == f"{n}. Wat mist er?"  # the form stays
    next(b for b in at.button if b.label == "Nieuwe link en QR-code").click().run()
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("Papieren formulier (PDF)") == 2  # under the QR code and with the forms


def test_a_privacy_finding_quotes_the_answer_as_plain_text(db_file, open_link):
    wid, token = open_link
    at = phone(token, drafts.new_key())
    open_section(at, wid, "reactie")
    choice(at, f"ev{wid}_rapportcijfer").set_value(8)
    open_section(at, wid, "open")
    at.text_area(key=f"ev{wid}_open-mist").input("Mail *jan_de_vries*@example.nl gerust.")
    at.button(key=f"ev{wid}_submit").click().run()
    found = [w.value for w in at.warning if "example.nl" in w.value]
    assert found, [w.value for w in at.warning]
    assert "jan\\_de\\_vries" in found[0]  # the quoted answer is escaped, not rendered
    assert rows(db_file, "SELECT count(*) FROM evaluation_responses") == [(0,)]
