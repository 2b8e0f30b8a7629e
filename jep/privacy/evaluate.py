"""Repeatable evaluation of the privacy guard on a labelled TSV file.

A TSV file has one sentence per line: a label (1 = holds personal data, 0 = does not), the text
and optionally a category. With a header line (``label``, ``text``, ``category`` in any order)
the columns are taken by name; without one, two columns are ``label, text`` and three are
``label, category, text``. Empty lines and lines starting with ``#`` are skipped.

A sentence with label 1 counts as found (true positive) when the guard has at least one finding
in it; a sentence with label 0 is a false alarm when the guard has any finding.

Backs the command line ``python -m jep privacy-eval FILE.tsv``; also runs on its own:
``python evaluate.py FILE.tsv``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:  # inside the package (jep/privacy/evaluate.py)
    from . import guard as _guard
except ImportError:  # next to guard.py, run as a script or from tests
    import guard as _guard  # type: ignore[no-redef,import-not-found]

Finding = _guard.Finding


@dataclass(frozen=True)
class Row:
    label: int  # 1 = personal data, 0 = none
    text: str
    category: str = ""
    line: int = 0  # line number in the file (1-based), 0 if not from a file


@dataclass
class CategoryCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    @property
    def negatives(self) -> int:
        return self.fp + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    total: CategoryCounts = field(default_factory=CategoryCounts)
    categories: dict[str, CategoryCounts] = field(default_factory=dict)
    misses: list[Row] = field(default_factory=list)  # label 1 without any finding
    false_alarms: list[tuple[Row, list[Finding]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.total.precision

    @property
    def recall(self) -> float:
        return self.total.recall

    @property
    def rows(self) -> int:
        return self.total.positives + self.total.negatives


class TsvError(ValueError):
    """The file is not a usable labelled TSV file."""


def _label(value: str, where: str) -> int:
    v = value.strip()
    if v in ("1", "0"):
        return int(v)
    raise TsvError(f"{where}: label must be 1 or 0, not {value!r}")


def read_tsv(path: str | Path) -> list[Row]:
    """Read labelled sentences from a TSV file (see the module docstring for the layout)."""
    rows: list[Row] = []
    columns: dict[str, int] | None = None
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        names = [p.strip().lower() for p in parts]
        if columns is None and not rows and "label" in names:
            if "text" not in names:
                raise TsvError(f"{path}:{number}: header needs a 'text' column")
            columns = {n: i for i, n in enumerate(names)}
            continue
        where = f"{path}:{number}"
        if columns is not None:
            ti = columns["text"]
            if len(parts) <= ti:
                raise TsvError(f"{where}: too few columns")
            # text in the last column: a stray tab stays in the text
            text = "\t".join(parts[ti:]) if ti == len(columns) - 1 else parts[ti]
            ci = columns.get("category")
            category = parts[ci].strip() if ci is not None and ci < len(parts) else ""
            rows.append(Row(_label(parts[columns["label"]], where), text, category, number))
        elif len(parts) == 2:
            rows.append(Row(_label(parts[0], where), parts[1], "", number))
        elif len(parts) >= 3:
            rows.append(
                Row(_label(parts[0], where), "\t".join(parts[2:]), parts[1].strip(), number)
            )
        else:
            raise TsvError(f"{where}: expected label<TAB>text[<TAB>category]")
    return rows


def evaluate(
    rows: Iterable[Row | tuple], scan: Callable[[str], list[Finding]] | None = None
) -> Report:
    """Run the guard (or ``scan``) over labelled rows and count hits per category.

    Rows may be :class:`Row` objects or tuples ``(label, text[, category])``.
    """
    scan = scan or _guard.scan
    report = Report()
    for item in rows:
        row = item if isinstance(item, Row) else Row(int(item[0]), item[1], *item[2:3])
        findings = scan(row.text)
        counts = report.categories.setdefault(row.category or "-", CategoryCounts())
        for c in (counts, report.total):
            if row.label == 1 and findings:
                c.tp += 1
            elif row.label == 1:
                c.fn += 1
            elif findings:
                c.fp += 1
            else:
                c.tn += 1
        if row.label == 1 and not findings:
            report.misses.append(row)
        elif row.label == 0 and findings:
            report.false_alarms.append((row, findings))
    return report


def _pct(x: float) -> str:
    return f"{x:.3f}"


def format_report(report: Report, title: str = "") -> str:
    """Plain text: overall precision/recall, a per-category table, then misses and false alarms."""
    t = report.total
    out: list[str] = []
    if title:
        out.append(title)
    out.append(
        f"precision {_pct(t.precision)}  recall {_pct(t.recall)}  "
        f"({report.rows} sentences: {t.positives} positive, {t.negatives} negative; "
        f"TP {t.tp}, FP {t.fp}, FN {t.fn}, TN {t.tn})"
    )
    out.append("")
    width = max([len("categorie")] + [len(k) for k in report.categories])
    out.append(
        f"{'categorie':<{width}}  {'pos':>4} {'neg':>4}  {'TP':>4} {'FN':>4} {'FP':>4} {'TN':>4}"
        f"  {'precision':>9} {'recall':>6}"
    )
    for name in sorted(report.categories):
        c = report.categories[name]
        out.append(
            f"{name:<{width}}  {c.positives:>4} {c.negatives:>4}  {c.tp:>4} {c.fn:>4} {c.fp:>4} "
            f"{c.tn:>4}  {_pct(c.precision):>9} {_pct(c.recall):>6}"
        )
    out.append("")
    out.append(f"Gemist ({len(report.misses)}):")
    for row in sorted(report.misses, key=lambda r: (r.category, r.line)):
        out.append(f"  [{row.category or '-'}] {row.text}")
    out.append("")
    out.append(f"Vals alarm ({len(report.false_alarms)}):")
    for row, findings in sorted(report.false_alarms, key=lambda rf: (rf[0].category, rf[0].line)):
        flagged = ", ".join(f"{f.kind}: {f.text!r}" for f in findings)
        out.append(f"  [{row.category or '-'}] {row.text}")
        out.append(f"      gemarkeerd: {flagged}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("gebruik: privacy-eval BESTAND.tsv", file=sys.stderr)
        return 2
    try:
        rows = read_tsv(args[0])
    except (OSError, TsvError) as exc:
        print(f"Kan {args[0]} niet lezen: {exc}", file=sys.stderr)
        return 2
    print(format_report(evaluate(rows), title=f"Privacy guard op {args[0]}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
