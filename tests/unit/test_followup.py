"""The follow-up (terugblik): its settings file, when it is due, what it looks back on, drafts and
submission, its link, the participants' short follow-up, the programme figures, the report's
addendum, retention and the rights of a municipality."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from support.followup_data import CAT, RB, complete_answers, sent_workshop
from support.report_data import ACTOR, held_workshop

from jep import demo
from jep.__main__ import main
from jep.followup import addendum, due, programme, results
from jep.followup import answers as fa
from jep.followup import participants as fp
from jep.followup.questionnaire import config, load_config
from jep.privacy import retention, rights
from jep.reference.toml import DATA_DIR, CatalogError
from jep.report import review, versions
from jep.workshop import invites

CFG = config()
TODAY = date.today()


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


@pytest.fixture
def sent(conn):
    """A workshop whose report was sent, and its stored version."""
    return sent_workshop(conn)


def submit_complete(conn, wid, actor="gemeente:GM0344", **kw):
    record = fa.start(conn, wid, ACTOR)
    errors, version = fa.save(
        conn, wid, complete_answers(record, **kw), record["version"], actor, CAT, submit=True
    )
    assert not errors, errors
    return fa.load(conn, wid)


# ---------------------------------------------------------------- the settings file


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "followup.toml"
    shutil.copy(DATA_DIR / "followup.toml", target)
    return target


def test_shipped_file_is_valid():
    assert CFG.due_after_months == 6 and CFG.reminder_after_days == 14
    assert list(CFG.statuses) == [
        "uitgevoerd",
        "in-gang-gezet",
        "nog-niet-gestart",
        "niet-van-toepassing",
    ]
    assert CFG.implemented == ("uitgevoerd",)
    assert "niet-van-toepassing" not in CFG.counted
    assert CFG.min_cell == 3
    assert all(r.domain in CAT.domains for r in CFG.roles.values())


@pytest.mark.parametrize(
    ("old", "new", "match"),
    [
        ('domain = "veiligheid"', 'domain = "sport"', r"followup.toml.*'zvh'.*sport"),
        ('"Uitgevoerd"\nimplemented = true', '"Uitgevoerd"\nimplemented = false', "implemented"),
        ("due_after_months = 6", "due_after_months = 0", "due_after_months"),
        ("{gemeente} terug", "{stad} terug", r"\{stad\}"),
        ('kind = "likert"', 'kind = "schaal"', "weet-bij-wie"),
        ('used = ["ja"]', 'used = ["misschien"]', "contact-ander-domein"),
    ],
)
def test_broken_file_names_the_entry(data_copy, old, new, match):
    text = data_copy.read_text()
    assert old in text
    data_copy.write_text(text.replace(old, new, 1))
    with pytest.raises(CatalogError, match=match):
        load_config(data_copy)


# ---------------------------------------------------------------- when it is due


def test_due_dates_clamp_to_the_month():
    assert due.dates_for(date(2026, 8, 31), CFG) == (date(2027, 2, 28), date(2027, 3, 14))


def test_states_through_time(conn, sent):
    wid, _ = sent
    sent_on = due.due_of(conn, wid, TODAY).sent_on
    due_on, remind_on = due.dates_for(sent_on, CFG)
    assert due.due_of(conn, wid, due_on - timedelta(days=1)).state == "later"
    assert due.due_of(conn, wid, due_on).state == "te-doen"
    late = due.due_of(conn, wid, remind_on)
    assert late.state == "achterstallig" and late.needs_reminder
    fa.start(conn, wid, ACTOR)
    fa.mark_reminded(conn, wid, ACTOR)  # today: before it was due, so it does not count
    assert due.due_of(conn, wid, remind_on).needs_reminder
    conn.execute("UPDATE followups SET reminded_at = ?", [f"{due_on.isoformat()}T10:00:00+00:00"])
    assert not due.due_of(conn, wid, remind_on).needs_reminder
    submit_complete(conn, wid)
    done = due.due_of(conn, wid, remind_on)
    assert done.state == "ingediend" and done.submitted_on == TODAY


def test_a_workshop_whose_report_was_never_sent_has_no_follow_up(conn):
    wid = held_workshop(conn)
    versions.create_version(conn, wid, ACTOR)  # made, not sent
    assert due.due_of(conn, wid, TODAY) is None
    assert due.schedule(conn, TODAY).empty
    with pytest.raises(fa.FollowupError, match="nog geen verslag verstuurd"):
        fa.start(conn, wid, ACTOR)
    with pytest.raises(fa.FollowupError, match="nog geen verslag verstuurd"):
        fa.issue_link(conn, wid, ACTOR)
    with pytest.raises(fa.FollowupError, match="nog geen verslag verstuurd"):
        fp.issue_link(conn, wid, ACTOR)
    assert conn.execute("SELECT count(*) FROM followups").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM invites").fetchone()[0] == 0


def test_save_without_a_follow_up_is_refused(conn, sent):
    wid, _ = sent
    with pytest.raises(fa.FollowupError, match="bestaat"):
        fa.save(conn, wid, {}, 0, ACTOR, CAT)


# ---------------------------------------------------------------- what it looks back on


def test_the_recommendations_as_sent_even_after_rewording(conn, sent):
    wid, made = sent
    sent_recs = made["recommendations"]
    first = sent_recs[0]
    review.reword(
        conn,
        wid,
        first["id"],
        {"title": "Later herschreven", "text": "Andere tekst.", "owner": "gemeente", "priority": 1},
        ACTOR,
        RB,
    )
    record = fa.start(conn, wid, ACTOR)
    basis = record["basis"]
    assert [r["id"] for r in basis["recommendations"]] == [r["id"] for r in sent_recs]
    assert basis["recommendations"][0]["title"] == first["title"] != "Later herschreven"
    assert basis["recommendations"][0]["text"] == first["text"]
    assert basis["report_version"]["id"] == made["id"]
    assert {k["id"]: k["before"] for k in basis["knelpunten"]} == {
        "geen-terugkoppeling": 4,
        "meldstructuur-onbekend": 4,
        "smal-beeld": 3,
        "juridische-kaders": 2,
    }
    # the rejected proposal was not in the report, so it is not asked about
    rejected = [
        r[0]
        for r in conn.execute(
            "SELECT rule_id FROM recommendation_decisions WHERE decision = 'afgewezen'"
        )
    ]
    assert rejected and not set(rejected) & {r["id"] for r in basis["recommendations"]}
    # the addendum's report shows the text that was sent, not the rewording
    submit_complete(conn, wid)
    pdf, data = versions.build(conn, wid, addendum=addendum.for_report(conn, wid))
    text = pdf_text(pdf)
    assert first["title"] in text and "Later herschreven" not in text
    assert [r.id for r in data.recommendations] == [r["id"] for r in sent_recs]


def test_start_is_idempotent(conn, sent):
    wid, _ = sent
    a = fa.start(conn, wid, ACTOR)
    b = fa.start(conn, wid, "iemand-anders")
    assert a["created_at"] == b["created_at"] and b["created_by"] == ACTOR


# ---------------------------------------------------------------- drafts and submission


def test_draft_then_complete_submission(conn, sent):
    wid, _ = sent
    record = fa.start(conn, wid, ACTOR)
    rid = record["basis"]["recommendations"][0]["id"]
    draft = {"recommendations": {rid: {"status": "in-gang-gezet"}}}
    errors, version = fa.save(conn, wid, draft, record["version"], "gemeente:GM0344", CAT)
    assert not errors and version == 1
    stored = fa.load(conn, wid)
    assert stored["state"] == "concept"
    assert stored["answers"]["recommendations"][rid]["status"] == "in-gang-gezet"

    errors, _ = fa.save(conn, wid, draft, version, "gemeente:GM0344", CAT, submit=True)
    assert errors[f"rec.{rid}.role"] == "Geef aan wie de aanbeveling oppakte (een rol, geen naam)."
    assert "contact.name" in errors and "next_workshop" in errors
    assert "kp.geen-terugkoppeling" in errors and "usage.werkwijze" in errors
    assert fa.load(conn, wid)["version"] == version  # nothing stored

    errors, version = fa.save(
        conn, wid, complete_answers(stored), version, "gemeente:GM0344", CAT, submit=True
    )
    assert not errors
    done = fa.load(conn, wid)
    assert done["state"] == "ingediend" and done["submitted_by"] == "gemeente:GM0344"
    assert not done["on_behalf"]
    rows = conn.execute(
        "SELECT rec_id, rule_id, status, role FROM followup_recommendations ORDER BY rec_id"
    ).fetchall()
    assert len(rows) == 3 and ("eigen-", None) in {(r[0][:6], r[1]) for r in rows}
    kps = dict(
        conn.execute(
            "SELECT knelpunt_id, after FROM followup_knelpunten WHERE kind = 'voorgesprek'"
        )
    )
    assert set(kps.values()) == {2} and len(kps) == 4
    with pytest.raises(fa.FollowupLocked):
        fa.save(conn, wid, complete_answers(done), version, "gemeente:GM0344", CAT)
    errors, _ = fa.save(conn, wid, complete_answers(done, 5), version, ACTOR, CAT, as_staff=True)
    assert not errors and fa.load(conn, wid)["state"] == "ingediend"


def test_bad_values_are_refused_by_field(conn, sent):
    wid, _ = sent
    record = fa.start(conn, wid, ACTOR)
    rid = record["basis"]["recommendations"][0]["id"]
    raw = {
        "contact": {"email": "geen-adres", "phone": "abc"},
        "recommendations": {rid: {"status": "klaar", "role": "burgemeester", "helped": "x" * 1001}},
        "knelpunten": {"geen-terugkoppeling": {"severity": 9}},
        "new_knelpunten": [
            {"knelpunt_id": "geen-terugkoppeling", "severity": 3},  # already in the list
            {"knelpunt_id": None, "text": "", "severity": 2},
            {"knelpunt_id": "bestaat-niet", "severity": 2},
            {"text": "Vierde", "severity": 2},
        ],
        "context": {"pga": "misschien"},
        "usage": {"werkwijze": "altijd"},
        "next_workshop": "graag",
        "support": ["iets"],
    }
    errors, _ = fa.save(conn, wid, raw, 0, ACTOR, CAT)
    assert set(errors) >= {
        "contact.email",
        "contact.phone",
        f"rec.{rid}.status",
        f"rec.{rid}.role",
        f"rec.{rid}.helped",
        "kp.geen-terugkoppeling",
        "new.0",
        "new.1",
        "new.2",
        "new_knelpunten",
        "context.pga",
        "usage.werkwijze",
        "next_workshop",
        "support",
    }
    assert "al in de lijst" in errors["new.0"]
    assert fa.load(conn, wid)["version"] == 0


def test_privacy_guard_then_confirmation(conn, sent):
    wid, _ = sent
    record = fa.start(conn, wid, ACTOR)
    a = complete_answers(record)
    rid = next(iter(a["recommendations"]))
    a["recommendations"][rid]["blocked"] = "Het ging mis bij de jongen genaamd Daan de Vries."
    a["remarks"] = "Bel 06-12345678."
    errors, _ = fa.save(conn, wid, a, 0, ACTOR, CAT, submit=True)
    assert set(errors) == {f"privacy.rec.{rid}.blocked", "privacy.remarks"}
    errors, _ = fa.save(conn, wid, a, 0, ACTOR, CAT, submit=True, privacy_confirmed=True)
    assert not errors


def test_a_stale_save_is_refused(conn, sent):
    wid, _ = sent
    record = fa.start(conn, wid, ACTOR)
    fa.save(conn, wid, {}, record["version"], "gemeente:GM0344", CAT)
    with pytest.raises(fa.ConflictError):
        fa.save(conn, wid, {}, record["version"], ACTOR, CAT, as_staff=True)


def test_on_behalf_and_reopen(conn, sent):
    wid, _ = sent
    done = submit_complete(conn, wid, actor=ACTOR)  # staff, but not as_staff: still the form
    assert not done["on_behalf"]
    fa.reopen(conn, wid, ACTOR)
    record = fa.load(conn, wid)
    assert record["state"] == "concept"
    errors, _ = fa.save(
        conn, wid, complete_answers(record), record["version"], ACTOR, CAT, True, as_staff=True
    )
    assert not errors and fa.load(conn, wid)["on_behalf"] == 1
    actions = [
        r[0] for r in conn.execute("SELECT action FROM audit_log WHERE action LIKE 'terug%'")
    ]
    assert "terugblik heropend" in actions and actions.count("terugblik ingediend") == 2


# ---------------------------------------------------------------- the link


def test_a_link_of_a_never_reaches_b(conn):
    a, _ = sent_workshop(conn, "GM0344")
    b, _ = sent_workshop(conn, "GM0014")
    ta, tb = fa.issue_link(conn, a, ACTOR), fa.issue_link(conn, b, ACTOR)
    ia, ib = fa.resolve(conn, ta, delay=0), fa.resolve(conn, tb, delay=0)
    assert (ia.workshop_id, ia.municipality_name) == (a, "Utrecht")
    assert (ib.workshop_id, ib.municipality_name) == (b, "Groningen")
    # a follow-up link is no intake or participants' link, and the other way round
    assert invites.resolve(conn, ta, purpose="intake", delay=0) is None
    assert fp.resolve(conn, ta, delay=0) is None
    intake_token = invites.issue(conn, a, ACTOR)
    assert fa.resolve(conn, intake_token, delay=0) is None
    # only the hash is stored; a new link revokes the old one; revoked and expired links fail
    assert ta not in {r[0] for r in conn.execute("SELECT token_hash FROM invites")}
    again = fa.issue_link(conn, a, ACTOR)
    assert fa.resolve(conn, ta, delay=0) is None and fa.resolve(conn, again, delay=0)
    fa.revoke_link(conn, a, ACTOR)
    assert fa.resolve(conn, again, delay=0) is None and fa.active_link(conn, a) is None
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="seconds")
    conn.execute("UPDATE invites SET expires_at = ? WHERE workshop_id = ?", [past, b])
    assert fa.resolve(conn, tb, delay=0) is None


def test_link_validity_comes_from_the_file(conn, sent):
    wid, _ = sent
    fa.issue_link(conn, wid, ACTOR)
    expires = datetime.fromisoformat(fa.active_link(conn, wid)["expires_at"])
    assert (expires - datetime.now(UTC)).days in (CFG.link_valid_days - 1, CFG.link_valid_days)


# ---------------------------------------------------------------- participants


def test_participants_answer_anonymously_and_small_numbers_stay_hidden(conn, sent):
    wid, _ = sent
    token = fp.issue_link(conn, wid, ACTOR)
    raw = {"werkwijze-gebruikt": "vaker", "weet-bij-wie": 4, "anders-gedaan": "Eerst advies."}
    first = fp.submit(conn, token, "sessie-1", raw, delay=0)
    assert first.ok and not first.updated
    again = fp.submit(conn, token, "sessie-1", {**raw, "weet-bij-wie": 5}, delay=0)
    assert again.ok and again.updated and again.response_id == first.response_id
    assert fp.session_response(conn, wid, "sessie-1")["weet-bij-wie"] == 5
    fp.submit(conn, token, "sessie-2", {"werkwijze-gebruikt": "niet", "weet-bij-wie": 2}, delay=0)
    shown = fp.results(conn, [wid])
    assert shown.respondents == 2 and shown.hidden and shown.items.empty
    assert shown.open_answers.empty
    fp.submit(conn, token, "sessie-3", {"werkwijze-gebruikt": "eenmaal"}, delay=0)
    shown = fp.results(conn, [wid]).items.set_index("item_id")
    assert shown.loc["werkwijze-gebruikt", "share_yes"] == pytest.approx(2 / 3)
    assert shown.loc["weet-bij-wie", "detail"].startswith("verborgen")  # answered by 2
    assert shown.loc["anders-gedaan", "detail"].startswith("verborgen")
    stored = conn.execute("SELECT session_hash FROM followup_responses").fetchall()
    assert all(len(h[0]) == 64 and "sessie" not in h[0] for h in stored)


def test_participant_input_is_checked(conn, sent):
    wid, _ = sent
    token = fp.issue_link(conn, wid, ACTOR)
    bad = fp.submit(conn, token, "s", {"werkwijze-gebruikt": "soms", "weet-bij-wie": 7}, delay=0)
    assert set(bad.errors) == {"item.werkwijze-gebruikt", "item.weet-bij-wie"}
    assert fp.submit(conn, token, "s", {}, delay=0).errors == {
        "form": "Beantwoord minstens één vraag."
    }
    flagged = fp.submit(conn, token, "s", {"anders-gedaan": "BSN 111222333"}, delay=0)
    assert "item.anders-gedaan" in flagged.privacy and not flagged.ok
    assert fp.submit(
        conn, token, "s", {"anders-gedaan": "BSN 111222333"}, confirm_privacy=True, delay=0
    ).ok
    assert fp.submit(conn, "onbekend-" * 5, "s", {"weet-bij-wie": 3}, delay=0).errors["form"]
    fp.revoke_link(conn, wid, ACTOR)
    assert not fp.submit(conn, token, "s", {"weet-bij-wie": 3}, delay=0).ok


# ---------------------------------------------------------------- results and programme


def test_terugblik_of_one_workshop(conn, sent):
    wid, _ = sent
    record = fa.start(conn, wid, ACTOR)
    a = complete_answers(record)
    a["new_knelpunten"] = [
        {"knelpunt_id": None, "text": "Wisselende contactpersonen", "severity": 3}
    ]
    fa.save(conn, wid, a, 0, ACTOR, CAT, submit=True)
    tb = results.terugblik(conn, wid, TODAY)
    assert tb.submitted and tb.next_workshop == "Misschien later"
    assert list(tb.recommendations["status_label"][:2]) == ["Uitgevoerd", "Nog niet gestart"]
    kp = tb.knelpunten.set_index("knelpunt_id")
    assert kp.loc["geen-terugkoppeling", "change"] == -2
    assert kp.loc["nieuw-1", "knelpunt"] == "Wisselende contactpersonen"
    assert kp.loc["nieuw-1", "kind"] == "nieuw" and pd_isna(kp.loc["nieuw-1", "before"])
    counts = results.status_counts(tb.recommendations).set_index("status")["count"]
    assert counts["uitgevoerd"] == 1 and counts["nog-niet-gestart"] == 2


def pd_isna(x) -> bool:
    return x != x


def test_programme_figures_follow_the_workshops_in_view(conn):
    a, _ = sent_workshop(conn, "GM0344")
    b, _ = sent_workshop(conn, "GM0014")
    c, _ = sent_workshop(conn, "GM0363")  # sent, no follow-up
    submit_complete(conn, a, severity=2)
    record = fa.start(conn, b, ACTOR)
    answers = complete_answers(record, severity=5)
    for ans in answers["recommendations"].values():
        ans.update(status="in-gang-gezet", role="zvh")
    fa.save(conn, b, answers, 0, ACTOR, CAT, submit=True)

    later = TODAY + timedelta(days=400)
    over = programme.overview(conn, later)
    assert over["sent"] == 3 and over["due"] == 3 and over["submitted"] == 2
    assert over["overdue"] == 1 and over["response_rate"] == pytest.approx(2 / 3)
    assert programme.overview(conn, TODAY)["response_rate"] is None  # nothing due yet
    work = programme.worklist(due.schedule(conn, later))
    assert list(work["workshop_id"]) == [c]

    rules_ = programme.by_rule(conn).set_index("rule_id")
    first = complete_answers(fa.load(conn, a))
    first_rule = next(iter(first["recommendations"]))
    assert rules_.loc[first_rule, "given"] == 2 and rules_.loc[first_rule, "implemented"] == 1
    assert rules_.loc[first_rule, "share_implemented"] == pytest.approx(0.5)
    assert rules_.index[-1] == ""  # staff's own together, last
    only_a = programme.by_rule(conn, [a]).set_index("rule_id")
    assert only_a.loc[first_rule, "share_implemented"] == 1

    domains = programme.by_domain(conn).set_index("domain")
    assert domains.loc["Veiligheid", "given"] == 3  # zvh picked all three of b's up
    assert domains.loc["Sociaal domein & gemeente", "implemented"] == 1
    assert domains.index[-1] == programme.NOT_PICKED_UP

    change = programme.knelpunt_change(conn).set_index("knelpunt_id")
    # a: 4 -> 2 and b: 4 -> 5 for 'geen-terugkoppeling'
    assert change.loc["geen-terugkoppeling", "change_mean"] == pytest.approx((-2 + 1) / 2)
    assert change.loc["geen-terugkoppeling", "share_smaller"] == pytest.approx(0.5)
    assert programme.knelpunt_change(conn, [c]).empty

    shown = programme.present(programme.by_rule(conn), "terugblik-aanbevelingen")
    assert list(shown.columns)[-1] == "Aandeel uitgevoerd" and "Uitgevoerd" in shown.columns
    assert len(set(shown.columns)) == len(shown.columns)


def test_track_record_marks_advice_that_rarely_lands(conn, sent):
    wid, _ = sent
    rid = fa.start(conn, wid, ACTOR)["basis"]["recommendations"][1]["id"]
    submit_complete(conn, wid)  # the second recommendation: not started
    assert programme.track_record(conn)[rid]["shown"] is False  # one follow-up: too few
    for code in ("GM0014", "GM0363"):
        other, _ = sent_workshop(conn, code)
        submit_complete(conn, other)
    record = programme.track_record(conn)[rid]
    assert record == {
        "given": 3,
        "counted": 3,
        "implemented": 0,
        "share": 0.0,
        "shown": True,
        "rarely": True,
    }
    assert programme.track_sentence(record).startswith("Wordt zelden uitgevoerd. ")
    assert "0 van 3 gemeenten" in programme.track_sentence(record)
    # demo workshops count only while there are no real ones
    conn.execute("UPDATE workshops SET is_demo = 1 WHERE municipality_code = 'GM0014'")
    conn.conn.commit()
    assert programme.track_record(conn)[rid]["given"] == 2


# ---------------------------------------------------------------- the report's addendum


def test_addendum_is_a_new_version_with_a_terugblik_section(conn, sent):
    wid, made = sent
    assert addendum.for_report(conn, wid) is None
    with pytest.raises(fa.FollowupError, match="nog geen ingediende terugblik"):
        addendum.create_version(conn, wid, ACTOR)
    submit_complete(conn, wid)
    fp_token = fp.issue_link(conn, wid, ACTOR)
    for i in range(3):
        fp.submit(conn, fp_token, f"s{i}", {"werkwijze-gebruikt": "vaker"}, delay=0)
    stored = addendum.create_version(conn, wid, ACTOR)
    assert stored["number"] == made["number"] + 1
    text = pdf_text(versions.version_pdf(conn, wid, stored["id"])[1])
    assert "9. Terugblik" in text and "Wat er met de aanbevelingen gebeurde" in text
    assert "Knelpunten: toen en nu" in text and "Steun van de wethouder." in text
    assert "Werkwijze gebruikt" not in text and "Heb je de Werkwijze" in text
    assert "100% ja" in text
    detail = json.loads(
        conn.execute(
            "SELECT detail FROM audit_log WHERE action = 'verslag gemaakt' ORDER BY id DESC"
        ).fetchone()[0]
    )
    assert detail["terugblik"] is True


def test_command_line_report_includes_the_terugblik(conn, sent, tmp_path, capsys):
    wid, _ = sent
    out = tmp_path / "zonder.pdf"
    assert main(["report", str(wid), "--out", str(out), "--no-save"]) == 0
    assert "Terugblik" not in pdf_text(out.read_bytes())
    submit_complete(conn, wid)
    out = tmp_path / "met.pdf"
    assert main(["report", str(wid), "--out", str(out)]) == 0
    assert "met de terugblik" in capsys.readouterr().out
    assert "9. Terugblik" in pdf_text(out.read_bytes())


# ---------------------------------------------------------------- retention and rights


def test_retention_covers_the_follow_up(conn, sent):
    wid, _ = sent
    submit_complete(conn, wid)
    fa.save_staff_notes(conn, wid, "Gebeld met de contactpersoon.", ACTOR)
    token = fp.issue_link(conn, wid, ACTOR)
    fp.submit(conn, token, "s", {"anders-gedaan": "Eerst advies gevraagd."}, delay=0)
    soon = retention.apply(conn, TODAY + timedelta(days=300), dry_run=True)
    assert not {e.rule for e in soon} & {"terugblik-contact", "terugblik-deelnemers-open"}
    retention.apply(conn, retention.add_months(TODAY, 13))
    record = fa.load(conn, wid)
    assert record["answers"]["contact"] == {"name": "", "role": "", "email": "", "phone": ""}
    assert record["staff_notes"] == "Gebeld met de contactpersoon."  # 24 months
    assert conn.execute("SELECT text FROM followup_answers").fetchone()[0] is None
    retention.apply(conn, retention.add_months(TODAY, 25))
    assert fa.load(conn, wid)["staff_notes"] == ""
    assert fa.load(conn, wid)["state"] == "ingediend"  # the figures stay


def test_export_anonymise_and_erase_include_the_follow_up(conn, sent):
    wid, _ = sent
    record = fa.start(conn, wid, ACTOR)
    a = complete_answers(record)
    a["remarks"] = "Graag een vervolg."
    fa.save(conn, wid, a, 0, ACTOR, CAT, submit=True)
    token = fp.issue_link(conn, wid, ACTOR)
    fp.submit(conn, token, "s", {"anders-gedaan": "Eerst advies gevraagd."}, delay=0)
    with zipfile.ZipFile(io.BytesIO(rights.export_zip(conn, "GM0344", "opdrachtregel"))) as zf:
        doc = json.loads(zf.read("gegevens.json"))
    tables = doc["tabellen"]
    assert tables["followups"][0]["answers"]["remarks"] == "Graag een vervolg."
    assert len(tables["followup_recommendations"]) == 3
    assert tables["followup_answers"][0]["text"] == "Eerst advies gevraagd."
    assert "session_hash" not in tables["followup_responses"][0]
    assert "terugblikken" in rights.describe(rights.summary(conn, "GM0344"))

    rights.erase(conn, "GM0344", "anonimiseren", "Utrecht", "opdrachtregel")
    record = fa.load(conn, wid)
    assert record["answers"]["remarks"] == "[verwijderd]"
    assert record["answers"]["contact"]["name"] == ""
    helped = [r["helped"] for r in record["answers"]["recommendations"].values()]
    assert "Steun van de wethouder." not in helped
    assert conn.execute("SELECT text FROM followup_answers").fetchone()[0] is None
    assert conn.execute("SELECT count(*) FROM followup_recommendations").fetchone()[0] == 3

    rights.erase(conn, "GM0344", "wissen", "Utrecht", "opdrachtregel")
    for table in ("followups", "followup_recommendations", "followup_knelpunten"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM followup_answers").fetchone()[0] == 0


# ---------------------------------------------------------------- demo data


def test_demo_has_sent_reports_and_follow_ups(conn):
    demo.seed_demo(conn, seed=3)
    sent = conn.execute("SELECT count(*) FROM workshops WHERE status = 'verslag verstuurd'")
    n_sent = sent.fetchone()[0]
    plan = due.schedule(conn, TODAY)
    assert len(plan) == n_sent > 0
    states = set(plan["state"])
    assert "ingediend" in states and states & {"achterstallig", "te-doen"}
    assert conn.execute("SELECT count(*) FROM followup_responses").fetchone()[0] > 0
    wid = int(plan[plan["state"] == "ingediend"]["workshop_id"].iloc[0])
    tb = results.terugblik(conn, wid, TODAY)
    assert tb.submitted and len(tb.recommendations) and tb.recommendations["status"].notna().all()
    assert addendum.for_report(conn, wid) is not None
    demo.remove_demo(conn)
    assert conn.execute("SELECT count(*) FROM followups").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM report_versions").fetchone()[0] == 0


# ---------------------------------------------------------------- by e-mail (a real SMTP server)


@pytest.fixture
def smtp(monkeypatch):
    from support.smtp import smtp_server

    from jep.mail import settings

    with smtp_server() as server:
        for key, value in server.env().items():
            monkeypatch.setenv(key, value)
        yield server, settings.load()


def test_the_link_and_the_reminder_by_mail(conn, sent, smtp):
    from jep import outgoing
    from jep.followup import mail
    from jep.mail import delivery, outbox
    from jep.mail.errors import MailError

    server, cfg = smtp
    outgoing.check_texts()  # the follow-up's texts are known to the mail round
    wid, _ = sent
    with pytest.raises(MailError, match="geen geldige link"):
        mail.invitation(conn, wid, "contact@utrecht.example", "https://x", ACTOR, cfg)
    token = fa.issue_link(conn, wid, ACTOR)
    link = fa.link_url("https://jep.example", token)
    assert mail.contact_address(conn, wid) == "anna@gemeente.example"  # from the intake
    mail_id = mail.invitation(conn, wid, "contact@utrecht.example", link, ACTOR, cfg)
    assert mail.recently_invited(conn, wid, "Contact@Utrecht.example")
    assert fa.load(conn, wid)["reminded_at"] is None  # not due yet: no reminder
    result = delivery.deliver_due(conn, cfg)
    assert result.sent == [mail_id]
    msg = server.mailbox.messages[-1]
    assert msg.rcpt_tos == ["contact@utrecht.example"]
    assert msg.subject.endswith("gemeente Utrecht") and link in msg.text()
    assert token not in (outbox.get(conn, mail_id)["body"] or "")  # removed once delivered
    assert mail.contact_address(conn, wid) == "contact@utrecht.example"

    # nothing to remind before it is overdue
    assert mail.queue_reminders(conn, cfg) == 0
    overdue = TODAY + timedelta(days=CFG.reminder_after_days + 200)
    assert mail.queue_reminders(conn, cfg, overdue) == 1
    assert mail.queue_reminders(conn, cfg, overdue) == 0  # once
    delivery.deliver_due(conn, cfg)
    reminder = server.mailbox.messages[-1]
    assert reminder.subject.startswith("Herinnering: terugblik")
    assert token not in reminder.text() and "Utrecht" in reminder.text()
    assert fa.load(conn, wid)["reminded_at"][:10] == TODAY.isoformat()
    actions = [
        r[0]
        for r in conn.execute(
            "SELECT actor FROM audit_log WHERE action = ?", ["terugblik herinnerd"]
        )
    ]
    assert actions == ["systeem"]


def test_no_reminder_when_submitted_demo_or_without_address(conn, smtp):
    from jep.followup import mail

    _, cfg = smtp
    later = TODAY + timedelta(days=400)
    done, _ = sent_workshop(conn, "GM0344")
    fa.issue_link(conn, done, ACTOR)
    submit_complete(conn, done)
    fake, _ = sent_workshop(conn, "GM0014")
    fa.issue_link(conn, fake, ACTOR)
    conn.execute("UPDATE workshops SET is_demo = 1 WHERE id = ?", [fake])
    nobody, _ = sent_workshop(conn, "GM0363")
    fa.issue_link(conn, nobody, ACTOR)
    conn.execute(
        "UPDATE intakes SET answers = json_set(answers, '$.contact.email', '') "
        "WHERE workshop_id = ?",
        [nobody],
    )
    conn.conn.commit()
    assert mail.queue_reminders(conn, cfg, later) == 0
    assert conn.execute("SELECT count(*) FROM mail_messages").fetchone()[0] == 0


def test_the_form_sections_progress_and_where_errors_belong(conn):
    wid, _ = sent_workshop(conn)
    record = fa.start(conn, wid, ACTOR)
    basis = record["basis"]
    empty = fa.section_progress({}, basis)
    assert {sid: mark for sid, (mark, _) in empty.items()} == {
        "contact": "0 van 2",
        "aanbevelingen": "0 van 3",
        "knelpunten": "0 van 4",
        "werkwijze": f"0 van {len(config().usage) + 5}",
        "vervolg": "0 van 1",
    }
    full = complete_answers(record)
    assert all(done for _, done in fa.section_progress(full, basis).values())
    rid = next(iter(full["recommendations"]))
    full["recommendations"][rid]["role"] = None  # picked up, but by whom?
    assert fa.section_progress(full, basis)["aanbevelingen"] == ("2 van 3", False)
    errors = fa.validate(fa.normalise({}, basis), basis, CAT, final=True)
    errors["privacy.remarks"] = errors["privacy.new.0"] = "gevonden"
    where = {key: fa.section_of(key) for key in errors}
    assert {where[k] for k in errors if k.startswith("rec.")} == {"aanbevelingen"}
    assert where["privacy.new.0"] == "knelpunten" and where["privacy.remarks"] == "vervolg"
    assert where["next_workshop"] == "vervolg" and where["contact.name"] == "contact"
    assert set(where.values()) == set(fa.SECTIONS)  # every section has one here
