"""Delivery over SMTP with smtplib: TLS, sign-in, and a DATA step that commits only when the
database says this worker still holds the message.

`deliver_due(db, cfg)` is one delivery round (the background worker and `python -m jep mail send`
run the same): release the claims of dead workers, then claim, send and record the due messages
one at a time over one connection. The answers of the server decide what happens:

- 250 after the final "." → `verzonden`;
- 4xx, an unreachable server, a failed TLS handshake or sign-in → `fout`, retried with back-off;
- 5xx (a refused recipient, a refused message) → `mislukt`, with the server's answer;
- the connection breaks after the final "." and before the answer → `onzeker` (never resent).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from jep.mail import eml, outbox
from jep.mail.errors import MailError
from jep.mail.settings import MailSettings

CRLF = b"\r\n"


class DeliveryError(Exception):
    """One attempt failed before the message was committed."""

    def __init__(self, text: str, permanent: bool = False, connection: bool = False) -> None:
        super().__init__(text)
        self.text = text
        self.permanent = permanent
        self.connection = connection  # the connection is unusable: stop this round


class Uncertain(Exception):
    """The message was committed but the server's answer never came."""


@dataclass
class Round:
    """What one delivery round did."""

    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    uncertain: list[int] = field(default_factory=list)
    recovered: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    def line(self) -> str:
        parts = [f"{len(self.sent)} verzonden"]
        if self.failed:
            parts.append(f"{len(self.failed)} mislukt")
        if self.uncertain:
            parts.append(f"{len(self.uncertain)} mogelijk verzonden")
        return ", ".join(parts) + (f" ({self.error})" if self.error else "")


def _answer(code: int, resp: bytes | str) -> str:
    text = resp.decode("utf-8", "replace") if isinstance(resp, bytes) else str(resp)
    return f"{code} {' '.join(text.split())}".strip()


def _tls_context(cfg: MailSettings) -> ssl.SSLContext:
    return (
        ssl.create_default_context(cafile=cfg.cafile)
        if cfg.cafile
        else (ssl.create_default_context())
    )


def _helo_name(cfg: MailSettings) -> str:
    return cfg.domain if "." in cfg.domain and not cfg.domain.endswith(".invalid") else "localhost"


def connect(cfg: MailSettings) -> smtplib.SMTP:
    """An open, greeted (and TLS-protected, signed-in) connection; DeliveryError on failure."""
    if not cfg.host:
        raise DeliveryError("Er is geen mailserver ingesteld.", connection=True)
    where = f"{cfg.host}:{cfg.port}"
    try:
        conn: smtplib.SMTP
        if cfg.security == "ssl":
            conn = smtplib.SMTP_SSL(
                cfg.host,
                cfg.port,
                local_hostname=_helo_name(cfg),
                timeout=cfg.timeout,
                context=_tls_context(cfg),
            )
        else:
            conn = smtplib.SMTP(
                cfg.host, cfg.port, local_hostname=_helo_name(cfg), timeout=cfg.timeout
            )
        conn.ehlo()
        if cfg.security == "starttls":
            if not conn.has_extn("starttls"):
                conn.close()
                raise DeliveryError(
                    f"De mailserver {where} biedt geen STARTTLS aan; zonder versleuteling wordt "
                    "niets verstuurd (of zet JEP_SMTP_SECURITY bewust op none).",
                    connection=True,
                )
            conn.starttls(context=_tls_context(cfg))
            conn.ehlo()
        if cfg.user:
            conn.login(cfg.user, cfg.password or "")
        return conn
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(
            f"Aanmelden bij de mailserver {where} mislukt: "
            f"{_answer(exc.smtp_code, exc.smtp_error)}",
            connection=True,
        ) from exc
    except ssl.SSLError as exc:
        raise DeliveryError(
            f"Versleutelde verbinding met {where} mislukt: {exc.reason or exc}", connection=True
        ) from exc
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(
            f"De mailserver {where} weigert: {_answer(exc.smtp_code, exc.smtp_error)}",
            connection=True,
        ) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(
            f"De mailserver {where} is niet bereikbaar: {exc}", connection=True
        ) from exc


def _dot_stuffed(data: bytes) -> bytes:
    """The message body for DATA: CRLF line ends, leading dots doubled, ending in CRLF."""
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return b"".join((b"." + ln if ln.startswith(b".") else ln) + CRLF for ln in lines)


def send_one(
    conn: smtplib.SMTP,
    sender: str,
    recipient: str,
    data: bytes,
    before_commit: Callable[[], None],
) -> str:
    """Send one message over an open connection. `before_commit` runs after the whole message
    is with the server and before the final "." commits it; when it raises, the connection is
    dropped so the server discards the message. Returns the server's answer."""
    try:
        code, resp = conn.mail(sender)
        if code != 250:
            conn.rset()
            raise DeliveryError(
                f"Afzender geweigerd: {_answer(code, resp)}", permanent=500 <= code < 600
            )
        code, resp = conn.rcpt(recipient)
        if code not in (250, 251):
            conn.rset()
            raise DeliveryError(
                f"Ontvanger {recipient} geweigerd: {_answer(code, resp)}",
                permanent=500 <= code < 600,
            )
        conn.putcmd("data")
        code, resp = conn.getreply()
        if code != 354:
            conn.rset()
            raise DeliveryError(
                f"Bericht geweigerd: {_answer(code, resp)}", permanent=500 <= code < 600
            )
        conn.send(_dot_stuffed(data))
    except (OSError, smtplib.SMTPServerDisconnected) as exc:
        raise DeliveryError(f"Verbinding verbroken: {exc}", connection=True) from exc
    try:
        before_commit()
    except BaseException:
        conn.close()  # the server never sees the final ".": it discards the message
        raise
    try:
        conn.send(b"." + CRLF)
        code, resp = conn.getreply()
    except (OSError, smtplib.SMTPServerDisconnected) as exc:
        raise Uncertain(f"Geen bevestiging van de server: {exc}") from exc
    if code != 250:
        raise DeliveryError(
            f"Bericht geweigerd: {_answer(code, resp)}", permanent=500 <= code < 600
        )
    return _answer(code, resp)


def _close(conn: smtplib.SMTP | None) -> None:
    if conn is None:
        return
    try:
        conn.quit()
    except (OSError, smtplib.SMTPException):
        conn.close()


def deliver_due(
    db: Database,
    cfg: MailSettings,
    limit: int = 100,
    worker: str = outbox.WORKER_ID,
    now: Callable[[], datetime] = outbox.utcnow,
    only: int | None = None,
) -> Round:
    """One delivery round: recover dead claims, then deliver up to `limit` due messages (or just
    message `only`). Without a mail server it only recovers."""
    result = Round(recovered=outbox.recover(db, now()))
    if not cfg.smtp_enabled:
        return result
    conn: smtplib.SMTP | None = None
    try:
        for _ in range(limit):
            msg = outbox.claim_next(db, worker, now(), only=only)
            if msg is None:
                break
            mail_id = msg["id"]
            try:
                data = eml.build(msg, outbox.attachments(db, mail_id))
            except MailError as exc:
                outbox.finish_failed(db, mail_id, str(exc), permanent=True, worker=worker)
                result.failed.append(mail_id)
                continue

            def commit(mid: int = mail_id) -> None:
                outbox.set_phase(db, mid, "afronden", worker)

            try:
                if conn is None:
                    conn = connect(cfg)
                answer = send_one(conn, msg["from_addr"], msg["to_addr"], data, commit)
            except outbox.ClaimLost:
                conn = None  # dropped by send_one
                continue
            except Uncertain as exc:
                outbox.finish_uncertain(db, mail_id, f"{outbox.UNCERTAIN_TEXT} ({exc})", worker)
                result.uncertain.append(mail_id)
                _close(conn)
                conn = None
                continue
            except DeliveryError as exc:
                outbox.finish_failed(db, mail_id, exc.text, exc.permanent, worker, now())
                result.failed.append(mail_id)
                if exc.connection:
                    result.error = exc.text
                    _close(conn)
                    conn = None
                    break  # the server is unreachable: the rest waits for the next round
                continue
            outbox.finish_sent(db, mail_id, answer, worker)
            result.sent.append(mail_id)
    finally:
        _close(conn)
    return result


def check_connection(cfg: MailSettings) -> str:
    """Connect, greet, TLS, sign in and quit: '' when it all worked, else the Dutch reason."""
    try:
        conn = connect(cfg)
    except DeliveryError as exc:
        return exc.text
    _close(conn)
    return ""
