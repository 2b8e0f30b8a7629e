"""What people read: dates as "1 december 2026" (never ISO or "None"), moments in Dutch time,
audit details in Dutch words, one set of status names, and tables sorted as their caption says."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd

from jep.fmt import fmt_date, fmt_moment
from jep.report import versions
from jep.store import audit
from jep.workshop import planning, workshops

TODAY = date(2026, 12, 1)


def test_dates_and_moments_in_dutch():
    assert fmt_date("2026-12-01") == "1 december 2026"
    assert fmt_date(None) == fmt_date("") == fmt_date(float("nan")) == "—"
    # a stored UTC moment late in the evening is the next day in the Netherlands
    assert fmt_date("2026-11-30T23:30:00+00:00") == "1 december 2026"
    assert fmt_moment("2026-12-01T09:14:03+00:00") == "1 december 2026 om 10:14"  # winter: +1
    assert fmt_moment("2026-07-01T12:00:00+00:00") == "1 juli 2026 om 14:00"  # summer: +2
    assert fmt_moment("2026-12-01T09:14:03+00:00", seconds=True) == "1 december 2026 om 10:14:03"
    assert fmt_moment(None) == "—"


def test_report_versions_are_stamped_in_dutch_time():
    assert versions.format_stamp("2026-12-01T13:05:00+00:00") == "1 december 2026 om 14:05"


def test_audit_log_reads_as_dutch():
    rows = pd.DataFrame(
        [
            {
                "at": "2026-12-01T09:14:03+00:00",
                "actor": "admin",
                "action": "status gewijzigd",
                "entity": "workshop",
                "entity_id": "7",
                "detail": json.dumps({"van": "intake", "naar": "gepland"}),
            },
            {
                "at": "2026-07-01T22:30:00+00:00",
                "actor": "admin",
                "action": "planning gewijzigd",
                "entity": "workshop",
                "entity_id": "7",
                "detail": json.dumps({"velden": ["date", "location"], "datum": "2026-12-14"}),
            },
            {
                "at": "2026-12-01T09:15:00+00:00",
                "actor": "admin",
                "action": "dashboard geëxporteerd",
                "entity": "dashboard",
                "entity_id": "gemeenten",
                "detail": json.dumps({"formaat": "xlsx", "rijen": 342, "filters": {}}),
            },
            {
                "at": "2026-12-01T09:16:00+00:00",
                "actor": "systeem",
                "action": "aangemeld",
                "entity": None,
                "entity_id": None,
                "detail": None,
            },
        ]
    )
    shown = audit.for_display(rows, workshops.STATUS_LABELS)
    assert "Tijdstip" in shown.columns and "Tijdstip (UTC)" not in shown.columns
    assert shown["Tijdstip"].tolist()[:2] == [
        "1 december 2026 om 10:14:03",
        "2 juli 2026 om 00:30:00",
    ]
    assert shown["Details"].tolist() == [
        "van ‘voorgesprek ingediend’ naar ‘gepland’",
        "velden: datum, locatie · datum: 14 december 2026",
        "formaat: Excel · rijen: 342",
        "",
    ]
    assert not any("{" in d or "None" in d for d in shown["Details"])


def _workshop(conn, code: str, status: str, when: date | None, requested: str) -> int:
    wid = workshops.create_request(conn, code, "tester")
    conn.execute(
        "UPDATE workshops SET status = ?, date = ?, requested_at = ? WHERE id = ?",
        [status, when.isoformat() if when else None, requested, wid],
    )
    conn.conn.commit()
    return wid


def test_workshop_list_is_dutch_and_sorted_as_its_caption_says(conn):
    past_old = _workshop(conn, "GM0014", "uitgevoerd", TODAY - timedelta(days=90), "2026-01-05")
    past_new = _workshop(conn, "GM0034", "uitgevoerd", TODAY - timedelta(days=3), "2026-02-05")
    later = _workshop(conn, "GM0344", "gepland", TODAY + timedelta(days=40), "2026-03-05")
    soon = _workshop(conn, "GM0363", "gepland", TODAY + timedelta(days=2), "2026-04-05")
    new_request = _workshop(conn, "GM0599", "aanvraag", None, "2026-11-20T10:00:00+00:00")
    old_request = _workshop(conn, "GM0518", "intake", None, "2026-10-01T10:00:00+00:00")
    cancelled = _workshop(conn, "GM0080", "geannuleerd", TODAY + timedelta(days=1), "2026-05-05")
    df = workshops.overview(conn, today=TODAY)
    # coming ones first (soonest on top), then undated (newest request first), then the
    # past ones (latest first), cancelled last
    assert df["id"].tolist() == [
        soon,
        later,
        new_request,
        old_request,
        past_new,
        past_old,
        cancelled,
    ]
    row = df.set_index("id").loc[soon]
    assert row["datum"] == "3 december 2026" and row["aangevraagd"] == "5 april 2026"
    assert df.set_index("id").loc[old_request, "status"] == "voorgesprek ingediend"
    assert df.set_index("id").loc[new_request, "datum"] == "—"
    text = df.astype(str).to_string()
    assert "None" not in text and "nan" not in text and "2026-" not in text


def test_picker_uses_the_status_names_and_dates_of_the_pages(conn):
    wid = _workshop(conn, "GM0344", "intake", None, "2026-11-20")
    planned = _workshop(conn, "GM0363", "gepland", date(2027, 3, 4), "2026-11-20")
    labels = dict(workshops.options(conn))
    assert labels[wid] == f"Utrecht – voorgesprek ingediend (#{wid})"
    assert labels[planned] == f"Amsterdam – gepland – 4 maart 2027 (#{planned})"


def test_lists_find_a_municipality_by_the_name_people_use(conn):
    """'Den Haag' is 's-Gravenhage in the CBS list (data/municipality_aliases.toml)."""
    from jep.reference import municipalities

    haag = _workshop(conn, "GM0518", "intake", None, "2026-11-20")
    bosch = _workshop(conn, "GM0796", "intake", None, "2026-11-21")
    _workshop(conn, "GM0344", "intake", None, "2026-11-22")
    assert dict(workshops.options(conn))[haag] == (
        f"'s-Gravenhage / Den Haag – voorgesprek ingediend (#{haag})"
    )
    assert dict(municipalities.municipality_options(conn))["GM1900"] == (
        "Súdwest-Fryslân / Sudwest-Fryslan / Zuidwest-Friesland (Fryslân)"
    )
    for typed, found in (("den haag", [haag]), ("Bosch", [bosch]), ("Gravenhage", [haag])):
        assert workshops.overview(conn, search=typed)["id"].tolist() == found, typed
    assert workshops.overview(conn, search="Rotterdam").empty


def test_planning_agenda_shows_dutch_dates(conn):
    wid = _workshop(conn, "GM0344", "gepland", TODAY + timedelta(days=13), "2026-11-20")
    row = planning.schedule(conn, TODAY).set_index("id").loc[wid]
    assert (row["datum"], row["status"]) == ("14 december 2026", "gepland")


def test_list_of_evaluations_shows_dutch_days_and_no_none(conn):
    from jep.evaluation import responses

    wid = _workshop(conn, "GM0344", "uitgevoerd", TODAY, "2026-11-20")
    conn.execute(
        "INSERT INTO evaluation_responses(workshop_id, version, source, asked, created_at, "
        "updated_at, revision, entered_by) VALUES (?, 1, 'online', '[]', "
        "'2026-11-30T23:30:00+00:00', '2026-11-30T23:30:00+00:00', 1, NULL)",
        [wid],
    )
    conn.conn.commit()
    row = responses.responses_list(conn, wid).iloc[0]
    assert (row["created_at"], row["updated_at"], row["entered_by"]) == (
        "1 december 2026",
        "1 december 2026",
        "—",
    )
