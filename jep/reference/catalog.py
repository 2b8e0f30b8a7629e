"""Editable reference data in data/: municipalities, sectors, knelpunten, werkwijze, settings.

Every file is validated when loaded. A broken file raises `CatalogError` with the file and the bad
entry named, so the application refuses to start with a message a staff member can act on.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from jep.reference.toml import DATA_DIR, ID_RE, CatalogError, read_toml

CODE_RE = re.compile(r"^GM\d{4}$")


@dataclass(frozen=True)
class Domain:
    id: str
    name: str
    core: bool


@dataclass(frozen=True)
class Sector:
    id: str
    name: str
    domain: str
    professions: tuple[str, ...]


@dataclass(frozen=True)
class Knelpunt:
    id: str
    short: str
    text: str


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    text: str


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    province: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()  # data/municipality_aliases.toml

    @property
    def listed_name(self) -> str:
        """The name in a list to choose from (searched while typing): with the other names
        people type for it, "'s-Gravenhage / Den Haag"."""
        return " / ".join((self.name, *self.aliases))


@dataclass(frozen=True)
class Catalog:
    domains: dict[str, Domain]
    sectors: dict[str, Sector]
    knelpunten: dict[str, Knelpunt]
    steps: tuple[Step, ...]
    contacts: tuple[dict[str, str], ...]
    werkwijze_version: str
    settings: dict[str, Any]
    municipalities: dict[str, Municipality] = field(repr=False)
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def listed_name(self, code: str, name: str) -> str:
        """A municipality's name in a list to choose from (`Municipality.listed_name`); `name`
        (as stored) for one that is no longer in the catalog."""
        known = self.municipalities.get(code)
        return known.listed_name if known else name


def _entries(doc: dict[str, Any], key: str, fname: str) -> list[dict[str, Any]]:
    items = doc.get(key)
    if not isinstance(items, list) or not items:
        raise CatalogError(f"{fname}: geen [[{key}]]-items gevonden")
    return items


def _require(entry: dict[str, Any], keys: dict[str, type], fname: str, where: str) -> None:
    for key, typ in keys.items():
        value = entry.get(key)
        if not isinstance(value, typ) or (isinstance(value, str) and not value.strip()):
            raise CatalogError(
                f"{fname}: {where} mist een geldig veld '{key}' ({typ.__name__}): {entry!r}"
            )


def _unique_ids(items: list[dict[str, Any]], fname: str, kind: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items, 1):
        ident = item["id"]
        if not ID_RE.match(ident):
            raise CatalogError(f"{fname}: {kind} nr. {i} heeft een ongeldig id '{ident}'")
        if ident in seen:
            raise CatalogError(f"{fname}: {kind} '{ident}' komt twee keer voor")
        seen.add(ident)


def load_sectors(path: Path) -> tuple[dict[str, Domain], dict[str, Sector]]:
    fname = path.name
    doc = read_toml(path)
    raw_domains = _entries(doc, "domain", fname)
    for i, d in enumerate(raw_domains, 1):
        _require(d, {"id": str, "name": str}, fname, f"domein nr. {i}")
    _unique_ids(raw_domains, fname, "domein")
    domains = {d["id"]: Domain(d["id"], d["name"], bool(d.get("core", False))) for d in raw_domains}
    raw_sectors = _entries(doc, "sector", fname)
    for i, s in enumerate(raw_sectors, 1):
        _require(s, {"id": str, "name": str, "domain": str}, fname, f"sector nr. {i}")
        if s["domain"] not in domains:
            raise CatalogError(
                f"{fname}: sector '{s['id']}' verwijst naar onbekend domein '{s['domain']}'"
            )
        profs = s.get("professions", [])
        if not isinstance(profs, list) or not all(isinstance(p, str) and p for p in profs):
            raise CatalogError(f"{fname}: sector '{s['id']}' heeft een ongeldige beroepenlijst")
    _unique_ids(raw_sectors, fname, "sector")
    sectors = {
        s["id"]: Sector(s["id"], s["name"], s["domain"], tuple(s.get("professions", [])))
        for s in raw_sectors
    }
    return domains, sectors


def load_knelpunten(path: Path) -> dict[str, Knelpunt]:
    fname = path.name
    items = _entries(read_toml(path), "knelpunt", fname)
    for i, k in enumerate(items, 1):
        _require(k, {"id": str, "short": str, "text": str}, fname, f"knelpunt nr. {i}")
    _unique_ids(items, fname, "knelpunt")
    return {k["id"]: Knelpunt(k["id"], k["short"], k["text"]) for k in items}


def load_werkwijze(path: Path) -> tuple[str, tuple[Step, ...], tuple[dict[str, str], ...]]:
    fname = path.name
    doc = read_toml(path)
    items = _entries(doc, "step", fname)
    for i, s in enumerate(items, 1):
        _require(s, {"number": int, "title": str, "text": str}, fname, f"stap nr. {i}")
    numbers = [s["number"] for s in items]
    if numbers != list(range(1, len(items) + 1)):
        raise CatalogError(f"{fname}: stappen moeten 1, 2, 3 … genummerd zijn, niet {numbers}")
    contacts = doc.get("contact", [])
    for i, c in enumerate(contacts, 1):
        _require(c, {"name": str, "detail": str}, fname, f"contactpunt nr. {i}")
    steps = tuple(Step(s["number"], s["title"], s["text"]) for s in items)
    return str(doc.get("version", "")), steps, tuple(dict(c) for c in contacts)


SETTINGS_SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "workshop": {"max_participants": int},
    "invite": {"expiry_days": int},
    "signin": {
        "max_failures": int,
        "address_max_failures": int,
        "first_delay_seconds": (int, float),
        "lock_minutes": int,
        "reset_minutes": int,
        "delay_seconds": (int, float),
    },
    "session": {"idle_minutes": int, "max_hours": (int, float)},
    "intake": {"min_preferred_dates": int},
}


def load_settings(path: Path) -> dict[str, Any]:
    fname = path.name
    doc = read_toml(path)
    for section, keys in SETTINGS_SCHEMA.items():
        if not isinstance(doc.get(section), dict):
            raise CatalogError(f"{fname}: sectie [{section}] ontbreekt")
        for key, typ in keys.items():
            value = doc[section].get(key)
            if not isinstance(value, typ) or isinstance(value, bool) or float(value) < 0:  # type: ignore[arg-type]
                raise CatalogError(f"{fname}: [{section}] {key} moet een getal ≥ 0 zijn")
    if doc["workshop"]["max_participants"] < 1:
        raise CatalogError(f"{fname}: [workshop] max_participants moet minstens 1 zijn")
    return doc


def load_municipalities(path: Path) -> dict[str, Municipality]:
    fname = path.name
    if not path.exists():
        raise CatalogError(f"{fname}: bestand ontbreekt ({path})")
    result: dict[str, Municipality] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ["code", "name", "province", "lat", "lon"]:
            raise CatalogError(f"{fname}: kolommen moeten code,name,province,lat,lon zijn")
        for line, row in enumerate(reader, 2):
            code = (row["code"] or "").strip()
            if not CODE_RE.match(code):
                raise CatalogError(f"{fname}: regel {line}: ongeldige gemeentecode '{code}'")
            if code in result:
                raise CatalogError(f"{fname}: regel {line}: gemeentecode '{code}' dubbel")
            if not (row["name"] or "").strip() or not (row["province"] or "").strip():
                raise CatalogError(f"{fname}: regel {line}: naam of provincie ontbreekt")
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError) as exc:
                raise CatalogError(f"{fname}: regel {line}: ongeldige coördinaten") from exc
            result[code] = Municipality(
                code, row["name"].strip(), row["province"].strip(), lat, lon
            )
    if not result:
        raise CatalogError(f"{fname}: geen gemeenten gevonden")
    return result


def load_aliases(path: Path, municipalities: dict[str, Municipality]) -> dict[str, Municipality]:
    """`municipalities` with the other names of data/municipality_aliases.toml."""
    fname = path.name
    doc = read_toml(path)
    aliases = doc.get("aliases")
    if not isinstance(aliases, dict):
        raise CatalogError(f"{fname}: sectie [aliases] ontbreekt")
    result = dict(municipalities)
    for code, names in aliases.items():
        if code not in municipalities:
            raise CatalogError(f"{fname}: onbekende gemeentecode '{code}'")
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and n.strip() and "/" not in n for n in names)
        ):
            raise CatalogError(
                f"{fname}: {code} moet een lijst van namen zijn (niet leeg, zonder '/')"
            )
        result[code] = replace(municipalities[code], aliases=tuple(n.strip() for n in names))
    return result


def load_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    """Load and validate every reference file in `data_dir`."""
    domains, sectors = load_sectors(data_dir / "sectors.toml")
    version, steps, contacts = load_werkwijze(data_dir / "werkwijze.toml")
    return Catalog(
        domains=domains,
        sectors=sectors,
        knelpunten=load_knelpunten(data_dir / "knelpunten.toml"),
        steps=steps,
        contacts=contacts,
        werkwijze_version=version,
        settings=load_settings(data_dir / "settings.toml"),
        municipalities=load_aliases(
            data_dir / "municipality_aliases.toml",
            load_municipalities(data_dir / "municipalities.csv"),
        ),
    )


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The catalog of the default data folder, loaded once per process."""
    return load_catalog(DATA_DIR)
