"""`/healthz` for monitoring: 200 when the database answers and every migration is applied,
503 otherwise. Says nothing about the data (and not the version: that is for operators, through
`python -m jep --version`)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from jep.store import db


async def healthz(request: Request) -> Response:
    state = await run_in_threadpool(db.health)
    body = {
        "status": "ok" if state["ok"] else "fout",
        "database": state["database"],
        "migrations": "actueel" if state["pending_migrations"] == 0 else "niet actueel",
    }
    return JSONResponse(
        body, status_code=200 if state["ok"] else 503, headers={"Cache-Control": "no-store"}
    )
