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


# Command-line modules talk to the operator on the terminal; everything else logs.
CLI_MODULES = {"jep/__main__.py", "jep/privacy/evaluate.py"}


def test_no_print_in_library_code():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    found = []
    for path in sorted((root / "jep").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel in CLI_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "print":
                found.append(f"{rel}:{node.lineno}")
    assert not found, "print() in library code (use logging):\n" + "\n".join(found)


def test_the_mail_worker_logs_a_failing_step_without_its_message(caplog, conn):
    from jep.mail import worker

    caplog.set_level(logging.INFO, logger="jep")

    def failing(_d):
        raise ValueError("jan@example.org")

    worker.run_round(conn, [("deelnemers", failing)])
    line = next(r.getMessage() for r in caplog.records if r.name == "jep.mail")
    assert "deelnemers" in line and "ValueError" in line and "jan@" not in line


def test_version_on_the_command_line(capsys):
    import pytest

    import jep
    from jep.__main__ import main

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"python -m jep {jep.__version__}"
