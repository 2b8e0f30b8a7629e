"""A queued message as RFC 5322 bytes: the `.eml` download and what goes over SMTP, identical.

The bytes depend only on what was stored when the message was queued (its Date is the moment it
was queued, its Message-ID fixed), so every retry sends the same message. Text is UTF-8 in
quoted-printable and headers are RFC 2047-encoded where needed, so the result is 7-bit clean.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Any

from jep.mail.addresses import is_address
from jep.mail.errors import MailError
from jep.mail.outbox import Attachment

POLICY = SMTP.clone(max_line_length=78)


def _content_type(mime_type: str) -> tuple[str, str, dict[str, str]]:
    """('text', 'calendar', {'method': 'REQUEST'}) from 'text/calendar; method=REQUEST'."""
    main, *params = [p.strip() for p in mime_type.split(";")]
    maintype, _, subtype = main.partition("/")
    extra = {}
    for p in params:
        key, _, val = p.partition("=")
        if key and val:
            extra[key.strip().lower()] = val.strip().strip('"')
    return maintype or "application", subtype or "octet-stream", extra


def build(row: dict[str, Any], files: list[Attachment]) -> bytes:
    """The message `row` (a mail_messages row) with its attachments as bytes (CRLF lines)."""
    if not is_address(row["to_addr"]) or not is_address(row["from_addr"]):
        raise MailError(
            "Het adres van dit bericht is gewist (bewaartermijn); het kan niet meer worden "
            "opgebouwd of verstuurd."
        )
    msg = EmailMessage(policy=POLICY)
    msg["From"] = Address(display_name=row.get("from_name") or "", addr_spec=row["from_addr"])
    msg["To"] = Address(display_name=row.get("to_name") or "", addr_spec=row["to_addr"])
    msg["Subject"] = row["subject"]
    msg["Date"] = format_datetime(datetime.fromisoformat(row["created_at"]))
    msg["Message-ID"] = row["message_id"]
    msg["Content-Language"] = "nl"
    if row.get("auto_submitted"):
        msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to this
    msg.set_content(row["body"], subtype="plain", charset="utf-8", cte="quoted-printable")
    for att in files:
        maintype, subtype, params = _content_type(att.mime_type)
        msg.add_attachment(
            att.content,
            maintype=maintype,
            subtype=subtype,
            filename=att.filename,
            params=params,
        )
    if msg.is_multipart():  # a boundary of its own, so a retry sends the very same bytes
        digest = hashlib.sha256(str(row["message_id"]).encode()).hexdigest()[:32]
        msg.set_boundary(f"=_jep_{digest}")
    return msg.as_bytes(policy=POLICY)


def filename(row: dict[str, Any]) -> str:
    """The download name of a message: bericht-12.eml."""
    return f"bericht-{int(row['id'])}.eml"
