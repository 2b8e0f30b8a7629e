"""The PDF libraries load when a PDF is made, not with the screens: fpdf2 (with fontTools) and
matplotlib hold about 65 MB of a server's memory that a session without a report never needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import ast, importlib, importlib.util, sys
from pathlib import Path

def top_level_imports(path):
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                try:
                    found = importlib.util.find_spec(sub) is not None
                except ModuleNotFoundError:
                    found = False
                yield sub if found else node.module

# every module the screens and the shared UI import when they load
files = [*Path("app_pages").glob("*.py"), *Path("app_ui").glob("*.py")]
for name in sorted({m for f in files for m in top_level_imports(f)}):
    if name.startswith(("jep", "app_ui")):
        importlib.import_module(name)
heavy = sorted(m for m in ("fpdf", "matplotlib", "fontTools") if m in sys.modules)
print(",".join(heavy))
"""


def test_screens_import_without_the_pdf_libraries():
    """What every screen (app_pages/) and the shared UI (app_ui/) import at their top."""
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
