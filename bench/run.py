"""Benchmark at national scale: what people feel. Every screen of every role on the server and
in the browser, a full room of evaluation respondents, memory, documents and the demo data.

    python -m bench.run [--scales 1 10] [--repeat 7] [--rounds 3] [--only WORD ...]
                        [--no-browser] [--no-room] [--no-memory] [--no-seed]
                        [--compare OLD.json] [--out out/bench/results.json]

Databases are made once with `seed-demo --scale N --seed 1` under out/bench/ and reused (delete
them after a schema change); live tests run on a copy. All numbers of one scale come from one run
of this script, and the machine's load average is recorded next to every part (the machine is
shared: compare ratios, and before/after only from runs made alternately).

- **Server**: each screen's script run timed with AppTest (warm caches, median of at least
  --repeat runs, more for fast screens); its **floor** is the same run with every public `jep`
  function answered from a memo of its earlier result (plain and memoised runs alternate), so
  run/floor is what data access costs. The **Streamlit floor** of a screen is a bare page with as
  many empty plotly charts as the screen has: what no change of ours can go below.
- **Browser** (`bench/browser.py`): Chromium via Playwright against a real `streamlit run`
  server; from navigation until the page is idle and every visible chart is drawn, each staff
  screen --rounds times through the sidebar, the link holders' screens opened from their link;
  and the main interaction of each screen. Also a bare page and one with N empty charts.
- **A phone's first visit** (`bench/phone.py`): the respondent's and the contact's link in a
  fresh browser on an emulated 4G network (9 Mbit/s, 80 ms), through Caddy with
  deploy/Caddyfile and straight from the application: time and bytes (no target; `--no-phone`).
- **Room** (`bench/room.py`): 45 respondents (three rooms) open the link and submit within one
  minute, driven over Streamlit's websocket protocol; p95 submit → confirmation, answers lost or
  doubled counted in the database, and a staff member's dashboard meanwhile against its idle time.
- **Memory**: the server's peak RSS after the tour of every staff screen, its peak with the 45
  respondent sessions open, and the memory per idle respondent session (a separate server).
- **Documents**: one workshop's PDF report, the programme-wide export (the dashboard's
  all-tables workbook), reading + checking + storing a 1,000-row participant file.
- **Demo data**: `python -m jep seed-demo --scale N --seed 1` as a user runs it (wall and CPU
  time; the CPU time is what an idle machine would take).

Targets (scale 10 = 3,420 workshops, 2 cores; printed as ok/MISSED): server median ≤ 150 ms and
≤ 1.3 × its floor; browser ≤ 1.0 s; main interaction ≤ 0.5 s; room p95 submit → confirmation
≤ 1.0 s with 0 answers lost or doubled and the dashboard ≤ 2 × idle; memory ≤ 300 MB after the
staff tour and ≤ 450 MB with 45 respondents; PDF ≤ 1.0 s, export ≤ 1.5 s, import ≤ 0.5 s;
seed-demo ≤ 2 minutes. `--compare OLD.json` prints an earlier result beside this one.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import dataclasses
import functools
import importlib
import inspect
import io
import json
import math
import os
import pkgutil
import resource
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Container, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "out" / "bench"
ADMIN_PASSWORD = "bench-wachtwoord-123"
TARGET_RUN_MS = 150.0
TARGET_RATIO = 1.3
TARGET_BROWSER_MS = 1000.0
TARGET_INTERACTION_MS = 500.0
TARGET_SUBMIT_P95_MS = 1000.0
TARGET_DASHBOARD_RATIO = 2.0
TARGET_PDF_MS = 1000.0
TARGET_EXPORT_MS = 1500.0
TARGET_IMPORT_MS = 500.0
TARGET_MEMORY_TOUR_MB = 300.0
TARGET_MEMORY_ROOM_MB = 450.0
TARGET_SEED_S = 120.0
# Modules whose functions read or build data for the screens; the floor memoises them.
SKIP_MODULES = {
    "jep.store.db",
    "jep.reference.catalog",
    "jep.fmt",
    "jep.__main__",
    "jep.demo",
    "jep.store.schema",
}


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    return median_wall_cpu(fn, repeat)[0]


def median_wall_cpu(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (ms). On a shared machine the wall
    time includes waiting for a core; the CPU time is what the work itself took, close to the
    wall time on an idle machine."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


# ---------------------------------------------------------------- databases


def make_db(scale: float) -> Path:
    """The benchmark database of `scale` (made once, then reused)."""
    from jep import auth, demo
    from jep.store import db

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"scale{scale:g}.db"
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    start = time.perf_counter()
    db.init_db(tmp)
    with db.open_db(tmp) as d:
        auth.create_staff(d, "admin", ADMIN_PASSWORD, role="admin")
        n = demo.seed_demo(d, scale=scale, seed=1)
        d.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.forget_initialised()
    tmp.rename(path)
    print(f"  made {path.name}: {n} workshops in {time.perf_counter() - start:.1f} s", flush=True)
    return path


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of `src` (its WAL included) for benchmarks that write."""
    import sqlite3

    if not src.exists():  # sqlite3.connect would make an empty database there
        raise FileNotFoundError(src)
    remove_db(dst)
    with (
        contextlib.closing(sqlite3.connect(src)) as a,
        contextlib.closing(sqlite3.connect(dst)) as b,
    ):
        a.backup(b)
    from jep.store import db

    db.forget_initialised()
    return dst


def remove_db(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)


def listed_by_default(d: Any) -> Container[int]:
    """The workshops the picker lists without "Alle" (every one on a tree from before that
    switch, which `bench.ab` may be measuring)."""
    from jep.workshop import workshops

    if hasattr(workshops, "current_ids"):
        return workshops.current_ids(d)
    return range(1 << 62)


def sample_workshop(path: Path) -> int:
    """A held workshop with participants and evaluations: the busiest kind of screen; one the
    picker lists without "Alle" (held in the last year), as the workshops staff work on."""
    from jep.store import db

    with db.open_db(path) as d:
        listed = listed_by_default(d)
        rows = d.execute(
            "SELECT w.id FROM workshops w WHERE w.status IN ('uitgevoerd', 'verslag verstuurd') "
            "ORDER BY (SELECT count(*) FROM participants p WHERE p.workshop_id = w.id) DESC, w.id"
        ).fetchall()
    return next(int(r[0]) for r in rows if r[0] in listed)


def another_held_workshop(d: Any, wid: int) -> int:
    """The latest held workshop besides `wid` that the picker lists without "Alle": the other
    workshop picked in turn with the sample, and the one an evaluation comes in for."""
    listed = listed_by_default(d)
    rows = d.execute(
        "SELECT id FROM workshops WHERE status IN ('uitgevoerd', 'verslag verstuurd') "
        "AND id != ? ORDER BY id DESC",
        [wid],
    )
    return next(int(r[0]) for r in rows if r[0] in listed)


def followup_workshops(path: Path) -> tuple[int, int]:
    """(a workshop with a submitted follow-up and the most recommendations, a workshop whose
    follow-up is due but not submitted): the Terugblik screens' samples, both listed by the
    picker without "Alle"."""
    from jep.store import db

    with db.open_db(path) as d:
        listed = listed_by_default(d)
        done = d.execute(
            "SELECT f.workshop_id FROM followups f WHERE f.state = 'ingediend' ORDER BY "
            "(SELECT count(*) FROM followup_recommendations r WHERE r.workshop_id = f.workshop_id) "
            "DESC, f.workshop_id"
        ).fetchall()
        todo = d.execute(
            "SELECT v.workshop_id FROM report_versions v WHERE v.sent_at IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.workshop_id = v.workshop_id "
            "AND f.state = 'ingediend') ORDER BY v.sent_at, v.workshop_id"
        ).fetchall()
    return (
        next(int(r[0]) for r in done if r[0] in listed),
        next(int(r[0]) for r in todo if r[0] in listed),
    )


# ---------------------------------------------------------------- floor: memoised jep


def _key(value: Any) -> Any:
    """A memo key for an argument: by value where that is cheap and stable (also for the
    aggregates a page gets back from st.cache_data, which are new copies on every run), else by
    identity (large raw data such as an EvalData held in st.cache_resource)."""
    import pandas as pd
    from sqlite_utils import Database

    if isinstance(value, Database):
        return "db"
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_key(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _key(v)) for k, v in value.items()))
    if isinstance(value, (pd.DataFrame, pd.Series)) and len(value) <= 20_000:
        with contextlib.suppress(TypeError, ValueError):
            hashed = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
            cols = tuple(map(str, value.columns)) if isinstance(value, pd.DataFrame) else ()
            return ("frame", cols, hash(hashed))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Small value objects made anew on every run (Filters) by value; big ones (the catalogue,
        # the questionnaire: loaded once and shared) by identity, as hashing them is costly.
        fields = [getattr(value, f.name) for f in dataclasses.fields(value)]
        if all(_plain(v) for v in fields):
            return ("value", type(value).__qualname__, tuple(fields))
    return ("id", id(value))


def _plain(value: Any) -> bool:
    if isinstance(value, (str, int, float, bool, type(None))):
        return True
    return isinstance(value, tuple) and len(value) <= 50 and all(_plain(v) for v in value)


def _jep_functions() -> Iterator[tuple[Any, str, Callable]]:
    import jep

    for info in pkgutil.walk_packages(jep.__path__, "jep."):
        if any(info.name == s or info.name.startswith(s + ".") for s in SKIP_MODULES):
            continue
        module = importlib.import_module(info.name)
        for name, fn in vars(module).items():
            if (
                inspect.isfunction(fn)
                and fn.__module__ == module.__name__
                and not name.startswith("_")
            ):
                yield module, name, fn


class JepMemo:
    """Answers every public jep function from a memo of its first result (the floor).

    `install()` puts the memoising wrappers in place, `remove()` the originals back; the memo
    itself is kept, so plain and memoised runs can alternate."""

    def __init__(self) -> None:
        self.originals = list(_jep_functions())
        self.wrappers = [self._wrap(fn) for _, _, fn in self.originals]

    @staticmethod
    def _wrap(fn: Callable) -> Callable:
        memo: dict[Any, Any] = {}

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = (_key(args), _key(kwargs))
            try:
                return memo[key]
            except KeyError:
                result = memo[key] = fn(*args, **kwargs)
                return result

        return wrapper

    def install(self) -> None:
        for (module, name, _), wrapper in zip(self.originals, self.wrappers, strict=True):
            setattr(module, name, wrapper)

    def remove(self) -> None:
        for module, name, fn in self.originals:
            setattr(module, name, fn)


def timed_ms(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


MIN_SAMPLE_MS = 400.0  # a screen of 10 ms gets more runs than one of 200 ms: stable medians


def run_and_floor(at: Any, repeat: int) -> tuple[float, float]:
    """Median of plain runs and of memoised runs, alternating, so that both see the same load of
    the machine: at least `repeat` of each, and for fast screens enough to fill MIN_SAMPLE_MS
    (at most 60), since a median of a few 10 ms runs moves with every hiccup of the machine."""
    memo = JepMemo()
    memo.install()
    try:
        at.run()  # record the memo
    finally:
        memo.remove()
    first = timed_ms(at.run)
    n = max(repeat, min(60, math.ceil(MIN_SAMPLE_MS / max(first, 1.0))))
    runs, floors = [], []
    for _ in range(n):
        runs.append(timed_ms(at.run))
        memo.install()
        try:
            floors.append(timed_ms(at.run))
        finally:
            memo.remove()
    return statistics.median(runs), statistics.median(floors)


# ---------------------------------------------------------------- screens


ROLES = {  # the benchmark's name of a role -> its name in app_pages/nav.py
    "medewerker": "admin",
    "gemeente": "contact",
    "respondent": "respondent",
    "terugblik": "followup-contact",
    "deelnemer": "followup-respondent",
    "ongeldige link": "invalid-link",
    "anoniem": "anonymous",
}


def role_apps(path: Path, wid: int) -> dict[str, Callable[[], Any]]:
    """A factory of a ready AppTest per role: staff (admin) signed in, contact, respondent, a
    link that is not valid, nobody signed in."""
    from streamlit.testing.v1 import AppTest

    from jep.evaluation import links
    from jep.followup import answers as followup
    from jep.followup import participants as followup_people
    from jep.store import db
    from jep.workshop import invites

    _, todo = followup_workshops(path)
    with db.open_db(path) as d:
        contact_token = invites.issue(d, wid, "bench")
        followup_token = followup.issue_link(d, todo, "bench")
        people_token = followup_people.issue_link(d, todo, "bench")
        # The sample workshop was held long ago, so its evaluation closed by the calendar: open it
        # by hand, so that the respondent's screen is the questionnaire, not "closed".
        eval_token = links.issue_link(d, wid, "bench")
        links.set_manual(d, wid, "open", "bench")

    def new() -> AppTest:
        return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)

    def staff() -> AppTest:
        from app_ui.session import TEST_COOKIES
        from tests.support.apptest import session_cookie

        at = new()
        at.session_state[TEST_COOKIES] = session_cookie("admin", ADMIN_PASSWORD)
        return at.run()

    def with_query(key: str, value: str) -> Callable[[], AppTest]:
        def make() -> AppTest:
            at = new()
            at.query_params[key] = value
            return at.run()

        return make

    return {
        "medewerker": staff,
        "gemeente": with_query("token", contact_token),
        "respondent": with_query("eval", eval_token),
        "terugblik": with_query("terugblik", followup_token),
        "deelnemer": with_query("nameting", people_token),
        "ongeldige link": with_query("token", "x" * 43),
        "anoniem": lambda: new().run(),
    }


CHART_TYPES = ("plotly_chart", "arrow_vega_lite_chart")


def deliberate_pause_ms(role: str) -> float:
    """A deliberate pause in a screen's run (not work): an unknown link token is answered after
    jep.workshop.invites.WRONG_TOKEN_DELAY, so that guessing tokens is slow."""
    from jep.workshop.invites import WRONG_TOKEN_DELAY

    return WRONG_TOKEN_DELAY * 1000 if role == "ongeldige link" else 0.0


def chart_count(at: Any) -> int:
    return sum(len(at.get(kind)) for kind in CHART_TYPES)


def share_script_cache() -> None:
    """Run scripts as the server does: AppTest compiles app.py and the page anew on every run (a
    new ScriptCache per run, 10-30 ms a run here), while a server keeps one ScriptCache for all
    sessions. Share one, so that the times are those of a running server."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
    local_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]


def bench_screens(path: Path, repeat: int, only: list[str] | None = None) -> list[dict[str, Any]]:
    from app_pages.nav import pages_for

    share_script_cache()
    # on a copy: the screens write (a staff session per sign-in, audit lines), and the database
    # made by seed-demo must stay as it was for the next part and the next run
    path = copy_db(path, OUT / "screens-copy.db")
    os.environ["JEP_DB"] = str(path)
    os.environ["JEP_ADMIN_PASSWORD"] = ADMIN_PASSWORD
    wid = sample_workshop(path)
    done, _ = followup_workshops(path)
    rows = []
    for role, factory in role_apps(path, wid).items():
        for page in pages_for(ROLES[role]):
            if only and not any(o.lower() in f"{role} {page.title}".lower() for o in only):
                continue
            at = factory()
            # the Terugblik screen: a workshop whose follow-up was submitted
            at.query_params["id"] = str(done if page.path == "app_pages/followup.py" else wid)
            at.switch_page(page.path)
            at.run()  # warm: caches filled, modules imported
            if at.exception:
                exc = at.exception[0]  # the message is redacted (showErrorDetails): use the trace
                problem = " ".join(line.strip() for line in exc.stack_trace[-2:]) or exc.message
                rows.append({"role": role, "screen": page.title, "error": problem[:300]})
                print(f"  {role:10} {page.title:32} ERROR {problem[:200]}", flush=True)
                continue
            # Error boxes can be content (e.g. a mix warning); listed, not fatal.
            alerts = [str(e.value)[:120] for e in at.error]
            charts = chart_count(at)
            run_ms, floor_ms = run_and_floor(at, repeat)
            # A link that is not valid is answered after a deliberate pause (slows down guessing
            # tokens): shown, but the targets judge the time without it.
            pause = deliberate_pause_ms(role)
            judged = run_ms - pause
            rows.append(
                {
                    "role": role,
                    "screen": page.title,
                    "path": page.path,
                    "run_ms": round(run_ms, 1),
                    "floor_ms": round(floor_ms, 1),
                    "ratio": round(judged / floor_ms, 2) if floor_ms else None,
                    "charts": charts,
                    **({"pause_ms": pause} if pause else {}),
                    **({"error_boxes": alerts} if alerts else {}),
                }
            )
            print(
                f"  {role:10} {page.title:32} {run_ms:8.1f} ms  floor {floor_ms:8.1f} ms"
                f"  charts {charts}",
                flush=True,
            )
    return rows


STREAMLIT_FLOOR_APP = """
import json

import plotly.graph_objects as go
import streamlit as st

from app_server import tcp

st.cache_resource(tcp.nodelay_listeners)()  # as our server does: no 40 ms wait per response
st.set_page_config(page_title="Leeg", layout="wide")
st.title("Leeg")
for i in range(int(st.query_params.get("charts", 0))):
    st.plotly_chart(go.Figure(), key=f"c{i}", width="stretch")
# ?w={"stTextInput": 3, ...}: as many widgets of each kind as a link holder's page has, empty
YES_NO = ["Ja", "Nee", "Weet ik niet"]
MAKE = {
    "stTextInput": lambda i: st.text_input(f"Veld {i}"),
    "stTextArea": lambda i: st.text_area(f"Toelichting {i}"),
    "stNumberInput": lambda i: st.number_input(f"Aantal {i}", value=0),
    "stSelectbox": lambda i: st.selectbox(f"Keuze {i}", YES_NO),
    "stMultiSelect": lambda i: st.multiselect(f"Keuzes {i}", YES_NO),
    "stRadio": lambda i: st.radio(f"Vraag {i}", YES_NO, horizontal=True),
    "stButtonGroup": lambda i: st.segmented_control(f"Schaal {i}", list("12345")),
    "stDateInput": lambda i: st.date_input(f"Datum {i}", value=None),
    "stCheckbox": lambda i: st.checkbox(f"Vinkje {i}"),
    "stButton": lambda i: st.button(f"Knop {i}"),
    "stHeading": lambda i: st.subheader(f"Kop {i}"),
    "stMarkdown": lambda i: st.markdown(f"Een zin uitleg met **nadruk** ({i})."),
    "stCaption": lambda i: st.caption(f"Een bijschrift ({i})."),
    "stProgress": lambda i: st.progress(0.5),
}
for kind, n in json.loads(st.query_params.get("w", "{}")).items():
    for i in range(n):
        MAKE.get(kind, lambda i: None)(i)
"""


def bench_streamlit_floor(charts: set[int], repeat: int) -> dict[str, float]:
    """Streamlit's own cost, the floor of the floor: a bare page, and a page with N empty plotly
    charts for every N a screen has (server script time, AppTest, median)."""
    from streamlit.testing.v1 import AppTest

    share_script_cache()
    out = {}
    for n in sorted({0, *charts}):
        at = AppTest.from_string(STREAMLIT_FLOOR_APP, default_timeout=60)
        at.query_params["charts"] = str(n)
        at.run()
        times = [timed_ms(at.run) for _ in range(max(repeat, 15))]
        out[str(n)] = round(statistics.median(times), 1)
    return out


# ---------------------------------------------------------------- report, export, import


def bench_report(path: Path, repeat: int) -> dict[str, Any]:
    """One workshop's PDF report, built from the database (collect + render, not stored); and
    a report with its Terugblik addendum."""
    from jep.evaluation import questionnaire, responses, stats
    from jep.followup import addendum
    from jep.reference.catalog import catalog
    from jep.report import versions
    from jep.store import db

    wid = sample_workshop(path)
    done, _ = followup_workshops(path)
    with db.open_db(path) as d:
        pdf, _ = versions.build(d, wid)  # warm: fonts, matplotlib
        ms, cpu = median_wall_cpu(lambda: versions.build(d, wid), max(3, repeat // 2))

        # the programme's measures (the comparison with the other workshops) are kept, and
        # brought up to date when evaluations come in: the first report after an evaluation of
        # another workshop (a paper form typed in, not timed; removed again after the report)
        q = questionnaire.questionnaire()
        paper = {"version": q.current, "sector": None, "items": {stats.GRADE: 8}}
        other = another_held_workshop(d, wid)
        colds = []
        for _ in range(max(3, repeat // 2)):
            typed = responses.save_paper(d, other, paper, "bench", catalog())
            assert typed.ok and typed.response_id, typed.errors
            colds.append(timed_ms(lambda: versions.build(d, wid)))
            responses.delete_response(d, other, typed.response_id, "bench")
        ms_cold = statistics.median(colds)

        def with_addendum() -> bytes:
            return versions.build(d, done, addendum=addendum.for_report(d, done))[0]

        with_addendum()
        ms_addendum = median_ms(with_addendum, max(3, repeat // 2))
    return {
        "workshop": wid,
        "pdf_ms": round(ms, 1),
        "pdf_cpu_ms": round(cpu, 1),
        "pdf_first_ms": round(ms_cold, 1),
        "pdf_kb": round(len(pdf) / 1024, 1),
        "terugblik_workshop": done,
        "pdf_terugblik_ms": round(ms_addendum, 1),
    }


def programme_view(d: Any, f: Any) -> dict[str, Any]:
    """What the dashboard shows of one view (its tables, from the same jep functions as
    app_pages/dashboard.py): the page has these already when its export button is pressed."""
    from jep.programme import dashboard as dash
    from jep.reference import catalog

    cat = catalog.catalog()
    scope = dash.scope_workshops(d, f, cat)
    domains = dash.Filters(domains=f.domains)
    data = dash.evaluation_counts(d, {"view": scope["id"].tolist()}, domains, cat)["view"]
    summary = dash.evaluation_summary(data)
    enough = summary["responses"] >= data.q.min_cell
    return {
        "scope": scope,
        "data": data,
        "tables": {
            "status": dash.status_funnel(d, f, cat),
            "provincies": dash.provinces(d, f, cat),
            "gemeenten": dash.municipality_map(d, f, cat),
            "deelnemers-domein": dash.participants_by_domain(d, f, cat),
            "deelnemers-sector": dash.participants_by_sector(d, f, cat),
            "doelen": summary["goals"] if enough else summary["goals"].iloc[0:0],
            "trends": dash.quarterly(d, f, cat),
            "knelpunten": dash.knelpunten(d, f, cat),
            "aanbevelingen": dash.recommendations(d, f, cat),
            "ontbrekende-sectoren": dash.missing_sectors(d, f, cat),
        },
    }


def programme_export(
    d: Any, f: Any, view: dict[str, Any] | None = None, actor: str = "bench"
) -> bytes:
    """The dashboard's "Alle tabellen downloaden (Excel)": every table of the view in one
    workbook. With the `view` the page shows, what the button adds (app_pages/dashboard.py
    `_everything`): the evaluation per quarter (computed only for the trends tab and the
    workbook), the Terugblik tables and the workbook itself; without it, everything from the
    database."""
    from datetime import date

    from jep.followup import due, programme
    from jep.programme import dashboard as dash
    from jep.programme import export
    from jep.reference import catalog

    view = view or programme_view(d, f)
    scope = view["scope"]
    tables = {}
    for name, df in view["tables"].items():  # the workbook's sheets in the page's order
        tables[name] = df
        if name == "trends":
            tables["trends-evaluatie"] = dash.evaluation_quarterly(
                d, scope, dash.Filters(domains=f.domains)
            )
    sheets = {
        name: (dash.TABLES[name]["title"], dash.present(df, name)) for name, df in tables.items()
    }
    ids = scope["id"].tolist()  # the follow-up's tables (app_ui.followup.programme_tables)
    people = programme.participants(d, ids).items
    for name, df in (
        ("terugblik-te-doen", programme.worklist(due.schedule(d, date.today(), ids))),
        ("terugblik-aanbevelingen", programme.by_rule(d, ids)),
        ("terugblik-domeinen", programme.by_domain(d, ids)),
        ("terugblik-knelpunten", programme.knelpunt_change(d, ids)),
        ("terugblik-deelnemers", people[people["kind"] != "open"]),
    ):
        sheets[name] = (programme.TABLES[name]["title"], programme.present(df, name))
    return export.export_workbook(d, actor, sheets, f.as_dict(), f.describe(catalog.catalog()))


def bench_export(path: Path, repeat: int) -> dict[str, Any]:
    """The programme-wide export (all dashboard tables, no filters) on a copy of the database:
    every export writes an audit row."""
    from jep.programme import dashboard
    from jep.store import db

    copy = copy_db(path, OUT / "export-copy.db")
    try:
        with db.open_db(copy) as d:
            f = dashboard.Filters()
            view = programme_view(d, f)  # on the screen when the button is pressed
            size = len(programme_export(d, f, view))
            ms, cpu = median_wall_cpu(lambda: programme_export(d, f, view), max(3, repeat // 2))
            ms_all = median_ms(lambda: programme_export(d, f), max(3, repeat // 2))
    finally:
        remove_db(copy)
    return {
        "export_ms": round(ms, 1),
        "export_cpu_ms": round(cpu, 1),
        "export_all_ms": round(ms_all, 1),
        "xlsx_kb": round(size / 1024, 1),
    }


def bench_import(path: Path, repeat: int) -> dict[str, Any]:
    """Read and check a 1,000-row participant file, then import it (into a copy)."""
    from jep.reference.catalog import catalog
    from jep.store import db
    from jep.workshop import participants

    cat = catalog()
    sectors = list(cat.sectors.values())
    out = io.StringIO()
    writer = csv.writer(out)  # sector names hold commas ("Welzijn, jongerenwerk & …"): quote
    writer.writerow(["naam", "organisatie", "sector", "beroep", "e-mail"])
    for i in range(1000):
        s = sectors[i % len(sectors)]
        writer.writerow(
            [
                f"Deelnemer {i}",
                f"Organisatie {i % 37}",
                s.name,
                s.professions[0],
                f"d{i}@voorbeeld.example",
            ]
        )
    data = out.getvalue().encode()
    copy = copy_db(path, OUT / "import-copy.db")
    reads, writes, cpus, good = [], [], [], 0
    try:
        with db.open_db(copy) as d:
            ids = [
                r[0]
                for r in d.execute(
                    "SELECT id FROM workshops WHERE status = 'gepland' ORDER BY id LIMIT ?",
                    [max(3, repeat // 2)],
                )
            ]
            for wid in ids:  # a fresh workshop each time
                cpu = time.process_time()
                start = time.perf_counter()
                records, ignored = participants.read_upload("lijst.csv", data)
                check = participants.check_import(d, wid, records, cat, ignored)
                reads.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                participants.import_rows(d, wid, check.good, "bench", cat, "lijst.csv")
                writes.append((time.perf_counter() - start) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
                good = len(check.good)
    finally:
        remove_db(copy)
    totals = [r + w for r, w in zip(reads, writes, strict=True)]
    return {
        "rows": 1000,
        "good": good,
        "read_check_ms": round(statistics.median(reads), 1),
        "import_ms": round(statistics.median(writes), 1),
        "total_ms": round(statistics.median(totals), 1),
        "total_cpu_ms": round(statistics.median(cpus), 1),
    }


# ---------------------------------------------------------------- machine load and memory


def load_avg() -> list[float]:
    """The machine's load average (1, 5, 15 minutes) right now."""
    return [round(x, 2) for x in os.getloadavg()]


def section(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one part of the benchmark and note the machine's load before and after it."""
    before = load_avg()
    result = fn(*args, **kwargs)
    if isinstance(result, dict):
        result["load"] = {"before": before, "after": load_avg()}
    return result


def bench_phone_visit(path: Path, rounds: int) -> dict[str, Any]:
    """A phone's first visit of the respondent's and the contact's link (bench/phone.py)."""
    from bench import phone

    copy = copy_db(path, OUT / "phone-copy.db")
    setup = _live_setup(copy)
    links = {"respondent": f"/e?eval={setup['eval']}", "gemeente": f"/?token={setup['contact']}"}
    return phone.bench_phone(copy, links, rounds)


def memory_mb(pid: int) -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = {}
    for line in status.splitlines():
        if line.startswith(("VmRSS", "VmHWM")):
            values[line.split(":")[0]] = round(int(line.split()[1]) / 1024, 1)
    return {"rss_mb": values["VmRSS"], "peak_mb": values["VmHWM"]}


class MemorySampler:
    """The highest RSS of a process while a block runs (sampled every 0.25 s)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.max_mb, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(OSError, KeyError):
                self.max_mb = max(self.max_mb, memory_mb(self.pid)["rss_mb"])
            self._stop.wait(0.25)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()


# ---------------------------------------------------------------- demo data


def bench_seed(scale: float) -> dict[str, Any]:
    """`python -m jep seed-demo --scale N --seed 1` as a user runs it, into a fresh database:
    wall and CPU time, and whether it showed a progress bar."""
    target = OUT / f"seed-check{scale:g}.db"
    remove_db(target)
    env = dict(os.environ, JEP_DB=str(target))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "jep", "seed-demo", "--scale", f"{scale:g}", "--seed", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    remove_db(target)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "scale": scale,
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "ok": done.returncode == 0,
        "progress_bar": "%|" in done.stderr or "it/s" in done.stderr,
        **({"error": done.stderr[-500:]} if done.returncode else {}),
    }


# ---------------------------------------------------------------- a real server: browser, room


def _live_setup(path: Path) -> dict[str, Any]:
    """Links and workshops for the live tests, in the copy the server will use."""
    from bench import room
    from jep import auth
    from jep.evaluation import links
    from jep.followup import answers as followup
    from jep.followup import participants as followup_people
    from jep.store import db
    from jep.workshop import invites

    wid = sample_workshop(path)
    done, todo = followup_workshops(path)
    with db.open_db(path) as d:
        other = another_held_workshop(d, wid)
        # the contact's screens: a request whose intake is still open (Concept opslaan)
        draft = d.execute(
            "SELECT id FROM workshops WHERE status = 'aanvraag' ORDER BY id LIMIT 1"
        ).fetchone()[0]
        contact = invites.issue(d, int(draft), "bench")
        evaluation = links.issue_link(d, wid, "bench")
        links.set_manual(d, wid, "open", "bench")
        rooms = [w for w in room.pick_workshops(d, room.ROOMS + 1) if w != wid][: room.ROOMS]
        tokens = room.open_links(d, rooms)
        terugblik = followup.issue_link(d, todo, "bench")
        nameting = followup_people.issue_link(d, todo, "bench")
        # Medewerkers' interaction picks another account than the one it holds (it keeps its
        # choice when the screen is opened again): a colleague to pick besides the admin
        if not d.execute("SELECT 1 FROM staff WHERE username = 'collega'").fetchone():
            auth.create_staff(d, "collega", secrets.token_urlsafe(16), actor="bench")
    return {
        "wid": wid,
        "other": int(other),
        "followup": (done, todo),
        "terugblik": terugblik,
        "nameting": nameting,
        "contact": contact,
        "eval": evaluation,
        "room": tokens,
    }


def bench_live(
    path: Path, rounds: int, browser_on: bool, room_on: bool, log: Callable
) -> dict[str, Any]:
    """One real server (`streamlit run server.py`, as ./run.sh starts it) on a copy of the
    database: the browser tour of every screen, memory after the staff tour, then the room with
    a staff member's dashboard timed meanwhile, and memory with its sessions open."""
    from playwright.sync_api import sync_playwright

    from app_pages.nav import pages_for
    from bench import browser as bb
    from bench import room
    from jep.evaluation.questionnaire import questionnaire
    from jep.store import db
    from tests.support.server import chromium_path, launch_chromium, running_app

    if not chromium_path():
        return {"skipped": "geen chromium"}
    copy = copy_db(path, OUT / "live-copy.db")
    setup = _live_setup(copy)
    out: dict[str, Any] = {}
    q = questionnaire()
    try:
        with (
            running_app(copy, admin_password=ADMIN_PASSWORD, log=OUT / "live-server.log") as srv,
            sync_playwright() as p,
        ):
            base, pid = srv.url, srv.proc.pid
            out["memory_start"] = memory_mb(pid)
            chromium = launch_chromium(p)
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            bb.install(context)
            page = context.new_page()
            if browser_on:
                load0 = load_avg()
                rows = bb.staff_tour(
                    page,
                    base,
                    ADMIN_PASSWORD,
                    setup["wid"],
                    setup["other"],
                    rounds,
                    log,
                    samples={"app_pages/followup.py": setup["followup"]},
                )
                out["memory_tour"] = memory_mb(pid)
                log(f"  memory after the staff tour: {out['memory_tour']}")
                # each link holder: (role in the table, link, workshop, role of the pages)
                holders = (
                    ("gemeente", f"/?token={setup['contact']}", setup["wid"], "contact"),
                    ("respondent", f"/e?eval={setup['eval']}", setup["wid"], "respondent"),
                    (
                        "terugblik",
                        f"/?terugblik={setup['terugblik']}",
                        setup["followup"][1],
                        "followup-contact",
                    ),
                    (
                        "deelnemer",
                        f"/?nameting={setup['nameting']}",
                        setup["followup"][1],
                        "followup-respondent",
                    ),
                    ("ongeldige link", f"/?token={'x' * 43}", setup["wid"], "invalid-link"),
                )
                for label, link, wid, page_role in holders:
                    rows += bb.link_tour(
                        chromium, base + link, label, wid, rounds, pages_for(page_role)
                    )
                out["browser"] = {"rows": rows, "load": {"before": load0, "after": load_avg()}}
            else:
                page.goto(base)  # signed out: the sign-in form /aanmelden
                page.get_by_label("Gebruikersnaam").fill("admin")
                page.get_by_label("Wachtwoord").fill(ADMIN_PASSWORD)
                bb.navigation_ms(page, page.get_by_role("button", name="Aanmelden").click)
            if room_on:
                load0 = load_avg()
                with db.open_db(copy) as d:
                    before = room.db_state(d, list(setup["room"]))
                idle = [bb.dashboard_ms(page) for _ in range(3)]  # before the room
                people = room.plan(setup["room"], q, spread_s=15, minute_s=60)
                mem_before = memory_mb(pid)
                box: dict[str, Any] = {}
                worker = threading.Thread(
                    target=lambda: box.update(s=asyncio.run(room.run_room(base, people, q))),
                    daemon=True,
                )
                with MemorySampler(pid) as sampler:
                    worker.start()
                    busy = bb.timed_loop(
                        lambda: bb.dashboard_ms(page), lambda: not worker.is_alive(), 3
                    )
                    worker.join()
                with db.open_db(copy) as d:
                    after = room.db_state(d, list(setup["room"]))
                summary = room.summary(people, before, after, q)
                failed_dash = sum(1 for x in idle + busy if math.isnan(x))
                idle = [x for x in idle if not math.isnan(x)] or [math.nan]
                busy = [x for x in busy if not math.isnan(x)] or [math.nan]
                idle_ms, busy_ms = statistics.median(idle), statistics.median(busy)
                out["room"] = {
                    **summary,
                    "duration_s": round(box.get("s", 0.0), 1),
                    "dashboard_idle_ms": round(idle_ms, 1),
                    "dashboard_busy_ms": round(busy_ms, 1),
                    "dashboard_busy_runs": [round(x) for x in busy],
                    "dashboard_ratio": round(busy_ms / idle_ms, 2) if idle_ms else None,
                    "dashboard_timeouts": failed_dash,
                    "load": {"before": load0, "after": load_avg()},
                }
                out["memory_room"] = {
                    "before_mb": mem_before["rss_mb"],
                    "max_rss_mb": sampler.max_mb,
                    **memory_mb(pid),
                }
                log(f"  room: {json.dumps(out['room'])[:400]}")
            chromium.close()
    finally:
        remove_db(copy)
    return out


@contextlib.contextmanager
def floor_server() -> Iterator[str]:
    """Streamlit's own floor page (STREAMLIT_FLOOR_APP: ?charts=N empty charts, ?w= empty
    widgets of the kinds asked) served on a free port; yields its base URL."""
    from tests.support.server import free_port, stop

    app = OUT / f"streamlit_floor_app_{os.getpid()}.py"
    app.write_text(STREAMLIT_FLOOR_APP)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(base + "/_stcore/health", timeout=2),
            ):
                break
            time.sleep(0.3)
        yield base
    finally:
        stop(proc, timeout=15)
        app.unlink(missing_ok=True)


def bench_floor_browser(
    charts: set[int], rounds: int, widgets: dict[str, dict[str, int]] | None = None
) -> dict[str, Any]:
    """Streamlit's own time in the browser: a bare page and pages with N empty charts, each
    opened from its URL in a fresh page (median of --rounds); and for each link holder's page
    (`widgets`: its screen → how many elements of each kind it showed) a page with as many empty
    widgets of the same kinds, in a fresh browser as the link holders' pages are opened."""
    from playwright.sync_api import sync_playwright

    from bench import browser as bb
    from tests.support.server import chromium_path, launch_chromium

    if not chromium_path():
        return {}
    out: dict[str, Any] = {}
    with floor_server() as base, sync_playwright() as p:
        chromium = launch_chromium(p)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        bb.install(context)
        page = context.new_page()
        bb.goto_ms(page, base)  # warm: the browser cache holds Streamlit's bundle
        for n in sorted({0, *charts}):
            times = [bb.goto_ms(page, f"{base}/?charts={n}") for _ in range(max(rounds, 3))]
            out[str(n)] = round(statistics.median(times), 1)

        # A link opened on a phone for the first time: a fresh browser context, so Streamlit's
        # scripts come over the network too (the link holders' tours open theirs this way).
        def fresh_ms(url: str) -> float:
            times = []
            for _ in range(max(rounds, 3)):
                ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
                bb.install(ctx)
                times.append(bb.goto_ms(ctx.new_page(), url))
                ctx.close()
            return round(statistics.median(times), 1)

        out["bare page in a fresh browser"] = fresh_ms(f"{base}/?charts=0")
        same = {
            screen: fresh_ms(f"{base}/?w={urllib.parse.quote(json.dumps(kinds))}")
            for screen, kinds in (widgets or {}).items()
        }
        if same:
            out["same widgets in a fresh browser"] = same
        chromium.close()
    return out


def bench_sessions(path: Path, n: int = 45) -> dict[str, Any]:
    """Memory per idle session: a fresh server, one respondent session to warm it, then `n`
    respondent sessions that open the form and stay idle; (RSS after − RSS before) / n."""
    from bench.wsclient import StreamlitClient
    from jep.evaluation import links
    from jep.store import db
    from tests.support.server import running_app

    copy = copy_db(path, OUT / "sessions-copy.db")
    wid = sample_workshop(copy)
    with db.open_db(copy) as d:
        token = links.issue_link(d, wid, "bench")
        links.set_manual(d, wid, "open", "bench")

    async def sessions(base: str, pid: int) -> dict[str, Any]:
        async with StreamlitClient(base, query=f"eval={token}") as warm:
            await warm.rerun()
        await asyncio.sleep(2)
        before = memory_mb(pid)["rss_mb"]
        clients = []
        for i in range(n):
            c = StreamlitClient(base, query=f"eval={token}", source=f"127.0.1.{10 + i}")
            await c.__aenter__()
            await c.rerun()
            clients.append(c)
        await asyncio.sleep(2)
        after = memory_mb(pid)["rss_mb"]
        for c in clients:
            await c.close()
        return {
            "sessions": n,
            "rss_before_mb": before,
            "rss_after_mb": after,
            "per_session_mb": round((after - before) / n, 2),
        }

    try:
        with running_app(copy, admin_password=ADMIN_PASSWORD) as srv:
            return asyncio.run(sessions(srv.url, srv.proc.pid))
    finally:
        remove_db(copy)


# ---------------------------------------------------------------- the table


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def fmt(value: Any, digits: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, float | int):
        return f"{value:.{digits}f}"
    return str(value)


def fmt_load(load: dict[str, Any] | None) -> str:
    if not load:
        return "load —"
    return f"load {load['before'][0]:.1f} → {load['after'][0]:.1f} (1 min, 2 cores)"


def merged_rows(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Server and browser rows of one scale joined by (role, screen)."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for r in entry.get("screens", []):
        rows[(r["role"], r["screen"])] = dict(r)
    for r in (entry.get("live") or {}).get("browser", {}).get("rows", []):
        key = (r["role"], r["screen"])
        merged = rows.setdefault(key, {"role": r["role"], "screen": r["screen"]})
        for k in ("browser_ms", "interaction", "interaction_ms", "first_signin_ms", "problem"):
            if k in r:
                merged[k] = r[k]
        merged.setdefault("charts", r.get("charts"))
    return list(rows.values())


def row_targets(r: dict[str, Any]) -> list[str]:
    """The targets this screen misses (empty: all met)."""
    missed = []
    if "error" in r or "problem" in r:
        missed.append("error")
    if r.get("run_ms") is not None and r["run_ms"] - r.get("pause_ms", 0) > TARGET_RUN_MS:
        missed.append("server")
    if r.get("ratio") is not None and r["ratio"] > TARGET_RATIO:
        missed.append("floor")
    # the deliberate pause of an unknown link (see deliberate_pause_ms) is not work, here too
    if (
        r.get("browser_ms") is not None
        and r["browser_ms"] - r.get("pause_ms", 0) > TARGET_BROWSER_MS
    ):
        missed.append("browser")
    if r.get("interaction_ms") is not None and r["interaction_ms"] > TARGET_INTERACTION_MS:
        missed.append("interaction")
    return missed


def print_results(results: dict[str, Any]) -> bool:
    top = f"{max(float(s) for s in results['scales']):g}"
    all_ok = True
    for scale, entry in results["scales"].items():
        judged = scale == top
        print(f"\n### Scale {scale} ({entry['workshops']} workshops)\n")
        print(
            f"Server: {fmt_load(entry.get('screens_load'))}; browser: "
            f"{fmt_load((entry.get('live') or {}).get('browser', {}).get('load'))}\n"
        )
        print(
            "| role | screen | server ms | floor ms | run/floor | Streamlit floor ms | charts "
            "| browser ms | interaction | interaction ms | targets |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|")
        sfloor = entry.get("streamlit_floor", {})
        for r in merged_rows(entry):
            missed = row_targets(r)
            if judged:
                all_ok = all_ok and not missed
            mark = ("ok" if not missed else "MISSED: " + ", ".join(missed)) if judged else ""
            n = r.get("charts")
            print(
                f"| {r['role']} | {r['screen']} | {fmt(r.get('run_ms'))}"
                + (f" (incl. {r['pause_ms']:.0f} pause)" if r.get("pause_ms") else "")
                + " | "
                f"{fmt(r.get('floor_ms'))} | {fmt(r.get('ratio'), 2)} | "
                f"{fmt(sfloor.get(str(n)) if n is not None else None)} | {fmt(n)} | "
                f"{fmt(r.get('browser_ms'))}"
                + (f" (incl. {r['pause_ms']:.0f} pause)" if r.get("pause_ms") else "")
                + f" | {r.get('interaction', '—')} | "
                f"{fmt(r.get('interaction_ms'))} | {mark} |"
            )
            if r.get("error") or r.get("problem"):
                print(f"|  | ↳ {r.get('error') or r.get('problem')} | | | | | | | | | |")
        bfloor = entry.get("streamlit_floor_browser") or {}
        if sfloor or bfloor:
            print(
                "\nStreamlit's own (a bare page; N empty plotly charts): server "
                + ", ".join(f"{k} charts {v:.0f} ms" for k, v in sfloor.items())
                + (
                    "; browser "
                    + ", ".join(
                        f"{k} charts {v:.0f} ms" if k.isdigit() else f"{k} {v:.0f} ms"
                        for k, v in bfloor.items()
                        if not isinstance(v, dict)
                    )
                    if bfloor
                    else ""
                )  # fmt: skip
            )
        same = bfloor.get("same widgets in a fresh browser") or {}
        if same:
            print(
                "\nA link's page against Streamlit's own with the same widgets (a page with as "
                "many empty widgets of each kind, in a fresh browser): "
                + "; ".join(
                    f"{screen} {page:.0f} vs {same[screen]:.0f} ms (× {page / same[screen]:.2f})"
                    for r in merged_rows(entry)
                    if (screen := f"{r['role']} {r['screen']}") in same
                    and (page := (r.get("browser_ms") or 0) - r.get("pause_ms", 0)) > 0
                )
            )
        first = [r["first_signin_ms"] for r in merged_rows(entry) if r.get("first_signin_ms")]
        if first:
            print(
                f"\nSigning in in a browser that never opened the application: {first[0]:.0f} ms "
                "(no target: Streamlit's and plotly's scripts come over the network first; the "
                "table's sign-in is a browser that has them, as a staff member's own)"
            )
        all_ok = print_other(entry, judged) and all_ok
    return all_ok


def print_other(entry: dict[str, Any], judged: bool) -> bool:
    ok_all = True

    def line(text: str, ok: bool | None) -> None:
        nonlocal ok_all
        mark = "" if ok is None or not judged else f" {verdict(ok)}"
        if judged and ok is False:
            ok_all = False
        print(f"- {text}{mark}")

    print()
    rep, exp, imp = entry.get("report"), entry.get("export"), entry.get("import")
    if rep:
        print(f"Documents ({fmt_load(rep.get('load'))}):")
        line(
            f"PDF report {rep['pdf_ms']:.0f} ms, CPU {fmt(rep.get('pdf_cpu_ms'))} ms "
            f"(≤ {TARGET_PDF_MS:.0f})",
            rep["pdf_ms"] <= TARGET_PDF_MS,
        )
        if "pdf_first_ms" in rep:
            line(
                f"PDF report right after an evaluation came in (a paper form of another "
                f"workshop typed in first) {rep['pdf_first_ms']:.0f} ms (≤ {TARGET_PDF_MS:.0f})",
                rep["pdf_first_ms"] <= TARGET_PDF_MS,
            )
        if "pdf_terugblik_ms" in rep:
            line(
                f"PDF report with its Terugblik {rep['pdf_terugblik_ms']:.0f} ms "
                f"(≤ {TARGET_PDF_MS:.0f})",
                rep["pdf_terugblik_ms"] <= TARGET_PDF_MS,
            )
    if exp:
        line(
            f"programme export {exp['export_ms']:.0f} ms, CPU {fmt(exp.get('export_cpu_ms'))} ms "
            f"(≤ {TARGET_EXPORT_MS:.0f})",
            exp["export_ms"] <= TARGET_EXPORT_MS,
        )
        if "export_all_ms" in exp:
            line(
                f"programme export with every table of the view computed again (as if the "
                f"page had shown nothing yet) {exp['export_all_ms']:.0f} ms (not judged)",
                None,
            )
    if imp:
        line(
            f"import of 1,000 rows {imp['total_ms']:.0f} ms in total: read+check "
            f"{imp['read_check_ms']:.0f} + write {imp['import_ms']:.0f}, CPU "
            f"{fmt(imp.get('total_cpu_ms'))} ms (≤ {TARGET_IMPORT_MS:.0f})",
            imp["total_ms"] <= TARGET_IMPORT_MS,
        )
    seed = entry.get("seed")
    if seed:
        print(f"\nDemo data ({fmt_load(seed.get('load'))}):")
        line(
            f"seed-demo --scale {seed['scale']:g}: {seed['wall_s']:.0f} s wall, "
            f"{seed['cpu_s']:.0f} s CPU (≤ {TARGET_SEED_S:.0f} s), progress bar "
            + ("yes" if seed["progress_bar"] else "no"),
            seed["ok"] and seed["progress_bar"] and seed["wall_s"] <= TARGET_SEED_S,
        )
    live = entry.get("live") or {}
    room = live.get("room")
    if room:
        print(f"\nFull room ({fmt_load(room.get('load'))}):")
        line(
            f"{room['respondents']} respondents, {room['confirmed']} confirmed, first open → last "
            f"submit {fmt(room['first_open_to_last_submit_s'], 1)} s; submit → confirmation p50 "
            f"{fmt(room['submit_p50_ms'])} ms, p95 {fmt(room['submit_p95_ms'])} ms "
            f"(≤ {TARGET_SUBMIT_P95_MS:.0f})",
            room["n_failed"] == 0
            and room["submit_p95_ms"] is not None
            and room["submit_p95_ms"] <= TARGET_SUBMIT_P95_MS,
        )
        line(
            f"answers lost {room['answers_lost']}, doubled {room['answers_doubled']} "
            "(counted in the database)",
            room["answers_lost"] == 0 and room["answers_doubled"] == 0,
        )
        line(
            f"taps: {room['taps']}, p50 {fmt(room['tap_p50_ms'])} ms, p95 "
            f"{fmt(room['tap_p95_ms'])} ms; form opened p50 {fmt(room['open_p50_ms'])} ms, p95 "
            f"{fmt(room['open_p95_ms'])} ms",
            None,
        )
        ratio = room.get("dashboard_ratio")
        line(
            f"staff dashboard meanwhile {fmt(room['dashboard_busy_ms'])} ms vs idle "
            f"{fmt(room['dashboard_idle_ms'])} ms: × {fmt(ratio, 2)} "
            f"(≤ {TARGET_DASHBOARD_RATIO:g})",
            ratio is not None and ratio <= TARGET_DASHBOARD_RATIO,
        )
        for f in room.get("failed", []):
            print(f"  - failed: {f}")
    phone_part = entry.get("phone") or {}
    if phone_part.get("links"):
        net = phone_part["network"]
        print(
            f"\nA phone's first visit ({fmt_load(phone_part.get('load'))}; fresh browser, "
            f"{net['downloadThroughput'] * 8 / 1e6:g} Mbit/s, {net['latency']} ms; through Caddy "
            "as deployed, and straight from the application):"
        )
        for role, r in phone_part["links"].items():
            failed = [
                f"{r[way].get('failed')} of the visits {way} timed out"
                for way in ("caddy", "direct")
                if r[way].get("failed")
            ]
            line(
                f"{role}: {r['caddy']['ms']} ms, {r['caddy']['kb']} kB through Caddy; "
                f"{r['direct']['ms']} ms, {r['direct']['kb']} kB straight"
                + (f" ({'; '.join(failed)})" if failed else ""),
                None,
            )
    mem_tour, mem_room, sess = (
        live.get("memory_tour"),
        live.get("memory_room"),
        entry.get("sessions"),
    )
    if mem_tour or mem_room or sess:
        print("\nMemory of the server:")
    if mem_tour:
        line(
            f"after the tour of every staff screen: peak {mem_tour['peak_mb']:.0f} MB, now "
            f"{mem_tour['rss_mb']:.0f} MB (≤ {TARGET_MEMORY_TOUR_MB:.0f})",
            mem_tour["peak_mb"] <= TARGET_MEMORY_TOUR_MB,
        )
    if mem_room:
        line(
            f"with the 45 respondent sessions open: highest {mem_room['max_rss_mb']:.0f} MB "
            f"(before the room {mem_room['before_mb']:.0f} MB; peak of the process "
            f"{mem_room['peak_mb']:.0f} MB) (≤ {TARGET_MEMORY_ROOM_MB:.0f})",
            mem_room["max_rss_mb"] <= TARGET_MEMORY_ROOM_MB,
        )
    if sess:
        line(
            f"per idle respondent session: {sess['per_session_mb']:.2f} MB ({sess['sessions']} "
            f"sessions: {sess['rss_before_mb']:.0f} → {sess['rss_after_mb']:.0f} MB)",
            None,
        )
    return ok_all


def compare(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Before and after, side by side: every number both results have."""
    print("\n## Before → after (--compare)\n")
    for scale, entry in new["scales"].items():
        was = old.get("scales", {}).get(scale)
        if not was:
            continue
        print(f"### Scale {scale}\n")
        print(
            "| role | screen | server ms | floor ms | browser ms | interaction ms |\n"
            "|---|---|---:|---:|---:|---:|"
        )
        before = {(r["role"], r["screen"]): r for r in merged_rows(was)}
        for r in merged_rows(entry):
            o = before.get((r["role"], r["screen"]), {})

            def pair(k: str, o: dict = o, r: dict = r) -> str:
                return f"{fmt(o.get(k))} → {fmt(r.get(k))}"

            print(
                f"| {r['role']} | {r['screen']} | {pair('run_ms')} | {pair('floor_ms')} | "
                f"{pair('browser_ms')} | {pair('interaction_ms')} |"
            )
        print()
        pairs = [
            ("PDF report ms", ("report", "pdf_ms")),
            ("PDF report CPU ms", ("report", "pdf_cpu_ms")),
            ("PDF report right after an evaluation ms", ("report", "pdf_first_ms")),
            ("PDF report with Terugblik ms", ("report", "pdf_terugblik_ms")),
            ("programme export ms", ("export", "export_ms")),
            ("programme export CPU ms", ("export", "export_cpu_ms")),
            ("programme export, every table again ms", ("export", "export_all_ms")),
            ("import 1,000 rows ms", ("import", "total_ms")),
            ("import 1,000 rows CPU ms", ("import", "total_cpu_ms")),
            ("seed-demo wall s", ("seed", "wall_s")),
            ("seed-demo CPU s", ("seed", "cpu_s")),
            ("room submit p95 ms", ("live", "room", "submit_p95_ms")),
            ("room tap p95 ms", ("live", "room", "tap_p95_ms")),
            ("room answers lost", ("live", "room", "answers_lost")),
            ("room dashboard ratio", ("live", "room", "dashboard_ratio")),
            ("memory after tour MB", ("live", "memory_tour", "peak_mb")),
            ("memory with 45 sessions MB", ("live", "memory_room", "max_rss_mb")),
            ("memory per idle session MB", ("sessions", "per_session_mb")),
        ]
        for label, keys in pairs:
            a, b = _dig(was, keys), _dig(entry, keys)
            if a is not None or b is not None:
                print(f"- {label}: {fmt(a, 1)} → {fmt(b, 1)}")
        print(
            f"- load while measured: {fmt_load(was.get('screens_load'))} → "
            f"{fmt_load(entry.get('screens_load'))}"
        )


def _dig(d: Any, keys: tuple[str, ...]) -> Any:
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=3, help="browser rounds per screen")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-room", action="store_true")
    ap.add_argument("--no-memory", action="store_true", help="no idle-session memory server")
    ap.add_argument("--no-seed", action="store_true", help="do not time seed-demo")
    ap.add_argument("--no-phone", action="store_true", help="no phone's first visit (Caddy)")
    ap.add_argument(
        "--only",
        nargs="+",
        help="only the server times of the screens whose 'role title' holds one of these words",
    )
    ap.add_argument("--compare", help="an earlier results.json to print beside this run")
    ap.add_argument("--out", default=str(OUT / "results.json"))
    a = ap.parse_args(argv)

    def log(text: str) -> None:
        print(text, flush=True)

    results: dict[str, Any] = {
        "repeat": a.repeat,
        "rounds": a.rounds,
        "started": time.strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
        "git": _git_head(),
        "scales": {},
    }
    top = max(a.scales)
    for scale in a.scales:
        log(f"\n== scale {scale:g} (load {load_avg()}) ==")
        path = make_db(scale)
        from jep.store import db

        db.forget_initialised()
        entry: dict[str, Any] = {"workshops": round(scale * 342)}
        load0 = load_avg()
        with contextlib.redirect_stderr(io.StringIO()):
            entry["screens"] = bench_screens(path, a.repeat, a.only)
        entry["screens_load"] = {"before": load0, "after": load_avg()}
        charts = {r.get("charts", 0) for r in entry["screens"] if "charts" in r}
        with contextlib.redirect_stderr(io.StringIO()):
            entry["streamlit_floor"] = bench_streamlit_floor(charts, a.repeat)
        if not a.only:
            entry["report"] = section(bench_report, path, a.repeat)
            entry["export"] = section(bench_export, path, a.repeat)
            entry["import"] = section(bench_import, path, a.repeat)
            log(f"  documents: {entry['report']} {entry['export']} {entry['import']}")
        if scale == top and not a.only:
            if not (a.no_browser and a.no_room):
                entry["live"] = bench_live(path, a.rounds, not a.no_browser, not a.no_room, log)
            if not a.no_browser:
                links = {
                    f"{r['role']} {r['screen']}": r["widgets"]
                    for r in (entry.get("live") or {}).get("browser", {}).get("rows", [])
                    if r.get("widgets")
                }
                entry["streamlit_floor_browser"] = bench_floor_browser(charts, a.rounds, links)
            if not a.no_browser and not a.no_phone:
                entry["phone"] = section(bench_phone_visit, path, a.rounds)
                log(f"  phone: {entry['phone']}")
            if not a.no_memory:
                entry["sessions"] = section(bench_sessions, path)
                log(f"  sessions: {entry['sessions']}")
            if not a.no_seed:
                entry["seed"] = section(bench_seed, scale)
                log(f"  seed-demo: {entry['seed']}")
        results["scales"][f"{scale:g}"] = entry
        # written after every scale, so an interrupted run keeps what it measured
        Path(a.out).parent.mkdir(parents=True, exist_ok=True)
        Path(a.out).write_text(json.dumps(results, indent=2, ensure_ascii=False))

    all_ok = print_results(results)
    if a.compare:
        compare(json.loads(Path(a.compare).read_text()), results)
    print(f"\nJSON: {a.out}\nAll targets met: {'yes' if all_ok else 'no'}")
    return 0


def _git_head() -> str:
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
