"""Benchmark of the privacy guard: import cost and scan speed.

Prints
- the wall time of ``import guard`` and the RSS increase it causes, each measured in a fresh
  Python process (median of several), once from a bare interpreter (upper bound: includes the
  standard-library modules the guard pulls in) and once with those modules already imported
  (what a running server, which has them, pays);
- the median time to scan a realistic 1,000-character text and a realistic 100 KB text.

Run: ``python -m bench.bench_guard`` from the project root.
Budget (issue): import adds at most 60 MB and 1 s; 1,000 characters scan in under 5 ms.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, sys, time
def rss_kb():
    with open('/proc/self/status') as fh:
        for line in fh:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0
if sys.argv[2] == 'warm':
    import array, gzip, hashlib, html, re, bisect, collections, dataclasses, datetime
    import functools, pathlib
sys.path.insert(0, sys.argv[1])
import jep.privacy  # the package: a docstring only
before = rss_kb()
t0 = time.perf_counter()
from jep.privacy import guard
t1 = time.perf_counter()
guard.scan('Zijn broer, Youssef El Amrani, zit thuis; bel 06-12345678.')  # first scan: caches
t2 = time.perf_counter()
after = rss_kb()
print(json.dumps({'import_s': t1 - t0, 'first_scan_s': t2 - t1, 'rss_mb': (after - before) / 1024}))
"""

SENTENCES = [
    "Tijdens het werkatelier in Zwolle bespraken we hoe je informatie deelt zonder de jongere "
    "uit het oog te verliezen.",
    "De wijkagent en de leerplichtambtenaar van de gemeente waren allebei aanwezig.",
    "Mijn cliënt Jan de Vries (06-12345678, jan@voorbeeld.nl) woont op Kerkstraat 1, 1234 AB.",
    "Zijn broer, Youssef El Amrani, zit sinds januari thuis zonder dagbesteding.",
    "Op 12 maart 2026 vond het werkatelier plaats; de deadline voor casussen is 2026-02-15.",
    "Bel voor vragen Platform JEP op 070 - 333 4558 of mail naar info@platformjep.nl.",
    "Een jongen van 15 uit 3 havo heeft volgens school een mes meegenomen.",
    "Sem uit groep 8b van de Piet Heinschool tekent steeds vaker hakenkruizen.",
    "Het Zorg- en Veiligheidshuis coördineert de complexe casussen in de regio.",
    "Volgens de AVG mag je gegevens alleen delen als daar een grondslag voor is.",
    "Hij zit op Instagram als yassin_010 en de auto van vader heeft kenteken 52-KLN-7.",
    "In 2023 spraken we met 15 deelnemers uit 6 sectoren over de Jeugdwet.",
    "Geboren op 14-03-2010 in Utrecht, BSN 1234.56.782, leerlingnummer 318402.",
    "De trainer van VanMontfoort sloot af met een samenvatting van de vijf stappen.",
    "Moeder maakt zich zorgen; zij is bereikbaar na 17.00 uur.",
]


def realistic_text(size: int) -> str:
    out: list[str] = []
    n = 0
    i = 0
    while n < size:
        s = SENTENCES[i % len(SENTENCES)] + " "
        out.append(s)
        n += len(s)
        i += 1
    return "".join(out)[:size]


def import_cost(folder: Path, mode: str, runs: int = 5) -> dict[str, float]:
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(folder), mode],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


def median_scan(scan, text: str, min_runs: int, min_seconds: float) -> float:
    times = []
    t_end = time.perf_counter() + min_seconds
    while len(times) < min_runs or time.perf_counter() < t_end:
        t0 = time.perf_counter()
        scan(text)
        times.append(time.perf_counter() - t0)
        if len(times) > 5000:
            break
    return statistics.median(times)


def main() -> int:
    folder = ROOT
    sys.path.insert(0, str(folder))
    from jep.privacy import guard

    print(f"privacy guard benchmark (jep/privacy/guard.py, Python {sys.version.split()[0]})")
    for mode, what in (("cold", "bare interpreter"), ("warm", "stdlib already imported")):
        c = import_cost(folder, mode)
        print(
            f"import ({what}): {c['import_s'] * 1000:.0f} ms, RSS +{c['rss_mb']:.1f} MB; "
            f"first scan {c['first_scan_s'] * 1000:.1f} ms"
        )
    text_1k = realistic_text(1_000)
    text_100k = realistic_text(100_000)
    findings = len(guard.scan(text_1k))
    t1 = median_scan(guard.scan, text_1k, min_runs=200, min_seconds=1.0)
    print(f"scan 1,000 characters ({findings} findings): median {t1 * 1000:.2f} ms (budget 5 ms)")
    t2 = median_scan(guard.scan, text_100k, min_runs=7, min_seconds=2.0)
    print(f"scan 100 KB: median {t2 * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
