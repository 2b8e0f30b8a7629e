"""The report's section titles, intro texts and "no data" messages (data/report.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jep.reference.toml import DATA_DIR, CatalogError, read_toml
from jep.report import charts as charts

TEXT_KEYS: dict[str, tuple[str, ...]] = {
    "document": (
        "title",
        "subtitle",
        "author",
        "organisation",
        "cover_line",
        "contact",
        "confidential",
        "demo",
        "footer",
        "toc",
    ),
    "sections": (
        "context",
        "intake",
        "participants",
        "dilemmas",
        "legal",
        "knelpunten",
        "solutions",
        "evaluation",
        "recommendations",
        "appendix_steps",
        "appendix_contacts",
    ),
    "intro": (
        "context",
        "context_answers",
        "intake",
        "participants",
        "dilemmas",
        "legal",
        "knelpunten",
        "solutions",
        "evaluation",
        "recommendations",
        "appendix_steps",
        "appendix_contacts",
    ),
    "empty": (
        "intake",
        "intake_knelpunten",
        "intake_sectors",
        "participants",
        "dilemmas",
        "legal",
        "knelpunten",
        "solutions",
        "evaluation",
        "recommendations",
        "contacts",
    ),
    "labels": ("own_reason", "reason", "owner", "priority"),
}

TEXT_FIELDS = {"gemeente", "provincie", "datum"}

# ---------------------------------------------------------------- texts (data/report.toml)


@dataclass(frozen=True)
class ReportTexts:
    document: dict[str, str]
    sections: dict[str, str]
    intro: dict[str, str]
    empty: dict[str, str]
    labels: dict[str, str]


def load_texts(path: Path | None = None) -> ReportTexts:
    """Load and validate data/report.toml (CatalogError names the file and the entry)."""
    path = path or DATA_DIR / "report.toml"
    fname = path.name
    doc = read_toml(path)
    parts: dict[str, dict[str, str]] = {}
    for section, keys in TEXT_KEYS.items():
        table = doc.get(section)
        if not isinstance(table, dict):
            raise CatalogError(f"{fname}: sectie [{section}] ontbreekt")
        for key in keys:
            value = table.get(key)
            if not isinstance(value, str) or not value.strip():
                raise CatalogError(f"{fname}: [{section}] {key} mist een tekst")
            for name in re.findall(r"\{([^{}]*)\}", value):
                if name not in TEXT_FIELDS:
                    raise CatalogError(
                        f"{fname}: [{section}] {key} gebruikt onbekende invulplek {{{name}}}; "
                        "toegestaan: {gemeente}, {provincie}, {datum}"
                    )
        parts[section] = {k: table[k].strip() for k in keys}
    return ReportTexts(**parts)


@lru_cache(maxsize=1)
def texts() -> ReportTexts:
    return load_texts()
