"""A real SMTP server for the tests (aiosmtpd) on localhost, with a mailbox to read back.

`smtp_server(...)` starts it on a free port, optionally with STARTTLS (a self-signed certificate
made with openssl for localhost/127.0.0.1) and sign-in. The `Mailbox` handler keeps every
accepted message and can refuse or hold up chosen recipients, to test refusals, temporary
failures and a worker killed mid-send.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from support.server import free_port

HOST = "127.0.0.1"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",))
        return body.get_content().replace("\r\n", "\n") if body else ""

    def attachments(self) -> dict[str, tuple[str, bytes]]:
        """file name -> (content type with parameters, bytes)."""
        return {
            part.get_filename(): (part["Content-Type"], part.get_payload(decode=True))
            for part in self.message.iter_attachments()
        }


@dataclass
class Mailbox:
    """The aiosmtpd handler: stores what it accepts; can refuse, delay or hold recipients."""

    messages: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> SMTP answer (4xx/5xx)
    hold_rcpt: set[str] = field(default_factory=set)  # hold at RCPT until released
    hold_after_data: set[str] = field(default_factory=set)  # store, then hold the 250
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def _hold(self) -> None:
        self.held.set()
        while not self.release.is_set():
            await asyncio.sleep(0.05)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        if address in self.hold_rcpt:
            await self._hold()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        raw = envelope.content if isinstance(envelope.content, bytes) else envelope.content.encode()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), raw, msg))
        if set(envelope.rcpt_tos) & self.hold_after_data:
            await self._hold()
        return f"250 2.0.0 Ok: queued as {len(self.messages)}"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.rcpt_tos]

    def wait_for(self, count: int, timeout: float = 30) -> list[Received]:
        deadline = time.time() + timeout
        while len(self.messages) < count and time.time() < deadline:
            time.sleep(0.1)
        return self.messages


@dataclass
class Server:
    host: str
    port: int
    mailbox: Mailbox
    cafile: Path | None = None
    user: str | None = None
    password: str | None = None

    def env(self, security: str = "none") -> dict[str, str]:
        """The JEP_* settings that make the application deliver to this server."""
        env = {
            "JEP_SMTP_HOST": "localhost" if self.cafile else self.host,
            "JEP_SMTP_PORT": str(self.port),
            "JEP_SMTP_SECURITY": security,
            "JEP_MAIL_FROM": "Platform JEP <werkateliers@platformjep.test>",
            "JEP_SMTP_TIMEOUT": "10",
        }
        if self.cafile:
            env["JEP_SMTP_CAFILE"] = str(self.cafile)
        if self.user:
            env["JEP_SMTP_USER"] = self.user
            env["JEP_SMTP_PASSWORD"] = self.password or ""
        return env


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """(certificate, key) for localhost and 127.0.0.1, made with openssl."""
    openssl = shutil.which("openssl")
    if not openssl:
        raise RuntimeError(
            "openssl is needed to make the test certificate (apt-get install openssl)"
        )
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


class _Authenticator:
    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:  # noqa: ANN001
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self.user
            and auth_data.password == self.password
        )
        return AuthResult(success=ok, handled=False)


@contextmanager
def smtp_server(
    tmp: Path | None = None,
    starttls: bool = False,
    user: str | None = None,
    password: str | None = None,
    port: int | None = None,
) -> Iterator[Server]:
    """A running SMTP server on localhost; with `starttls` (needs `tmp` for the certificate) it
    refuses mail before STARTTLS; with `user` it requires that sign-in."""
    box = Mailbox()
    kwargs: dict[str, Any] = {}
    cafile = None
    if starttls:
        assert tmp is not None
        cert, key = self_signed_certificate(tmp)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)
        kwargs.update(tls_context=ctx, require_starttls=True)
        cafile = cert
    if user:
        kwargs.update(authenticator=_Authenticator(user, password or ""), auth_required=True)
    ctl = Controller(box, hostname=HOST, port=port or free_port(), **kwargs)
    ctl.start()
    try:
        yield Server(HOST, ctl.port, box, cafile, user, password)
    finally:
        box.release.set()
        ctl.stop()
