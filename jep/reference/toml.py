"""Reading the editable reference files in data/: the one TOML reader and its error.

Every file in data/ is read through `read_toml`; a missing or malformed file raises
`CatalogError` with the file named, so the application refuses to start with a message a staff
member can act on.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from jep.errors import UserError

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
"""Stable ids of catalogue entries: lowercase letters, digits and hyphens."""


class CatalogError(UserError):
    """A reference file in data/ is missing or malformed."""


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed TOML file; CatalogError naming the file when it is missing or not valid TOML."""
    if not path.exists():
        raise CatalogError(f"{path.name}: bestand ontbreekt ({path})")
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{path.name}: geen geldige TOML: {exc}") from exc


def fail(fname: str, message: str) -> CatalogError:
    """The error of a reference file `fname` with `message` (raise it)."""
    return CatalogError(f"{fname}: {message}")


def int_setting(
    doc: dict[str, Any], section: str, key: str, fname: str, low: int, high: int
) -> int:
    """`[section] key` of a parsed file as a whole number from `low` to `high`; CatalogError
    naming the file and the key otherwise."""
    value = (doc.get(section) or {}).get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise fail(fname, f"[{section}] {key} moet een geheel getal van {low} tot {high} zijn")
    return value
