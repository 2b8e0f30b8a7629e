"""The report (verslag) to the municipality as a PDF, built with fpdf2.

`render_pdf` lays out a `ReportData` (`jep.report.content`): cover, table of contents and PDF
outline, the sections of the report outline (context, voorgesprek, participants, dilemmas, legal
questions, knelpunten, evaluation, recommendations) and the werkwijze with contact points as
appendices; page numbers, document title, author and language, alternative text on every chart.
Every text is set in DejaVu Sans (from matplotlib's fonts) so Dutch typography (ë é ’ “ ” € –)
prints as typed; characters the font lacks become “□”, and right-to-left runs are put in visual
order.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection
from fpdf.fonts import FontFace
from fpdf.outline import OutlineSection

from jep import __version__
from jep.evaluation import charts as ce
from jep.fmt import fmt_date, fmt_num
from jep.reference.toml import CatalogError
from jep.report import charts as charts
from jep.report import engine
from jep.report.content import ReportData
from jep.report.texts import ReportTexts, texts
from jep.workshop import intake, mix, notes, planning

FONT = "DejaVu"
# matplotlib's DejaVu fonts, found without importing matplotlib (its data folder sits beside it)
FONT_DIR = Path(str(find_spec("matplotlib").origin)).parent / "mpl-data" / "fonts" / "ttf"  # type: ignore[union-attr]
FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
}
MISSING_GLYPH = "□"
NB_ALIAS = "{nb}"
INVISIBLE = {"\u200d", "\ufe0e", "\ufe0f", "\u200b"}  # joiners and emoji variation selectors
MARGIN = 20.0
LINE = 5.2
INK = (34, 34, 34)
MUTED = (95, 95, 95)
ACCENT = (31, 78, 121)
HEAD_FILL = (226, 234, 242)
ROW_FILL = (246, 248, 250)


Progress = Callable[[float, str], None]


class Addendum(Protocol):
    """An extra section after the recommendations, written by a package above this one (the
    follow-up's "Terugblik") with the document's own blocks, so it has the report's look."""

    def prepare(self, data: ReportData) -> None:
        """Adjust what the report shows before it is laid out (called once by `versions`)."""

    def outline_levels(self, data: ReportData) -> list[int]:
        """The levels of the outline entries `write` makes, in order (sizes the contents)."""
        ...

    def write(self, doc: _Doc, data: ReportData) -> None: ...


# ---------------------------------------------------------------- safe text for the PDF


@lru_cache(maxsize=1)
def _font_cmap() -> frozenset[int]:
    """Every character one of the styles can show (the others fall back to it)."""
    from fontTools.ttLib import TTFont

    found: set[int] = set()
    for file in FONT_FILES.values():
        found |= set(TTFont(FONT_DIR / file, lazy=True).getBestCmap())
    return frozenset(found)


def _visual_order(line: str) -> str:
    """Right-to-left runs (Hebrew, Arabic) reversed in place, so they read correctly in an
    otherwise left-to-right document (no shaping: Arabic letters appear in their isolated form)."""
    if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in line):
        return line
    frags = BidiParagraph(text=line, base_direction=TextDirection.LTR).get_bidi_fragments()
    return "".join(t[::-1] if d == TextDirection.RTL else t for t, d in frags)


def clean(value: Any) -> str:
    """Any value as text the PDF can show: NFC, no control characters, glyphs the font lacks
    (most emoji) as “□”, right-to-left runs in visual order, the page-count alias defused."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\t", " ")
    cmap = _font_cmap()
    out: list[str] = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif ch in INVISIBLE or 0x1F3FB <= ord(ch) <= 0x1F3FF:  # skin tones
            continue
        elif not ch.isprintable():
            out.append(" ")
        elif ord(ch) in cmap:
            out.append(ch)
        elif unicodedata.category(ch) in ("Mn", "Me"):
            continue  # a combining mark NFC could not fold into its letter
        elif not out or out[-1] != MISSING_GLYPH:
            out.append(MISSING_GLYPH)
    text = "\n".join(_visual_order(line) for line in "".join(out).split("\n"))
    return text.replace(NB_ALIAS, "{nb\u2060}")  # never replaced by the page count


def _fill(template: str, data: ReportData) -> str:
    w = data.workshop
    values = {
        "gemeente": w["municipality_name"],
        "provincie": w["province"],
        "datum": fmt_date(w["date"]) if w["date"] else "(datum nog niet bekend)",
    }
    return re.sub(r"\{([a-z]+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


# ---------------------------------------------------------------- the document


class _Doc(FPDF):
    def __init__(self, footer: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer
        for style, file in FONT_FILES.items():
            self.add_font(FONT, style, str(FONT_DIR / file))
        self._fallback_on = False
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=22)
        self.alias_nb_pages(NB_ALIAS)

    def normalize_text(self, text: str) -> str:
        """The oblique and bold cuts lack some glyphs (Arabic, …): from the first text that needs
        it on, such glyphs are taken from another style (switched on lazily: it costs time)."""
        text = super().normalize_text(text)
        font = self.current_font
        if not self._fallback_on and font is not None:
            cmap = font.cmap  # type: ignore[union-attr]  # always the TTF font here
            if any(ord(ch) not in cmap for ch in text if ch != "\n"):
                self.set_fallback_fonts([FONT], exact_match=False)
                self._fallback_on = True
        return text

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(self.epw / 2, 5, self.footer_text)
        self.cell(self.epw / 2, 5, f"pagina {self.page_no()} van {NB_ALIAS}", align="R")

    # -- blocks

    def ensure(self, space: float) -> None:
        """Start a new page unless `space` mm are left (keeps headings with what follows)."""
        if self.get_y() + space > self.page_break_trigger:
            self.add_page()

    def heading(self, title: str, level: int = 0, new_page: bool = False, keep: float = 0) -> None:
        """A numbered heading in the outline; `keep` mm of what follows stay on its page."""
        if new_page:
            self.add_page()
        else:
            self.ensure(max(keep + 14, 38 if level == 0 else 28))
            self.ln(4 if level == 0 else 2)
        self.start_section(clean(title), level=level)
        self.set_font(FONT, "B", 15 if level == 0 else 11.5)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 7.5 if level == 0 else 6, clean(title), **_NEXT)
        self.ln(2 if level == 0 else 1)
        self.set_text_color(*INK)

    def subheading(self, title: str) -> None:
        self.ensure(30)  # the heading, a table header and its first row stay together
        self.ln(1)
        self.set_font(FONT, "B", 10.5)
        self.set_text_color(*INK)
        self.multi_cell(0, LINE + 0.4, clean(title), **_NEXT)
        self.ln(0.5)

    def text_height(
        self, text: str, style: str = "", size: float = 10, line: float = LINE
    ) -> float:
        """The height `text` takes as a paragraph over the full text width (nothing drawn)."""
        self.set_font(FONT, style, size)
        height = self.multi_cell(0, line, clean(text), dry_run=True, output="HEIGHT", **_NEXT)
        assert isinstance(height, float | int)  # output="HEIGHT" gives the height alone
        return float(height)

    def para(
        self,
        text: str,
        style: str = "",
        size: float = 10,
        color=INK,  # noqa: ANN001
        keep: float = 0,
    ) -> None:
        """A paragraph; with `keep`, that many mm of what follows (a chart) stay on its page."""
        if keep:
            self.ensure(self.text_height(text, style, size) + 1.5 + keep)
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        self.multi_cell(0, LINE, clean(text), **_NEXT)
        self.set_text_color(*INK)
        self.ln(1.5)

    def empty(self, text: str) -> None:
        self.para(text, style="I", color=MUTED)

    def labelled(self, label: str, text: str, size: float = 10, color=INK) -> None:  # noqa: ANN001
        """A bold label followed by normal text in one flowing paragraph."""
        self.set_text_color(*color)
        self.set_font(FONT, "B", size)
        self.write(LINE, clean(label) + " ")
        self.set_font(FONT, "", size)
        self.write(LINE, clean(text))
        self.ln(LINE)
        self.set_text_color(*INK)

    def bullet(self, text: str, detail: str = "", indent: float = 5) -> None:
        self.set_font(FONT, "", 10)
        self.ensure(12)
        x = self.l_margin
        self.set_x(x)
        self.cell(indent, LINE, "•")
        self.multi_cell(self.epw - indent, LINE, clean(text), **_NEXT)
        if detail:
            self.set_x(x + indent)
            self.set_font(FONT, "I", 9.5)
            self.set_text_color(*MUTED)
            self.multi_cell(self.epw - indent, LINE, clean(detail), **_NEXT)
            self.set_text_color(*INK)
        self.ln(1.2)

    def grid(
        self,
        headings: list[str],
        rows: list[list[Any]],
        widths: tuple[float, ...],
        align: tuple[str, ...] | None = None,
        size: float = 9,
    ) -> None:
        """A table with a heading row (repeated after a page break) and banded rows. Every column
        is at least as wide as the longest word of its heading, so no heading breaks mid-word."""
        self.ensure(20)
        widths = self._fit_headings(headings, widths, size)
        self.set_font(FONT, "", size)
        self.set_text_color(*INK)
        self.set_draw_color(200, 205, 210)
        self.set_fill_color(255, 255, 255)  # the table takes unbanded rows' fill from here
        with self.table(
            col_widths=widths,
            text_align=align or ("LEFT",) * len(widths),
            line_height=LINE - 0.6,
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL, color=INK),
            cell_fill_color=ROW_FILL,
            cell_fill_mode="ROWS",
            padding=(1.2, 1.5),
            v_align="TOP",
        ) as table:
            head = table.row()
            for h in headings:
                head.cell(clean(h))
            for r in rows:
                row = table.row()
                for value in r:
                    row.cell(clean(value))
        self.ln(3)

    def _fit_headings(
        self, headings: list[str], widths: tuple[float, ...], size: float
    ) -> tuple[float, ...]:
        """Column widths (in mm, filling the text width) widened where a heading word would not
        fit, taken from the columns that have room to spare."""
        self.set_font(FONT, "B", size)
        pad = 2 * 1.5 + 0.6  # the cell padding on both sides, and a little air
        need = [
            max((self.get_string_width(word) for word in clean(h).split()), default=0) + pad
            for h in headings
        ]
        total = sum(widths)
        mm = [self.epw * w / total for w in widths]
        for _ in range(len(mm)):
            short = sum(max(0.0, n - m) for n, m in zip(need, mm, strict=True))
            if short <= 0.01:
                break
            spare = [max(0.0, m - n) for n, m in zip(need, mm, strict=True)]
            room = sum(spare)
            if room <= 0:
                break
            take = min(short, room)
            mm = [
                max(m, n) if m < n else m - take * sp / room
                for m, n, sp in zip(mm, need, spare, strict=True)
            ]
        return tuple(mm)

    def chart_height(self, chart: charts.Chart | None) -> float:
        """The height of a chart with the sentence under it (0 when there is none)."""
        if chart is None:
            return 0.0
        w = min(self.epw, chart.width_mm)
        caption = self.text_height(chart.alt, "I", 8.5, 4.2)
        return chart.height_mm * w / chart.width_mm + 1 + caption + 3

    def chart(self, chart: charts.Chart) -> None:
        """A chart and the sentence under it, on one page."""
        w = min(self.epw, chart.width_mm)
        h = chart.height_mm * w / chart.width_mm
        self.ensure(self.chart_height(chart))
        x = self.l_margin + (self.epw - w) / 2
        self.image(io.BytesIO(chart.png), x=x, w=w, h=h, alt_text=clean(chart.alt))
        self.set_y(self.get_y() + 1)
        self.set_font(FONT, "I", 8.5)
        self.set_text_color(*MUTED)
        self.multi_cell(0, 4.2, clean(chart.alt), **_NEXT)
        self.set_text_color(*INK)
        self.ln(3)


_NEXT: dict[str, Any] = {"new_x": "LMARGIN", "new_y": "NEXT", "align": "L"}


TOC_TITLE_H = 14.0  # the heading "Inhoud" and the space under it
TOC_ROW_H = 6.4
TOC_GAP = 0.6  # extra space under a main section


def _toc_rows(levels: list[int], first_top: float, top: float, bottom: float) -> list[int]:
    """The page (0, 1, …) of every table-of-contents row; the same arithmetic lays it out."""
    pages, page, y = [], 0, first_top + TOC_TITLE_H
    for level in levels:
        height = TOC_ROW_H + (TOC_GAP if level == 0 else 0)
        if y + TOC_ROW_H > bottom:
            page, y = page + 1, top
        pages.append(page)
        y += height
    return pages


def _toc(title: str, pages: int) -> Callable[[FPDF, list[OutlineSection]], None]:
    def render(pdf: FPDF, outline: list[OutlineSection]) -> None:
        start = pdf.page
        pdf.set_xy(pdf.l_margin, pdf.t_margin)
        pdf.set_font(FONT, "B", 16)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, 10, title, **_NEXT)
        pdf.set_y(pdf.t_margin + TOC_TITLE_H)
        rows = _toc_rows(
            [sec.level for sec in outline], pdf.t_margin, pdf.t_margin, pdf.page_break_trigger
        )
        for sec, page in zip(outline, rows, strict=True):
            if pdf.page < start + page:
                pdf.add_page()
                pdf.set_y(pdf.t_margin)
            level = sec.level
            pdf.set_font(FONT, "B" if level == 0 else "", 10.5 if level == 0 else 9.5)
            pdf.set_text_color(*INK)
            indent = 7 * level
            num = str(sec.page_number)
            num_w = 12
            link = pdf.add_link(page=sec.page_number)
            name = sec.name
            room = pdf.epw - indent - num_w - 2
            while pdf.get_string_width(name) > room and len(name) > 4:
                name = name[:-2].rstrip() + "…"
            dots = ""
            dot_w = pdf.get_string_width(" .")
            free = room - pdf.get_string_width(name)
            if free > 3 * dot_w:
                dots = " ." * int(free / dot_w)
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(room, TOC_ROW_H, name + dots, link=link)
            pdf.cell(num_w + 2, TOC_ROW_H, num, align="R", link=link, new_x="LMARGIN", new_y="NEXT")
            if level == 0:
                pdf.ln(TOC_GAP)
        while pdf.page < start + pages - 1:  # never fewer pages than reserved
            pdf.add_page()

    return render


def _pct(x: float | None) -> str:
    return "—" if x is None or pd.isna(x) else f"{x:.0%}"


def _outline_levels(data: ReportData) -> list[int]:
    """The levels of the outline entries this report will have, in order (sizes the table of
    contents before the sections are written; must follow what the section writers do)."""
    levels = [0] * 6 + [1]  # sections 1–6 and 6's subsection on solutions
    levels += [0] + ([1] * 5 if data.n_responses else [])  # evaluation and its subsections
    levels += [0] + [1] * len(data.recommendations)  # recommendations
    return levels + [0, 0]  # the two appendices


def render_pdf(
    data: ReportData, progress: Progress | None = None, addendum: Addendum | None = None
) -> bytes:
    """Lay out the report. `progress(fraction, label)` is told how far it is; an `addendum`
    comes after the recommendations, before the appendices."""
    say = progress or (lambda _f, _l: None)
    t = texts()
    w = data.workshop
    town = w["municipality_name"]
    doc = _Doc(clean(_fill(t.document["footer"], data)))
    doc.set_lang("nl-NL")
    doc.set_title(clean(f"{t.document['title']} {town} – {t.document['subtitle']}"))
    doc.set_author(clean(t.document["author"]))
    doc.set_subject(clean(t.document["subtitle"]))
    doc.set_creator(f"Werkatelier-dashboard Platform JEP {__version__}")
    doc.set_keywords("werkatelier, informatie delen, radicalisering, aanbevelingen")
    doc.set_display_mode("fullwidth")

    say(0.3, "Grafieken tekenen")
    drawn = _draw_charts(data)

    say(0.6, "PDF opmaken")
    _cover(doc, data, t)
    doc.add_page()
    levels = _outline_levels(data)
    if addendum is not None:
        levels = levels[:-2] + addendum.outline_levels(data) + levels[-2:]
    rows = _toc_rows(levels, doc.t_margin, doc.t_margin, doc.page_break_trigger)
    toc_pages = rows[-1] + 1
    doc.insert_toc_placeholder(_toc(clean(t.document["toc"]), toc_pages), pages=toc_pages)
    _context(doc, data, t)
    _intake(doc, data, t)
    _participants(doc, data, t, drawn.get("domains"))
    _dilemmas(doc, data, t)
    _legal(doc, data, t)
    _knelpunten(doc, data, t)
    _evaluation(doc, data, t, drawn)
    _recommendations(doc, data, t)
    if addendum is not None:
        addendum.write(doc, data)
    _appendices(doc, data, t)
    say(0.9, "PDF samenstellen")
    return bytes(doc.output())


def _draw_charts(data: ReportData) -> dict[str, charts.Chart]:
    drawn: dict[str, charts.Chart] = {}
    if int(data.by_domain["registered"].sum()) or data.attended is not None:
        drawn["domains"] = charts.domains_chart(charts.domain_counts(data.by_domain, data.attended))
    if data.n_responses:
        if int(data.goals["n"].sum()):
            drawn["goals"] = charts.goals_chart(data.goals, data.q.target_now_mean)
        if len(data.items) and int(data.items["n"].sum()):
            drawn["items"] = charts.items_chart(data.items)
        if int(data.grade_stats.iloc[0]["n"]):
            drawn["grades"] = charts.grades_chart(data.grade_dist, data.grade_stats)
    return drawn


def _cover(doc: _Doc, data: ReportData, t: ReportTexts) -> None:
    w = data.workshop
    doc.add_page()
    doc.set_fill_color(*ACCENT)
    doc.rect(0, 0, doc.w, 12, style="F")
    doc.set_y(62)
    doc.set_font(FONT, "", 13)
    doc.set_text_color(*MUTED)
    doc.multi_cell(0, 7, clean(t.document["organisation"]), **_NEXT)
    doc.ln(6)
    doc.set_font(FONT, "B", 28)
    doc.set_text_color(*ACCENT)
    doc.multi_cell(0, 12, clean(t.document["title"]), **_NEXT)
    doc.set_font(FONT, "", 17)
    doc.multi_cell(0, 9, clean(t.document["subtitle"]), **_NEXT)
    doc.ln(10)
    doc.set_font(FONT, "B", 20)
    doc.set_text_color(*INK)
    doc.multi_cell(0, 10, clean(w["municipality_name"]), **_NEXT)
    doc.set_font(FONT, "", 12)
    doc.multi_cell(0, 7, clean(_fill(t.document["cover_line"], data)), **_NEXT)
    when = fmt_date(w["date"]) if w["date"] else "datum nog niet bekend"
    doc.multi_cell(0, 7, clean(f"Werkatelier van {when}"), **_NEXT)
    facilitators = [x for x in (w.get("facilitator_1"), w.get("facilitator_2")) if x]
    if facilitators:
        doc.multi_cell(0, 7, clean("Begeleiding: " + mix.join_nl(facilitators)), **_NEXT)
    if w.get("is_demo"):
        doc.ln(8)
        doc.set_font(FONT, "B", 14)
        doc.set_text_color(190, 60, 0)
        doc.multi_cell(0, 8, clean(t.document["demo"]), **_NEXT)
    doc.set_y(-60)
    doc.set_font(FONT, "", 9.5)
    doc.set_text_color(*MUTED)
    version = f"Versie {data.number}" if data.number else "Concept"
    stamp = fmt_date(data.created_at) if data.created_at else fmt_date(date.today())
    doc.multi_cell(0, 5.5, clean(f"{version} · opgesteld op {stamp}"), **_NEXT)
    doc.multi_cell(0, 5.5, clean(t.document["confidential"]), **_NEXT)
    doc.multi_cell(0, 5.5, clean(t.document["contact"]), **_NEXT)
    doc.set_text_color(*INK)


def _context(doc: _Doc, data: ReportData, t: ReportTexts) -> None:
    w = data.workshop
    doc.heading(f"1. {t.sections['context']}")
    doc.para(_fill(t.intro["context"], data))
    try:
        slots = planning.config().time_slots
    except CatalogError:
        slots = {}
    chosen = w.get("time_slot") or ""
    slot = slots[chosen].label if chosen in slots else (chosen or "—")
    f = data.facts
    if f.basis == "aanwezig":
        people = f"{sum(f.sectors.values())} aanwezig"
    elif f.basis == "aangemeld":
        people = f"{sum(f.sectors.values())} aangemeld (aanwezigheid nog niet bijgehouden)"
    else:
        people = "nog niet bekend"
    facilitators = [x for x in (w.get("facilitator_1"), w.get("facilitator_2")) if x]
    rows = [
        ["Gemeente", w["municipality_name"]],
        ["Provincie", w["province"]],
        ["Datum", fmt_date(w["date"]) if w["date"] else "nog niet bekend"],
        ["Dagdeel", slot],
        ["Locatie", w.get("location") or "—"],
        ["Begeleiders", mix.join_nl(facilitators) or "—"],
        ["Deelnemers", people],
        ["Ingevulde evaluaties", str(data.n_responses)],
    ]
    doc.grid(["Gegeven", "Waarde"], rows, (1, 2.4))
    ctx = data.answers.get("context") or {}
    if any(ctx.get(k) for k in intake.CONTEXT_QUESTIONS):
        doc.para(t.intro["context_answers"])
        doc.grid(
            ["Vraag", "Antwoord"],
            [
                [question, intake.CONTEXT_ANSWERS.get(ctx.get(key) or "", "—")]
                for key, question in intake.CONTEXT_QUESTIONS.items()
            ],
            (3, 1),
        )


def _intake(doc: _Doc, data: ReportData, t: ReportTexts) -> None:
    doc.heading(f"2. {t.sections['intake']}")
    a = data.answers
    has_any = bool(a.get("knelpunten") or a.get("own_knelpunten") or a.get("sectors"))
    if data.intake_state != "ingediend" and not has_any:
        doc.empty(t.empty["intake"])
        return
    doc.para(_fill(t.intro["intake"], data))
    doc.subheading("Genoemde knelpunten")
    rows = []
    for kid, val in sorted(
        (a.get("knelpunten") or {}).items(), key=lambda kv: (-int(kv[1]["severity"]), kv[0])
    ):
        name = data.cat.knelpunten[kid].text if kid in data.cat.knelpunten else kid
        rows.append([name, str(val["severity"]), val.get("explanation") or ""])
    for own in a.get("own_knelpunten") or []:
        rows.append([f"{own['text']} (eigen knelpunt)", str(own.get("severity") or "—"), ""])
    if rows:
        doc.grid(
            ["Knelpunt", "Ernst", "Toelichting"], rows, (3.2, 0.7, 2.6), ("LEFT", "CENTER", "LEFT")
        )
    else:
        doc.empty(t.empty["intake_knelpunten"])
    doc.subheading("Gekozen sectoren")
    wanted = data.desired[data.desired["desired"] > 0]
    if wanted.empty:
        doc.empty(t.empty["intake_sectors"])
    else:
        rows = [[r.sector, r.domain, str(r.desired)] for r in wanted.itertuples(index=False)]
        rows.append(["Totaal", "", str(int(wanted["desired"].sum()))])
        doc.grid(["Sector", "Domein", "Gewenst"], rows, (3, 2, 1), ("LEFT", "LEFT", "RIGHT"))


def _participants(doc: _Doc, data: ReportData, t: ReportTexts, chart: charts.Chart | None) -> None:
    doc.heading(f"3. {t.sections['participants']}")
    registered = int(data.by_domain["registered"].sum())
    if not registered and data.attended is None:
        doc.empty(t.empty["participants"])
        return
    doc.para(_fill(t.intro["participants"], data), keep=doc.chart_height(chart))
    if chart is not None:
        doc.chart(chart)
    table = data.desired.merge(
        data.attended[["sector_id", "attended"]]
        if data.attended is not None
        else pd.DataFrame({"sector_id": [], "attended": []}),
        on="sector_id",
        how="left",
    )
    show = table[
        (table["desired"] > 0) | (table["registered"] > 0) | (table["attended"].fillna(0) > 0)
    ]
    head = ["Sector", "Domein", "Gewenst", "Aangemeld"]
    widths: tuple[float, ...] = (2.8, 1.8, 0.9, 1.25)
    if data.attended is not None:
        head.append("Aanwezig")
        widths = (2.8, 1.8, 0.9, 1.25, 1.2)
    rows = []
    for r in show.itertuples(index=False):
        row = [r.sector, r.domain, str(r.desired), str(r.registered)]
        if data.attended is not None:
            row.append(str(int(0 if pd.isna(r.attended) else r.attended)))
        rows.append(row)
    total = ["Totaal", "", str(int(show["desired"].sum())), str(int(show["registered"].sum()))]
    if data.attended is not None:
        total.append(str(int(show["attended"].fillna(0).sum())))
    rows.append(total)
    doc.grid(head, rows, widths, ("LEFT", "LEFT") + ("RIGHT",) * (len(head) - 2))


def _prefixed(prefix: str, text: str | None) -> str:
    """`text` after `prefix` ("Besproken: …"), unless it already starts with the prefix's word
    (no "Besproken: Besproken …"); '' when there is no text."""
    text = (text or "").strip()
    if not text:
        return ""
    word = prefix.rstrip(":").casefold()
    return text if text.casefold().startswith(word) else f"{prefix} {text}"


def _notes_of(data: ReportData, kind: str) -> list[dict[str, Any]]:
    return notes.records(data.notes[data.notes["kind"] == kind])


def _dilemmas(doc: _Doc, data: ReportData, t: ReportTexts) -> None:
    doc.heading(f"4. {t.sections['dilemmas']}")
    found = _notes_of(data, "dilemma")
    if not found:
        doc.empty(t.empty["dilemmas"])
        return
    doc.para(_fill(t.intro["dilemmas"], data))
    titles = {s.number: s.title for s in data.cat.steps}
    for step in sorted({r["step"] or 0 for r in found}):
        label = f"Stap {step} – {titles[step]}" if step in titles else f"Stap {step}"
        doc.subheading(label if step else "Zonder stap")
        for r in found:
            if (r["step"] or 0) == step:
                doc.bullet(r["text"], _prefixed("Besproken:", r["detail"]))


def _legal(doc: _Doc, data: ReportData, t: ReportTexts) -> None:
    doc.heading(f"5. {t.sections['legal']}")
    found = _notes_of(data, "juridisch")
    if not found:
        doc.empty(t.empty["legal"])
        return
    doc.para(_fill(t.intro["legal"], data))
    for i, r in enumerate(found, 1):
        doc.ensure(14)
        doc.set_font(FONT, "B", 10)
        doc.multi_cell(0, LINE, clean(f"{i}. {r['text']}"), **_NEXT)
        if r["detail"]:
            doc.set_x(doc.l_margin + 5)
            doc.set_font(FONT, "", 10)
            doc.multi_cell(doc.epw - 5, LINE, clean(r["detail"]), **_NEXT)
        doc.ln(2)


def _knelpunten(doc: _Doc, data: ReportData, t: ReportTexts) -> None:
    doc.heading(f"6. {t.sections['knelpunten']}")
    found = _notes_of(data, "knelpunt")
    if not found:
        doc.empty(t.empty["knelpunten"])
    else:
        doc.para(_fill(t.intro["knelpunten"], data))
        intake_kp = data.facts.knelpunten
        for status, title in (("bevestigd", "Bevestigd"), ("nieuw", "Nieuw gevonden")):
            part = [r for r in found if r["knelpunt_status"] == status]
            if not part:
                continue
            doc.subheading(title)
            for r in part:
                kid = r["knelpunt_id"]
                if kid and kid in data.cat.knelpunten:
                    name = data.cat.knelpunten[kid].text
                    if kid in intake_kp:
                        name += f" (in het voorgesprek: ernst {intake_kp[kid]})"
                    doc.bullet(name, r["text"])
                else:
                    doc.bullet(r["text"] or (kid or ""))
    doc.heading(t.sections["solutions"], level=1)
    found = _notes_of(data, "oplossing")
    if not found:
        doc.empty(t.empty["solutions"])
        return
    doc.para(_fill(t.intro["solutions"], data))
    for r in found:
        doc.bullet(r["text"], r["detail"])


def _evaluation(doc: _Doc, data: ReportData, t: ReportTexts, drawn: dict) -> None:
    doc.heading(f"7. {t.sections['evaluation']}", new_page=True)
    if not data.n_responses:
        doc.empty(t.empty["evaluation"])
        return
    doc.para(_fill(t.intro["evaluation"], data))
    r = data.responses.iloc[0]
    s = data.grade_stats.iloc[0]
    doc.grid(
        ["Evaluaties", "Aanwezig", "Respons", "Rapportcijfer (mediaan)"],
        [
            [
                str(int(r["responses"])),
                "onbekend" if pd.isna(r["attendance"]) else str(int(r["attendance"])),
                _pct(r["response_rate"]),
                fmt_num(s["median"]) if s["n"] else "—",
            ]
        ],
        (1, 1, 1, 1.6),
        ("CENTER",) * 4,
    )
    doc.para(ce.describe_responses(data.responses), size=9.5, color=MUTED)

    doc.heading("Doelen van het werkatelier", level=1, keep=doc.chart_height(drawn.get("goals")))
    if "goals" in drawn:
        doc.chart(drawn["goals"])
    goals = ce.table_goals(data.goals[data.goals["n"] > 0])
    doc.grid(
        list(goals.columns),
        goals.astype(str).values.tolist(),
        (1.6, 0.5, 0.8, 0.8, 0.8, 0.7, 2.2),
        ("LEFT",) + ("RIGHT",) * 5 + ("LEFT",),
        size=8.5,
    )

    doc.heading("Per uitspraak", level=1, keep=doc.chart_height(drawn.get("items")))
    if "items" in drawn:
        doc.chart(drawn["items"])
    items = data.items[data.items["n"] > 0]
    doc.grid(
        ["Uitspraak", "n", "Vóór", "Nu", "Toename", "Beter"],
        [
            [
                r.text,
                str(r.n),
                fmt_num(r.before_mean),
                fmt_num(r.now_mean),
                ce._signed(r.gain_mean),
                _pct(r.share_improved),
            ]
            for r in items.itertuples(index=False)
        ],
        (4.2, 0.5, 0.7, 0.7, 0.9, 0.8),
        ("LEFT",) + ("RIGHT",) * 5,
        size=8.5,
    )

    doc.heading("Rapportcijfer en reacties", level=1, keep=doc.chart_height(drawn.get("grades")))
    if "grades" in drawn:
        doc.chart(drawn["grades"])
    likert = data.likert[data.likert["n"] > 0]
    if not likert.empty:
        doc.grid(
            ["Uitspraak", "n", "(Helemaal) mee eens", "Gemiddeld"],
            [
                [r.text, str(r.n), _pct(r.share_agree), fmt_num(r.mean)]
                for r in likert.itertuples(index=False)
            ],
            (4, 0.5, 1.4, 1),
            ("LEFT", "RIGHT", "RIGHT", "RIGHT"),
            size=8.5,
        )

    doc.heading("Vergeleken met andere werkateliers", level=1)
    doc.para(ce.describe_compare(data.compare), size=9.5)
    if int(data.compare["others_workshops"].max() or 0):  # no empty table: the sentence
        _compare_table(doc, data)  # above says there is nothing to compare with yet

    doc.heading("Open antwoorden", level=1)
    if data.open_answers.empty:
        doc.empty("Er zijn geen open antwoorden gegeven.")
    else:
        doc.para(
            "In alfabetische volgorde en zonder sector, zodat een antwoord niet naar een persoon "
            "te herleiden is.",
            size=9.5,
            color=MUTED,
        )
        for question, group in data.open_answers.groupby("question", sort=False):
            doc.subheading(f"{question} ({len(group)})")
            for answer in group["answer"]:
                doc.bullet(answer)


def _compare_table(doc: _Doc, data: ReportData) -> None:
    cmp = ce.table_compare(data.compare)
    doc.grid(
        list(cmp.columns),
        cmp.astype(str).values.tolist(),
        tuple([2.2] + [1.0] * (len(cmp.columns) - 1)),
        ("LEFT",) + ("RIGHT",) * (len(cmp.columns) - 1),
        size=8.5,
    )


def _recommendations(doc: _Doc, data: ReportData, t: ReportTexts) -> None:
    doc.heading(f"8. {t.sections['recommendations']}", new_page=True)
    recs = data.recommendations
    if not recs:
        doc.empty(t.empty["recommendations"])
        return
    doc.para(_fill(t.intro["recommendations"], data))
    rb = data.rules
    doc.grid(
        ["Nr.", "Aanbeveling", t.labels["owner"], t.labels["priority"]],
        [
            [f"8.{i}", r.title, rb.owner_label(r.owner), rb.priority_label(r.priority)]
            for i, r in enumerate(recs, 1)
        ],
        (0.6, 4.4, 1.6, 0.9),
        size=9,
    )
    for i, r in enumerate(recs, 1):
        doc.heading(f"8.{i} {r.title}", level=1)
        doc.para(r.text)
        reason = engine.reason_sentence(r.reason) if r.reason else t.labels["own_reason"]
        doc.labelled(t.labels["reason"], reason, size=9.5)
        doc.ln(1)
        doc.labelled(
            f"{t.labels['owner']}:",
            f"{rb.owner_label(r.owner)} · {t.labels['priority']}: {rb.priority_label(r.priority)}",
            size=9.5,
            color=MUTED,
        )
        doc.ln(3)


def _appendices(doc: _Doc, data: ReportData, t: ReportTexts) -> None:
    doc.heading(t.sections["appendix_steps"], new_page=True)
    doc.para(_fill(t.intro["appendix_steps"], data))
    version = data.cat.werkwijze_version
    rows = [[str(s.number), s.title, s.text] for s in data.cat.steps]
    doc.grid(["Stap", "Titel", "Wat je doet"], rows, (0.5, 1.7, 4.3), ("CENTER", "LEFT", "LEFT"))
    if version:
        doc.para(f"Versie van de werkwijze: {version}.", size=9, color=MUTED)
    doc.heading(t.sections["appendix_contacts"])
    if not data.cat.contacts:
        doc.empty(t.empty["contacts"])
        return
    doc.para(_fill(t.intro["appendix_contacts"], data))
    doc.grid(
        ["Contactpunt", "Bereikbaar"],
        [[c["name"], c["detail"]] for c in data.cat.contacts],
        (2, 3),
    )
