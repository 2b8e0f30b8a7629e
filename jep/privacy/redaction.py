"""Redacting stored free text: find personal data that was saved anyway, and remove it.

The privacy guard (`jep.privacy`) checks free text before it is saved; text saved earlier, or
confirmed by its writer, can still hold a BSN, a phone number or a young person's name. Which
stored fields are free text is data (`data/free_text.toml`), so fields added by other parts of the
application are covered by adding a line there. `scan_stored` lists every finding; `redact`
replaces the findings in one stored value by placeholders such as "[BSN verwijderd]" (computed
anew from the current text, never from what a page showed) and audits it without copying the
text into the audit log.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from jep.errors import UserError
from jep.privacy import guard as privacy
from jep.privacy.retention import IDENT_RE, JSON_PATH_RE, table_columns
from jep.reference.toml import DATA_DIR, CatalogError, read_toml
from jep.store import audit
from jep.store.db import write
from jep.text import parse_int

FREE_TEXT_FILE = DATA_DIR / "free_text.toml"
FIELD_KEYS = {
    "id",
    "title",
    "table",
    "workshop_column",
    "column",
    "json_column",
    "json_path",
    "via_column",
    "via_table",
    "bump_column",
}


class RedactionError(UserError):
    """A redaction was refused; the message is Dutch and safe to show."""


@dataclass(frozen=True)
class TextField:
    id: str
    title: str
    table: str
    column: str | None = None
    json_column: str | None = None
    json_path: str | None = None
    workshop_column: str | None = None
    via_column: str | None = None
    via_table: str | None = None
    bump_column: str | None = None

    @property
    def stored_in(self) -> str:
        return self.column or str(self.json_column)


@dataclass(frozen=True)
class Hit:
    """One stored text with findings."""

    field: str  # TextField.id
    title: str
    rowid: int
    path: tuple[str | int, ...]  # keys inside the JSON document; () for a plain column
    workshop_id: int | None
    municipality: str | None
    text: str
    findings: tuple[privacy.Finding, ...]

    @property
    def ref(self) -> str:
        """A stable reference for a page widget key."""
        return json.dumps([self.field, self.rowid, list(self.path)])


def load_fields(path: Path = FREE_TEXT_FILE) -> tuple[TextField, ...]:
    """Read and validate the free-text list; raises CatalogError naming file and entry."""
    fname = path.name
    doc = read_toml(path)
    items = doc.get("field", [])
    if not isinstance(items, list):
        raise CatalogError(f"{fname}: 'field' moet een lijst [[field]] zijn")
    fields: list[TextField] = []
    for i, raw in enumerate(items, 1):
        where = f"veld nr. {i}"
        if not isinstance(raw, dict):
            raise CatalogError(f"{fname}: {where}: geen tabel")
        if isinstance(raw.get("id"), str):
            where = f"veld '{raw['id']}'"
        unknown = set(raw) - FIELD_KEYS
        if unknown:
            raise CatalogError(
                f"{fname}: {where}: onbekende sleutel(s) {', '.join(sorted(unknown))}"
            )
        for key in ("id", "title"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise CatalogError(f"{fname}: {where}: '{key}' ontbreekt")
        for key in ("table", "column", "json_column", "workshop_column", "via_column"):
            if key in raw and not (isinstance(raw[key], str) and IDENT_RE.match(raw[key])):
                raise CatalogError(f"{fname}: {where}: '{key}' is geen geldige naam")
        for key in ("via_table", "bump_column"):
            if key in raw and not (isinstance(raw[key], str) and IDENT_RE.match(raw[key])):
                raise CatalogError(f"{fname}: {where}: '{key}' is geen geldige naam")
        if "table" not in raw:
            raise CatalogError(f"{fname}: {where}: 'table' ontbreekt")
        if ("column" in raw) == ("json_column" in raw):
            raise CatalogError(f"{fname}: {where}: geef 'column' of 'json_column' (één van beide)")
        if "json_column" in raw and not (
            isinstance(raw.get("json_path"), str) and JSON_PATH_RE.match(raw["json_path"])
        ):
            raise CatalogError(f"{fname}: {where}: 'json_path' zoals 'knelpunten.*.explanation'")
        if ("via_column" in raw) != ("via_table" in raw):
            raise CatalogError(f"{fname}: {where}: 'via_column' en 'via_table' horen bij elkaar")
        fields.append(TextField(**{k: raw.get(k) for k in FIELD_KEYS}))  # type: ignore[arg-type]
    if len({f.id for f in fields}) != len(fields):
        raise CatalogError(f"{fname}: een veld-id komt twee keer voor")
    return tuple(fields)


@lru_cache(maxsize=1)
def fields() -> tuple[TextField, ...]:
    return load_fields(FREE_TEXT_FILE)


def problem(db: Database, f: TextField) -> str | None:
    """Why the field cannot be checked on this database, or None."""
    cols = table_columns(db, f.table)
    if not cols:
        return f"tabel '{f.table}' bestaat (nog) niet"
    own = [c for c in (f.column, f.json_column, f.via_column, f.bump_column) if c]
    if not f.via_table and f.workshop_column:
        own.append(f.workshop_column)
    missing = [c for c in own if c not in cols]
    if missing:
        return f"kolom {', '.join(missing)} ontbreekt in '{f.table}'"
    if f.via_table:
        parent = table_columns(db, f.via_table)
        if "id" not in parent or (f.workshop_column and f.workshop_column not in parent):
            return f"tabel '{f.via_table}' of haar kolommen ontbreken"
    return None


def _walk(doc: Any, parts: list[str], prefix: tuple = ()) -> list[tuple[tuple, Any]]:
    """(concrete path, value) of every place `parts` (with `*`) reaches in `doc`."""
    if not parts:
        return [(prefix, doc)]
    head, rest = parts[0], parts[1:]
    if isinstance(doc, dict):
        keys = list(doc) if head == "*" else ([head] if head in doc else [])
    elif isinstance(doc, list):
        keys = list(range(len(doc))) if head == "*" else []
        index = parse_int(head, 0, len(doc) - 1)
        if index is not None:
            keys = [index]
    else:
        return []
    return [hit for k in keys for hit in _walk(doc[k], rest, (*prefix, k))]


def _rows(db: Database, f: TextField, rowid: int | None = None) -> list[tuple]:
    """(rowid, workshop id, municipality name, stored value) of the field's table."""
    src = "p" if f.via_table else "t"
    wcol = f'{src}."{f.workshop_column}"' if f.workshop_column else "NULL"
    join = f'LEFT JOIN "{f.via_table}" p ON p.id = t."{f.via_column}" ' if f.via_table else ""
    sql = (
        f'SELECT t.rowid, {wcol}, m.name, t."{f.stored_in}" FROM "{f.table}" t {join}'
        f"LEFT JOIN workshops w ON w.id = {wcol} "
        "LEFT JOIN municipalities m ON m.code = w.municipality_code "
        f'WHERE t."{f.stored_in}" IS NOT NULL AND t."{f.stored_in}" <> \'\''
    )
    params: list[Any] = []
    if rowid is not None:
        sql += " AND t.rowid = ?"
        params.append(rowid)
    return db.execute(sql, params).fetchall()


def _texts(f: TextField, stored: Any) -> list[tuple[tuple, str]]:
    if f.column:
        return [((), stored)] if isinstance(stored, str) else []
    try:
        doc = json.loads(stored)
    except (TypeError, ValueError):
        return []
    return [(p, v) for p, v in _walk(doc, str(f.json_path).split(".")) if isinstance(v, str)]


def scan_stored(db: Database, only: list[str] | None = None) -> list[Hit]:
    """Every stored free text in which the privacy guard finds something."""
    hits: list[Hit] = []
    for f in fields():
        if (only and f.id not in only) or problem(db, f):
            continue
        for rowid, wid, name, stored in _rows(db, f):
            for path, text in _texts(f, stored):
                found = privacy.scan(text)
                if found:
                    hits.append(Hit(f.id, f.title, rowid, path, wid, name, text, tuple(found)))
    return hits


def status(db: Database) -> list[dict[str, str]]:
    """Every free-text field and whether it is checked here (for the page)."""
    return [
        {
            "veld": f.title,
            "tabel": f.table,
            "gecontroleerd": "ja" if (why := problem(db, f)) is None else f"nee: {why}",
        }
        for f in fields()
    ]


def redact(db: Database, field_id: str, rowid: int, path: tuple | list, actor: str) -> str | None:
    """Redact the findings in one stored text; returns the new text (None: nothing found).

    Reads the current value inside the write transaction, so what is redacted is what is stored.
    """
    f = next((x for x in fields() if x.id == field_id), None)
    if f is None or problem(db, f):
        raise RedactionError("Dit veld kan hier niet worden bewerkt.")
    path = tuple(path)
    with write(db):
        rows = _rows(db, f, rowid)
        if not rows:
            raise RedactionError("Deze tekst bestaat niet meer; vernieuw de lijst.")
        _, wid, _, stored = rows[0]
        texts = dict(_texts(f, stored))
        if path not in texts:
            raise RedactionError("Deze tekst is intussen gewijzigd; vernieuw de lijst.")
        old = texts[path]
        findings = privacy.scan(old)
        if not findings:
            return None
        new = privacy.redact(old, findings)
        if f.column:
            value: Any = new
        else:
            doc = json.loads(stored)
            box = doc
            for key in path[:-1]:
                box = box[key]
            box[path[-1]] = new
            value = json.dumps(doc, ensure_ascii=False)
        bump = f', "{f.bump_column}" = "{f.bump_column}" + 1' if f.bump_column else ""
        db.execute(
            f'UPDATE "{f.table}" SET "{f.stored_in}" = ?{bump} WHERE rowid = ?', [value, rowid]
        )
        kinds = Counter(x.kind for x in findings)
        audit.log(
            db,
            actor,
            "vrije tekst geredigeerd",
            "workshop" if wid is not None else f.table,
            wid if wid is not None else rowid,
            {"veld": f.id, "rij": rowid, "pad": list(path), "gevonden": dict(kinds)},
        )
    return new


def redact_all(db: Database, hits: list[Hit], actor: str) -> int:
    """Redact every hit (each audited); returns how many texts changed."""
    done = 0
    for h in hits:
        try:
            if redact(db, h.field, h.rowid, h.path, actor) is not None:
                done += 1
        except RedactionError:
            continue
    return done
