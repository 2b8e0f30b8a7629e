"""The evaluation link of a workshop and whether it is open.

One evaluation link per workshop, an invite (`jep.workshop.invites`, purpose 'evaluatie') whose
token is stored only as a hash. On top of the invite's own expiry the link is *open* or *closed*:
by the calendar (opens on the workshop day or once the workshop is 'uitgevoerd', closes a set
number of days later) or by hand. Also the QR code of the link.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from jep.evaluation.questionnaire import Questionnaire, questionnaire
from jep.store import audit
from jep.store.db import now, write
from jep.workshop import invites
from jep.workshop.workshops import HELD

PURPOSE = "evaluatie"


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
    """Revoke the evaluation link; answers already given stay."""
    return invites.revoke(db, workshop_id, actor, purpose=PURPOSE)


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
    )


def link_url(base_url: str, token: str) -> str:
    """The link for the QR code: the app's root with ?eval=. (The respondent's only page is the
    default page, whose address is the root; a deep path such as /evaluatie would make Streamlit
    show a "page not found" dialog first. The root also gives a smaller, easier QR code.)"""
    return f"{base_url.rstrip('/')}/?eval={token}"


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
