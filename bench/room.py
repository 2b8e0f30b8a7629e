"""A full room: 45 evaluation respondents (three rooms of 15) open the link and submit within the
same minute, against a real server, driven by a bounded load generator on localhost.

Each respondent is a `bench.wsclient.StreamlitClient` (one asyncio task; the load generator costs
a few milliseconds per message, not a browser) with its own loopback address 127.0.0.x, as phones
on mobile data have: it calls the route /e for its respondent cookie as a phone's browser does,
opens the form, answers every item of the questionnaire by its label with a think time between
taps (going to the next section with its *Volgende* button, as the form shows one section at a
time), and presses *Versturen*; the time from that press until the thank-you message arrives is
its *submit → confirmation*. Starts are spread over the first `spread_s` seconds and the think
time is chosen so that every respondent submits before `minute_s`: 45 people open the link and
submit within the same minute, about 30 taps each. The answers are `typical_answers` of the
browser tests with a seed per respondent, so what arrives in the database can be checked
exactly: per workshop the number of new responses and, per item, the multiset of values.
"""

from __future__ import annotations

import asyncio
import math
import random
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.wsclient import StreamlitClient
from tests.support.evaluation_form import labels, typical_answers

ROOMS = 3
PER_ROOM = 15


@dataclass
class Respondent:
    index: int
    workshop_id: int
    token: str
    answers: dict[str, Any]
    start_s: float
    submit_at_s: float
    open_ms: float | None = None
    tap_ms: list[float] = field(default_factory=list)
    submit_ms: float | None = None
    submit_first_ms: float | None = None
    submitted_at: float | None = None
    opened_at: float | None = None
    error: str | None = None


def pick_workshops(d: Any, n: int = ROOMS) -> list[int]:
    """Held workshops with at least 10 present (a link then takes 15 new respondents)."""
    rows = d.execute(
        "SELECT w.id FROM workshops w WHERE w.status IN ('uitgevoerd', 'verslag verstuurd') "
        "AND (SELECT count(*) FROM participants p WHERE p.workshop_id = w.id AND p.attended = 1) "
        ">= 10 ORDER BY w.id LIMIT ?",
        [n],
    ).fetchall()
    return [int(r[0]) for r in rows]


def open_links(d: Any, ids: list[int]) -> dict[int, str]:
    from jep.evaluation import links

    tokens = {}
    for wid in ids:
        tokens[wid] = links.issue_link(d, wid, "bench")
        links.set_manual(d, wid, "open", "bench")
    return tokens


def db_state(d: Any, ids: list[int]) -> dict[int, Counter]:
    """Per workshop: responses and, per (item, before, value, text), how many answers."""
    out: dict[int, Counter] = {}
    for wid in ids:
        c: Counter = Counter()
        c["responses"] = d.execute(
            "SELECT count(*) FROM evaluation_responses WHERE workshop_id = ?", [wid]
        ).fetchone()[0]
        for item, before, value, text, n in d.execute(
            "SELECT a.item_id, a.before, a.value, a.text, count(*) FROM evaluation_answers a "
            "JOIN evaluation_responses r ON r.id = a.response_id WHERE r.workshop_id = ? "
            "GROUP BY 1, 2, 3, 4",
            [wid],
        ):
            c[(item, before, value, text)] = n
        out[wid] = c
    return out


def expected_answers(answers: dict[str, Any], q: Any) -> Counter:
    c: Counter = Counter()
    for item in q.items_of():
        v = answers.get(item.id)
        if v is None:
            continue
        if item.kind == "prepost":
            c[(item.id, float(v["before"]), float(v["now"]), None)] += 1
        elif item.kind in ("likert", "grade"):
            c[(item.id, None, float(v), None)] += 1
        else:
            c[(item.id, None, None, v)] += 1
    return c


def plan(
    tokens: dict[int, str], q: Any, spread_s: float, minute_s: float, seed: int = 1
) -> list[Respondent]:
    rng = random.Random(seed)
    people = []
    for i in range(len(tokens) * PER_ROOM):
        wid = list(tokens)[i % len(tokens)]
        start = rng.uniform(0, spread_s)
        people.append(
            Respondent(
                index=i,
                workshop_id=wid,
                token=tokens[wid],
                answers=typical_answers(q, seed=i),
                start_s=start,
                submit_at_s=rng.uniform(max(start + 20, minute_s * 0.6), minute_s - 3),
            )
        )
    return people


def item_taps(items: list[Any], answers: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The taps and texts that answer `items`: (kind, widget label, value)."""
    taps = []
    for item in items:
        v = answers.get(item.id)
        if item.kind == "prepost":
            before, now = labels(item)
            taps += [("choice", before, str(v["before"])), ("choice", now, str(v["now"]))]
        elif item.kind in ("likert", "grade"):
            taps.append(("choice", item.text, str(v)))
        else:
            taps.append(("text", item.text, v))
    return taps


async def respondent(base: str, p: Respondent, q: Any, t0: float) -> None:
    await asyncio.sleep(max(0.0, t0 + p.start_s - time.perf_counter()))
    source = f"127.0.0.{10 + p.index}"
    try:
        transport = httpx.AsyncHTTPTransport(local_address=source)
        async with httpx.AsyncClient(transport=transport, base_url=base) as http:
            r = await http.get("/e", params={"eval": p.token}, follow_redirects=False)
            cookies = dict(http.cookies)
            assert r.status_code == 303, r.status_code
        p.opened_at = time.perf_counter() - t0
        async with StreamlitClient(
            base, query=f"eval={p.token}", cookies=cookies, source=source
        ) as c:
            run = await c.rerun()
            p.open_ms = run.done_ms
            taps: list[tuple[str, str, str]] = []  # (kind, label, value)
            sections = q.sections_of()
            for i, (section, items) in enumerate(sections):
                if i:  # one section is open at a time: "Volgende: …" at the end of the last one
                    taps.append(("click", f"Volgende: {section.title}", ""))
                taps += item_taps(items, p.answers)
            budget = p.submit_at_s - (time.perf_counter() - t0)
            think = max(0.2, budget / (len(taps) + 1))
            rng = random.Random(p.index)
            for kind, label, value in taps:
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
                if kind == "choice":
                    run = await c.set_choice(label, value)
                elif kind == "click":
                    run = await c.click(label)
                else:
                    run = await c.set_text(label, value)
                p.tap_ms.append(run.done_ms)
                if run.exception:
                    raise RuntimeError(run.exception)
            await asyncio.sleep(max(0.0, t0 + p.submit_at_s - time.perf_counter()))
            run = await c.click("Versturen")
            p.submitted_at = time.perf_counter() - t0
            p.submit_ms, p.submit_first_ms = run.done_ms, run.first_ms
            if not run.has_text(q.texts["thanks"]):
                p.error = "no confirmation: " + " | ".join(run.texts[:6])[:300]
            # Stay connected (a phone keeps the page open) until the room is done.
            await asyncio.sleep(max(0.0, t0 + 70 - time.perf_counter()))
    except Exception as exc:  # noqa: BLE001 - counted as a failed respondent
        p.error = f"{type(exc).__name__}: {exc}"[:300]


async def run_room(base: str, people: list[Respondent], q: Any) -> float:
    t0 = time.perf_counter()
    await asyncio.gather(*(respondent(base, p, q, t0) for p in people))
    return time.perf_counter() - t0


def p95(xs: list[float]) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, math.ceil(0.95 * len(xs)) - 1)], 1)


def summary(people: list[Respondent], before: dict, after: dict, q: Any) -> dict[str, Any]:
    submits = [p.submit_ms for p in people if p.submit_ms is not None and not p.error]
    taps = [t for p in people for t in p.tap_ms]
    opens = [p.open_ms for p in people if p.open_ms is not None]
    lost = doubled = 0
    per_workshop = {}
    for wid in before:
        sent = [p for p in people if p.workshop_id == wid and p.submitted_at and not p.error]
        new = after[wid]["responses"] - before[wid]["responses"]
        exp: Counter = Counter()
        for p in sent:
            exp += expected_answers(p.answers, q)
        got = after[wid].copy()
        got.subtract(before[wid])
        del got["responses"]
        missing = sum(max(0, n - got.get(k, 0)) for k, n in exp.items())
        extra = sum(max(0, n - exp.get(k, 0)) for k, n in got.items() if n > 0)
        lost += missing + max(0, len(sent) - new)
        doubled += extra + max(0, new - len(sent))
        per_workshop[wid] = {"sent": len(sent), "new_responses": new, "answers_missing": missing,
                             "answers_extra": extra}  # fmt: skip
    window = [p.opened_at for p in people if p.opened_at is not None] + [
        p.submitted_at for p in people if p.submitted_at is not None
    ]
    return {
        "respondents": len(people),
        "confirmed": len(submits),
        "failed": [f"#{p.index}: {p.error}" for p in people if p.error][:10],
        "n_failed": sum(1 for p in people if p.error),
        "first_open_to_last_submit_s": round(max(window) - min(window), 1) if window else None,
        "submit_p50_ms": round(statistics.median(submits), 1) if submits else None,
        "submit_p95_ms": p95(submits),
        "submit_max_ms": round(max(submits), 1) if submits else None,
        "tap_p50_ms": round(statistics.median(taps), 1) if taps else None,
        "tap_p95_ms": p95(taps),
        "taps": len(taps),
        "open_p50_ms": round(statistics.median(opens), 1) if opens else None,
        "open_p95_ms": p95(opens),
        "answers_lost": lost,
        "answers_doubled": doubled,
        "per_workshop": per_workshop,
    }
