"""The PDF libraries load when a PDF is made, not with the screens: fpdf2 (with fontTools) and
matplotlib hold about 65 MB of a server's memory that a session without a report never needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import sys
import app_ui.evaluation_widgets, app_ui.mail, app_ui.session, app_ui.widgets
import jep.evaluation.paper, jep.outgoing, jep.report.content, jep.report.versions
heavy = sorted(m for m in ("fpdf", "matplotlib", "fontTools") if m in sys.modules)
print(",".join(heavy))
"""


def test_screens_import_without_the_pdf_libraries():
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "", f"imported at start: {done.stdout.strip()}"


def test_the_fonts_are_found_without_importing_matplotlib():
    from jep.evaluation import paper
    from jep.report import pdf

    assert (paper.FONT_DIR / "DejaVuSans.ttf").is_file()
    assert pdf.FONT_DIR == paper.FONT_DIR
