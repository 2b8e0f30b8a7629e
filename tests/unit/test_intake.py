from datetime import date, timedelta

import pytest

from jep.reference.catalog import catalog
from jep.workshop import intake, workshops

TODAY = date(2026, 11, 30)


def complete(**over):
    data = {
        "contact": {
            "name": "Fenna de Boer",
            "role": "beleidsadviseur OOV",
            "email": "f.deboer@utrecht.example",
            "phone": "030 123 4567",
        },
        "context": dict.fromkeys(intake.CONTEXT_QUESTIONS, "ja"),
        "knelpunten": {"geen-terugkoppeling": {"severity": 4, "explanation": "Niets terug."}},
        "own_knelpunten": [{"text": "Wisselende contactpersonen bij de politie", "severity": 3}],
        "sectors": {"onderwijs": 4, "veiligheid": 2, "jeugdhulp": 3},
        "dates": [TODAY + timedelta(days=30), TODAY + timedelta(days=37)],
        "location_by": "gemeente",
        "catering_by": "gemeente",
        "remarks": "",
    }
    data.update(over)
    return data


def errors_of(raw, final=True):
    return intake.validate(intake.normalise(raw), catalog(), TODAY, final=final)


def test_complete_intake_is_valid():
    assert errors_of(complete()) == {}


def test_empty_draft_is_fine_but_not_a_submission():
    assert errors_of({}, final=False) == {}
    errs = errors_of({}, final=True)
    for key in (
        "contact.name",
        "contact.email",
        "context.pga",
        "knelpunten",
        "sectors",
        "dates",
        "location_by",
    ):
        assert key in errs, key


@pytest.mark.parametrize(
    ("field", "value", "key", "message"),
    [
        (
            "contact",
            {"name": "A", "role": "B", "email": "geen-mail", "phone": ""},
            "contact.email",
            "geldig e-mailadres",
        ),
        (
            "contact",
            {"name": "A", "role": "B", "email": "a@b.nl", "phone": "bel me"},
            "contact.phone",
            "geldig telefoonnummer",
        ),
        ("knelpunten", {"dossiervorming": {"severity": 9}}, "knelpunt.dossiervorming", "1 (klein)"),
        ("knelpunten", {"bestaat-niet": {"severity": 3}}, "knelpunt.bestaat-niet", "Onbekend"),
        ("sectors", {"onderwijs": 10, "veiligheid": 6}, "sectors", "hoogstens 15"),
        ("sectors", {"onderwijs": -1}, "sector.onderwijs", "0 tot 15"),
        ("dates", [TODAY, TODAY + timedelta(days=3)], "date.0", "toekomst"),
        ("dates", [TODAY + timedelta(days=3)], "dates", "minstens 2"),
        ("dates", [TODAY + timedelta(days=3)] * 2, "dates", "verschillende"),
        ("location_by", "de paus", "location_by", "keuze"),
        ("own_knelpunten", [{"text": "", "severity": 3}], "own.0", "Beschrijf"),
        ("remarks", "x" * 3000, "remarks", "te lang"),
    ],
)
def test_field_errors(field, value, key, message):
    errs = errors_of(complete(**{field: value}))
    assert key in errs and message in errs[key], errs


def test_control_characters_are_dropped_and_text_kept():
    data = intake.normalise(complete(remarks="regel 1\nregel\x00 2 <script>alert(1)</script>"))
    assert data["remarks"] == "regel 1\nregel 2 <script>alert(1)</script>"


def test_save_draft_submit_and_lock(conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    cat = catalog()
    errs, v1 = intake.save(
        conn, wid, {"contact": {"name": "Fenna"}}, 0, "gemeente:GM0344", cat, TODAY
    )
    assert errs == {} and v1 == 1
    rec = intake.load(conn, wid)
    assert rec["answers"]["contact"]["name"] == "Fenna" and rec["state"] == "concept"
    errs, v = intake.save(conn, wid, {}, v1, "g", cat, TODAY, submit=True)
    assert errs and v == v1  # nothing stored
    assert intake.load(conn, wid)["answers"]["contact"]["name"] == "Fenna"
    errs, v2 = intake.save(conn, wid, complete(), v1, "g", cat, TODAY, submit=True)
    assert errs == {} and v2 == 2
    assert workshops.get(conn, wid)["status"] == "intake"
    assert intake.load(conn, wid)["state"] == "ingediend"
    rows = conn.execute("SELECT knelpunt_id, severity FROM intake_knelpunten").fetchall()
    assert rows == [("geen-terugkoppeling", 4)]
    with pytest.raises(intake.IntakeLocked):
        intake.save(conn, wid, complete(), v2, "g", cat, TODAY)
    errs, v3 = intake.save(
        conn, wid, complete(remarks="gecorrigeerd"), v2, "medewerker", cat, TODAY, as_staff=True
    )
    assert errs == {} and intake.load(conn, wid)["state"] == "ingediend"
    intake.reopen(conn, wid, "medewerker")
    assert intake.load(conn, wid)["state"] == "concept"


def test_concurrent_save_is_refused_not_overwritten(conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    cat = catalog()
    intake.save(conn, wid, {"remarks": "eerste"}, 0, "a", cat, TODAY)
    with pytest.raises(intake.ConflictError, match="intussen opgeslagen"):
        intake.save(conn, wid, {"remarks": "tweede"}, 0, "b", cat, TODAY)
    assert intake.load(conn, wid)["answers"]["remarks"] == "eerste"


def test_summary_rows_read_in_dutch():
    rows = dict(intake.summary_rows(intake.normalise(complete()), catalog()))
    assert rows["Voorkeursdata"] == "30 december 2026, 6 januari 2027"
    assert rows["Gewenst: Onderwijs"] == "4"
    assert rows["Knelpunt (ernst 4)"].startswith("Geen terugkoppeling")


def test_privacy_guard_blocks_until_confirmed(conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    cat = catalog()
    raw = complete(remarks="Het gaat om een jongen van 15, bel 06-12345678.")
    errs, v = intake.save(conn, wid, raw, 0, "g", cat, TODAY)
    assert v == 0 and "privacy.remarks" in errs
    assert "telefoonnummer" in errs["privacy.remarks"] and "06-12345678" in errs["privacy.remarks"]
    assert intake.load(conn, wid)["answers"]["remarks"] == ""  # nothing stored
    errs, v = intake.save(conn, wid, raw, 0, "g", cat, TODAY, privacy_confirmed=True)
    assert errs == {} and v == 1


def test_staff_notes_privacy(conn):
    wid = workshops.create_request(conn, "GM0344", "tester")
    problem = intake.save_staff_notes(conn, wid, "Moeder belde: mijn cliënt Sanne de Vries", "a")
    assert problem and "naam" in problem
    assert intake.load(conn, wid)["staff_notes"] == ""
    assert intake.save_staff_notes(conn, wid, "Gebeld met OOV; datum volgt.", "a") is None
    assert intake.load(conn, wid)["staff_notes"] == "Gebeld met OOV; datum volgt."


def test_section_progress_as_the_bars_show_it():
    cat = catalog()
    marks = {sid: mark for sid, (mark, _) in intake.section_progress({}, cat).items()}
    assert marks == {
        "contact": "0 van 3",
        "situatie": "0 van 5",
        "knelpunten": "nog geen gekozen",
        "deelnemers": "0 van 15 plaatsen",
        "praktisch": "0 van 4",
    }
    assert all(done for _, done in intake.section_progress(complete(), cat).values())
    half = complete(
        contact={"name": "Fenna", "role": "", "email": "", "phone": "06"},
        own_knelpunten=[{"text": "", "severity": 3}],  # no text: not a knelpunt yet
        dates=[TODAY + timedelta(days=30)],
        catering_by=None,
    )
    progress = intake.section_progress(half, cat)
    assert progress["contact"] == ("1 van 3", False)  # the phone number is optional
    assert progress["knelpunten"] == ("1 knelpunt gekozen", True)
    assert progress["deelnemers"] == ("9 van 15 plaatsen", True)
    assert progress["praktisch"] == ("2 van 4", False)


def test_every_error_belongs_to_a_section():
    errs = errors_of({}, final=True)
    errs |= errors_of(complete(sectors={"onderwijs": 99}, own_knelpunten=[{"severity": 2}]))
    errs["privacy.remarks"] = errs["privacy.knelpunt.x"] = "gevonden"
    got = {key: intake.section_of(key) for key in errs}
    assert got["contact.email"] == "contact" and got["context.pga"] == "situatie"
    assert got["knelpunten"] == got["own.0"] == got["privacy.knelpunt.x"] == "knelpunten"
    assert got["sectors"] == got["sector.onderwijs"] == "deelnemers"
    assert got["dates"] == got["location_by"] == got["privacy.remarks"] == "praktisch"
    assert set(got.values()) <= set(intake.SECTIONS)
