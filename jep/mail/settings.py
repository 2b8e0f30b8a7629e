"""Mail settings: where messages go and who sends them.

Read through `jep.reference.config.value` (the environment first, then the same keys in
`.streamlit/secrets.toml`). Without `JEP_SMTP_HOST` nothing is delivered: every message stays in
the outbox (status `postvak`), where staff can read it and download it as `.eml`.

| key | default | meaning |
| --- | --- | --- |
| JEP_SMTP_HOST | – | the SMTP server; unset = outbox only |
| JEP_SMTP_PORT | 587 (starttls), 465 (ssl), 25 (none) | its port |
| JEP_SMTP_SECURITY | starttls | none, starttls or ssl |
| JEP_SMTP_USER, JEP_SMTP_PASSWORD | – | sign-in at the server (only over TLS) |
| JEP_SMTP_CAFILE | the system's CAs | a CA bundle to trust (a private CA, a test server) |
| JEP_SMTP_TIMEOUT | 30 | seconds per network step |
| JEP_MAIL_FROM | Platform JEP <werkateliers@jep.invalid> | the sender: `Name <address>` |
| JEP_MAIL_STAFF | JEP_MAIL_FROM's address | where staff notifications go (comma-separated) |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path

from jep.mail.addresses import check_address, check_header, domain_of
from jep.mail.errors import MailError, MailSettingsError
from jep.reference.config import value

SECURITY = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
DEFAULT_FROM = "Platform JEP <werkateliers@jep.invalid>"
DEFAULT_NAME = "Platform JEP"


@dataclass(frozen=True)
class MailSettings:
    host: str | None
    port: int
    security: str
    user: str | None
    password: str | None = field(repr=False)
    sender: str
    sender_name: str
    staff: tuple[str, ...]
    cafile: str | None = None
    timeout: float = 30.0

    @property
    def smtp_enabled(self) -> bool:
        """Whether messages are delivered (otherwise they stay in the outbox)."""
        return bool(self.host)

    @property
    def domain(self) -> str:
        """The sender's domain: the right-hand side of Message-IDs and calendar UIDs."""
        return domain_of(self.sender)

    def describe(self) -> str:
        """One Dutch line for the screen and the command line (never the password)."""
        if not self.smtp_enabled:
            return (
                "Geen mailserver ingesteld (JEP_SMTP_HOST): berichten worden niet verstuurd maar "
                "blijven in het postvak."
            )
        login = f", aangemeld als {self.user}" if self.user else ""
        return (
            f"Mailserver {self.host}:{self.port} ({self.security}){login}; afzender "
            f"{self.sender_name} <{self.sender}>."
        )


def _int(key: str, default: int, low: int, high: int) -> int:
    raw = value(key)
    if raw is None:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise MailSettingsError(f"{key} moet een getal van {low} tot {high} zijn, niet '{raw}'.")
    return int(raw)


def load() -> MailSettings:
    """The current settings; MailSettingsError (Dutch) naming the key that is wrong."""
    host = value("JEP_SMTP_HOST")
    if host is not None:
        check_header(host, "JEP_SMTP_HOST")
        if any(ch.isspace() for ch in host) or "/" in host:
            raise MailSettingsError(f"JEP_SMTP_HOST is geen servernaam: '{host}'.")
    security = (value("JEP_SMTP_SECURITY") or "starttls").lower()
    if security not in SECURITY:
        raise MailSettingsError(
            f"JEP_SMTP_SECURITY moet none, starttls of ssl zijn, niet '{security}'."
        )
    port = _int("JEP_SMTP_PORT", DEFAULT_PORTS[security], 1, 65535)
    user = value("JEP_SMTP_USER")
    password = value("JEP_SMTP_PASSWORD")
    if user and security == "none":
        raise MailSettingsError(
            "Aanmelden bij de mailserver (JEP_SMTP_USER) kan alleen over een versleutelde "
            "verbinding: zet JEP_SMTP_SECURITY op starttls of ssl."
        )
    if user and not password:
        raise MailSettingsError("JEP_SMTP_USER is ingesteld maar JEP_SMTP_PASSWORD niet.")
    raw_from = value("JEP_MAIL_FROM")
    if host and not raw_from:
        raise MailSettingsError(
            "Stel JEP_MAIL_FROM in (het afzenderadres) voordat berichten worden verstuurd."
        )
    name, address = parseaddr(raw_from or DEFAULT_FROM)
    try:
        check_header(raw_from or "", "JEP_MAIL_FROM")
        sender = check_address(address, "JEP_MAIL_FROM")
    except MailError as exc:
        raise MailSettingsError(str(exc)) from exc
    staff_raw = value("JEP_MAIL_STAFF")
    try:
        staff = (
            tuple(check_address(a, "JEP_MAIL_STAFF") for a in staff_raw.split(",") if a.strip())
            if staff_raw
            else (sender,)
        )
    except MailError as exc:
        raise MailSettingsError(str(exc)) from exc
    cafile = value("JEP_SMTP_CAFILE")
    if cafile and not Path(cafile).is_file():
        raise MailSettingsError(f"JEP_SMTP_CAFILE: het bestand {cafile} bestaat niet.")
    return MailSettings(
        host=host,
        port=port,
        security=security,
        user=user,
        password=password,
        sender=sender,
        sender_name=name.strip() or DEFAULT_NAME,
        staff=staff or (sender,),
        cafile=cafile,
        timeout=float(_int("JEP_SMTP_TIMEOUT", 30, 1, 600)),
    )
