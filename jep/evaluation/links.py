"""The evaluation link of a workshop and whether it is open.

One evaluation link per workshop, an invite (`jep.workshop.invites`, purpose 'evaluatie') whose
token is stored only as a hash. On top of the invite's own expiry the link is *open* or *closed*:
by the calendar (opens on the workshop day or once the workshop is 'uitgevoerd', closes a set
number of days later) or by hand. Also the QR code of the link, the one sentence staff read
about its state, and dropping the respondents' keys when it closes.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from jep.evaluation.questionnaire import Questionnaire, questionnaire
from jep.store import audit
from jep.store.db import now, write
from jep.workshop import invites
from jep.workshop.workshops import HELD

log = logging.getLogger("jep.evaluation")

PURPOSE = "evaluatie"
START_PATH = "/e"  # the application's own route that gives the phone its respondent key


@dataclass(frozen=True)
class LinkState:
    """Whether a workshop's evaluation form accepts answers today, and why."""

    phase: str  # 'open', 'not-yet' or 'closed'
    mode: str  # 'auto' (by the calendar), 'open' or 'closed' (by hand)
    reason: str  # Dutch, for staff
    opens_on: date | None
    closes_on: date | None
    has_link: bool
    link: dict[str, Any] | None

    @property
    def open(self) -> bool:
        return self.phase == "open"


@dataclass(frozen=True)
class RespondentLink:
    workshop_id: int
    municipality_name: str
    workshop_date: date | None
    state: LinkState
    link_id: int = 0  # the invite's id (the cap on new respondents is per link)


def _as_date(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _fmt(d: date) -> str:
    from jep.fmt import fmt_date

    return fmt_date(d)


def link_state(
    db: Database, workshop_id: int, today: date | None = None, q: Questionnaire | None = None
) -> LinkState:
    """Open/closed state of the workshop's evaluation (see the module docstring for the rules)."""
    q = q or questionnaire()
    today = today or date.today()
    w = db.execute("SELECT status, date FROM workshops WHERE id = ?", [workshop_id]).fetchone()
    if not w:
        raise KeyError(workshop_id)
    status, wdate = w[0], _as_date(w[1])
    row = db.execute(
        "SELECT manual, issued_on FROM evaluation_links WHERE workshop_id = ?", [workshop_id]
    ).fetchone()
    manual, issued_on = (row[0], _as_date(row[1])) if row else (None, None)
    link = invites.active_link(db, workshop_id, purpose=PURPOSE)
    opens_on = wdate if q.open_on_workshop_day else None
    reference = wdate or issued_on
    closes_on = reference + timedelta(days=q.close_after_days) if reference else None

    def state(phase: str, mode: str, reason: str) -> LinkState:
        return LinkState(
            phase,
            mode,
            reason,
            opens_on,
            closes_on if mode == "auto" else None,
            link is not None,
            link,
        )

    if manual == "closed":
        return state("closed", "closed", "Met de hand gesloten.")
    if manual == "open":
        return state("open", "open", "Met de hand geopend; blijft open tot u hem sluit.")
    if status == "geannuleerd":
        return state("closed", "auto", "Het werkatelier is geannuleerd.")
    if closes_on and today > closes_on:
        return state(
            "closed",
            "auto",
            f"Automatisch gesloten na {_fmt(closes_on)} ({q.close_after_days} dagen na "
            + ("het werkatelier)." if wdate else "het uitgeven van de link)."),
        )
    if status in HELD:
        return state("open", "auto", "Open: het werkatelier is uitgevoerd.")
    if opens_on and today >= opens_on:
        return state("open", "auto", "Open sinds de dag van het werkatelier.")
    when = f"op {_fmt(opens_on)}" if opens_on else "zodra het werkatelier is uitgevoerd"
    return state("not-yet", "auto", f"Nog niet open; opent {when}.")


def issue_link(db: Database, workshop_id: int, actor: str, q: Questionnaire | None = None) -> str:
    """A new evaluation link (the previous one stops working). Returns the token, once."""
    q = q or questionnaire()
    token = invites.issue(db, workshop_id, actor, purpose=PURPOSE, days=q.token_valid_days)
    with write(db):
        db.execute(
            "INSERT INTO evaluation_links(workshop_id, issued_on, updated_at, updated_by) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(workshop_id) DO UPDATE SET "
            "issued_on = excluded.issued_on, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by",
            [workshop_id, date.today().isoformat(), now(), actor],
        )
    return token


def revoke_link(db: Database, workshop_id: int, actor: str) -> int:
    """Revoke the evaluation link; answers already given stay, the respondents' keys go."""
    n = invites.revoke(db, workshop_id, actor, purpose=PURPOSE)
    drop_respondent_keys(db, workshop_id)
    return n


def set_manual(db: Database, workshop_id: int, manual: str | None, actor: str) -> None:
    """Open ('open') or close ('closed') by hand, or go back to the calendar (None)."""
    if manual not in (None, "open", "closed"):
        raise ValueError(manual)
    with write(db):
        db.execute(
            "INSERT INTO evaluation_links(workshop_id, manual, updated_at, updated_by) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(workshop_id) DO UPDATE SET manual = excluded.manual, "
            "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            [workshop_id, manual, now(), actor],
        )
        action = {
            "open": "evaluatie geopend",
            "closed": "evaluatie gesloten",
            None: "evaluatie automatisch",
        }[manual]
        audit.log(db, actor, action, "workshop", workshop_id)
    if manual == "closed":
        drop_respondent_keys(db, workshop_id)


def resolve_link(
    db: Database,
    token: str | None,
    today: date | None = None,
    q: Questionnaire | None = None,
    delay: float = invites.WRONG_TOKEN_DELAY,
) -> RespondentLink | None:
    """The workshop behind an evaluation token with its state today; None if unknown/revoked."""
    inv = invites.resolve(db, token, purpose=PURPOSE, delay=delay)
    if inv is None:
        return None
    row = db.execute("SELECT date FROM workshops WHERE id = ?", [inv.workshop_id]).fetchone()
    return RespondentLink(
        inv.workshop_id,
        inv.municipality_name,
        _as_date(row[0]) if row else None,
        link_state(db, inv.workshop_id, today, q),
        inv.id,
    )


def link_url(base_url: str, token: str) -> str:
    """The link for the QR code: the application's short route /e?eval=…, which gives the phone
    its anonymous respondent key (an HttpOnly cookie) and sends it on to the form at the root,
    /?eval=… (the respondent's only page is the default page, whose address is the root; a deep
    Streamlit path would show a "page not found" dialog first). Short paths keep the QR code
    small."""
    return f"{base_url.rstrip('/')}{START_PATH}?eval={token}"


def form_url(base_url: str, token: str) -> str:
    """The form itself (where /e sends the phone)."""
    return f"{base_url.rstrip('/')}/?eval={token}"


def end_date(state: LinkState) -> date | None:
    """The one date until which answers are accepted: the calendar's closing day or the link's
    own expiry, whichever comes first (None: open until closed by hand, no expiry known)."""
    dates = [d for d in (state.closes_on, _as_date((state.link or {}).get("expires_at"))) if d]
    return min(dates) if dates else None


def status_line(state: LinkState) -> str:
    """The state of the evaluation in one Dutch sentence for staff: whether it is open and until
    when (one end date), or when it opens, or why it is closed."""
    until = end_date(state)
    if state.phase == "open":
        if state.mode == "open":
            return "De evaluatie is open tot u op ‘Sluiten’ drukt (met de hand geopend)" + (
                f"; uiterlijk tot en met {_fmt(until)}, dan verloopt de link." if until else "."
            )
        return "De evaluatie is open" + (f" tot en met {_fmt(until)}." if until else ".")
    if state.phase == "not-yet":
        if not state.opens_on:
            return "De evaluatie is nog niet open; ze opent zodra het werkatelier is uitgevoerd."
        return f"De evaluatie is nog niet open; ze opent op {_fmt(state.opens_on)}" + (
            f" en is open tot en met {_fmt(until)}." if until else "."
        )
    return f"De evaluatie is gesloten. {state.reason}"


def drop_respondent_keys(db: Database, workshop_id: int) -> int:
    """The link closed: forget which phone gave which answers. The hashes of the respondent keys
    go (drafts and responses) and so do the answers of drafts (sent ones live on as responses).
    What stays is anonymous: when drafts were started and sent, and how many items of each section
    they answered. Returns the number of drafts that still had a key."""
    with write(db):
        db.execute(
            "UPDATE evaluation_draft_sections SET answers = NULL WHERE answers IS NOT NULL "
            "AND draft_id IN (SELECT id FROM evaluation_drafts WHERE workshop_id = ?)",
            [workshop_id],
        )
        n = db.execute(
            "UPDATE evaluation_drafts SET session_hash = NULL, sent_hash = NULL "
            "WHERE workshop_id = ? AND session_hash IS NOT NULL",
            [workshop_id],
        ).rowcount
        db.execute(
            "UPDATE evaluation_responses SET session_hash = NULL "
            "WHERE workshop_id = ? AND session_hash IS NOT NULL",
            [workshop_id],
        )
    return n


def has_respondent_keys(db: Database, workshop_id: int) -> bool:
    """Whether any respondent key of the workshop is still known (drafts or responses)."""
    return bool(
        db.execute(
            "SELECT EXISTS (SELECT 1 FROM evaluation_drafts WHERE workshop_id = ? AND "
            "session_hash IS NOT NULL) OR EXISTS (SELECT 1 FROM evaluation_responses WHERE "
            "workshop_id = ? AND session_hash IS NOT NULL)",
            [workshop_id, workshop_id],
        ).fetchone()[0]
    )


def drop_closed_daily(db_file: str, today: date) -> int | None:
    """`drop_closed` on its own connection, for the application's daily background job: never
    raises (a failed run is retried the next day), reports to the server log."""
    from jep.store.db import open_db

    try:
        with open_db(db_file) as d:
            return drop_closed(d, today)
    except Exception as exc:  # noqa: BLE001
        log.error(
            "Respondentsleutels van gesloten evaluaties niet vergeten: %s", type(exc).__name__
        )
        return None


def drop_closed(db: Database, today: date | None = None, q: Questionnaire | None = None) -> int:
    """Drop the respondent keys of every workshop whose evaluation is no longer open (or has no
    valid link). Run daily and whenever an evaluation screen is opened; returns how many
    workshops had keys dropped."""
    wids = [
        r[0]
        for r in db.execute(
            "SELECT workshop_id FROM evaluation_drafts WHERE session_hash IS NOT NULL UNION "
            "SELECT workshop_id FROM evaluation_responses WHERE session_hash IS NOT NULL"
        ).fetchall()
    ]
    dropped = 0
    for wid in wids:
        state = link_state(db, wid, today, q)
        if not (state.open and state.has_link):
            drop_respondent_keys(db, wid)
            dropped += 1
    return dropped


def qr_png(url: str, scale: int = 10) -> bytes:
    """The QR code of `url` as PNG (black on white, quiet zone of 4 modules)."""
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()


def qr_svg(url: str) -> bytes:
    """The QR code of `url` as SVG, for slides and print."""
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=10, border=4, xmldecl=True)
    return buf.getvalue()
