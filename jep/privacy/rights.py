"""Rights of the people whose data we hold (AVG): access (export) and erasure, per municipality.

Everything held about a municipality hangs off its workshops: the tables that reference
`workshops` (intakes, invites, participants, evaluations, notes, reports…) and the tables that
reference those, found by following the database's own foreign keys, so tables added later are
included without a change here. Audit rows that concern the municipality are exported too; they are
never erased (the database refuses it), but they hold no contact details.

- `export_zip(db, code, actor)`: a ZIP with `gegevens.json` (every row, grouped by table), binary
  columns (e.g. stored PDF reports) as separate files and a short Dutch read-me. Audited.
- `erase(db, code, mode, confirmation, actor)`: `anonimiseren` erases every field named by the
  retention rules (contact details, names, free text) and keeps the figures; `wissen` deletes the
  municipality's workshops and everything attached. Only when `confirmation` is the
  municipality's name. Audited.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from jep.errors import UserError
from jep.privacy import retention
from jep.store import audit
from jep.store.db import now, write

MODES = {
    "anonimiseren": "Anonimiseren: persoonsgegevens en vrije tekst wissen, cijfers bewaren",
    "wissen": "Wissen: alle werkateliers van de gemeente met alles wat eraan hangt verwijderen",
}
# Secrets and pseudonymous keys are never handed out, not even to the data subject.
EXCLUDED_COLUMNS = {"token_hash", "session_hash", "password_hash"}
SKIPPED_TABLES = {"audit_log", "meta", "_sqlite_migrations", "municipalities", "staff"}


TABLE_LABELS = {
    "workshops": "werkateliers",
    "intakes": "voorgesprekken",
    "intake_knelpunten": "knelpunten uit voorgesprekken",
    "intake_sectors": "gewenste sectoren",
    "invites": "links",
    "participants": "deelnemers",
    "evaluation_links": "evaluatielinks",
    "evaluation_responses": "evaluaties",
    "evaluation_answers": "evaluatieantwoorden",
    "followups": "terugblikken",
    "followup_recommendations": "aanbevelingen in terugblikken",
    "followup_knelpunten": "knelpunten in terugblikken",
    "followup_responses": "terugblikken van deelnemers",
    "followup_answers": "antwoorden in terugblikken van deelnemers",
}


def describe(counts: dict[str, int]) -> str:
    """'3 werkateliers, 40 deelnemers, …' (tables without a label by their own name)."""
    return ", ".join(f"{n} {TABLE_LABELS.get(t, t)}" for t, n in counts.items() if n)


class RightsError(UserError):
    """A request was refused; the message is Dutch and safe to show."""


@dataclass
class Holding:
    """Rowids per table of everything that hangs off one municipality's workshops, in the order
    found (parents before children)."""

    code: str
    name: str
    workshop_ids: list[int]
    rows: dict[str, list[int]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {t: len(ids) for t, ids in self.rows.items() if ids}


def _tables(db: Database) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]


def _references(db: Database) -> list[tuple[str, str, str, str]]:
    """(child table, child column, parent table, parent column) for every foreign key."""
    refs = []
    for table in _tables(db):
        if table in SKIPPED_TABLES:
            continue
        for fk in db.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
            parent, child_col, parent_col = fk[2], fk[3], fk[4]
            if parent_col is None:  # references the parent's primary key
                pk = [r[1] for r in db.execute(f'PRAGMA table_info("{parent}")') if r[5]]
                parent_col = pk[0] if len(pk) == 1 else "rowid"
            refs.append((table, child_col, parent, parent_col))
    return refs


def municipality(db: Database, code: str) -> tuple[str, str]:
    row = db.execute("SELECT code, name FROM municipalities WHERE code = ?", [code]).fetchone()
    if not row:
        raise RightsError("Kies een bestaande gemeente.")
    return row[0], row[1]


def holding(db: Database, code: str) -> Holding:
    """Everything the database holds that hangs off the municipality's workshops."""
    code, name = municipality(db, code)
    wids = [
        r[0] for r in db.execute("SELECT id FROM workshops WHERE municipality_code = ?", [code])
    ]
    found = Holding(code, name, wids, {"workshops": list(wids)})
    refs = _references(db)
    queue = ["workshops"]
    while queue:
        parent = queue.pop(0)
        parent_ids = found.rows.get(parent, [])
        if not parent_ids:
            continue
        for child, child_col, ptable, pcol in refs:
            if ptable != parent or child == parent:
                continue
            keys = _values(db, parent, pcol, parent_ids)
            ids = _rowids_where_in(db, child, child_col, keys)
            known = set(found.rows.get(child, []))
            new = [i for i in ids if i not in known]
            if new:
                found.rows.setdefault(child, []).extend(new)
                queue.append(child)
    return found


def _values(db: Database, table: str, column: str, rowids: list[int]) -> list[Any]:
    out: list[Any] = []
    for start in range(0, len(rowids), retention.CHUNK):
        chunk = rowids[start : start + retention.CHUNK]
        marks = ", ".join("?" * len(chunk))
        out += [
            r[0]
            for r in db.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid IN ({marks})', chunk)
        ]
    return out


def _rowids_where_in(db: Database, table: str, column: str, keys: list[Any]) -> list[int]:
    out: list[int] = []
    keys = [k for k in dict.fromkeys(keys) if k is not None]
    for start in range(0, len(keys), retention.CHUNK):
        chunk = keys[start : start + retention.CHUNK]
        marks = ", ".join("?" * len(chunk))
        out += [
            r[0]
            for r in db.execute(
                f'SELECT rowid FROM "{table}" WHERE "{column}" IN ({marks}) ORDER BY rowid', chunk
            )
        ]
    return out


def audit_rows(db: Database, code: str, workshop_ids: list[int]) -> list[dict[str, Any]]:
    """Audit rows about the municipality: its workshops, its contact's actions, its code."""
    ids = [str(w) for w in workshop_ids]
    marks = ", ".join("?" * len(ids)) or "NULL"
    rows = db.execute(
        "SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log WHERE "
        f"(entity = 'workshop' AND entity_id IN ({marks})) OR actor = ? OR detail LIKE ? "
        "ORDER BY id",
        [*ids, f"gemeente:{code}", f'%"{code}"%'],
    ).fetchall()
    keys = ("id", "at", "actor", "action", "entity", "entity_id", "detail")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def _plain(value: Any) -> Any:
    """JSON documents stored as text are exported as JSON, not as a string of JSON."""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def collect(db: Database, code: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The export document and the binary attachments (file name -> bytes)."""
    held = holding(db, code)
    tables: dict[str, list[dict[str, Any]]] = {}
    files: dict[str, bytes] = {}
    for table, rowids in held.rows.items():
        cursor = db.execute(f'SELECT rowid AS _rowid, * FROM "{table}" LIMIT 0')
        cols = [c[0] for c in cursor.description]
        out = []
        for start in range(0, len(rowids), retention.CHUNK):
            chunk = rowids[start : start + retention.CHUNK]
            marks = ", ".join("?" * len(chunk))
            for row in db.execute(
                f'SELECT rowid AS _rowid, * FROM "{table}" WHERE rowid IN ({marks}) ORDER BY rowid',
                chunk,
            ):
                item: dict[str, Any] = {}
                for col, value in zip(cols, row, strict=True):
                    if col in EXCLUDED_COLUMNS or col == "_rowid":
                        continue
                    if isinstance(value, bytes):
                        ext = "pdf" if value.startswith(b"%PDF") else "bin"
                        name = f"bijlagen/{table}-{row[0]}-{col}.{ext}"
                        files[name] = value
                        item[col] = {"bestand": name}
                    else:
                        item[col] = _plain(value)
                out.append(item)
        tables[table] = out
    mrow = db.execute(
        "SELECT code, name, province FROM municipalities WHERE code = ?", [held.code]
    ).fetchone()
    doc = {
        "gemeente": {"code": mrow[0], "naam": mrow[1], "provincie": mrow[2]},
        "gemaakt_op": now(),
        "tabellen": tables,
        "auditlog": [
            {**r, "detail": _plain(r["detail"])}
            for r in audit_rows(db, held.code, held.workshop_ids)
        ],
    }
    return doc, files


README = """Inzageverzoek – gegevens van gemeente {name} ({code})

Dit archief bevat alles wat de werkatelier-applicatie van Platform JEP over deze gemeente
bewaart, gemaakt op {stamp} door {actor}.

gegevens.json   alle gegevens, per tabel (werkateliers, voorgesprek, links, deelnemers,
                evaluaties, notities, verslagen …) en de regels uit het auditlog die over deze
                gemeente gaan
bijlagen/       opgeslagen bestanden, zoals verslagen (PDF)

Niet opgenomen: de geheime sleutels van links (alleen een hash wordt bewaard) en de
referentiegegevens van het CBS over de gemeente zelf (naam, provincie).
"""


def export_zip(db: Database, code: str, actor: str) -> bytes:
    """Everything held about one municipality as a ZIP (see the module doc); admins only."""
    retention.require_admin(db, actor, RightsError)
    return _export_zip(db, code, actor)


def _export_zip(db: Database, code: str, actor: str) -> bytes:
    """Everything held about one municipality as a ZIP (access request). The export is audited."""
    code, name = municipality(db, code)
    with write(db):
        audit.log(db, actor, "inzageverzoek geëxporteerd", "municipality", code)
    doc, files = collect(db, code)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "LEESMIJ.txt", README.format(name=name, code=code, stamp=doc["gemaakt_op"], actor=actor)
        )
        zf.writestr(
            "gegevens.json", json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
        )
        for fname, data in sorted(files.items()):
            zf.writestr(fname, data)
    return buf.getvalue()


def summary(db: Database, code: str) -> dict[str, int]:
    """Rows held per table for the municipality (for the confirmation screen)."""
    return holding(db, code).counts()


def confirmation_ok(db: Database, code: str, confirmation: str) -> bool:
    _, name = municipality(db, code)
    return " ".join((confirmation or "").split()).casefold() == name.casefold()


def erase(
    db: Database,
    code: str,
    mode: str,
    confirmation: str,
    actor: str,
    pol: retention.Policy | None = None,
) -> dict[str, int]:
    """Erase or anonymise one municipality's data; returns rows affected per table.

    `confirmation` must be the municipality's name as typed by the admin.
    """
    retention.require_admin(db, actor, RightsError)
    if mode not in MODES:
        raise RightsError("Kies anonimiseren of wissen.")
    code, name = municipality(db, code)
    if not confirmation_ok(db, code, confirmation):
        raise RightsError(f"Typ de naam van de gemeente precies over ({name}) om te bevestigen.")
    pol = pol or retention.policy()
    with write(db):
        held = holding(db, code)
        done = _delete(db, held) if mode == "wissen" else _anonymise(db, held, pol)
        audit.log(
            db,
            actor,
            "gemeente gewist" if mode == "wissen" else "gemeente geanonimiseerd",
            "municipality",
            code,
            {"werkateliers": held.workshop_ids, "rijen": done},
        )
    return done


def _delete(db: Database, held: Holding) -> dict[str, int]:
    """Children first, so that no foreign key is left dangling whatever its ON DELETE says."""
    done: dict[str, int] = {}
    for table in reversed(list(held.rows)):
        rowids = held.rows[table]
        for start in range(0, len(rowids), retention.CHUNK):
            chunk = rowids[start : start + retention.CHUNK]
            marks = ", ".join("?" * len(chunk))
            cur = db.execute(f'DELETE FROM "{table}" WHERE rowid IN ({marks})', chunk)
            done[table] = done.get(table, 0) + max(cur.rowcount, 0)
    return {t: n for t, n in done.items() if n}


def _anonymise(db: Database, held: Holding, pol: retention.Policy) -> dict[str, int]:
    """Apply every retention rule to the municipality's rows now, whatever its period."""
    done: dict[str, set[int]] = {}
    wids = set(held.workshop_ids)
    for rule in pol.rules:
        if not rule.workshop_column or retention.problem(db, rule):
            continue
        rowids = [r[0] for r in retention.candidates(db, rule, wids)]
        if rowids:
            retention.erase_rows(db, rule, rowids)
            done.setdefault(rule.table, set()).update(rowids)
    return {t: len(ids) for t, ids in done.items()}
