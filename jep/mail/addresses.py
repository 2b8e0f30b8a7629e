"""E-mail addresses and header values: checked before anything is queued.

Addresses are plain ASCII `local@domain.tld`, one per field; display names and subjects are one
line. A line break in anything that reaches a header is refused (header injection), never
silently cleaned, so the user sees why.
"""

from __future__ import annotations

import re
from email.errors import HeaderParseError
from email.headerregistry import Address

from jep.mail.errors import MailError

MAX_ADDRESS = 254
MAX_HEADER = 500
_DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
_LINE_BREAKS = ("\r", "\n", "\x00", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")


def check_address(text: object, what: str = "Het e-mailadres") -> str:
    """The address, stripped; MailError with a Dutch reason when it is not one valid address."""
    raw = "" if text is None else str(text)
    if any(ch in raw for ch in _LINE_BREAKS):
        raise MailError(f"{what} bevat een regeleinde; dat is niet toegestaan.")
    value = raw.strip()
    if not value:
        raise MailError(f"{what} ontbreekt.")
    if any(sep in value for sep in (",", ";")) or len(value.split()) > 1:
        raise MailError(f"{what} mag maar één adres bevatten (zonder spaties, komma's of ;).")
    if len(value) > MAX_ADDRESS:
        raise MailError(f"{what} is te lang (hoogstens {MAX_ADDRESS} tekens).")
    if not value.isascii():
        raise MailError(
            f"{what} mag geen letters met accenten of andere bijzondere tekens bevatten."
        )
    local, _, domain = value.partition("@")
    if value.count("@") != 1 or not local or not domain or any(c in value for c in '"<>()[]\\'):
        raise MailError(f"{what} is geen geldig e-mailadres (bijvoorbeeld naam@organisatie.nl).")
    try:
        parsed = Address(addr_spec=value)
    except (ValueError, IndexError, HeaderParseError) as exc:  # the parser can raise any
        raise MailError(
            f"{what} is geen geldig e-mailadres (bijvoorbeeld naam@organisatie.nl)."
        ) from exc
    if not parsed.username or not _DOMAIN_RE.match(parsed.domain):
        raise MailError(f"{what} is geen geldig e-mailadres (bijvoorbeeld naam@organisatie.nl).")
    return parsed.addr_spec


def is_address(text: object) -> bool:
    try:
        check_address(text)
    except MailError:
        return False
    return True


def check_header(text: object, what: str) -> str:
    """A header value (subject, display name, file name): one line, not too long."""
    value = "" if text is None else str(text)
    if any(ch in value for ch in _LINE_BREAKS):
        raise MailError(f"{what} bevat een regeleinde; dat is niet toegestaan in een e-mailkop.")
    if len(value) > MAX_HEADER:
        raise MailError(f"{what} is te lang (hoogstens {MAX_HEADER} tekens).")
    return value.strip()


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()
