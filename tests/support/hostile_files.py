"""Hostile upload files for the import tests and the upload benchmark (bench/uploads.py): small
.xlsx and CSV files that unpack into far more than they seem, each under the uploader's 2 MB.

`HOSTILE_XLSX` maps a name to a function returning the file's bytes; `xlsx(sheet, strings)`
builds a minimal valid workbook around the given XML so that real-looking variants are easy.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {REL_NS}><sheets>'
    '<sheet name="Lijst" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
HEAD = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Sector</t></is></c></row>'
)


def xlsx(sheet_rows: str | bytes, strings: str | bytes = "", extra: dict | None = None) -> bytes:
    """A workbook whose first sheet holds `sheet_rows` (the XML inside <sheetData>) and whose
    shared-strings table holds `strings` (the XML inside <sst>)."""
    body = sheet_rows if isinstance(sheet_rows, bytes) else sheet_rows.encode("utf-8")
    sst = strings if isinstance(strings, bytes) else strings.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr(
            "xl/worksheets/sheet1.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
            + NS.encode()
            + b"><sheetData>"
            + body
            + b"</sheetData></worksheet>",
        )
        zf.writestr(
            "xl/sharedStrings.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><sst ' + NS.encode() + b">" + sst + b"</sst>",
        )
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def many_shared_strings() -> bytes:
    """Four million tiny shared strings (about 70 MB unpacked)."""
    return xlsx(HEAD, b"<si><t>a</t></si>" * 4_000_000)


def many_cells() -> bytes:
    """One row with millions of cells."""
    return xlsx(HEAD + '<row r="2">' + "<c><v>1</v></c>" * 3_000_000 + "</row>")


def many_empty_rows() -> bytes:
    """Millions of empty rows after the heading."""
    return xlsx(HEAD + "<row/>" * 5_000_000)


def far_columns() -> bytes:
    """Cells at the last column Excel has (XFD), in every one of 2,000 rows."""
    rows = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>P{i}</t></is></c>'
        f'<c r="B{i}" t="inlineStr"><is><t>onderwijs</t></is></c><c r="XFD{i}"><v>1</v></c></row>'
        for i in range(2, 2001)
    )
    return xlsx(HEAD + rows)


def long_cell() -> bytes:
    """One cell of three million characters."""
    return xlsx(
        HEAD
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>'
        + "x" * 3_000_000
        + "</t></is></c></row>"
    )


def huge_attribute() -> bytes:
    """A start tag of 30 MB (an attribute value that never ends soon)."""
    return xlsx(HEAD + '<row r="2" x="' + "y" * 30_000_000 + '"/>')


def entity_expansion() -> bytes:
    """The 'billion laughs': nested entities in a DOCTYPE."""
    dtd = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">' for i in range(9)
        )
        + "]>"
    )
    buf = io.BytesIO()
    data = xlsx(HEAD)
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as zf:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                content = (dtd + f"<sst {NS}><si><t>&lol8;</t></si></sst>").encode()
            zf.writestr(info.filename, content)
    return buf.getvalue()


def many_entries() -> bytes:
    """Thousands of parts in the ZIP."""
    return xlsx(HEAD, extra={f"xl/media/x{i}.bin": b"" for i in range(5000)})


def deep_nesting() -> bytes:
    """Elements nested a hundred thousand deep inside a cell."""
    return xlsx(HEAD + '<row r="2"><c r="A2">' + "<x>" * 100_000 + "</x>" * 100_000 + "</c></row>")


HOSTILE_XLSX: dict[str, Callable[[], bytes]] = {
    "many_shared_strings": many_shared_strings,
    "many_cells": many_cells,
    "many_empty_rows": many_empty_rows,
    "far_columns": far_columns,
    "long_cell": long_cell,
    "huge_attribute": huge_attribute,
    "entity_expansion": entity_expansion,
    "many_entries": many_entries,
    "deep_nesting": deep_nesting,
}
