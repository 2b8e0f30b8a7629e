"""The refusals of the mail package; each message is Dutch and safe to show."""

from __future__ import annotations

from jep.errors import UserError


class MailError(UserError):
    """A message cannot be queued as asked: a bad address, a header with a line break, a
    recipient list that mixes municipalities, attachments that are too large."""


class MailSettingsError(MailError):
    """The mail settings (environment or .streamlit/secrets.toml) are invalid."""
