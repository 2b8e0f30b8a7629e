"""Figures over every workshop's evaluations, kept in memory per database and brought up to date
workshop by workshop.

A view of the whole programme (the reports' comparison with the other workshops, the programme's
evaluation per year and province) would read every answer again after each evaluation that comes
in. Kept here, such a figure is computed once per process; after evaluations were written, only
the workshops whose evaluations changed are computed again and spliced in. Which ones changed is
told by a write counter per workshop that only goes up (`evaluation_writes`, counted by
triggers: jep/store/schema/perf.py). A restored backup starts afresh (`stamps.generation`).
Nothing is kept for an in-memory database or inside an open transaction (its writes may still
be rolled back)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
from sqlite_utils import Database

from jep.store import stamps

T = TypeVar("T")
KEEP = 8
"""Figures kept at most (kinds × databases × questionnaires; the oldest read goes first)."""


@dataclass(frozen=True)
class _Kept:
    stamp: str
    prints: dict[int, int]
    value: Any


_KEPT: OrderedDict[tuple[Hashable, ...], _Kept] = OrderedDict()
_LOCK = threading.Lock()


def write_counters(db: Database) -> dict[int, int]:
    """Per workshop, a counter that goes up whenever one of its evaluations is added, corrected
    or removed (answers are only ever written with their response, which then gets a new
    revision). It never repeats: a fingerprint of the responses would (a form removed and
    another typed in within the same second gets the same id, revision and time)."""
    return {int(w): int(n) for w, n in db.execute("SELECT workshop_id, n FROM evaluation_writes")}


def per_workshop(
    db: Database,
    kind: Hashable,
    compute: Callable[[Database, list[int] | None], T],
    splice: Callable[[T, list[int], T], T],
) -> T:
    """The figure `kind` of every workshop: `compute(db, None)` the first time, then kept;
    after evaluations were written, `splice(kept, changed, compute(db, still_there))` with the
    workshops whose write counter moved (`still_there`: those of them that still have a
    counter). The value returned is shared: do not change it."""
    file = db.conn.execute("PRAGMA database_list").fetchone()[2]
    if not file or db.conn.in_transaction:
        return compute(db, None)
    key = (kind, file, stamps.generation(db))
    now_stamp = stamps.stamp(db, ("evaluation_responses",))
    with _LOCK:
        kept = _KEPT.get(key)
    if kept is not None and kept.stamp == now_stamp:
        return kept.value
    prints = write_counters(db)
    if kept is None:
        value = compute(db, None)
    else:
        changed = sorted(w for w in prints.keys() | kept.prints.keys()
                         if prints.get(w) != kept.prints.get(w))  # fmt: skip
        value = kept.value
        if changed:
            value = splice(value, changed, compute(db, [w for w in changed if w in prints]))
    with _LOCK:
        _KEPT[key] = _Kept(now_stamp, prints, value)
        _KEPT.move_to_end(key)
        while len(_KEPT) > KEEP:
            _KEPT.popitem(last=False)
    return value


def replace_rows(kept: pd.DataFrame, changed: list[int], fresh: pd.DataFrame) -> pd.DataFrame:
    """`kept` with the rows of the `changed` workshops (its workshop_id column) replaced by the
    `fresh` ones: the splice of a figure kept as one frame."""
    return pd.concat([kept[~kept["workshop_id"].isin(changed)], fresh], ignore_index=True)
