"""The printable paper form (A4 PDF, fpdf2) of a workshop's evaluation, from the same questionnaire.

Municipality and date on top, the QR code of the online form beside them (when the link is known:
only its hash is stored, so the caller passes the URL), then every item of the version in use in
the order of the online form, numbered like the typed-in paper screen: pre/post statements with
tick boxes for *vóór* and *nu*, the scale's meaning above every block, the rapportcijfer 1–10,
the other 5-point items, the open questions with ruled writing space, and the sector.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from jep.errors import UserError
from jep.evaluation.questionnaire import Item, Questionnaire, questionnaire
from jep.evaluation.responses import version_in_use
from jep.fmt import fmt_date
from jep.reference.catalog import Catalog

FONT = "DejaVu"
# matplotlib's DejaVu fonts, found without importing matplotlib (its data folder sits beside it)
FONT_DIR = Path(str(find_spec("matplotlib").origin)).parent / "mpl-data" / "fonts" / "ttf"  # type: ignore[union-attr]
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
MARGIN = 14.0
INK = (20, 20, 20)
MUTED = (90, 90, 90)
ACCENT = (31, 78, 121)
BAND = (226, 234, 242)
BOX = 4.6  # mm, the side of a tick box
CELL = 6.4  # mm, the width of one scale column
NUM_W = 8.0
GROUP_GAP = 4.0
WRITING_LINES = 5


class PaperFormError(UserError):
    """The paper form cannot be made (the message is Dutch)."""


@dataclass(frozen=True)
class PaperForm:
    pdf: bytes
    version: int
    note: str | None  # Dutch, when something should be said (e.g. the version that was used)
    items: int


def numbering(q: Questionnaire, version: int) -> dict[str, int]:
    """Item id -> its number on the paper form and the typed-in screen (the sector comes last)."""
    order = [it.id for _, items in q.sections_of(version) for it in items]
    return {iid: i for i, iid in enumerate(order, 1)}


Form = Any
"""The paper form's fpdf document (`_form_class`): fpdf2 is imported when a form is made, not
when the evaluation screens import this module (36 MB a server need not hold until then)."""


@cache
def _form_class() -> type:
    from fpdf import FPDF

    class _Form(FPDF):
        def __init__(self, footer: str) -> None:
            super().__init__(orientation="P", unit="mm", format="A4")
            for style, file in FONT_FILES.items():
                self.add_font(FONT, style, str(FONT_DIR / file))
            self.footer_text = footer
            self.set_margins(MARGIN, MARGIN, MARGIN)
            self.set_auto_page_break(True, margin=16)
            self.alias_nb_pages()

        def footer(self) -> None:
            self.set_y(-11)
            self.set_font(FONT, "", 7.5)
            self.set_text_color(*MUTED)
            self.cell(self.epw / 2, 4, self.footer_text)
            self.cell(self.epw / 2, 4, f"pagina {self.page_no()} van {{nb}}", align="R")
            self.set_text_color(*INK)

        def ensure(self, space: float) -> bool:
            """A new page unless `space` mm are left; True when one was started."""
            if self.get_y() + space > self.page_break_trigger:
                self.add_page()
                return True
            return False

        def box(self, x: float, y: float) -> None:
            self.set_draw_color(*INK)
            self.set_line_width(0.3)
            self.rect(x + (CELL - BOX) / 2, y, BOX, BOX)

        def text_height(self, text: str, width: float, line: float) -> float:
            lines = self.multi_cell(width, line, text, align="L", dry_run=True, output="LINES")
            return len(lines) * line if isinstance(lines, list) else line

    return _Form


def _groups_x(pdf: Form) -> tuple[float, float]:
    """Left edges of the 'vóór' and the 'nu' box groups (right-aligned on the page)."""
    right = pdf.l_margin + pdf.epw
    now_x = right - 5 * CELL
    return now_x - GROUP_GAP - 5 * CELL, now_x


def _scale_header(pdf: Form, pair: bool, hint: str) -> None:
    """The scale's meaning and the column numbers above a block of 5-point items."""
    before_x, now_x = _groups_x(pdf)
    pdf.set_font(FONT, "I", 7.5)
    pdf.set_text_color(*MUTED)
    y = pdf.get_y()
    pdf.set_xy(pdf.l_margin + NUM_W, y)
    pdf.multi_cell(before_x - pdf.l_margin - NUM_W - 2, 3.6, hint, new_x="LMARGIN", new_y="NEXT")
    y2 = pdf.get_y()
    pdf.set_font(FONT, "B", 7.5)
    pdf.set_text_color(*INK)
    for label, gx in (("vóór", before_x), ("nu", now_x)) if pair else (("", now_x),):
        if label:
            pdf.set_xy(gx, y)
            pdf.cell(5 * CELL, 3.6, label, align="C")
        for k in range(5):
            pdf.set_xy(gx + k * CELL, y + 3.6)
            pdf.cell(CELL, 3.6, str(k + 1), align="C")
    pdf.set_y(max(y2, y + 7.4) + 0.6)


def _statement(pdf: Form, number: int, item: Item, pair: bool) -> None:
    before_x, now_x = _groups_x(pdf)
    text_w = before_x - pdf.l_margin - NUM_W - 3
    pdf.set_font(FONT, "", 9.5)
    height = max(pdf.text_height(item.text, text_w, 4.4), BOX + 1.6)
    y = pdf.get_y()
    pdf.set_xy(pdf.l_margin, y)
    pdf.set_font(FONT, "B", 9.5)
    pdf.cell(NUM_W, 4.4, f"{number}.")
    pdf.set_font(FONT, "", 9.5)
    pdf.set_xy(pdf.l_margin + NUM_W, y)
    pdf.multi_cell(text_w, 4.4, item.text, align="L", new_x="LMARGIN", new_y="NEXT")
    for gx in (before_x, now_x) if pair else (now_x,):
        for k in range(5):
            pdf.box(gx + k * CELL, y)
    pdf.set_y(y + height + 1.2)
    pdf.set_draw_color(215, 215, 215)
    pdf.set_line_width(0.15)
    pdf.line(pdf.l_margin, pdf.get_y() - 0.6, pdf.l_margin + pdf.epw, pdf.get_y() - 0.6)


def _question(pdf: Form, number: int, text: str) -> None:
    pdf.set_font(FONT, "B", 9.5)
    pdf.cell(NUM_W, 4.6, f"{number}.")
    pdf.multi_cell(pdf.epw - NUM_W, 4.6, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _grade(pdf: Form, number: int, item: Item) -> None:
    pdf.ensure(16)
    _question(pdf, number, item.text + (" *" if item.required else ""))
    y = pdf.get_y() + 0.8
    x0 = pdf.l_margin + NUM_W
    pdf.set_font(FONT, "", 8)
    for k in range(1, 11):
        x = x0 + (k - 1) * (CELL + 3)
        pdf.box(x, y)
        pdf.set_xy(x, y + BOX + 0.3)
        pdf.cell(CELL, 3.4, str(k), align="C")
    pdf.set_xy(x0 + 10 * (CELL + 3) + 2, y + 0.4)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 4, "1 = heel slecht · 10 = uitstekend")
    pdf.set_text_color(*INK)
    pdf.set_y(y + BOX + 5)


def _open(pdf: Form, number: int, item: Item) -> None:
    pdf.ensure(8 + WRITING_LINES * 8)
    _question(pdf, number, item.text)
    pdf.set_draw_color(150, 150, 150)
    pdf.set_line_width(0.2)
    y = pdf.get_y()
    for k in range(1, WRITING_LINES + 1):
        pdf.line(pdf.l_margin + NUM_W, y + k * 8, pdf.l_margin + pdf.epw, y + k * 8)
    pdf.set_y(y + WRITING_LINES * 8 + 3)


def _sector(pdf: Form, number: int, q: Questionnaire, cat: Catalog) -> None:
    names = [s.name for s in cat.sectors.values()]
    rows = (len(names) + 1) // 2
    pdf.ensure(10 + rows * 6.2)
    _question(pdf, number, f"{q.sector_question} (niet verplicht)")
    y = pdf.get_y() + 0.8
    col_w = (pdf.epw - NUM_W) / 2
    pdf.set_font(FONT, "", 8.8)
    for i, name in enumerate(names):
        x = pdf.l_margin + NUM_W + (i // rows) * col_w
        yy = y + (i % rows) * 6.2
        pdf.box(x - (CELL - BOX) / 2, yy)
        pdf.set_xy(x + BOX + 1.5, yy + 0.1)
        pdf.cell(col_w - BOX - 2, 4.4, name)
    pdf.set_y(y + rows * 6.2 + 2)


def _section_title(pdf: Form, title: str) -> None:
    pdf.ln(1.5)
    pdf.set_fill_color(*BAND)
    pdf.set_font(FONT, "B", 10.5)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 6.4, f"  {title}", fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.ln(1.2)


def build(
    q: Questionnaire,
    cat: Catalog,
    version: int,
    municipality: str,
    day: str | None,
    url: str | None = None,
) -> bytes:
    """The A4 paper form as PDF bytes (see the module docstring)."""
    from jep.evaluation.links import qr_png

    pdf = _form_class()(f"Evaluatie werkatelier · {municipality} · vragenlijst versie {version}")
    pdf.set_title(f"{q.texts['title']} – {municipality}")
    pdf.set_author("Platform JEP")
    pdf.set_lang("nl-NL")
    pdf.add_page()
    qr_w = 30.0 if url else 0.0
    head_w = pdf.epw - qr_w - (4 if url else 0)
    pdf.set_font(FONT, "B", 16)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(head_w, 7.5, q.texts["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", 9.5)
    pdf.multi_cell(head_w, 4.8, q.texts["subtitle"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(
        head_w,
        5.6,
        f"Gemeente {municipality} · {fmt_date(day) if day else 'datum nog niet bekend'}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(1)
    pdf.set_font(FONT, "", 8.8)
    for text in (q.texts["paper_intro"], q.texts["privacy_note"]):
        pdf.multi_cell(head_w, 4.3, text, align="L", new_x="LMARGIN", new_y="NEXT")
    if url:
        x = pdf.l_margin + pdf.epw - qr_w
        pdf.image(
            io.BytesIO(qr_png(url, scale=8)),
            x=x,
            y=MARGIN,
            w=qr_w,
            alt_text="QR-code van het online evaluatieformulier",
        )
        pdf.set_xy(x - 2, MARGIN + qr_w + 0.5)
        pdf.set_font(FONT, "", 7.5)
        pdf.multi_cell(qr_w + 4, 3.4, q.texts["paper_qr"], align="C")
        pdf.set_y(max(pdf.get_y(), MARGIN + qr_w + 9))
    pdf.ln(1)

    numbers = numbering(q, version)
    for section, items in q.sections_of(version):
        pdf.ensure(24)
        _section_title(pdf, section.title)
        header = None  # the kind whose scale header is above the current run of items
        for item in items:
            if item.kind in ("prepost", "likert"):
                pdf.set_font(FONT, "", 9.5)
                before_x, _ = _groups_x(pdf)
                need = pdf.text_height(item.text, before_x - pdf.l_margin - NUM_W - 3, 4.4) + 3
                if pdf.ensure(need + (9 if header != item.kind else 0)) or header != item.kind:
                    _scale_header(pdf, item.kind == "prepost", q.scale_hint)
                    header = item.kind
                _statement(pdf, numbers[item.id], item, item.kind == "prepost")
                continue
            header = None
            if item.kind == "grade":
                _grade(pdf, numbers[item.id], item)
            else:
                _open(pdf, numbers[item.id], item)
    pdf.ensure(40)
    _section_title(pdf, "Over jou")
    _sector(pdf, len(numbers) + 1, q, cat)
    pdf.ln(2)
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(0, 5, q.texts["paper_end"], new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def paper_form(
    db: Database,
    workshop_id: int,
    cat: Catalog,
    url: str | None = None,
    q: Questionnaire | None = None,
) -> PaperForm:
    """The paper form of one workshop: the version its evaluation uses (the current one when it
    has no answers yet, which the note says), with the QR code of `url` when given."""
    q = q or questionnaire()
    row = db.execute(
        "SELECT m.name, w.date FROM workshops w JOIN municipalities m "
        "ON m.code = w.municipality_code WHERE w.id = ?",
        [workshop_id],
    ).fetchone()
    if not row:
        raise PaperFormError(f"Werkatelier {workshop_id} bestaat niet.")
    in_use = version_in_use(db, workshop_id, q)
    version = in_use or q.current
    note = (
        None
        if in_use
        else f"Dit werkatelier heeft nog geen ingevulde evaluaties; het formulier gebruikt de "
        f"huidige vragenlijst (versie {version})."
    )
    pdf = build(q, cat, version, row[0], row[1], url)
    return PaperForm(pdf, version, note, len(q.items_of(version)))
