"""The link pages in a fresh browser beside Streamlit's own page with the same widgets,
interleaved in one run, with where the time goes:

    python -m bench.linkprobe [--rounds 9] [--db out/bench/scale10.db]

For the contact's *Voorgesprek* (`?token=`), the respondent's *Evaluatie* (`/e?eval=`) and the
contact's *Terugblik* (`?terugblik=`), and for `bench.run`'s floor page with as many empty
widgets of each kind as the link page shows (and a bare page), each opened `--rounds` times in a
new browser context, in turn (A, B, C, A, B, C, …: on a shared machine the load moves, so only
times taken side by side compare). Per page the medians of:

- `ms`: navigation until ready (`bench.browser.goto_ms`, as the benchmark times it);
- `cpu`: main-thread CPU time of the page (Chromium's `ThreadTime`; less moved by other load
  than `ms`);
- `last_msg`: the last websocket message (the server's run has reached the browser);
- `skel`: when the last placeholder (`stSkeleton`, shown while a widget's lazily loaded code
  arrives) was replaced by its widget;
- `chunks`: script files fetched after the page's own (each widget kind's code).

A database copy is made in out/bench (never written to the original).
"""

from __future__ import annotations

import argparse
import json
import statistics
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from bench import browser as bb
from bench import run as br

SKELETONS_JS = """
(() => {
  const m = window.__skel = {removed: 0};
  const isSkel = n => n.nodeType === 1
    && (n.matches('[data-testid=stSkeleton]') || n.querySelector('[data-testid=stSkeleton]'));
  const watch = () => new MutationObserver(ms => {
    for (const r of ms) {
      for (const n of r.removedNodes) if (isSkel(n)) m.removed = performance.now();
    }
  }).observe(document.documentElement, {subtree: true, childList: true});
  if (document.documentElement) watch(); else addEventListener('DOMContentLoaded', watch);
})();
"""
LATE_CHUNKS_JS = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return performance.getEntriesByType('resource')
    .filter(r => r.name.includes('/static/js/') && r.startTime > nav.domContentLoadedEventEnd)
    .length;
}
"""


def open_fresh(browser: Any, url: str, cookies: list[dict[str, str]]) -> dict[str, float]:
    """`url` in a new browser context: the time until ready and where it went."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_cookies(cookies)
        bb.install(context)
        context.add_init_script(SKELETONS_JS)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        ms = bb.goto_ms(page, url)
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        return {
            "ms": ms,
            "cpu": metrics.get("ThreadTime", 0.0) * 1000,
            "last_msg": float(page.evaluate("window.__jep.msg")),
            "skel": float(page.evaluate("window.__skel.removed")),
            "chunks": float(page.evaluate(LATE_CHUNKS_JS)),
        }
    finally:
        context.close()


def main(argv: list[str] | None = None) -> None:
    from playwright.sync_api import sync_playwright

    from jep.evaluation import drafts
    from tests.support.server import launch_chromium, running_app

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--db", type=Path, default=br.OUT / "scale10.db")
    args = ap.parse_args(argv)
    br.OUT.mkdir(parents=True, exist_ok=True)
    copy = br.copy_db(args.db, br.OUT / "linkprobe-copy.db")
    setup = br._live_setup(copy)
    with (
        running_app(copy, admin_password=br.ADMIN_PASSWORD) as srv,
        br.floor_server() as floor,
        sync_playwright() as p,
    ):
        browser = launch_chromium(p)
        links = {
            "gemeente Voorgesprek": f"{srv.url}/?token={setup['contact']}",
            "respondent Evaluatie": f"{srv.url}/e?eval={setup['eval']}",
            "terugblik Terugblik": f"{srv.url}/?terugblik={setup['terugblik']}",
        }
        urls: dict[str, str] = {"bare page": f"{floor}/"}
        for name, url in links.items():
            # this visit also warms the server's caches before the timed rounds
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            bb.install(context)
            page = context.new_page()
            bb.goto_ms(page, url)
            kinds = page.evaluate(bb.KINDS_JS)
            context.close()
            kinds = {k: n for k, n in kinds.items() if k not in ("stHtml", "stEmpty")}
            urls[f"{name}: same widgets"] = f"{floor}/?w={urllib.parse.quote(json.dumps(kinds))}"
            urls[name] = url
        # the respondent's phone keeps its key cookie; a first visit gets it from /e
        cookies = [{"name": "jep_respondent", "value": str(drafts.new_key()), "url": srv.url}]
        rows: dict[str, list[dict[str, float]]] = {k: [] for k in urls}
        for r in range(args.rounds):
            for name, url in urls.items():
                rows[name].append(open_fresh(browser, url, cookies if "/?eval" in url else []))
            print(f"  round {r + 1}/{args.rounds} (load {br.load_avg()[0]:.1f})", flush=True)
        print(f"{'page':44s} {'ms':>6s} {'cpu':>5s} {'last_msg':>8s} {'skel':>6s} {'chunks':>6s}")
        for name, runs in rows.items():

            def med(key: str, runs: list[dict[str, float]] = runs) -> float:
                return statistics.median(x[key] for x in runs)

            print(
                f"{name:44s} {med('ms'):6.0f} {med('cpu'):5.0f} {med('last_msg'):8.0f} "
                f"{med('skel'):6.0f} {med('chunks'):6.0f}"
            )
        browser.close()
    br.remove_db(copy)


if __name__ == "__main__":
    main()
