"""Benchmark at national scale: every screen per role, its floor, the PDF report, the exports,
a 1,000-row import and the memory of a running server.

    python -m bench.run [--scales 1 10] [--repeat 7] [--no-memory] [--only WORD ...]
                        [--out out/bench/results.json]

Databases are made once with `seed-demo --scale N` (seed 1) under out/bench/ and reused (delete
them after a schema change). For each screen the script run is timed with AppTest (server side,
warm caches, median of at least --repeat runs, more for fast screens); its **floor** is the same
screen with every public `jep` function answered from a memo of its earlier result, so run/floor
shows what data access costs. Plain and memoised runs alternate, and all numbers of one scale
come from one run of this script, so ratios compare like with like. The PDF report and the
programme-wide export (the dashboard's all-tables workbook) are built from the database; the
import reads, checks and stores a 1,000-row CSV in a copy; the memory is the peak RSS of a real
`streamlit run` server while Chromium visits every staff screen. Targets (printed as ok/MISSED):
at scale 10 every screen ≤ 300 ms and ≤ 1.5 × its floor; a PDF report ≤ 1.5 s; the server's
memory ≤ 400 MB.
"""

from __future__ import annotations

import argparse
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
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "out" / "bench"
ADMIN_PASSWORD = "bench-wachtwoord-123"
TARGET_RUN_MS = 300.0
TARGET_RATIO = 1.5
TARGET_PDF_S = 1.5
TARGET_MEMORY_MB = 400.0
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
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


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


def sample_workshop(path: Path) -> int:
    """A held workshop with participants and evaluations: the busiest kind of screen."""
    from jep.store import db

    with db.open_db(path) as d:
        row = d.execute(
            "SELECT w.id FROM workshops w WHERE w.status IN ('uitgevoerd', 'verslag verstuurd') "
            "ORDER BY (SELECT count(*) FROM participants p WHERE p.workshop_id = w.id) DESC, w.id "
            "LIMIT 1"
        ).fetchone()
    return int(row[0])


def followup_workshops(path: Path) -> tuple[int, int]:
    """(a workshop with a submitted follow-up and the most recommendations, a workshop whose
    follow-up is due but not submitted): the Terugblik screens' samples."""
    from jep.store import db

    with db.open_db(path) as d:
        done = d.execute(
            "SELECT f.workshop_id FROM followups f WHERE f.state = 'ingediend' ORDER BY "
            "(SELECT count(*) FROM followup_recommendations r WHERE r.workshop_id = f.workshop_id) "
            "DESC, f.workshop_id LIMIT 1"
        ).fetchone()
        todo = d.execute(
            "SELECT v.workshop_id FROM report_versions v WHERE v.sent_at IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.workshop_id = v.workshop_id "
            "AND f.state = 'ingediend') ORDER BY v.sent_at, v.workshop_id LIMIT 1"
        ).fetchone()
    return int(done[0]), int(todo[0])


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


def role_apps(path: Path, wid: int) -> dict[str, Callable[[], Any]]:
    """A factory of a ready AppTest per role: staff (admin) signed in, contact, respondent."""
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

    def staff() -> AppTest:
        from app_ui.session import TEST_COOKIES
        from tests.support.apptest import session_cookie

        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state[TEST_COOKIES] = session_cookie("admin", ADMIN_PASSWORD)
        return at.run()

    def contact() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["token"] = contact_token
        return at.run()

    def respondent() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["eval"] = eval_token
        return at.run()

    def followup_contact() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["terugblik"] = followup_token
        return at.run()

    def followup_respondent() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["nameting"] = people_token
        return at.run()

    return {
        "medewerker": staff,
        "gemeente": contact,
        "respondent": respondent,
        "terugblik": followup_contact,
        "deelnemer": followup_respondent,
    }


NAV_ROLE = {
    "medewerker": "admin",
    "gemeente": "contact",
    "respondent": "respondent",
    "terugblik": "followup-contact",
    "deelnemer": "followup-respondent",
}


def bench_screens(path: Path, repeat: int, only: list[str] | None = None) -> list[dict[str, Any]]:
    from app_pages.nav import pages_for

    os.environ["JEP_DB"] = str(path)
    os.environ["JEP_ADMIN_PASSWORD"] = ADMIN_PASSWORD
    wid = sample_workshop(path)
    done, _ = followup_workshops(path)
    rows = []
    for role, factory in role_apps(path, wid).items():
        for page in pages_for(NAV_ROLE[role]):
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
            run_ms, floor_ms = run_and_floor(at, repeat)
            rows.append(
                {
                    "role": role,
                    "screen": page.title,
                    "path": page.path,
                    "run_ms": round(run_ms, 1),
                    "floor_ms": round(floor_ms, 1),
                    "ratio": round(run_ms / floor_ms, 2) if floor_ms else None,
                    **({"error_boxes": alerts} if alerts else {}),
                }
            )
            print(
                f"  {role:10} {page.title:32} {run_ms:8.1f} ms  floor {floor_ms:8.1f} ms",
                flush=True,
            )
    return rows


# ---------------------------------------------------------------- report, export, import


def bench_report(path: Path, repeat: int) -> dict[str, Any]:
    """One workshop's PDF report, built from the database (collect + render, not stored); and
    a report with its Terugblik addendum."""
    from jep.followup import addendum
    from jep.report import versions
    from jep.store import db

    wid = sample_workshop(path)
    done, _ = followup_workshops(path)
    with db.open_db(path) as d:
        pdf, _ = versions.build(d, wid)  # warm: fonts, matplotlib
        ms = median_ms(lambda: versions.build(d, wid), max(3, repeat // 2))

        def with_addendum() -> bytes:
            return versions.build(d, done, addendum=addendum.for_report(d, done))[0]

        with_addendum()
        ms_addendum = median_ms(with_addendum, max(3, repeat // 2))
    return {
        "workshop": wid,
        "pdf_ms": round(ms, 1),
        "pdf_kb": round(len(pdf) / 1024, 1),
        "terugblik_workshop": done,
        "pdf_terugblik_ms": round(ms_addendum, 1),
    }


def programme_export(d: Any, f: Any, actor: str = "bench") -> bytes:
    """The dashboard's "Alle tabellen downloaden (Excel)": every table of the programme view in
    one workbook, from the same jep functions the page uses (app_pages/dashboard.py)."""
    from datetime import date

    from jep.followup import due, programme
    from jep.programme import dashboard as dash
    from jep.programme import export
    from jep.reference import catalog

    cat = catalog.catalog()
    scope = dash.scope_workshops(d, f, cat)
    data = dash.evaluation_subset(
        dash.evaluation_data(d), scope["id"].tolist(), dash.Filters(domains=f.domains), cat
    )
    summary = dash.evaluation_summary(data)
    enough = summary["responses"] >= data.q.min_cell
    tables = {
        "status": dash.status_funnel(d, f, cat),
        "provincies": dash.provinces(d, f, cat),
        "gemeenten": dash.municipality_map(d, f, cat),
        "deelnemers-domein": dash.participants_by_domain(d, f, cat),
        "deelnemers-sector": dash.participants_by_sector(d, f, cat),
        "doelen": summary["goals"] if enough else summary["goals"].iloc[0:0],
        "trends": dash.quarterly(d, f, cat),
        "trends-evaluatie": dash.evaluation_quarterly(data, scope),
        "knelpunten": dash.knelpunten(d, f, cat),
        "aanbevelingen": dash.recommendations(d, f, cat),
        "ontbrekende-sectoren": dash.missing_sectors(d, f, cat),
    }
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
    return export.export_workbook(d, actor, sheets, f.as_dict(), f.describe(cat))


def bench_export(path: Path, repeat: int) -> dict[str, Any]:
    """The programme-wide export (all dashboard tables, no filters) on a copy of the database:
    every export writes an audit row."""
    from jep.programme import dashboard
    from jep.store import db

    copy = copy_db(path, OUT / "export-copy.db")
    try:
        with db.open_db(copy) as d:
            size = len(programme_export(d, dashboard.Filters()))
            ms = median_ms(lambda: programme_export(d, dashboard.Filters()), max(3, repeat // 2))
    finally:
        remove_db(copy)
    return {"export_ms": round(ms, 1), "xlsx_kb": round(size / 1024, 1)}


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
    with db.open_db(copy) as d:
        wid = d.execute(
            "SELECT id FROM workshops WHERE status = 'gepland' ORDER BY id LIMIT 1"
        ).fetchone()[0]
        start = time.perf_counter()
        records, ignored = participants.read_upload("lijst.csv", data)
        check = participants.check_import(d, wid, records, cat, ignored)
        read_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        participants.import_rows(d, wid, check.good, "bench", cat, "lijst.csv")
        write_ms = (time.perf_counter() - start) * 1000
    remove_db(copy)
    return {
        "rows": 1000,
        "good": len(check.good),
        "read_check_ms": round(read_ms, 1),
        "import_ms": round(write_ms, 1),
    }


# ---------------------------------------------------------------- memory of a real server


def bench_memory(path: Path) -> dict[str, Any]:
    """Start `streamlit run`, open every staff page in Chromium, read the server's peak RSS."""
    from playwright.sync_api import sync_playwright

    from app_pages.nav import pages_for
    from tests.support.server import chromium_path, launch_chromium, running_app

    if not chromium_path():
        return {"skipped": "geen chromium"}

    # As ./run.sh starts the server (MALLOC_ARENA_MAX=2 unless already set).
    with running_app(path, admin_password=ADMIN_PASSWORD, timeout=60) as server:
        base, proc = server.url, server.proc
        wid = sample_workshop(path)
        problems: list[str] = []
        with sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})

            def idle() -> None:
                page.wait_for_timeout(400)
                page.wait_for_selector(
                    '[data-testid="stStatusWidget"]', state="hidden", timeout=120_000
                )

            page.goto(base)  # signed out: the /aanmelden page
            page.get_by_label("Gebruikersnaam").fill("admin")
            page.get_by_label("Wachtwoord").fill(ADMIN_PASSWORD)
            page.get_by_role("button", name="Aanmelden").click()
            idle()
            sidebar = page.get_by_test_id("stSidebar")
            for spec in pages_for("admin"):
                # The link's accessible name is the icon's name, then the title. Navigate in
                # the page (a new URL would start a new session, signed out).
                name = re.compile(re.escape(spec.title) + "$")
                sidebar.get_by_role("link", name=name).first.click()
                idle()
                picker = page.get_by_label("Werkatelier", exact=True)
                if picker.count() and "Kies een werkatelier" in (picker.first.inner_text() or ""):
                    picker.first.click()
                    page.get_by_role("option").filter(has_text=f"(#{wid})").first.click()
                    idle()
                if page.locator('[data-testid="stException"]').count():
                    problems.append(spec.title)
            browser.close()
        status = Path(f"/proc/{proc.pid}/status").read_text()
        peak_kb = int(
            next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
        )
        now_kb = int(
            next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
        )
    return {
        "peak_mb": round(peak_kb / 1024, 1),
        "rss_after_mb": round(now_kb / 1024, 1),
        **({"exceptions_on": problems} if problems else {}),
    }


# ---------------------------------------------------------------- main


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument(
        "--only",
        nargs="+",
        help="only the screens whose 'role title' holds one of these words (no report, export, "
        "import or memory)",
    )
    ap.add_argument("--out", default=str(OUT / "results.json"))
    a = ap.parse_args(argv)
    results: dict[str, Any] = {"repeat": a.repeat, "scales": {}}
    for scale in a.scales:
        print(f"\n== scale {scale:g} ==", flush=True)
        path = make_db(scale)
        from jep.store import db

        db.forget_initialised()
        with contextlib.redirect_stderr(io.StringIO()):
            screens = bench_screens(path, a.repeat, a.only)
        entry: dict[str, Any] = {"workshops": round(scale * 342), "screens": screens}
        if not a.only:  # --only: just those screens
            entry["report"] = bench_report(path, a.repeat)
            entry["export"] = bench_export(path, a.repeat)
            entry["import"] = bench_import(path, a.repeat)
        if not a.no_memory and not a.only and scale == max(a.scales):
            entry["memory"] = bench_memory(path)
        results["scales"][f"{scale:g}"] = entry

    print("\n| scale | role | screen | run ms | floor ms | run/floor | targets |")
    print("|---|---|---|---:|---:|---:|---|")
    top = f"{max(a.scales):g}"
    all_ok = True
    for scale, entry in results["scales"].items():
        for r in entry["screens"]:
            if "error" in r:
                print(f"| {scale} | {r['role']} | {r['screen']} | ERROR | | | {r['error']} |")
                all_ok = all_ok and scale != top
                continue
            ok = r["run_ms"] <= TARGET_RUN_MS and (r["ratio"] or 0) <= TARGET_RATIO
            if scale == top:
                all_ok = all_ok and ok
            mark = verdict(ok) if scale == top else ""
            print(
                f"| {scale} | {r['role']} | {r['screen']} | {r['run_ms']:.0f} | "
                f"{r['floor_ms']:.0f} | {r['ratio']:.2f} | {mark} |"
            )
    for scale, entry in results["scales"].items():
        if "report" not in entry:
            continue
        rep = entry["report"]
        if "pdf_ms" in rep:
            ok = rep["pdf_ms"] <= TARGET_PDF_S * 1000
            all_ok = all_ok and (ok or scale != top)
            print(
                f"scale {scale}: PDF report {rep['pdf_ms']:.0f} ms "
                f"(target ≤ {TARGET_PDF_S * 1000:.0f}) {verdict(ok)}"
            )
            if "pdf_terugblik_ms" in rep:
                ok = rep["pdf_terugblik_ms"] <= TARGET_PDF_S * 1000
                all_ok = all_ok and (ok or scale != top)
                print(
                    f"scale {scale}: PDF report with Terugblik {rep['pdf_terugblik_ms']:.0f} ms "
                    f"(target ≤ {TARGET_PDF_S * 1000:.0f}) {verdict(ok)}"
                )
        else:
            print(f"scale {scale}: PDF report skipped: {rep.get('skipped')}")
        exp = entry["export"]
        print(
            f"scale {scale}: programme export "
            + (f"{exp['export_ms']:.0f} ms" if "export_ms" in exp else exp.get("skipped", ""))
        )
        imp = entry["import"]
        print(
            f"scale {scale}: import of 1,000 rows: read+check {imp['read_check_ms']:.0f} ms, "
            f"write {imp['import_ms']:.0f} ms ({imp['good']} good rows)"
        )
        mem = entry.get("memory")
        if mem and "peak_mb" in mem:
            ok = mem["peak_mb"] <= TARGET_MEMORY_MB
            all_ok = all_ok and ok
            print(
                f"scale {scale}: server peak memory {mem['peak_mb']:.0f} MB "
                f"(target ≤ {TARGET_MEMORY_MB:.0f}) {verdict(ok)}"
            )
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\nJSON: {a.out}\nAll targets met: {'yes' if all_ok else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
