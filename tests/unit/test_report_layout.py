"""The report reads well on paper: no prefix printed twice, no table heading broken mid-word, a
sentence stays on the page of its chart, and no empty comparison table."""

from __future__ import annotations

import io

import pandas as pd
from pypdf import PdfReader
from support.report_data import ACTOR, CAT, add_response, held_workshop

from jep.report import charts, versions
from jep.report import pdf as report_pdf
from jep.workshop import notes

SENTENCE = "Deze zin hoort bij de grafiek eronder."


def pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def text(pdf: bytes) -> str:
    return " ".join(pages(pdf))


def _chart() -> charts.Chart:
    counts = charts.domain_counts(
        pd.DataFrame(
            {
                "domain_id": ["jeugd", "onderwijs"],
                "domain": ["Jeugd", "Onderwijs"],
                "core": [True, True],
                "registered": [3, 2],
            }
        ),
        None,
    )
    return charts.domains_chart(counts)


def test_a_sentence_stays_on_the_page_of_its_chart():
    chart = _chart()
    for room in range(10, 140, 8):  # wherever the page happens to end
        doc = report_pdf._Doc("voettekst")
        doc.add_page()
        doc.set_y(doc.page_break_trigger - room)
        doc.para(SENTENCE, keep=doc.chart_height(chart))
        doc.chart(chart)
        found = [i for i, page in enumerate(pages(bytes(doc.output()))) if SENTENCE in page]
        with_caption = [
            i
            for i, page in enumerate(pages(bytes(doc.output())))
            if chart.alt.split()[0] in page and "Jeugd" in page
        ]
        assert len(found) == 1 and found == with_caption[-1:], room


def test_table_headings_do_not_break_mid_word():
    doc = report_pdf._Doc("voettekst")
    doc.add_page()
    headings = ["Doel", "n", "Vóór (gem.)", "Nu (gem.)", "Toename", "Beter", "Oordeel"]
    doc.grid(
        headings,
        [["Signalen", "3", "2,0", "3,7", "+1,7", "100%", "blijft achter: score ‘nu’ onder 3,5"]],
        (1.6, 0.5, 0.8, 0.8, 0.8, 0.7, 2.2),
        size=8.5,
    )
    words = text(bytes(doc.output())).split()
    for word in ("Toename", "Oordeel", "Beter", "(gem.)"):
        assert word in words, words[:20]


def test_a_prefix_is_not_printed_twice(conn):
    wid = held_workshop(conn)
    for detail in (
        "Besproken wanneer het gesprek met de jongere voorgaat.",
        "Eerst lichtere middelen.",
    ):
        errors, _ = notes.add(
            conn,
            wid,
            {"kind": "dilemma", "step": 3, "text": "Een casus over het gesprek.", "detail": detail},
            ACTOR,
            CAT,
            privacy_confirmed=True,
        )
        assert not errors
    pdf, _ = versions.build(conn, wid)
    body = text(pdf)
    assert "Besproken: Besproken" not in body
    assert "Besproken wanneer het gesprek" in body
    assert "Besproken: Eerst lichtere middelen." in body


def test_no_empty_comparison_table(conn):
    wid = held_workshop(conn)
    for grade in (6, 7, 8):
        add_response(conn, wid, {"sig-herkennen": (2, 4)}, grade=grade)
    pdf, data = versions.build(conn, wid)
    assert int(data.compare["others_workshops"].max()) == 0
    body = text(pdf)
    assert "nog geen andere werkateliers om mee te vergelijken" in body
    assert "Aantal andere werkateliers" not in body  # the table of dashes is left out
    other = held_workshop(conn, "GM0363")
    for grade in (5, 6, 7):
        add_response(conn, other, {"sig-herkennen": (1, 2)}, grade=grade)
    assert "Aantal andere werkateliers" in text(versions.build(conn, wid)[0])
