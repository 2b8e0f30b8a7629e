"""What the server does once when it starts, before the first request: switch Nagle's
algorithm off for every connection (`app_server.tcp`: without it each response waits ~40 ms),
check the reference data, create or migrate the database, and create the first admin (printing
the one-time password, as `python -m jep init` does), so that `/aanmelden` works before any
page was opened. Then, in the background, the staff home's figures are computed into the caches
(`app_ui.programme.warm`; `JEP_WARM=0` switches it off), so that the first sign-in after a
start does not wait for the whole programme to be counted."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.concurrency import run_in_threadpool

from app_server import tcp
from app_ui import programme
from jep import startup
from jep.reference.toml import CatalogError
from jep.store import db

log = logging.getLogger("jep.web")


def prepare() -> bool:
    """The start-up steps; False when the reference data is broken."""
    try:
        one_time = startup.prepare()
    except CatalogError as exc:  # the pages show the message; the server still starts
        log.error("referentiebestand ongeldig: %s", exc)
        return False
    if one_time:
        log.warning("%s", startup.admin_banner(one_time))
    return True


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    tcp.nodelay_listeners()
    if await run_in_threadpool(prepare) and os.environ.get("JEP_WARM", "1") != "0":
        programme.warm_in_background(str(db.db_path()))
    yield
