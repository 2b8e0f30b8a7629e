"""Benchmark: reading hostile upload files (tests/support/hostile_files.py) and honest large ones.

    .venv/bin/python -m bench.uploads             # every file, the import as the app does it
    .venv/bin/python -m bench.uploads --openpyxl  # also openpyxl's read-only load, for comparison

Each file is read in a fresh process; the time is the wall time of `participants.read_upload`
(refusals included) and the memory the growth of the process's peak RSS (VmHWM, reset just
before) over its RSS before the read. Target for
every file the uploader accepts (at most 2 MB): under 2 s and 100 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME_TARGET_S = 2.0
MEMORY_TARGET_MB = 100.0


def honest_xlsx() -> bytes:
    """A real 2,000-row participant list written by openpyxl."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Naam", "Organisatie", "Sector", "Beroep", "E-mail"])
    for i in range(2000):
        ws.append([f"Persoon {i}", f"Organisatie {i % 40}", "Onderwijs", "docent", f"p{i}@x.nl"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def honest_csv() -> bytes:
    """A CSV just under 2 MB (2,000 rows with long but allowed cells), in UTF-16."""
    rows = ["Naam;Organisatie;Sector;Beroep;E-mail"]
    rows += [f"Persoon {i};{'O' * 190};Onderwijs;docent;p{i}@x.nl" for i in range(2000)]
    return ("\ufeff" + "\n".join(rows)).encode("utf-16-le")


def files() -> dict[str, tuple[str, bytes]]:
    sys.path.insert(0, str(ROOT / "tests"))
    from support.hostile_files import HOSTILE_XLSX

    out = {name: ("hostile.xlsx", make()) for name, make in HOSTILE_XLSX.items()}
    out["honest_2000_rows"] = ("lijst.xlsx", honest_xlsx())
    out["honest_utf16_csv"] = ("lijst.csv", honest_csv())
    return out


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def measure_one(path: str, filename: str, engine: str) -> dict:
    """In this (fresh) process: read the file once; time, peak-RSS growth and the outcome."""
    data = Path(path).read_bytes()
    from jep.workshop import participants

    if engine == "openpyxl":
        from openpyxl import load_workbook

        def read() -> str:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
            return f"{n} rijen"
    else:

        def read() -> str:
            try:
                records, _ = participants.read_upload(filename, data)
            except participants.ImportFileError as exc:
                return f"geweigerd: {exc}"
            return f"{len(records)} rijen"

    before = _status_kb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current RSS
    started = time.perf_counter()
    try:
        outcome = read()
    except Exception as exc:  # noqa: BLE001 - openpyxl may fail in many ways
        outcome = f"fout: {type(exc).__name__}"
    seconds = time.perf_counter() - started
    grown = (_status_kb("VmHWM") - before) / 1024
    return {"seconds": seconds, "memory_mb": grown, "outcome": outcome[:70], "size": len(data)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--openpyxl", action="store_true", help="also time openpyxl on the .xlsx files")
    p.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        print(json.dumps(measure_one(*args.child)))
        return 0
    out = ROOT / "out" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    engines = ["jep", "openpyxl"] if args.openpyxl else ["jep"]
    worst_ok = True
    results = []
    for name, (filename, data) in files().items():
        path = out / f"upload-{name}-{filename}"
        path.write_bytes(data)
        for engine in engines:
            if engine == "openpyxl" and not filename.endswith(".xlsx"):
                continue
            done = subprocess.run(
                [sys.executable, "-m", "bench.uploads", "--child", str(path), filename, engine],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=600,
            )
            r = json.loads(done.stdout.strip().splitlines()[-1])
            ok = r["seconds"] < TIME_TARGET_S and r["memory_mb"] < MEMORY_TARGET_MB
            if engine == "jep":
                worst_ok &= ok
            results.append({"file": name, "engine": engine, **r})
            print(
                f"{name:22s} {engine:8s} {r['size'] / 1024:7.0f} KB  {r['seconds']:6.2f} s  "
                f"{r['memory_mb']:6.1f} MB  {'ok' if ok else 'MISSED'}  {r['outcome']}",
                flush=True,
            )
    (out / "uploads.json").write_text(json.dumps(results, indent=1))
    print("every file within 2 s and 100 MB" if worst_ok else "a file MISSED the target")
    return 0 if worst_ok else 1


if __name__ == "__main__":
    sys.exit(main())
