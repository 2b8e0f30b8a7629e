"""Exports of the dashboard's tables as CSV and Excel (.xlsx); every export is audited.

CSV is what the audit log's export writes too: UTF-8 with BOM, `;`-separated (Dutch Excel) and
formula-safe. The Excel workbook (openpyxl) has a bold header row, frozen, sensible column widths,
the filters on a first line of every sheet, and text cells that start like a formula are written
as text. The audit row is written before the file is handed out, in its own transaction.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.store import audit
from jep.store.db import write

FORMATS = ("csv", "xlsx")
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ACTION = "dashboard geëxporteerd"
SHEET_NAME_MAX = 31
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def to_csv(df: pd.DataFrame) -> bytes:
    """CSV bytes (see `jep.audit.to_csv`: BOM, semicolons, formula-safe)."""
    return audit.to_csv(df)


def sheet_name(title: str, taken: set[str] | None = None) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, no []:*?/\\)."""
    base = _SHEET_BAD.sub("-", title).strip("' ") or "Tabel"
    name = base[:SHEET_NAME_MAX]
    k = 2
    while taken is not None and name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({k})"
        name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        k += 1
    return name


def _cell(value: Any) -> Any:
    """A value openpyxl can write: missing → empty, numpy scalars → Python, formula-safe text."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, str):
        return audit.csv_safe(value)
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def _number_format(header: str, col: pd.Series) -> str | None:
    """Shares ('Aandeel …', 0–1) as percentages, other decimals with one digit."""
    if header.startswith("Aandeel"):
        return "0%"
    if pd.api.types.is_float_dtype(col):
        return "0.0"
    return None


def to_xlsx(sheets: Mapping[str, pd.DataFrame], note: str | None = None) -> bytes:
    """An .xlsx workbook with one sheet per table (`{title: DataFrame}`).

    With `note` (e.g. the filters in use), the first row of every sheet holds it and the table
    starts on row 3."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for title, df in sheets.items():
        name = sheet_name(title, taken)
        taken.add(name)
        ws = wb.create_sheet(name)
        start = 1
        if note:
            ws.cell(row=1, column=1, value=audit.csv_safe(note)).font = Font(italic=True)
            start = 3
        for j, col in enumerate(df.columns, 1):
            ws.cell(row=start, column=j, value=_cell(str(col))).font = Font(bold=True)
        formats = [_number_format(str(col), df[col]) for col in df.columns]
        for i, row in enumerate(df.itertuples(index=False), start + 1):
            for j, value in enumerate(row, 1):
                cell = ws.cell(row=i, column=j, value=_cell(value))
                if formats[j - 1] and isinstance(cell.value, int | float):
                    cell.number_format = formats[j - 1]
        ws.freeze_panes = ws.cell(row=start + 1, column=1)
        for j, col in enumerate(df.columns, 1):
            longest = max([len(str(col)), *(len(str(v)) for v in df.iloc[:200, j - 1])])
            ws.column_dimensions[get_column_letter(j)].width = min(60, max(8, longest + 2))
    if not wb.worksheets:
        wb.create_sheet("Leeg")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_table(
    db: Database,
    actor: str,
    table: str,
    df: pd.DataFrame,
    fmt: str,
    title: str | None = None,
    filters: Mapping[str, Any] | None = None,
    note: str | None = None,
) -> bytes:
    """One table as CSV or Excel. The export is logged first (action 'dashboard geëxporteerd',
    entity 'dashboard', id = the table's name, detail: format, rows and the filters)."""
    if fmt not in FORMATS:
        raise ValueError(f"Onbekend exportformaat ‘{fmt}’.")
    with write(db):
        audit.log(
            db,
            actor,
            ACTION,
            "dashboard",
            table,
            {"formaat": fmt, "rijen": len(df), "filters": dict(filters or {})},
        )
    if fmt == "csv":
        return to_csv(df)
    return to_xlsx({title or table: df}, note=note)


def export_workbook(
    db: Database,
    actor: str,
    tables: Mapping[str, tuple[str, pd.DataFrame]],
    filters: Mapping[str, Any] | None = None,
    note: str | None = None,
) -> bytes:
    """Every table in one Excel workbook (`{name: (title, DataFrame)}`), logged as one export
    (entity id 'alles', detail: the tables and their rows, the filters)."""
    with write(db):
        audit.log(
            db,
            actor,
            ACTION,
            "dashboard",
            "alles",
            {
                "formaat": "xlsx",
                "tabellen": {name: len(df) for name, (_, df) in tables.items()},
                "filters": dict(filters or {}),
            },
        )
    return to_xlsx({title: df for title, df in tables.values()}, note=note)


def file_name(table: str, fmt: str, stamp: str) -> str:
    """'jep-dashboard-knelpunten-2026-11-30.csv'."""
    return f"jep-dashboard-{table}-{stamp}.{fmt}"
