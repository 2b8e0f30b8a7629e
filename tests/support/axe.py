"""axe-core in a Playwright page: the serious and critical WCAG 2.1 A/AA violations of our content
(those caused by Streamlit's own markup, listed in tests/data/axe_streamlit_known.json, excused)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from support.server import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
KNOWN = Path(__file__).resolve().parents[1] / "data" / "axe_streamlit_known.json"


def axe_violations(page, context: str = "document") -> list[dict]:
    """Serious and critical violations in `context` (a CSS selector, or the whole document)."""
    if not AXE.exists():
        if os.environ.get("JEP_REQUIRE_BROWSER"):
            pytest.fail("axe-core is missing: run `npm ci` (test.sh does this when npm exists)")
        pytest.skip("axe-core is missing (npm ci)")
    known = {k: v for k, v in json.loads(KNOWN.read_text()).items() if not k.startswith("_")}
    # Evaluated through the browser's debugging protocol, which the page's Content-Security-Policy
    # does not govern (a <script> tag, as add_script_tag makes, would be refused by it).
    page.evaluate("() => {" + AXE.read_text(encoding="utf-8") + "\n;}")
    return list(
        page.evaluate(
            """async ([known, context]) => {
                const root = context === 'document' ? document : document.querySelector(context);
                const r = await axe.run(root, {resultTypes: ['violations'],
                    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
                const excused = (id, target) => {
                    const el = document.querySelector(target[target.length - 1]);
                    return !!el && (known[id] || []).some(sel => el.closest(sel));
                };
                return r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.filter(n => !excused(v.id, n.target))
                            .map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160))}))
                    .filter(v => v.nodes.length);
            }""",
            [known, context],
        )
    )
