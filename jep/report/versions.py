"""Building a report and its stored versions.

`create_version` builds a report and stores it – PDF bytes, who, when and the recommendations it
contained – so the report that was sent can be handed out again unchanged. `mark_sent` records
that a version was sent and moves the workshop to 'verslag verstuurd' through the planning rules.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlite_utils import Database

from jep.fmt import fmt_moment
from jep.report import charts as charts
from jep.report.content import ReportData, ReportError, collect
from jep.store import audit
from jep.store.db import last_id, now, write
from jep.workshop import planning, workshops

if TYPE_CHECKING:
    from jep.report.pdf import Addendum, Progress

# ---------------------------------------------------------------- building and versions


def build(
    db: Database,
    workshop_id: int,
    include_undecided: bool = False,
    progress: Progress | None = None,
    number: int | None = None,
    addendum: Addendum | None = None,
) -> tuple[bytes, ReportData]:
    """Collect and render the report of one workshop (not stored); with an `addendum` (the
    follow-up's Terugblik) after the recommendations."""
    from jep.report.pdf import render_pdf  # fpdf2 and fontTools (36 MB) once a report is made

    say = progress or (lambda _f, _l: None)
    say(0.05, "Gegevens verzamelen")
    data = collect(db, workshop_id, include_undecided=include_undecided)
    data.number = number
    if addendum is not None:
        addendum.prepare(data)
    return render_pdf(data, progress, addendum), data


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "gemeente"


def filename_for(workshop: Mapping[str, Any], number: int | None) -> str:
    when = (workshop.get("date") or "zonder-datum")[:10]
    suffix = f"-v{number}" if number else ""
    return f"verslag-werkatelier-{_slug(workshop['municipality_name'])}-{when}{suffix}.pdf"


def create_version(
    db: Database,
    workshop_id: int,
    actor: str,
    include_undecided: bool = False,
    progress: Progress | None = None,
    addendum: Addendum | None = None,
) -> dict[str, Any]:
    """Build the report and store it as the next version (PDF, who, when, recommendations);
    with an `addendum` (the follow-up's Terugblik) after the recommendations.

    Returns the stored version: id, number, filename, size, seconds, recommendations, undecided.
    """
    say = progress or (lambda _f, _l: None)
    started = time.perf_counter()
    row = db.execute(
        "SELECT coalesce(max(number), 0) + 1 FROM report_versions WHERE workshop_id = ?",
        [workshop_id],
    ).fetchone()
    number = int(row[0])
    pdf, data = build(db, workshop_id, include_undecided, progress, number, addendum)
    seconds = time.perf_counter() - started
    say(0.95, "Versie bewaren")
    name = filename_for(data.workshop, number)
    recs = [r.to_dict() for r in data.recommendations]
    with write(db):
        number = int(
            db.execute(
                "SELECT coalesce(max(number), 0) + 1 FROM report_versions WHERE workshop_id = ?",
                [workshop_id],
            ).fetchone()[0]
        )
        if number != data.number:  # someone else stored a version meanwhile: renumber
            data.number = number
            from jep.report.pdf import render_pdf

            pdf = render_pdf(data, addendum=addendum)
            name = filename_for(data.workshop, number)
        cur = db.execute(
            "INSERT INTO report_versions(workshop_id, number, created_at, created_by, filename, "
            "size, sha256, pdf, recommendations, facts, build_seconds) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                workshop_id,
                number,
                data.created_at,
                actor,
                name,
                len(pdf),
                hashlib.sha256(pdf).hexdigest(),
                pdf,
                json.dumps(recs, ensure_ascii=False),
                json.dumps(data.facts.to_dict(), ensure_ascii=False, default=str),
                round(seconds, 3),
            ],
        )
        version_id = last_id(cur)
        audit.log(
            db,
            actor,
            "verslag gemaakt",
            "report_version",
            version_id,
            {
                "werkatelier": workshop_id,
                "versie": number,
                "aanbevelingen": [r["id"] for r in recs],
                **({"terugblik": True} if addendum is not None else {}),
            },
        )
    say(1.0, "Klaar")
    return {
        "id": version_id,
        "number": number,
        "filename": name,
        "size": len(pdf),
        "seconds": seconds,
        "recommendations": recs,
        "undecided": data.undecided,
    }


def versions(db: Database, workshop_id: int) -> pd.DataFrame:
    """The stored versions of a workshop, newest first.

    Columns: id, number, created_at, created_by, filename, size, recommendations (count),
    sent_at, sent_by, build_seconds."""
    df = pd.read_sql_query(
        "SELECT id, number, created_at, created_by, filename, size, recommendations, sent_at, "
        "sent_by, build_seconds FROM report_versions WHERE workshop_id = ? ORDER BY number DESC",
        db.conn,
        params=[workshop_id],
    )
    df["recommendations"] = [len(json.loads(r or "[]")) for r in df["recommendations"]]
    return df


def version_recommendations(db: Database, workshop_id: int, version_id: int) -> list[dict]:
    row = db.execute(
        "SELECT recommendations FROM report_versions WHERE id = ? AND workshop_id = ?",
        [version_id, workshop_id],
    ).fetchone()
    if not row:
        raise ReportError("Deze versie van het verslag bestaat niet.")
    return json.loads(row[0] or "[]")


def version_pdf(
    db: Database, workshop_id: int, version_id: int, actor: str | None = None
) -> tuple[str, bytes]:
    """(filename, PDF bytes) of a stored version; with `actor` the download is audited."""
    row = db.execute(
        "SELECT filename, pdf, number FROM report_versions WHERE id = ? AND workshop_id = ?",
        [version_id, workshop_id],
    ).fetchone()
    if not row:
        raise ReportError("Deze versie van het verslag bestaat niet.")
    if actor:
        audit.record(
            db,
            actor,
            "verslag gedownload",
            "report_version",
            version_id,
            {"werkatelier": workshop_id, "versie": row[2]},
        )
    return row[0], bytes(row[1])


def mark_sent(db: Database, workshop_id: int, version_id: int, actor: str, today: date) -> str:
    """Record that this version was sent to the municipality; a workshop in status 'uitgevoerd'
    moves to 'verslag verstuurd' through the planning rules. Returns a Dutch confirmation."""
    w = workshops.get(db, workshop_id)
    if w is None:
        raise ReportError("Dit werkatelier bestaat niet.")
    row = db.execute(
        "SELECT number, sent_at FROM report_versions WHERE id = ? AND workshop_id = ?",
        [version_id, workshop_id],
    ).fetchone()
    if not row:
        raise ReportError("Deze versie van het verslag bestaat niet.")
    moved = False
    if w["status"] == "uitgevoerd":
        try:
            planning.change_status(db, workshop_id, "verslag verstuurd", actor, today)
        except planning.PlanningError as exc:
            raise ReportError(str(exc)) from exc
        moved = True
    elif w["status"] != "verslag verstuurd":
        raise ReportError(
            f"Een verslag kan pas verstuurd worden als het werkatelier is uitgevoerd; de status "
            f"is nu ‘{w['status']}’."
        )
    with write(db):
        db.execute(
            "UPDATE report_versions SET sent_at = ?, sent_by = ? WHERE id = ?",
            [now(), actor, version_id],
        )
        audit.log(
            db,
            actor,
            "verslag verstuurd",
            "report_version",
            version_id,
            {"werkatelier": workshop_id, "versie": row[0]},
        )
    tail = " De status is nu ‘verslag verstuurd’." if moved else ""
    return f"Versie {row[0]} is gemarkeerd als verstuurd.{tail}"


def format_stamp(value: str | None) -> str:
    """'30 november 2026 om 14:05' (Dutch time of the stored UTC moment); '—' when empty."""
    return fmt_moment(value)
