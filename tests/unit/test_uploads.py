"""Reading uploaded participant lists (jep.workshop.uploads): CSV in the usual encodings, .xlsx
streamed with limits. Hostile files are refused with a Dutch message without unpacking them
(issue 18, items 5 and 10); honest files from Excel, LibreOffice and openpyxl read as before.
Times and memory per file are measured in bench/uploads.py."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from support import hostile_files as hf

from jep.workshop import participants, uploads
from jep.workshop.uploads import TableFileError

LIST = "Naam;Organisatie;Sector\nZoë Çelik;Café “De Hoek”;Onderwijs\nBas;Politie;Veiligheid\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]
)
def test_csv_in_every_usual_encoding(encoding):
    data = LIST.encode(encoding)
    records, _ = participants.read_upload("lijst.csv", data)
    assert [r[1]["name"] for r in records] == ["Zoë Çelik", "Bas"]
    assert records[0][1]["organisation"] == "Café “De Hoek”"


def test_csv_that_is_no_text_names_the_encodings_that_work():
    with pytest.raises(TableFileError, match="CSV UTF-8.*UTF-16.*Windows-1252"):
        uploads.decode_csv(b"\x00\x01\x02")


def xlsx_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_from_openpyxl_with_numbers_rich_text_and_gaps():
    wb = Workbook()
    ws = wb.active
    ws.append(["Naam", "Sector", "Telefoon", "Aanwezig"])
    ws.append(["Anna", "onderwijs", 612345678, True])
    ws.append([None, None, None, None])  # an empty row: skipped, numbers stay as in Excel
    ws.append([CellRichText(TextBlock(InlineFont(b=True), "Bas"), " de Wit"), "politie", 1.5])
    ws["A9"] = "Cor"
    ws["B9"] = "jeugdhulp"
    extra = wb.create_sheet("Tweede")  # only the first sheet counts
    extra.append(["Naam", "Sector"])
    extra.append(["Niet", "mij"])
    rows = uploads.read_xlsx(xlsx_bytes(wb))
    assert rows == [
        (1, ["Naam", "Sector", "Telefoon", "Aanwezig"]),
        (2, ["Anna", "onderwijs", 612345678, "WAAR"]),
        (4, ["Bas de Wit", "politie", 1.5]),
        (9, ["Cor", "jeugdhulp"]),
    ]


def test_xlsx_with_shared_strings_phonetics_and_no_cell_references():
    strings = (
        "<si><t>Naam</t></si><si><t>Sector</t></si>"
        '<si><r><t>Dirk</t></r><r><rPr><b/></rPr><t xml:space="preserve"> Jansen</t></r>'
        "<rPh sb='0' eb='1'><t>ふりがな</t></rPh></si><si><t>Onderwijs</t></si>"
    )
    sheet = (
        '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>'
        '<row><c t="s"><v>2</v></c><c t="s"><v>3</v></c><c t="s"><v>99</v></c></row>'
    )
    assert uploads.read_xlsx(hf.xlsx(sheet, strings)) == [
        (1, ["Naam", "Sector"]),
        (2, ["Dirk Jansen", "Onderwijs"]),
    ]


def test_cells_far_right_are_ignored_and_long_cells_cut():
    rows = uploads.read_xlsx(hf.far_columns())
    assert rows[1][1] == ["P2", "onderwijs"]
    (_, (cell,)) = uploads.read_xlsx(hf.long_cell())[1]
    assert len(cell) == uploads.MAX_CELL_CHARS + 1  # the name check then says it is too long


def test_more_rows_than_allowed_stops_reading_and_says_so():
    sheet = hf.HEAD + "".join(
        f'<row r="{i}"><c t="inlineStr"><is><t>P{i}</t></is></c>'
        f'<c t="inlineStr"><is><t>onderwijs</t></is></c></row>'
        for i in range(2, 2500)
    )
    assert len(uploads.read_xlsx(hf.xlsx(sheet))) == uploads.MAX_ROWS + 2  # read no further
    with pytest.raises(TableFileError, match="meer dan 2000 rijen"):
        participants.read_upload("lijst.xlsx", hf.xlsx(sheet))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("many_shared_strings", "te groot of te ingewikkeld"),
        ("many_cells", "te groot of te ingewikkeld"),
        ("many_empty_rows", "te groot of te ingewikkeld"),
        ("huge_attribute", "te groot of te ingewikkeld"),
        ("entity_expansion", "niet-toegestane onderdelen"),
        ("many_entries", "te groot of te ingewikkeld"),
        ("deep_nesting", "te groot of te ingewikkeld"),
    ],
)
def test_hostile_xlsx_is_refused_in_dutch_without_unpacking_it(name, message):
    data = hf.HOSTILE_XLSX[name]()
    assert len(data) <= participants.MAX_IMPORT_BYTES  # the uploader accepts it
    tracemalloc.start()
    try:
        with pytest.raises(TableFileError, match=message):
            participants.read_upload("lijst.xlsx", data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 1024 * 1024  # Python objects; bench/uploads.py measures the process


def test_a_damaged_xlsx_is_refused():
    data = bytearray(hf.xlsx(hf.HEAD))
    data[len(data) // 3 : len(data) // 3 + 40] = b"\x00" * 40
    with pytest.raises(TableFileError):
        uploads.read_xlsx(bytes(data))
