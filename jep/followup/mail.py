"""The follow-up's e-mails: the invitation with the link and the reminder.

`invitation` and `reminder` compose the message (texts in `[mail]` of data/followup.toml) for a
freshly handed-out link; staff can copy it into their own mail program. `send` is where outgoing
mail plugs in: the application's outbox is not part of this branch yet, so it refuses with a
Dutch message and the link alone does the work (see the README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from jep.errors import UserError
from jep.fmt import fmt_date
from jep.followup.questionnaire import FollowupConfig, config


class MailUnavailable(UserError):
    """Outgoing mail is not available (yet): copy the text instead."""


@dataclass(frozen=True)
class Message:
    kind: str  # 'terugblik-uitnodiging' | 'terugblik-herinnering'
    subject: str
    body: str


def _fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{([a-z_]+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _values(
    municipality: str, url: str, expires: str | date, sent_on: date | None, cfg: FollowupConfig
) -> dict[str, str]:
    return {
        "gemeente": municipality,
        "link": url,
        "geldig_tot": fmt_date(expires),
        "verslag": fmt_date(sent_on) if sent_on else "eerder",
        "maanden": str(cfg.due_after_months),
    }


def invitation(
    municipality: str,
    url: str,
    expires: str | date,
    sent_on: date | None,
    cfg: FollowupConfig | None = None,
) -> Message:
    """The e-mail that hands the follow-up link to the municipality's contact."""
    cfg = cfg or config()
    values = _values(municipality, url, expires, sent_on, cfg)
    return Message(
        "terugblik-uitnodiging",
        _fill(cfg.mail["invitation_subject"], values),
        _fill(cfg.mail["invitation_body"], values).strip() + "\n",
    )


def reminder(
    municipality: str,
    url: str,
    expires: str | date,
    sent_on: date | None,
    cfg: FollowupConfig | None = None,
) -> Message:
    """The reminder, sent once the follow-up is overdue (`[timing] reminder_after_days`)."""
    cfg = cfg or config()
    values = _values(municipality, url, expires, sent_on, cfg)
    return Message(
        "terugblik-herinnering",
        _fill(cfg.mail["reminder_subject"], values),
        _fill(cfg.mail["reminder_body"], values).strip() + "\n",
    )


def send(workshop_id: int, to: str, message: Message, actor: str) -> int:
    """PLUG-IN POINT for outgoing mail: queue `message` to `to` in the application's outbox and
    return its id (then record a reminder with `answers.mark_reminded`). The outbox (branch
    `mail`) is not available here yet, so this refuses; staff copy the composed text instead."""
    raise MailUnavailable(
        "Versturen per e-mail is nog niet beschikbaar. Kopieer de tekst hieronder naar uw eigen "
        "e-mailprogramma."
    )
