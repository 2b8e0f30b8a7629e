"""The PDF report: read back with pypdf – the municipality, every accepted recommendation and no
rejected one, the same figures as jep.evaluation_stats; empty sections, unusual characters,
versions, marking as sent and the command line."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader
from support.report_data import ACTOR, CAT, ODD, add_notes, add_response, held_workshop

import jep
from jep.__main__ import main
from jep.evaluation import stats as es
from jep.fmt import fmt_num
from jep.reference.toml import CatalogError
from jep.report import content, review, rules, texts, versions
from jep.report import pdf as report_pdf
from jep.workshop import workshops

RB = rules.rules()


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def pct(x: float) -> str:
    return f"{x:.0%}"


def signed(x: float) -> str:
    return ("+" if x > 0 else "") + fmt_num(x)


@pytest.fixture
def evaluated(conn):
    """A held workshop with evaluations, notes and reviewed recommendations."""
    wid = held_workshop(
        conn,
        knelpunten={"geen-terugkoppeling": 4, "smal-beeld": 4, "dossiervorming": 3},
        sectors={"jeugdhulp": 2, "onderwijs": 2, "veiligheid": 1},
        present={"jeugdhulp": 2, "onderwijs": 2, "veiligheid": 1},
    )
    answers = [
        (
            {"sig-herkennen": (2, 4), "net-terugkoppeling": (2, 3), "aanbevelen": 5},
            8,
            "Eerst anoniem advies vragen.",
        ),
        ({"sig-herkennen": (3, 4), "net-terugkoppeling": (2, 2), "aanbevelen": 4}, 7, None),
        (
            {"sig-herkennen": (1, 3), "net-terugkoppeling": (3, 3), "aanbevelen": 4},
            9,
            "De stappen.",
        ),
        ({"sig-herkennen": (2, 2), "net-terugkoppeling": (1, 3)}, 6, None),
    ]
    for scores, grade, text in answers:
        add_response(conn, wid, scores, grade, sector="jeugdhulp", open_text=text)
    add_notes(conn, wid)
    review.decide(conn, wid, "terugkoppeling-afspreken", "aanvaard", ACTOR, RB)
    review.decide(conn, wid, "breed-beeld-extremisme", "afgewezen", ACTOR, RB)
    review.reword(
        conn,
        wid,
        "dossiervorming-trainen",
        {
            "title": "Oefen samen met dossiervorming",
            "text": "Een eigen formulering.",
            "owner": "organisaties",
            "priority": 2,
        },
        ACTOR,
        RB,
    )
    review.add_own(
        conn,
        wid,
        {
            "title": "Plan een vervolgbijeenkomst",
            "text": "Over een half jaar.",
            "owner": "gemeente",
            "priority": 3,
            "reason": "Wens van de deelnemers.",
        },
        ACTOR,
        RB,
    )
    return wid


def test_report_content_equals_the_data(conn, evaluated):
    wid = evaluated
    pdf, data = versions.build(conn, wid)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Utrecht" in text and "Verslag werkatelier" in text

    rev = review.review(conn, wid, RB)
    final = rev.final()
    assert {r.id for r in final} == {
        "terugkoppeling-afspreken",
        "dossiervorming-trainen",
        rev.own[0].id,
    }
    for rec in final:
        assert rec.title in text, rec.title
        assert rec.text in text, rec.id
    assert "Omdat in het voorgesprek ‘Geen terugkoppeling’ als knelpunt met ernst 4" in text
    assert "Wens van de deelnemers." in text
    for rec in rev.rejected + rev.undecided:
        assert rec.title not in text, rec.id
    assert RB.get("dossiervorming-trainen").title not in text  # reworded: only the new title

    # the evaluation figures are those of jep.evaluation_stats
    grades = es.grade_stats(conn, workshop_ids=[wid]).iloc[0]
    rva = es.responses_vs_attendance(conn, workshop_ids=[wid]).iloc[0]
    head = f"{rva['responses']} {rva['attendance']} {pct(rva['response_rate'])} "
    assert head + fmt_num(grades["median"]) in text  # evaluations, present, rate, median
    assert (rva["responses"], rva["attendance"], fmt_num(grades["median"])) == (4, 5, "7,5")
    for r in es.item_stats(conn, workshop_ids=[wid]).itertuples():
        if r.n:
            row = f"{r.text} {r.n} {fmt_num(r.before_mean)} {fmt_num(r.now_mean)} "
            assert row + f"{signed(r.gain_mean)} {pct(r.share_improved)}" in text, r.item_id
    for g in es.goal_stats(conn, workshop_ids=[wid]).itertuples():
        if g.n:
            assert f"{g.goal} {g.n} {fmt_num(g.before_mean)} {fmt_num(g.now_mean)}" in text
    for r in es.likert_stats(conn, workshop_ids=[wid]).itertuples():
        if r.n:
            assert f"{r.text} {r.n} {pct(r.share_agree)} {fmt_num(r.mean)}" in text
    assert "Eerst anoniem advies vragen." in text
    # notes, knelpunten, participants and appendices
    assert "Stap 5 – Besluiten of extern delen noodzakelijk is" in text
    assert "Mag de school delen met de wijkagent?" in text
    assert "Contactpersonen bij partners wisselen vaak." in text
    assert "Een netwerklunch twee keer per jaar." in text
    assert "Jeugdhulp & jeugdbescherming Jeugd 2 2 2" in text  # desired, registered, present
    assert "Signalen beschrijven" in text and "070 - 333 4558" in text


def test_document_properties(conn, evaluated):
    pdf, data = versions.build(conn, evaluated)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title.startswith("Verslag werkatelier Utrecht")
    assert reader.metadata.author == "Platform JEP"
    assert reader.metadata.creator == f"Werkatelier-dashboard Platform JEP {jep.__version__}"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[0] == "1. Aanleiding en context"
    assert "8. Aanbevelingen op maat" in titles and "Bijlage B. Contactpunten" in titles
    n = len(reader.pages)
    assert f"pagina 2 van {n}" in reader.pages[1].extract_text()
    assert "Inhoud" in reader.pages[1].extract_text()
    assert pdf.count(b"/Alt") >= 4  # every chart has a text alternative
    assert data.undecided > 0


def test_a_workshop_without_evaluations_or_notes_builds(conn):
    wid = held_workshop(conn, knelpunten={"smal-beeld": 1}, sectors={"jeugdhulp": 1})
    pdf, _ = versions.build(conn, wid)
    text = pdf_text(pdf)
    for message in (
        "Nog geen evaluaties ontvangen.",
        "Er zijn geen besproken dilemma’s vastgelegd.",
        "Er zijn geen juridische vragen vastgelegd.",
        "Er zijn (nog) geen aanbevelingen vastgesteld.",
    ):
        assert message in text


def test_a_fresh_request_builds(conn):
    wid = workshops.create_request(conn, "GM0363", ACTOR)
    pdf, _ = versions.build(conn, wid, include_undecided=True)
    text = pdf_text(pdf)
    assert "Amsterdam" in text
    assert "Er is nog geen voorgesprek ingediend." in text
    assert "Er zijn (nog) geen deelnemers geregistreerd." in text


def test_unusual_characters_in_every_text_field(conn, tmp_path):
    wid = held_workshop(conn, knelpunten={"smal-beeld": 5}, present={"jeugdhulp": 1}, text=ODD)
    add_notes(conn, wid, text=ODD)
    for _ in range(3):
        add_response(conn, wid, {"net-wie": (1, 2)}, 7, open_text=ODD)
    raw = {"title": ODD[:200], "text": ODD, "owner": "gemeente", "priority": 1, "reason": ODD}
    assert review.add_own(conn, wid, raw, ACTOR, RB, privacy_confirmed=True)[0] == {}
    assert (
        review.reword(conn, wid, "breed-beeld-extremisme", raw, ACTOR, RB, privacy_confirmed=True)
        == {}
    )
    pdf, data = versions.build(conn, wid, include_undecided=True)
    text = pdf_text(pdf)
    assert "Zoë’s café “citaat” € 12,50" in text
    assert "<script>alert('x')</script>" in text
    assert "□" in text  # glyphs the font lacks (most emoji) are shown as a box
    assert "Donaudampfschifffahrts" in text  # the very long word was broken, not lost
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 10
    if shutil.which("pdftoppm"):  # every page renders
        (tmp_path / "r.pdf").write_bytes(pdf)
        cmd = ["pdftoppm", "-png", "-r", "30", str(tmp_path / "r.pdf"), str(tmp_path / "page")]
        subprocess.run(cmd, check=True, capture_output=True)
        assert len(list(tmp_path.glob("page-*.png"))) == len(reader.pages)


def test_clean_text_for_the_pdf():
    assert report_pdf.clean("e\u0301") == "é"  # NFC
    assert report_pdf.clean("a\x00b\tc") == "a b c"
    assert report_pdf.clean("🦄🦄 en 👩‍👩‍👧") == "□ en □"
    assert report_pdf.clean("abc שלום def") == "abc םולש def"
    assert report_pdf.clean("pagina {nb}") != "pagina {nb}"
    assert report_pdf.clean(float("nan")) == "" and report_pdf.clean(None) == ""


def test_versions_are_stored_and_reproducible(conn, evaluated):
    wid = evaluated
    steps: list[str] = []
    made = versions.create_version(conn, wid, ACTOR, progress=lambda f, label: steps.append(label))
    assert made["number"] == 1 and steps[-1] == "Klaar" and "Grafieken tekenen" in steps
    name, pdf = versions.version_pdf(conn, wid, made["id"], actor=ACTOR)
    assert name == "verslag-werkatelier-utrecht-2026-11-10-v1.pdf"
    assert "Versie 1" in pdf_text(pdf)
    stored = versions.version_recommendations(conn, wid, made["id"])
    assert [r["id"] for r in stored] == [r.id for r in review.review(conn, wid, RB).final()]
    assert all(r["reason"] or r["source"] == "eigen" for r in stored)

    # a later change does not alter the stored version
    review.decide(conn, wid, "terugkoppeling-afspreken", "afgewezen", ACTOR, RB)
    second = versions.create_version(conn, wid, "collega")
    assert second["number"] == 2
    assert versions.version_pdf(conn, wid, made["id"])[1] == pdf
    title = RB.get("terugkoppeling-afspreken").title
    assert title in pdf_text(pdf)
    assert title not in pdf_text(versions.version_pdf(conn, wid, second["id"])[1])
    stored = versions.versions(conn, wid)
    assert list(stored["number"]) == [2, 1]
    assert list(stored["created_by"]) == ["collega", ACTOR]


def test_mark_sent_moves_the_workshop(conn, evaluated):
    wid = evaluated
    made = versions.create_version(conn, wid, ACTOR)
    message = versions.mark_sent(conn, wid, made["id"], ACTOR, date(2026, 11, 30))
    assert "verslag verstuurd" in message
    assert workshops.get(conn, wid)["status"] == "verslag verstuurd"
    row = versions.versions(conn, wid).iloc[0]
    assert row["sent_by"] == ACTOR and row["sent_at"]
    again = versions.create_version(conn, wid, ACTOR)  # a corrected version, sent again
    assert "Versie 2" in versions.mark_sent(conn, wid, again["id"], ACTOR, date(2026, 11, 30))


def test_mark_sent_refused_before_the_workshop(conn):
    wid = workshops.create_request(conn, "GM0344", ACTOR)
    made = versions.create_version(conn, wid, ACTOR)
    with pytest.raises(content.ReportError, match="pas verstuurd"):
        versions.mark_sent(conn, wid, made["id"], ACTOR, date(2026, 11, 30))
    with pytest.raises(content.ReportError, match="bestaat niet"):
        versions.mark_sent(conn, wid, 9999, ACTOR, date(2026, 11, 30))


def test_command_line(conn, evaluated, tmp_path, capsys):
    out = tmp_path / "verslag.pdf"
    assert main(["report", str(evaluated), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    printed = capsys.readouterr()
    assert "bewaard als versie 1" in printed.out
    assert "nog niet beoordeeld" in printed.err
    assert (
        main(["report", str(evaluated), "--out", str(out), "--no-save", "--include-undecided"]) == 0
    )
    assert len(versions.versions(conn, evaluated)) == 1
    assert main(["report", "9999", "--out", str(out)]) == 1


def test_broken_report_texts_are_refused(tmp_path):
    text = (texts.DATA_DIR / "report.toml").read_text(encoding="utf-8")
    bad = tmp_path / "report.toml"
    bad.write_text(text.replace("Verslag werkatelier {gemeente}", "Verslag {stad}"), "utf-8")
    with pytest.raises(CatalogError, match="report.toml.*footer.*stad"):
        texts.load_texts(bad)


def test_a_long_table_of_contents_spans_two_pages_and_points_right(conn):
    wid = held_workshop(conn, knelpunten=dict.fromkeys(CAT.knelpunten, 5))
    for i in range(25):
        raw = {
            "title": f"Eigen aanbeveling {i + 1}",
            "text": "Tekst.",
            "owner": "gemeente",
            "priority": 3,
            "reason": "",
        }
        assert review.add_own(conn, wid, raw, ACTOR, RB)[0] == {}
    pdf, data = versions.build(conn, wid, include_undecided=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert "Inhoud" in reader.pages[1].extract_text()
    assert "Eigen aanbeveling 25" in reader.pages[2].extract_text()  # the contents go on
    assert "1. Aanleiding en context" in reader.pages[3].extract_text()
    for item in reader.outline:
        if isinstance(item, list):
            continue
        page = reader.get_destination_page_number(item)
        assert item.title.split(" ", 1)[-1][:30] in " ".join(
            reader.pages[page].extract_text().split()
        ), item.title
