"""One cache mechanism for the screens: `cached_by(tables…)`.

A function decorated with `@cached_by("participants", "intake_sectors")` takes an open database
connection as its first argument and is run again only when one of those tables was written
(`jep.store.stamps`) or its other arguments change. Unknown table names raise when the module is
imported. Arguments whose name starts with `_` are passed through without being part of the key.

`resource=True` keeps one shared object per key (for plotly figures, which are slow to build);
what it hands out is read-only: dicts become mapping proxies, lists tuples and DataFrames
copy-on-write views, so a page cannot change what the next visitor gets.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from jep.store import db, stamps

F = TypeVar("F", bound=Callable[..., Any])
Connection = Database
"""The open database connection a cached function receives (screens never import the driver)."""


def readonly(value: Any) -> Any:
    """A read-only view of a cached value (containers frozen, DataFrames copy-on-write)."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: readonly(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(readonly(v) for v in value)
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)  # pandas 3: copy-on-write, writes never reach the cache
    return value


def cached_by(
    *tables: str,
    resource: bool = False,
    max_entries: int = 32,
    ttl: int = 3600,
    spinner: str | bool = False,
) -> Callable[[F], F]:
    """Cache `fn(d, *args)` per write stamp of `tables` (see the module docstring)."""
    watched = stamps.check_tables(tables)

    def decorate(fn: F) -> F:
        signature = inspect.signature(fn)
        passed = [p for p in list(signature.parameters)[1:] if p.startswith("_")]

        # Streamlit hashes every argument except those whose name starts with "_".
        def run(db_file: str, stamp: str, key: tuple, _extra: dict[str, Any]) -> Any:
            with db.open_db(db_file) as d:
                return fn(d, *key, **_extra)

        run.__qualname__ = fn.__qualname__
        run.__module__ = fn.__module__
        if resource:
            cached = st.cache_resource(ttl=ttl, max_entries=max_entries, show_spinner=spinner)(run)
        else:
            cached = st.cache_data(ttl=ttl, max_entries=max_entries, show_spinner=spinner)(run)

        @functools.wraps(fn)
        def wrapper(d: Database, *args: Any, **kw: Any) -> Any:
            bound = signature.bind(d, *args, **kw)
            bound.apply_defaults()
            values = list(bound.arguments.items())[1:]
            key = tuple(v for k, v in values if k not in passed)
            extra = {k: v for k, v in values if k in passed}
            result = cached(db_file_of(d), stamps.stamp(d, watched), key, extra)
            return readonly(result) if resource else result

        wrapper.tables = watched  # type: ignore[attr-defined]
        wrapper.clear = cached.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def db_file_of(d: Database) -> str:
    """The file of an open connection (part of the cache key)."""
    row = d.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else str(db.db_path())
