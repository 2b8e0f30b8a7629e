"""The phone form's core: drafts per section under an anonymous key, sending once, the cap and the
rate limits of a link, dropping keys when the link closes, the completion figures staff see, the
one-sentence link state, the paper form and the command line."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlite_utils import Database

from jep import __main__ as cli
from jep.evaluation import abuse, completion, drafts, links, paper, questionnaire, responses
from jep.reference.catalog import catalog
from jep.workshop import workshops

TODAY = date.today()


@pytest.fixture
def q() -> questionnaire.Questionnaire:
    return questionnaire.questionnaire()


@pytest.fixture(autouse=True)
def fresh_limits():
    abuse.reset_all()
    yield
    abuse.reset_all()


def new_workshop(conn: Database, status: str = "uitgevoerd", day: date | None = TODAY) -> int:
    wid = workshops.create_request(conn, "GM0014", "test")  # Groningen
    conn.execute(
        "UPDATE workshops SET status = ?, date = ? WHERE id = ?",
        [status, day.isoformat() if day else None, wid],
    )
    return wid


def add_participants(conn: Database, wid: int, n: int, attended: int | None = None) -> None:
    for i in range(n):
        conn.execute(
            "INSERT INTO participants(workshop_id, name, sector_id, status, position, attended) "
            "VALUES (?, ?, 'onderwijs', 'aangemeld', ?, ?)",
            [wid, f"Persoon {i}", i + 1, attended],
        )


@pytest.fixture
def link(conn: Database, q) -> tuple[str, links.RespondentLink]:
    wid = new_workshop(conn)
    token = links.issue_link(conn, wid, "admin", q=q)
    resolved = links.resolve_link(conn, token, TODAY, q, delay=0)
    assert resolved is not None and resolved.state.open
    return token, resolved


def answers(q, *, grade: int | None = 8, **items) -> dict:
    raw_items: dict = {"sig-herkennen": {"before": 2, "now": 4}}
    if grade is not None:
        raw_items["rapportcijfer"] = grade
    raw_items.update(items)
    return {"version": q.current, "sector": "onderwijs", "items": raw_items}


def count(conn: Database, sql: str, params=()) -> int:
    return conn.execute(sql, list(params)).fetchone()[0]


# ---------------------------------------------------------------- sections and keys


def test_answers_split_into_sections_and_back(q):
    cat = catalog()
    raw = answers(q, **{"net-wie": {"before": 1, "now": None}, "open-mist": "  Meer tijd  "})
    parts = drafts.split(raw, q, q.current, cat)
    assert list(parts) == [s.id for s, _ in q.sections_of()] + [drafts.SECTOR]
    assert parts["signalen"] == {"sig-herkennen": {"before": 2, "now": 4}}
    assert parts["netwerk"] == {"net-wie": {"before": 1, "now": None}}  # half a pair is kept
    assert parts["reactie"] == {"rapportcijfer": 8}
    assert parts[drafts.SECTOR] == {"sector": "onderwijs"}
    assert drafts.join(parts, q.current)["items"]["open-mist"] == "  Meer tijd  "
    # out-of-range values, unknown sectors and unknown items are not kept in a draft
    bad = {"version": q.current, "sector": "nope", "items": {"rapportcijfer": 11, "x": 1}}
    assert all(not part for part in drafts.split(bad, q, q.current, cat).values())
    # progress counts a pair only when both halves are there
    done = drafts.progress(parts, q, q.current)
    assert done["signalen"] == (1, 2) and done["netwerk"] == (0, 4)
    assert done[drafts.SECTOR] == (1, 1)


def test_only_sections_changed_in_this_tab_are_written(q):
    base = drafts.split(answers(q), q, q.current, catalog())
    now = drafts.split(answers(q, grade=9), q, q.current, catalog())
    assert drafts.changed(now, base) == ["reactie"]
    assert drafts.fingerprint(now) != drafts.fingerprint(base)
    assert drafts.fingerprint(base) == drafts.fingerprint({**base, "intentie": {}})


def test_keys_are_random_and_checked():
    a, b = drafts.new_key(), drafts.new_key()
    assert a != b and drafts.valid_key(a) and len(a) >= 43
    for bad in (None, "", "kort", "x" * 65, "a b" * 20, "<script>" * 6, 12345):
        assert not drafts.valid_key(bad)


# ---------------------------------------------------------------- drafts


def test_draft_is_saved_per_section_and_found_again(conn, q, link):
    token, lk = link
    key = drafts.new_key()
    cat = catalog()
    assert drafts.load(conn, lk.workshop_id, key) is None
    out = drafts.save(conn, lk, key, answers(q), cat, sections=["signalen"], q=q)
    assert out.ok and out.created and out.written == ["signalen"]
    draft = drafts.load(conn, lk.workshop_id, key)
    assert draft.sections == {"signalen": {"sig-herkennen": {"before": 2, "now": 4}}}
    assert not draft.submitted
    drafts.save(conn, lk, key, answers(q), cat, sections=["reactie"], q=q)
    assert drafts.load(conn, lk.workshop_id, key).raw["items"] == {
        "sig-herkennen": {"before": 2, "now": 4},
        "rapportcijfer": 8,
    }
    # only hashes are stored: never the key itself
    stored = conn.execute("SELECT session_hash FROM evaluation_drafts").fetchall()
    assert stored == [(responses.session_hash(lk.workshop_id, key),)]
    assert key not in str(conn.execute("SELECT * FROM evaluation_draft_sections").fetchall())
    # another workshop does not see it
    other = new_workshop(conn)
    assert drafts.load(conn, other, key) is None


def test_nothing_answered_starts_no_respondent(conn, q, link):
    _, lk = link
    empty = {"version": q.current, "sector": None, "items": {}}
    out = drafts.save(conn, lk, drafts.new_key(), empty, catalog(), q=q)
    assert not out.ok and not out.refused
    assert count(conn, "SELECT count(*) FROM evaluation_drafts") == 0


def test_submit_counts_once_and_merges_two_tabs(conn, q, link):
    token, lk = link
    key, cat = drafts.new_key(), catalog()
    # tab A answered the signals, tab B (same phone, same key) the grade
    drafts.save(conn, lk, key, answers(q, grade=None), cat, sections=["signalen"], q=q)
    tab_b = {"version": q.current, "sector": None, "items": {"rapportcijfer": 7}}
    drafts.save(conn, lk, key, tab_b, cat, sections=["reactie"], q=q)
    # tab A sends with its own (stale) view: nothing of tab B is lost
    result = drafts.submit(
        conn, token, key, answers(q, grade=None), cat, sections=[], q=q, today=TODAY
    )
    assert result.ok and not result.updated
    assert result.answers["items"]["rapportcijfer"] == 7
    assert result.answers["items"]["sig-herkennen"] == {"before": 2, "now": 4}
    # sending again (double tap, the other tab) corrects the same response
    again = drafts.submit(conn, token, key, tab_b, cat, sections=[], q=q, today=TODAY)
    assert again.ok and again.updated and again.response_id == result.response_id
    assert count(conn, "SELECT count(*) FROM evaluation_responses") == 1
    assert count(conn, "SELECT max(revision) FROM evaluation_responses") == 2
    draft = drafts.load(conn, lk.workshop_id, key)
    assert draft.submitted and draft.sent_hash == drafts.fingerprint(draft.sections)


def test_two_tabs_in_one_section_keep_each_others_answers(conn, q, link):
    _, lk = link
    key, cat = drafts.new_key(), catalog()
    both = {"sig-herkennen": {"before": 1, "now": 3}, "sig-beschrijven": {"before": 2, "now": 4}}
    tab_a = {
        "version": q.current,
        "sector": None,
        "items": {"sig-herkennen": both["sig-herkennen"]},
    }
    tab_b = {
        "version": q.current, "sector": None, "items": {"sig-beschrijven": both["sig-beschrijven"]},
    }  # fmt: skip
    # both tabs opened the empty form; each answers another statement of the same section
    drafts.save(conn, lk, key, tab_a, cat, sections=["signalen"], q=q, since={})
    drafts.save(conn, lk, key, tab_b, cat, sections=["signalen"], q=q, since={})
    assert drafts.load(conn, lk.workshop_id, key).sections["signalen"] == both
    # tab A clears its answer: only that one goes
    seen = drafts.split(tab_a, q, q.current, cat)
    cleared = {"version": q.current, "sector": None, "items": {}}
    drafts.save(conn, lk, key, cleared, cat, sections=["signalen"], q=q, since=seen)
    assert drafts.load(conn, lk.workshop_id, key).sections["signalen"] == {
        "sig-beschrijven": both["sig-beschrijven"]
    }


def test_a_send_that_cannot_save_yet_changes_nothing(conn, q, link):
    token, lk = link
    key, cat, client = drafts.new_key(), catalog(), abuse.client_key("192.0.2.7")
    drafts.save(conn, lk, key, answers(q, grade=None), cat, q=q)
    lim = abuse.saves(q)
    while lim.hit(client):
        pass
    result = drafts.submit(
        conn, token, key, answers(q, grade=8), cat, sections=["reactie"], client=client, q=q,
        today=TODAY,
    )  # fmt: skip
    assert result.errors == {"form": q.texts["not_saved_yet"]}
    assert result.answers is None  # the form keeps the grade it shows; nothing replaces it
    assert count(conn, "SELECT count(*) FROM evaluation_responses") == 0
    assert "rapportcijfer" not in drafts.load(conn, lk.workshop_id, key).raw["items"]


def test_submit_validates_the_whole_draft(conn, q, link):
    token, lk = link
    key, cat = drafts.new_key(), catalog()
    half = answers(q, grade=None, **{"net-wie": {"before": 3, "now": None}})
    result = drafts.submit(conn, token, key, half, cat, q=q, today=TODAY)
    assert not result.ok
    assert result.errors["item.rapportcijfer"].startswith("Geef een rapportcijfer")
    assert "item.net-wie" in result.errors
    # nothing typed is lost: the draft keeps it for the next try
    assert drafts.load(conn, lk.workshop_id, key).raw["items"]["net-wie"] == {
        "before": 3,
        "now": None,
    }
    assert count(conn, "SELECT count(*) FROM evaluation_responses") == 0


def test_submit_after_the_link_closed_keeps_nothing(conn, q, link):
    token, lk = link
    key, cat = drafts.new_key(), catalog()
    drafts.save(conn, lk, key, answers(q), cat, q=q)
    links.set_manual(conn, lk.workshop_id, "closed", "admin")
    result = drafts.submit(conn, token, key, answers(q), cat, q=q, today=TODAY)
    assert result.closed and result.errors == {"form": q.texts["closed"]}
    assert count(conn, "SELECT count(*) FROM evaluation_responses") == 0
    assert drafts.load(conn, lk.workshop_id, key) is None  # the key was dropped
    unknown = drafts.submit(conn, "x" * 43, key, answers(q), cat, q=q, today=TODAY)
    assert unknown.closed and unknown.errors == {"form": q.texts["unknown"]}


def test_personal_data_needs_confirmation_before_sending(conn, q, link):
    token, lk = link
    key, cat = drafts.new_key(), catalog()
    raw = answers(q, **{"open-mist": "Bel de moeder op 06-12345678."})
    first = drafts.submit(conn, token, key, raw, cat, q=q, today=TODAY)
    assert not first.ok and "item.open-mist" in first.privacy
    second = drafts.submit(conn, token, key, raw, cat, sections=[], q=q, confirm_privacy=True)
    assert second.ok


# ---------------------------------------------------------------- closing drops the keys


def test_closing_the_link_drops_keys_and_unsent_answers(conn, q, link):
    token, lk = link
    wid, cat = lk.workshop_id, catalog()
    sent_key, busy_key = drafts.new_key(), drafts.new_key()
    assert drafts.submit(conn, token, sent_key, answers(q), cat, q=q, today=TODAY).ok
    drafts.save(conn, lk, busy_key, answers(q, **{"open-mist": "nog bezig"}), cat, q=q)
    assert links.has_respondent_keys(conn, wid)
    assert links.drop_closed(conn, TODAY, q) == 0  # still open: nothing dropped
    links.set_manual(conn, wid, "closed", "admin")
    assert not links.has_respondent_keys(conn, wid)
    assert count(conn, "SELECT count(*) FROM evaluation_drafts WHERE session_hash IS NOT NULL") == 0
    assert (
        count(conn, "SELECT count(*) FROM evaluation_draft_sections WHERE answers IS NOT NULL") == 0
    )
    assert count(conn, "SELECT count(*) FROM evaluation_responses WHERE session_hash IS NULL") == 1
    # what stays is anonymous: the sent response, and when drafts started and were sent
    assert count(conn, "SELECT count(*) FROM evaluation_drafts WHERE started_at IS NOT NULL") == 2
    assert count(conn, "SELECT count(*) FROM evaluation_answers") > 0


def test_keys_are_dropped_when_the_calendar_closes_the_link(conn, q):
    wid = new_workshop(conn, "uitgevoerd", TODAY - timedelta(days=q.close_after_days))
    token = links.issue_link(conn, wid, "admin", q=q)
    lk = links.resolve_link(conn, token, TODAY, q, delay=0)
    assert lk.state.open  # the last day
    drafts.save(conn, lk, drafts.new_key(), answers(q), catalog(), q=q)
    assert links.drop_closed(conn, TODAY, q) == 0
    assert links.drop_closed(conn, TODAY + timedelta(days=1), q) == 1
    assert not links.has_respondent_keys(conn, wid)


def test_revoking_the_link_drops_keys_but_a_new_link_does_not(conn, q, link):
    token, lk = link
    key = drafts.new_key()
    drafts.save(conn, lk, key, answers(q), catalog(), q=q)
    links.issue_link(conn, lk.workshop_id, "admin", q=q)  # a new QR code: the room goes on
    assert drafts.load(conn, lk.workshop_id, key) is not None
    links.revoke_link(conn, lk.workshop_id, "admin")
    assert drafts.load(conn, lk.workshop_id, key) is None


# ---------------------------------------------------------------- cap and rate limits


def test_present_is_attendance_else_registered_else_seats(conn):
    cat = catalog()
    wid = new_workshop(conn)
    seats = cat.settings["workshop"]["max_participants"]
    assert abuse.present(conn, wid, cat) == abuse.Present(seats, "plaatsen")
    add_participants(conn, wid, 10)
    assert abuse.present(conn, wid, cat) == abuse.Present(10, "aangemeld")
    conn.execute("UPDATE participants SET attended = (id % 2) WHERE workshop_id = ?", [wid])
    assert abuse.present(conn, wid, cat) == abuse.Present(5, "aanwezig")


def test_cap_is_a_multiple_of_those_present(q):
    assert abuse.respondent_cap(q, abuse.Present(15, "aanwezig")) == 23  # 15 × 1.5
    assert abuse.respondent_cap(q, abuse.Present(4, "aanwezig")) == 9  # 4 + 5
    assert abuse.respondent_cap(q, abuse.Present(0, "aanwezig")) == 5


def test_new_respondents_over_the_cap_are_refused_and_counted(conn, q, link):
    token, lk = link
    cat = catalog()
    add_participants(conn, lk.workshop_id, 2, attended=1)
    cap = abuse.respondent_cap(q, abuse.present(conn, lk.workshop_id, cat))
    assert cap == 7
    keys = [drafts.new_key() for _ in range(cap)]
    for key in keys:
        assert drafts.save(conn, lk, key, answers(q), cat, q=q).ok
    out = drafts.save(conn, lk, drafts.new_key(), answers(q), cat, q=q)
    assert not out.ok and out.refused == q.texts["over_cap"]
    assert abuse.refusals(conn, lk.workshop_id) == (1, 0)
    # respondents already in keep going
    assert drafts.save(conn, lk, keys[0], answers(q, grade=3), cat, q=q).ok
    sent = drafts.submit(conn, token, drafts.new_key(), answers(q), cat, q=q)
    assert not sent.ok and sent.errors == {"form": q.texts["over_cap"]}
    # a new link (the old one leaked) starts a new allowance
    new_token = links.issue_link(conn, lk.workshop_id, "admin", q=q)
    new_link = links.resolve_link(conn, new_token, TODAY, q, delay=0)
    assert drafts.save(conn, new_link, drafts.new_key(), answers(q), cat, q=q).ok


def test_one_client_address_cannot_start_unlimited_respondents(conn, q, link):
    _, lk = link
    cat = catalog()
    add_participants(conn, lk.workshop_id, 60)  # a cap well above the rate limit
    wifi = abuse.client_key("198.51.100.7")
    for _ in range(q.new_respondents_per_client):
        assert drafts.save(conn, lk, drafts.new_key(), answers(q), cat, client=wifi, q=q).ok
    out = drafts.save(conn, lk, drafts.new_key(), answers(q), cat, client=wifi, q=q)
    assert out.refused == q.texts["rate_limited"]
    assert abuse.refusals(conn, lk.workshop_id) == (0, 1)
    other = abuse.client_key("203.0.113.9")
    assert drafts.save(conn, lk, drafts.new_key(), answers(q), cat, client=other, q=q).ok


def test_saves_per_client_are_limited(conn, q, link):
    _, lk = link
    key, client = drafts.new_key(), abuse.client_key("192.0.2.1")
    lim = abuse.saves(q)
    for _ in range(q.saves_per_client_per_minute - 1):
        assert lim.hit(client)
    assert drafts.save(conn, lk, key, answers(q), catalog(), client=client, q=q).ok
    assert drafts.save(conn, lk, key, answers(q), catalog(), client=client, q=q).throttled


def test_sliding_window_forgets_old_events():
    t = [0.0]
    lim = abuse.SlidingWindow(2, 60, clock=lambda: t[0])
    assert lim.hit("a") and lim.hit("a") and not lim.hit("a")
    assert lim.hit("b") and lim.hit(None) and lim.hit(None)
    t[0] = 61
    assert lim.hit("a")
    assert abuse.client_key(None) is None
    assert abuse.client_key("10.0.0.1") != "10.0.0.1" and len(abuse.client_key("10.0.0.1")) == 32


# ---------------------------------------------------------------- what staff see


def test_completion_counts_time_and_dropoff(conn, q, link):
    token, lk = link
    wid, cat = lk.workshop_id, catalog()
    add_participants(conn, wid, 6, attended=1)
    c = completion.completion(conn, wid, cat, q)
    assert (c.responses, c.started, c.present.n, c.present.kind) == (0, 0, 6, "aanwezig")
    assert c.median_seconds is None and not c.shared_signals
    for i in range(4):
        key = drafts.new_key()
        assert drafts.submit(conn, token, key, answers(q), cat, q=q).ok
        conn.execute(
            "UPDATE evaluation_drafts SET started_at = ?, submitted_at = ? WHERE session_hash = ?",
            [
                "2026-12-01T10:00:00+00:00",
                f"2026-12-01T10:0{i + 2}:00+00:00",
                responses.session_hash(wid, key),
            ],
        )
    busy = drafts.new_key()
    drafts.save(conn, lk, busy, answers(q, grade=None), cat, sections=["signalen"], q=q)
    responses.save_paper(conn, wid, answers(q), "admin", cat, q=q)
    c = completion.completion(conn, wid, cat, q)
    assert (c.responses, c.online, c.paper, c.started) == (5, 4, 1, 5)
    assert c.busy == 1 and completion.suppress(c.busy, c.min_cell) is None
    assert c.median_seconds == 210  # 2, 3, 4, 5 minutes
    assert completion.fmt_duration(c.median_seconds) == "3 min 30 s"
    stages = {s.label: s.n for s in c.stages}
    assert stages["Begonnen"] == 5 and stages["Signalen"] == 5
    assert stages["Over het werkatelier"] == 4 and stages["Verstuurd"] == 4
    assert stages["In je eigen woorden"] == 4  # the sector comes after it: reached
    assert c.shared_signals == []


def test_small_counts_and_medians_are_hidden(conn, q, link):
    token, lk = link
    cat = catalog()
    for _ in range(2):
        assert drafts.submit(conn, token, drafts.new_key(), answers(q), cat, q=q).ok
    c = completion.completion(conn, lk.workshop_id, cat, q)
    assert c.responses == 2  # the total is not a breakdown
    assert c.timed == 2 and c.median_seconds is None
    assert all(s.n is None for s in c.stages if s.label != "Weten wat mag")
    assert completion.suppress(0, 3) == 0 and completion.suppress(3, 3) == 3


def test_a_link_shared_outside_the_room_is_flagged(conn, q, link):
    _, lk = link
    cat = catalog()
    add_participants(conn, lk.workshop_id, 2, attended=1)
    for _ in range(8):
        drafts.save(conn, lk, drafts.new_key(), answers(q), cat, q=q)
    c = completion.completion(conn, lk.workshop_id, cat, q)
    assert c.started == 7 and c.over_cap == 1
    assert c.shared_signals == [
        "Er zijn 7 respondenten online begonnen, meer dan de 2 aanwezigen.",
        "1 nieuwe respondent is geweigerd (1 boven het maximum van 7 per link).",
    ]


# ---------------------------------------------------------------- the link state in one sentence


def test_status_line_says_once_whether_open_and_until_when(conn, q):
    wid = new_workshop(conn, "gepland", TODAY + timedelta(days=3))
    end = TODAY + timedelta(days=3 + q.close_after_days)
    links.issue_link(conn, wid, "admin", q=q)
    line = links.status_line(links.link_state(conn, wid, TODAY, q))
    assert line.startswith("De evaluatie is nog niet open; ze opent op ")
    dates = re.findall(r"\d{1,2} [a-z]+ \d{4}", line)
    assert len(dates) == 2 and dates[1].startswith(f"{end.day} ")  # opens on, open until
    conn.execute("UPDATE workshops SET date = ? WHERE id = ?", [TODAY.isoformat(), wid])
    line = links.status_line(links.link_state(conn, wid, TODAY, q))
    assert line.startswith("De evaluatie is open tot en met ")
    assert len(re.findall(r"\d{1,2} [a-z]+ \d{4}", line)) == 1  # one end date
    links.set_manual(conn, wid, "open", "admin")
    line = links.status_line(links.link_state(conn, wid, TODAY, q))
    assert "tot u op ‘Sluiten’ drukt" in line
    assert len(re.findall(r"\d{1,2} [a-z]+ \d{4}", line)) == 1  # the link's own expiry
    links.set_manual(conn, wid, "closed", "admin")
    assert links.status_line(links.link_state(conn, wid, TODAY, q)) == (
        "De evaluatie is gesloten. Met de hand gesloten."
    )


def test_end_date_is_the_earlier_of_calendar_and_expiry(conn, q):
    wid = new_workshop(conn)
    links.issue_link(conn, wid, "admin", q=q)
    state = links.link_state(conn, wid, TODAY, q)
    assert links.end_date(state) == TODAY + timedelta(days=q.close_after_days)
    conn.execute("UPDATE invites SET expires_at = ?", [(TODAY + timedelta(days=2)).isoformat()])
    state = links.link_state(conn, wid, TODAY, q)
    assert links.end_date(state) == TODAY + timedelta(days=2)


# ---------------------------------------------------------------- the paper form


def pdf_text(data: bytes) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def test_paper_form_has_every_item_in_order_and_the_qr_code(conn, q):
    wid = new_workshop(conn)
    made = paper.paper_form(conn, wid, catalog(), "https://jep.example/e?eval=" + "a" * 43, q)
    assert made.version == q.current and made.items == len(q.items_of())
    assert "nog geen ingevulde evaluaties" in made.note
    text = pdf_text(made.pdf)
    assert "Gemeente Groningen" in text and q.texts["title"] in text
    positions = []
    for number, item in enumerate([it for _, items in q.sections_of() for it in items], start=1):
        found = text.find(f"{number}. {item.text}")
        assert found >= 0, item.text
        positions.append(found)
    assert positions == sorted(positions)  # the same order as the online form
    assert q.sector_question in text and "Onderwijs" in text
    assert q.texts["paper_qr"] in text
    reader = PdfReader(io.BytesIO(made.pdf))
    assert any(page.images for page in reader.pages)  # the QR code
    assert reader.metadata.title.startswith(q.texts["title"])
    without = paper.paper_form(conn, wid, catalog(), None, q)
    assert q.texts["paper_qr"] not in pdf_text(without.pdf)


def test_paper_form_uses_the_version_in_use(conn, q):
    wid = new_workshop(conn)
    assert responses.version_in_use(conn, wid, q) is None
    responses.save_paper(conn, wid, answers(q), "admin", catalog(), q=q)
    assert responses.version_in_use(conn, wid, q) == q.current
    made = paper.paper_form(conn, wid, catalog(), None, q)
    assert made.note is None
    with pytest.raises(paper.PaperFormError, match="bestaat niet"):
        paper.paper_form(conn, 999, catalog(), None, q)


def test_numbering_matches_the_typed_in_screen(q):
    numbers = paper.numbering(q, q.current)
    assert list(numbers.values()) == list(range(1, len(q.items_of()) + 1))
    assert numbers["sig-herkennen"] == 1 and numbers["open-mist"] == len(q.items_of())


# ---------------------------------------------------------------- the command line


def test_cli_evaluation_link_and_paper_form(db_file, conn, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("JEP_BASE_URL", "https://jep.example")
    wid = new_workshop(conn, "gepland", TODAY + timedelta(days=7))
    assert cli.main(["evaluation-link", str(wid)]) == 0
    out = capsys.readouterr().out
    url = re.search(r"https://jep\.example/e\?eval=[\w-]+", out).group(0)
    assert "nog niet open" in out
    audited = "SELECT count(*) FROM audit_log WHERE action = 'link uitgegeven' AND actor = ?"
    assert conn.execute(audited, ["opdrachtregel"]).fetchone()[0] == 1
    assert cli.main(["evaluation-link", str(wid), "--open"]) == 0
    out = capsys.readouterr().out
    assert "De evaluatie is open tot u op ‘Sluiten’ drukt" in out
    token = re.search(r"eval=([\w-]+)", out).group(1)
    assert links.resolve_link(conn, url.split("eval=")[1], delay=0) is None  # the old one
    assert links.resolve_link(conn, token, delay=0).state.open

    target = tmp_path / "formulier.pdf"
    assert cli.main(["paper-form", str(wid), "--out", str(target), "--url", links.link_url(
        "https://jep.example", token)]) == 0  # fmt: skip
    out = capsys.readouterr()
    assert "huidige vragenlijst" in out.out and target.stat().st_size > 10_000
    assert any(p.images for p in PdfReader(target).pages)
    # an active link cannot be shown again: no QR code, and the command says how to get one
    assert cli.main(["paper-form", str(wid), "--out", str(target)]) == 0
    err = capsys.readouterr().err
    assert "--url" in err and "--new-link" in err
    assert not any(p.images for p in PdfReader(target).pages)


def test_cli_refuses_bad_input(db_file, conn, tmp_path, capsys):
    wid = new_workshop(conn)
    other = new_workshop(conn)
    assert cli.main(["evaluation-link", "999"]) == 1
    assert "bestaat niet" in capsys.readouterr().err
    assert cli.main(["paper-form", "999", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "bestaat niet" in capsys.readouterr().err
    token = links.issue_link(conn, other, "admin")
    url = links.link_url("http://localhost:8501", token)
    assert cli.main(["paper-form", str(wid), "--out", str(tmp_path / "x.pdf"), "--url", url]) == 1
    assert "hoort niet bij werkatelier" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_paper_form_issues_a_link_when_there_is_none(db_file, conn, tmp_path, capsys):
    wid = new_workshop(conn)
    target = tmp_path / "f.pdf"
    assert cli.main(["paper-form", str(wid), "--out", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Nieuwe evaluatielink" in out and "/e?eval=" in out
    assert any(p.images for p in PdfReader(target).pages)
    assert conn.execute("SELECT count(*) FROM invites WHERE purpose = 'evaluatie'").fetchone() == (
        1,
    )


def test_the_daily_job_forgets_keys_and_never_raises(db_file, conn, q, tmp_path):
    wid = new_workshop(conn, "uitgevoerd", TODAY - timedelta(days=q.close_after_days + 1))
    links.issue_link(conn, wid, "admin", q=q)
    conn.execute(
        "INSERT INTO evaluation_drafts(workshop_id, session_hash, version, started_at, updated_at) "
        "VALUES (?, 'h', 1, '2026-01-01', '2026-01-01')",
        [wid],
    )
    assert links.drop_closed_daily(str(db_file), TODAY) == 1
    assert not links.has_respondent_keys(conn, wid)
    broken = tmp_path / "broken.db"
    broken.write_text("dit is geen database")
    assert links.drop_closed_daily(str(broken), TODAY) is None


def test_link_limits_are_read_and_checked(tmp_path):
    from jep.reference.toml import DATA_DIR, CatalogError

    text = (DATA_DIR / "evaluation.toml").read_text(encoding="utf-8")
    path = tmp_path / "evaluation.toml"
    path.write_text(text.replace("respondents_extra = 5", "respondents_extra = 2"), "utf-8")
    assert questionnaire.load_questionnaire(path).respondents_extra == 2
    path.write_text(text.replace("respondents_extra = 5", "respondents_extra = -1"), "utf-8")
    with pytest.raises(CatalogError, match="respondents_extra"):
        questionnaire.load_questionnaire(path)
    path.write_text(text.replace("saves_per_client_per_minute = 600", ""), "utf-8")
    assert questionnaire.load_questionnaire(path).saves_per_client_per_minute == 600  # default
