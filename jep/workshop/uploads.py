"""Reading an uploaded table (a participant list) safely: CSV in the usual encodings, and .xlsx
streamed with hard limits, so that no file the uploader accepts can tie up the server.

An .xlsx file is a ZIP of XML parts. openpyxl loads the whole shared-strings table and builds
every cell of every row, so a small file that unpacks into millions of strings or cells costs tens
of seconds and hundreds of megabytes. Here the parts are read through the standard library's
streaming XML parser (expat) with limits on the unpacked bytes and elements of each part, on the
shared strings, columns and cell length, and the sheet is read only as far as the rows needed;
anything beyond a limit is refused with a Dutch message (`TableFileError`). A document type
declaration (the road to entity expansion) is refused too.

`read_table(filename, data)` returns the non-empty rows as (row number as the spreadsheet shows
it, [cell values]).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

from jep.errors import UserError
from jep.text import parse_int

MAX_ROWS = 2000  # data rows; one more is read to tell the user the file is too long
MAX_COLUMNS = 50  # cells further right are ignored
MAX_CELL_CHARS = 1000  # a longer cell is cut here (the field checks then say it is too long)
MAX_PART_BYTES = 4 * 1024 * 1024  # unpacked bytes of one XML part of an .xlsx
MAX_ELEMENTS = 100_000  # XML elements of one part (a 2,000-row list has about 30,000)
MAX_SHARED_STRINGS = 60_000
MAX_ZIP_ENTRIES = 1000
_CHUNK = 64 * 1024
_MAIN_RELS = "xl/_rels/workbook.xml.rels"
_CELL_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{0,7})")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


class TableFileError(UserError):
    """An uploaded file cannot be read as a table; the Dutch message says why."""


class _Enough(Exception):
    """Internal: the rows needed have been read; stop parsing."""


_TOO_BIG = (
    "Het Excel-bestand is te groot of te ingewikkeld om in te lezen. Een deelnemerslijst is "
    "meestal een eenvoudig werkblad; sla alleen die lijst op als nieuw .xlsx- of CSV-bestand."
)


# ---------------------------------------------------------------- CSV


def decode_csv(data: bytes) -> str:
    """The text of a CSV file in UTF-8 (with or without BOM), UTF-16 (with BOM, or without one
    when the NUL bytes show which half) or Windows-1252; TableFileError otherwise."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data[:4096]:
        head = data[:4096]
        odd_nuls, even_nuls = head[1::2].count(0), head[0::2].count(0)
        candidates = ["utf-16-le"] if odd_nuls > even_nuls else ["utf-16-be"]
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise TableFileError(
        "Dit bestand kan niet als CSV-tekst worden gelezen. Sla het op als ‘CSV UTF-8’ (of als "
        "CSV in UTF-16 of Windows-1252/ANSI), of kies een .xlsx-bestand."
    )


def read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    text = decode_csv(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = "excel"
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), 1):
            cells = [c[: MAX_CELL_CHARS + 1] for c in row[:MAX_COLUMNS]]
            if any(c.strip() for c in cells):
                rows.append((number, cells))
                if len(rows) > MAX_ROWS + 1:
                    break
    except csv.Error as exc:
        raise TableFileError(f"Het CSV-bestand is niet goed opgebouwd: {exc}.") from exc
    return rows


# ---------------------------------------------------------------- XLSX


def _local(name: str) -> str:
    """An element or attribute name without its namespace (expat reports 'uri}name')."""
    return name.rsplit("}", 1)[-1]


def _parse(zf: zipfile.ZipFile, name: str, start: Callable, end: Callable, text: Callable) -> None:
    """Stream one XML part of the ZIP through expat with the part limits."""
    parser = expat.ParserCreate(namespace_separator="}")
    count = 0

    def on_start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if count > MAX_ELEMENTS:
            raise TableFileError(_TOO_BIG)
        start(tag.rpartition("}")[2], attrs)  # unprefixed attributes keep their plain names

    def refuse(*_: Any) -> None:
        raise TableFileError("Dit Excel-bestand bevat niet-toegestane onderdelen (DTD).")

    parser.StartElementHandler = on_start
    parser.EndElementHandler = lambda tag: end(tag.rpartition("}")[2])
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.buffer_text = True
    read = 0
    try:
        with zf.open(name) as part:
            while chunk := part.read(_CHUNK):
                read += len(chunk)
                if read > MAX_PART_BYTES:
                    raise TableFileError(_TOO_BIG)
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except TableFileError:
        raise
    except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise TableFileError("Het Excel-bestand is beschadigd en kan niet worden gelezen.") from exc


def _target(base: str, target: str) -> str:
    """A relationship target as a path inside the ZIP."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = base.split("/")[:-1] + target.split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        elif p and p != ".":
            out.append(p)
    return "/".join(out)


def _workbook_parts(zf: zipfile.ZipFile, names: set[str]) -> tuple[str, str | None]:
    """(path of the first worksheet, path of the shared strings or None)."""
    first: list[str] = []

    def on_sheet(tag: str, attrs: dict[str, str]) -> None:
        if tag == "sheet" and not first:  # its r:id, reported as '<namespace>}id'
            first.append(next((v for k, v in attrs.items() if _local(k) == "id"), ""))

    _parse(zf, "xl/workbook.xml", on_sheet, lambda tag: None, lambda data: None)
    rels: dict[str, str] = {}
    strings: list[str] = []

    def on_rel(tag: str, attrs: dict[str, str]) -> None:
        if tag != "Relationship":
            return
        target = _target("xl/workbook.xml", attrs.get("Target", ""))
        rels[attrs.get("Id", "")] = target
        if attrs.get("Type", "").endswith("/sharedStrings"):
            strings.append(target)

    if _MAIN_RELS in names:
        _parse(zf, _MAIN_RELS, on_rel, lambda tag: None, lambda data: None)
    sheet = rels.get(first[0]) if first else None
    if sheet not in names:
        sheet = "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in names else None
    if sheet is None:
        raise TableFileError("Dit Excel-bestand bevat geen werkblad.")
    shared = strings[0] if strings else "xl/sharedStrings.xml"
    return sheet, shared if shared in names else None


def _shared_strings(zf: zipfile.ZipFile, name: str) -> list[str]:
    """The shared-strings table, each string cut at MAX_CELL_CHARS + 1 characters."""
    table: list[str] = []
    buf: list[str] = []
    size = 0
    depth = {"si": 0, "t": 0, "rPh": 0}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        nonlocal size
        if tag in depth:
            depth[tag] += 1
        if tag == "si":
            buf.clear()
            size = 0

    def end(tag: str) -> None:
        if tag in depth:
            depth[tag] -= 1
        if tag == "si":
            table.append("".join(buf))
            if len(table) > MAX_SHARED_STRINGS:
                raise TableFileError(_TOO_BIG)

    def text(data: str) -> None:
        nonlocal size
        if depth["si"] and depth["t"] and not depth["rPh"] and size <= MAX_CELL_CHARS:
            buf.append(data[: MAX_CELL_CHARS + 1 - size])
            size += len(buf[-1])

    _parse(zf, name, start, end, text)
    return table


def _column(ref: str) -> int | None:
    """0-based column of a cell reference such as 'B7' (None when it is not one)."""
    m = _CELL_REF.fullmatch(ref)
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return col - 1


def _value(kind: str, raw: str, shared: list[str]) -> Any:
    if kind == "s":
        index = parse_int(raw, 0, len(shared) - 1)
        return "" if index is None else shared[index]
    if kind in ("str", "inlineStr", "e", "d"):
        return raw
    if kind == "b":
        return "WAAR" if raw.strip() == "1" else "ONWAAR"
    text = raw.strip()
    if not _NUMBER.fullmatch(text):
        return text
    number = float(text)
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def _sheet_rows(zf: zipfile.ZipFile, name: str, shared: list[str]) -> list[tuple[int, list]]:
    rows: list[tuple[int, list]] = []
    state: dict[str, Any] = {"row": 0, "col": -1, "kind": "", "in": None, "is": 0, "rPh": 0}
    cells: dict[int, Any] = {}
    buf: list[str] = []
    size = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal size
        if tag == "row":
            number = parse_int(attrs.get("r"), 1)
            state["row"] = state["row"] + 1 if number is None else number
            state["col"] = -1
            cells.clear()
        elif tag == "c":
            col = _column(attrs.get("r", ""))
            state["col"] = state["col"] + 1 if col is None else col
            state["kind"] = attrs.get("t", "n")
            buf.clear()
            size = 0
        elif tag == "v" or (tag == "t" and state["is"] and not state["rPh"]):
            state["in"] = tag
        elif tag == "is":
            state["is"] += 1
        elif tag == "rPh":
            state["rPh"] += 1

    def end(tag: str) -> None:
        if tag in ("v", "t"):
            state["in"] = None
        elif tag == "is":
            state["is"] -= 1
        elif tag == "rPh":
            state["rPh"] -= 1
        elif tag == "c":
            if 0 <= state["col"] < MAX_COLUMNS and buf:
                value = _value(state["kind"], "".join(buf), shared)
                if value != "":
                    cells[state["col"]] = value
        elif tag == "row":
            values = [cells.get(i) for i in range(max(cells) + 1)] if cells else []
            if any(v not in (None, "") and str(v).strip() for v in values):
                rows.append((state["row"], values))
                if len(rows) > MAX_ROWS + 1:
                    raise _Enough

    def text(data: str) -> None:
        nonlocal size
        if state["in"] and size <= MAX_CELL_CHARS:
            buf.append(data[: MAX_CELL_CHARS + 1 - size])
            size += len(buf[-1])

    with contextlib.suppress(_Enough):  # the rows needed are read; the rest is not parsed
        _parse(zf, name, start, end, text)
    return rows


def read_xlsx(data: bytes) -> list[tuple[int, list[Any]]]:
    """The non-empty rows of the first worksheet of an .xlsx file (see the module doc)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise TableFileError(_TOO_BIG)
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names:
                raise TableFileError(
                    "Dit is geen Excel-werkmap (.xlsx). Kies een .csv- of .xlsx-bestand."
                )
            sheet, strings = _workbook_parts(zf, names)
            shared = _shared_strings(zf, strings) if strings else []
            return _sheet_rows(zf, sheet, shared)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        NotImplementedError,
        EOFError,
    ) as exc:
        raise TableFileError(
            "Dit is geen geldig Excel-bestand (.xlsx). Sla het opnieuw op als .xlsx of als CSV."
        ) from exc
