"""Screens: reliability (moved from test_reliability.py)."""

from __future__ import annotations

from datetime import date

import pytest
from support.apptest import answer_rows, new_app, open_intake_section
from support.hostile import HOSTILE, _expected, _hostile_answers

from jep.reference.catalog import catalog
from jep.workshop import intake, invites, workshops

TODAY = date.today()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_text_is_stored_and_shown_back_literally(db_file, conn, staff_app, kind):
    text = HOSTILE[kind]
    wid = workshops.create_request(conn, "GM0344", "tester")
    errors, _ = intake.save(
        conn,
        wid,
        _hostile_answers(text, text[:200]),
        0,
        "tester",
        catalog(),
        TODAY,
        privacy_confirmed=True,
    )
    assert not errors
    stored = intake.load(conn, wid)["answers"]
    assert stored["remarks"] == _expected(text)
    assert stored["knelpunten"]["dossiervorming"]["explanation"] == _expected(text)
    assert conn.execute("SELECT count(*) FROM intakes").fetchone()[0] == 1  # nothing dropped

    at = staff_app
    at.query_params["id"] = str(wid)
    at.switch_page("app_pages/intake_review.py").run()
    assert not at.exception
    rows = answer_rows(at)  # the summary, as the browser shows it
    texts = [text for row in rows for text in row]

    def answer(question: str) -> str:
        return dict(rows)[question]

    assert answer("Opmerkingen") == _expected(text)  # the literal text, as plain text
    assert answer("Contactpersoon") == ", ".join([_expected(text)[:200]] * 2)
    assert any(v.endswith(" — " + _expected(text)) for v in texts)
    # and the form gives back exactly what is stored
    open_intake_section(at, wid, "praktisch")
    assert at.text_area(key=f"ik{wid}_remarks").value == _expected(text)
    # never rendered as Markdown or HTML anywhere on the page
    rendered = " ".join(str(m.value) for m in [*at.markdown, *at.caption, *at.title])
    assert "<script>" not in rendered and "javascript:" not in rendered
    summary = next(h.proto.body for h in at.get("html") if "jep-answers" in h.proto.body)
    assert "<script" not in summary.lower()
    if "<script" in text:
        assert "&lt;script" in summary.lower()  # escaped, shown as typed


def test_hostile_input_through_the_form_is_kept_as_typed(db_file, conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    token = invites.issue(conn, wid, "tester")
    at = new_app()
    at.query_params["token"] = token
    at.run()
    typed = HOSTILE["html"] + " " + HOSTILE["sql"] + " " + HOSTILE["emoji"] + HOSTILE["rtl"]
    at.text_input(key=f"ik{wid}_contact_name").input(HOSTILE["html"][:200])
    open_intake_section(at, wid, "praktisch")
    at.text_area(key=f"ik{wid}_remarks").input(typed)
    next(b for b in at.button if b.label == "Concept opslaan").click().run()
    assert not at.exception
    assert "Opgeslagen" in at.success[0].value
    stored = intake.load(conn, wid)["answers"]
    expected = typed.replace(HOSTILE["rtl"], _expected(HOSTILE["rtl"]))
    assert stored["remarks"] == expected and stored["contact"]["name"] == HOSTILE["html"][:200]
