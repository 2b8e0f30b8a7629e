"""Logging: one line per error, without the exception's message (it may hold typed text)."""

from __future__ import annotations

import asyncio
import logging

from app_server import logs


async def _failing_app(scope, receive, send) -> None:  # noqa: ANN001 - ASGI
    raise ValueError("Jan Jansen, BSN 123456782")


def _call(app, path: str = "/aanmelden") -> list[dict]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": path, "headers": []}
    asyncio.run(app(scope, receive, send))
    return sent


def test_a_request_error_is_one_line_without_personal_data(caplog):
    caplog.set_level(logging.INFO, logger="jep")
    sent = _call(logs.ErrorMiddleware(_failing_app))
    assert sent[0]["status"] == 500
    body = sent[1]["body"].decode()
    assert "foutcode" in body and "Jansen" not in body
    records = [r for r in caplog.records if r.name == "jep.errors"]
    assert len(records) == 1
    line = records[0].getMessage()
    assert "ValueError" in line and "POST /aanmelden" in line and "tests/unit/test_logs.py" in line
    assert "Jansen" not in line and "123456782" not in line
    assert records[0].exc_info is None  # no traceback


def test_where_names_our_innermost_frame():
    try:
        {}["x"]
    except KeyError as exc:
        assert logs.where(exc).startswith("tests/unit/test_logs.py:")


def test_report_returns_the_reference_it_logged(caplog):
    caplog.set_level(logging.INFO, logger="jep")
    ref = logs.report("fout in scherm", RuntimeError("geheim"))
    assert len(ref) == 8 and ref in caplog.text and "geheim" not in caplog.text
