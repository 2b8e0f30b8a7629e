"""Before and after in one run: the benchmark on an older commit and on this tree, alternately,
so both see the same load of a shared machine.

    python -m bench.ab --old REF [--times 2] [-- ARGS FOR bench.run ...]

The older commit is unpacked (git archive) under out/bench/ab-old/ with this tree's bench/ (the
same harness measures both), the same databases and the same virtualenv. Each round runs
`bench.run ARGS` there and here; the medians over the rounds are written to
out/bench/ab-old.json and out/bench/ab-new.json and printed side by side (`--compare`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "bench"
OLD = OUT / "ab-old"


def unpack(ref: str) -> Path:
    shutil.rmtree(OLD, ignore_errors=True)
    OLD.mkdir(parents=True)
    with tempfile.TemporaryFile() as fh:
        subprocess.run(["git", "archive", ref], cwd=ROOT, stdout=fh, check=True)
        fh.seek(0)
        with tarfile.open(fileobj=fh) as tar:
            tar.extractall(OLD, filter="data")
    shutil.rmtree(OLD / "bench")
    shutil.copytree(ROOT / "bench", OLD / "bench", ignore=shutil.ignore_patterns("__pycache__"))
    for link in (".venv", "node_modules"):
        if (ROOT / link).exists():
            (OLD / link).symlink_to((ROOT / link).resolve())
    (OLD / "out" / "bench").mkdir(parents=True, exist_ok=True)
    for db in OUT.glob("scale*.db"):
        (OLD / "out" / "bench" / db.name).symlink_to(db.resolve())
    return OLD


def run(tree: Path, args: list[str], out: Path) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.run", *args, "--out", str(out)]
    print(f"\n$ ({tree.name}) {' '.join(cmd[1:])}", flush=True)
    subprocess.run(cmd, cwd=tree, check=True)
    return json.loads(out.read_text())


def _median(values: list[Any]) -> Any:
    nums = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if len(nums) == len(values) and nums:
        return round(statistics.median(nums), 2)
    return values[-1]


def combine(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of every number over the rounds (screens matched by role and screen)."""

    def merge(items: list[Any]) -> Any:
        if all(isinstance(i, dict) for i in items):
            keys = {k for i in items for k in i}
            return {k: merge([i[k] for i in items if k in i]) for k in keys}
        if (
            all(isinstance(i, list) for i in items)
            and items
            and all(all(isinstance(r, dict) and "screen" in r for r in i) for i in items)
        ):
            rows: dict[tuple[str, str], list[dict[str, Any]]] = {}
            for i in items:
                for r in i:
                    rows.setdefault((r["role"], r["screen"]), []).append(r)
            return [merge(group) for group in rows.values()]
        return _median(items)

    return merge(results)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    passed = argv[argv.index("--") + 1 :] if "--" in argv else []
    own = argv[: argv.index("--")] if "--" in argv else argv
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", required=True, help="the git commit to compare with")
    ap.add_argument("--times", type=int, default=2, help="rounds of old-then-new")
    a = ap.parse_args(own)
    old_tree = unpack(a.old)
    olds, news = [], []
    for i in range(a.times):
        olds.append(run(old_tree, passed, OUT / f"ab-old-{i}.json"))
        news.append(run(ROOT, passed, OUT / f"ab-new-{i}.json"))
    old, new = combine(olds), combine(news)
    (OUT / "ab-old.json").write_text(json.dumps(old, indent=2, ensure_ascii=False))
    (OUT / "ab-new.json").write_text(json.dumps(new, indent=2, ensure_ascii=False))
    from bench.run import compare

    print(f"\nBefore ({a.old}) and after (this tree), medians of {a.times} alternating rounds:")
    compare(old, new)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
