"""Logging: the `jep` loggers write one line per event to the server's standard error, and an
error — in a page script or in a request — is reported as exactly one line without personal data:
the kind of error, where in our code it happened and a short reference that the user also sees
(never the exception's message, which may hold what somebody typed).

JEP_LOG_LEVEL sets the level (INFO by default); JEP_LOG_TRACEBACKS=1 logs full tracebacks as
well, for debugging on a development machine.
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
log = logging.getLogger("jep.errors")


class _DropStreamlitTracebacks(logging.Filter):
    """Streamlit logs every uncaught script error with its full traceback before our handler
    runs; our handler writes the one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != "Uncaught app execution"


def setup() -> None:
    """Configure the `jep` loggers once per process (a handler on standard error)."""
    root = logging.getLogger("jep")
    if getattr(root, "_jep_configured", False):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(os.environ.get("JEP_LOG_LEVEL", "INFO").upper())
    root._jep_configured = True  # type: ignore[attr-defined]
    if os.environ.get("JEP_LOG_TRACEBACKS") != "1":
        logging.getLogger("streamlit.error_util").addFilter(_DropStreamlitTracebacks())


def where(exc: BaseException) -> str:
    """`file:line` of the innermost frame of our own code in the exception's traceback."""
    found = "?"
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if ROOT in path.parents and ".venv" not in path.parts:
            found = f"{path.relative_to(ROOT)}:{frame.lineno}"
    return found


def report(context: str, exc: BaseException) -> str:
    """Log one line for an error and return its reference (shown to the user)."""
    ref = secrets.token_hex(4)
    log.error("%s: %s bij %s (ref %s)", context, type(exc).__name__, where(exc), ref)
    if os.environ.get("JEP_LOG_TRACEBACKS") == "1":
        log.error("traceback (ref %s)", ref, exc_info=exc)
    return ref


def on_script_error(exc: Exception) -> bool:
    """st.App's hook for an uncaught error in a page script: one log line, a Dutch message."""
    import streamlit as st

    ref = report("fout in scherm", exc)
    st.error(
        "Er ging iets mis op deze pagina; wat u al had opgeslagen, is bewaard. Probeer het "
        f"opnieuw. Blijft het misgaan, noem dan foutcode {ref} aan Platform JEP.",
        icon=":material/error:",
    )
    return True


class ErrorMiddleware:
    """Innermost of our middleware: an exception in a request becomes one log line and a plain
    Dutch 500 page, instead of a multi-line traceback from the server."""

    def __init__(self, app) -> None:  # noqa: ANN001 - an ASGI app
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message) -> None:  # noqa: ANN001 - ASGI message
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - reported, answered with a 500
            ref = report(f"fout bij {scope.get('method', '?')} {scope.get('path', '?')}", exc)
            if started:
                return
            body = (
                "Er ging iets mis. Probeer het opnieuw; blijft het misgaan, noem dan foutcode "
                f"{ref} aan Platform JEP."
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")],
                }
            )
            await send({"type": "http.response.body", "body": body})
