"""What the server does once when it starts, before the first request: check the reference
data, create or migrate the database, and create the first admin (printing the one-time
password, as `python -m jep init` does), so that `/aanmelden` works before any page was opened."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.concurrency import run_in_threadpool

from jep import startup
from jep.reference.toml import CatalogError

log = logging.getLogger("jep.web")


def prepare() -> None:
    try:
        one_time = startup.prepare()
    except CatalogError as exc:  # the pages show the message; the server still starts
        log.error("referentiebestand ongeldig: %s", exc)
        return
    if one_time:
        log.warning("%s", startup.admin_banner(one_time))


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    await run_in_threadpool(prepare)
    yield
