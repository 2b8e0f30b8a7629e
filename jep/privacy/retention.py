"""Retention periods (AVG): erase what is no longer needed, on time, and log what was erased.

The periods are data (`data/retention.toml`, see the comments there). `apply(db, today)` erases
every field whose period has passed and returns what it erased; each rule that erased something
adds one audit row. It runs once a day from the application's start-up (`run_if_due`) and from the
command line (`python -m jep retention [--dry-run]`).

Rules name tables and columns, so they also cover tables that other parts of the application add
later: a rule whose table or column does not exist is skipped (and `status` says why), never an
error.

Erasing on demand and handing data out are for admins only, and the functions check that
themselves (`require_admin`), not only the page that calls them.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from jep import auth
from jep.dates import add_months
from jep.errors import UserError
from jep.reference.toml import DATA_DIR, CatalogError, read_toml
from jep.store import audit
from jep.store.db import get_meta, set_meta, write
from jep.text import parse_int

log = logging.getLogger("jep.retention")

RETENTION_FILE = DATA_DIR / "retention.toml"
META_LAST_RUN = "retention_last_run"
IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
JSON_SEGMENT = r"(\*|[A-Za-z0-9_][A-Za-z0-9_-]*)"
JSON_PATH_RE = re.compile(rf"^{JSON_SEGMENT}(\.{JSON_SEGMENT})*$")
AFTER = {
    "verslag_verstuurd": "na het versturen van het verslag",
    "geannuleerd": "na het annuleren van het werkatelier",
    "werkatelier_datum": "na de datum van het werkatelier",
    "kolom": "na de datum in kolom",
    "op_verzoek": "alleen op verzoek (anonimiseren van een gemeente)",
}
STATUS_OF = {"verslag_verstuurd": "verslag verstuurd", "geannuleerd": "geannuleerd"}
RULE_KEYS = {
    "id",
    "title",
    "table",
    "workshop_column",
    "after",
    "after_column",
    "months",
    "days",
    "columns",
    "json_column",
    "json_paths",
    "action",
    "replacement",
    "via_column",
    "via_table",
    "via_key",
}
# The application itself: the daily job and the command line on the server. They act as these
# names only while no staff account carries the name (an account's own role decides then).
SYSTEM_ACTORS = ("systeem", "opdrachtregel")
AUDIT_FLOOR_YEARS = 1  # the database itself refuses to delete younger audit rows
CHUNK = 500


class AccessError(UserError):
    """The actor may not do this; the Dutch message is safe to show."""


def require_admin(db: Database, actor: str, error: type[UserError] = AccessError) -> None:
    """Refuse (`error`) unless `actor` is an active admin account or the application itself
    (SYSTEM_ACTORS without an account of that name)."""
    staff = auth.get_staff(db, actor)
    if staff is not None and staff.role == "admin":
        return
    if staff is None and actor in SYSTEM_ACTORS:
        known = db.execute("SELECT 1 FROM staff WHERE username = ?", [actor]).fetchone()
        if not known:
            return
    raise error("Alleen een beheerder mag dit doen.")


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    table: str
    after: str
    months: int | None = None
    days: int | None = None
    workshop_column: str | None = None
    after_column: str | None = None
    columns: tuple[str, ...] = ()
    json_column: str | None = None
    json_paths: tuple[str, ...] = ()
    action: str = "clear"
    replacement: str = ""
    # Rows without a workshop id or date of their own (e.g. evaluation answers) take them from
    # the parent row: via_table.via_key = table.via_column.
    via_column: str | None = None
    via_table: str | None = None
    via_key: str = "id"

    @property
    def period(self) -> str:
        if self.after == "op_verzoek":
            return "—"
        if self.months is not None:
            return f"{self.months} {'maand' if self.months == 1 else 'maanden'}"
        return f"{self.days} {'dag' if self.days == 1 else 'dagen'}"

    @property
    def moment(self) -> str:
        text = AFTER[self.after]
        return f"{text} '{self.after_column}'" if self.after == "kolom" else text

    @property
    def fields(self) -> str:
        if self.action == "delete":
            return "hele rij"
        parts = list(self.columns) + [f"{self.json_column}.{p}" for p in self.json_paths]
        return ", ".join(parts)


@dataclass(frozen=True)
class Policy:
    audit_keep_years: int
    rules: tuple[Rule, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Erased:
    """What one rule erased (or would erase, in a dry run)."""

    rule: str
    title: str
    table: str
    count: int
    ids: tuple[Any, ...] = ()

    def line(self) -> str:
        return f"{self.title}: {self.count} {'rij' if self.count == 1 else 'rijen'} ({self.table})"


# ---------------------------------------------------------------- the policy file


def _bad(fname: str, where: str, message: str) -> CatalogError:
    return CatalogError(f"{fname}: {where}: {message}")


def _ident(value: Any, fname: str, where: str, key: str) -> str:
    if not isinstance(value, str) or not IDENT_RE.match(value):
        raise _bad(fname, where, f"'{key}' moet een tabel- of kolomnaam zijn, niet {value!r}")
    return value


def _positive(value: Any, fname: str, where: str, key: str, minimum: int = 1) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise _bad(fname, where, f"'{key}' moet een geheel getal ≥ {minimum} zijn")
    return value


def _rule(raw: Any, fname: str, number: int) -> Rule:
    where = f"regel nr. {number}"
    if not isinstance(raw, dict):
        raise _bad(fname, where, "geen tabel")
    if isinstance(raw.get("id"), str):
        where = f"regel '{raw['id']}'"
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise _bad(fname, where, f"onbekende sleutel(s) {', '.join(sorted(unknown))}")
    for key in ("id", "title"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _bad(fname, where, f"'{key}' ontbreekt")
    table = _ident(raw.get("table"), fname, where, "table")
    after = raw.get("after")
    if after not in AFTER:
        raise _bad(fname, where, f"'after' moet een van {', '.join(AFTER)} zijn, niet {after!r}")
    if after == "op_verzoek":
        if "months" in raw or "days" in raw:
            raise _bad(fname, where, "bij after = 'op_verzoek' geen 'months' of 'days'")
    elif ("months" in raw) == ("days" in raw):
        raise _bad(fname, where, "geef precies één van 'months' of 'days'")
    months = _positive(raw["months"], fname, where, "months") if "months" in raw else None
    days = _positive(raw["days"], fname, where, "days") if "days" in raw else None
    workshop_column = raw.get("workshop_column")
    if workshop_column is not None:
        _ident(workshop_column, fname, where, "workshop_column")
    elif after not in ("kolom", "op_verzoek"):
        raise _bad(fname, where, f"'workshop_column' is nodig bij after = '{after}'")
    after_column = raw.get("after_column")
    if after == "kolom":
        _ident(after_column, fname, where, "after_column")
    elif after_column is not None:
        raise _bad(fname, where, "'after_column' hoort alleen bij after = 'kolom'")
    action = raw.get("action", "clear")
    if action not in ("clear", "delete"):
        raise _bad(fname, where, "'action' moet 'clear' of 'delete' zijn")
    columns = raw.get("columns", [])
    if not isinstance(columns, list):
        raise _bad(fname, where, "'columns' moet een lijst zijn")
    for col in columns:
        _ident(col, fname, where, "columns")
    json_column = raw.get("json_column")
    json_paths = raw.get("json_paths", [])
    if json_column is not None:
        _ident(json_column, fname, where, "json_column")
    if not isinstance(json_paths, list) or not all(
        isinstance(p, str) and JSON_PATH_RE.match(p) for p in json_paths
    ):
        raise _bad(
            fname,
            where,
            "'json_paths': paden zoals 'contact.email' of 'a.*.b'",
        )
    if bool(json_column) != bool(json_paths):
        raise _bad(fname, where, "'json_column' en 'json_paths' horen bij elkaar")
    if action == "clear" and not columns and not json_paths:
        raise _bad(fname, where, "geef 'columns' of 'json_paths' om te wissen")
    if action == "delete" and (columns or json_paths):
        raise _bad(fname, where, "bij action = 'delete' geen 'columns' of 'json_paths'")
    replacement = raw.get("replacement", "")
    if not isinstance(replacement, str):
        raise _bad(fname, where, "'replacement' moet tekst zijn")
    via_column, via_table = raw.get("via_column"), raw.get("via_table")
    if (via_column is None) != (via_table is None):
        raise _bad(fname, where, "'via_column' en 'via_table' horen bij elkaar")
    if via_table is not None:
        _ident(via_column, fname, where, "via_column")
        _ident(via_table, fname, where, "via_table")
    via_key = _ident(raw.get("via_key", "id"), fname, where, "via_key")
    return Rule(
        id=raw["id"],
        title=raw["title"].strip(),
        table=table,
        after=after,
        months=months,
        days=days,
        workshop_column=workshop_column,
        after_column=after_column,
        columns=tuple(columns),
        json_column=json_column,
        json_paths=tuple(json_paths),
        action=action,
        replacement=replacement,
        via_column=via_column,
        via_table=via_table,
        via_key=via_key,
    )


def load_policy(path: Path = RETENTION_FILE) -> Policy:
    """Read and validate the retention file; raises CatalogError naming the file and the entry."""
    fname = path.name
    doc = read_toml(path)
    section = doc.get("audit_log")
    if not isinstance(section, dict):
        raise CatalogError(f"{fname}: sectie [audit_log] ontbreekt")
    keep = _positive(
        section.get("keep_years"), fname, "[audit_log]", "keep_years", AUDIT_FLOOR_YEARS
    )
    raw_rules = doc.get("rule", [])
    if not isinstance(raw_rules, list):
        raise CatalogError(f"{fname}: 'rule' moet een lijst [[rule]] zijn")
    rules = tuple(_rule(r, fname, i) for i, r in enumerate(raw_rules, 1))
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise CatalogError(f"{fname}: regel '{r.id}' komt twee keer voor")
        seen.add(r.id)
    return Policy(keep, rules)


@lru_cache(maxsize=1)
def policy() -> Policy:
    """The policy of data/retention.toml, loaded once per process."""
    return load_policy(RETENTION_FILE)


# ---------------------------------------------------------------- which rules apply


def table_columns(db: Database, table: str) -> dict[str, bool]:
    """Column name -> NOT NULL, or {} when the table does not exist."""
    return {r[1]: bool(r[3]) for r in db.execute(f'PRAGMA table_info("{table}")').fetchall()}


def problem(db: Database, rule: Rule) -> str | None:
    """Why the rule cannot run on this database (Dutch), or None when it can."""
    cols = table_columns(db, rule.table)
    if not cols:
        return f"tabel '{rule.table}' bestaat (nog) niet"
    needed = [*rule.columns, *filter(None, [rule.json_column, rule.via_column])]
    source = [c for c in (rule.after_column, rule.workshop_column) if c]
    if rule.via_table is None:
        needed += source
    missing = [c for c in needed if c not in cols]
    if missing:
        return f"kolom {', '.join(repr(c) for c in missing)} ontbreekt in '{rule.table}'"
    if rule.via_table is not None:
        parent = table_columns(db, rule.via_table)
        if not parent:
            return f"tabel '{rule.via_table}' bestaat (nog) niet"
        missing = [c for c in [rule.via_key, *source] if c not in parent]
        if missing:
            return f"kolom {', '.join(repr(c) for c in missing)} ontbreekt in '{rule.via_table}'"
    return None


def status(db: Database, pol: Policy | None = None) -> list[dict[str, str]]:
    """Every rule with its period and whether it runs here, for the admin page."""
    pol = pol or policy()
    rows = [
        {
            "regel": r.id,
            "wat": r.title,
            "tabel": r.table,
            "velden": r.fields,
            "termijn": r.moment if r.after == "op_verzoek" else f"{r.period} {r.moment}",
            "werkt": "ja" if (why := problem(db, r)) is None else f"overgeslagen: {why}",
        }
        for r in pol.rules
    ]
    rows.append(
        {
            "regel": "auditlog",
            "wat": "Regels van het auditlog",
            "tabel": "audit_log",
            "velden": "hele rij",
            "termijn": f"{pol.audit_keep_years} jaar na de gebeurtenis",
            "werkt": "ja",
        }
    )
    return rows


# ---------------------------------------------------------------- moments and periods


def _as_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _expired(rule: Rule, moment: date | None, today: date) -> bool:
    if moment is None or rule.after == "op_verzoek":
        return False
    if rule.months is not None:
        return add_months(moment, rule.months) <= today
    return moment + timedelta(days=rule.days or 0) <= today


def workshop_moments(db: Database, after: str) -> dict[int, date]:
    """Workshop id -> the moment `after` refers to ('verslag_verstuurd', 'geannuleerd' or
    'werkatelier_datum'); workshops without that moment are absent."""
    if after == "werkatelier_datum":
        rows = db.execute("SELECT id, date FROM workshops WHERE date IS NOT NULL")
        return {wid: d for wid, value in rows if (d := _as_date(value))}
    wanted = STATUS_OF[after]
    result = {
        wid: d
        for wid, value in db.execute(
            "SELECT id, updated_at FROM workshops WHERE status = ?", [wanted]
        )
        if (d := _as_date(value))
    }
    # The moment of the (last) status change, when the audit log knows it.
    rows = db.execute(
        "SELECT entity_id, max(at) FROM audit_log WHERE entity = 'workshop' AND ("
        "  CASE WHEN json_valid(detail) THEN json_extract(detail, '$.naar') END = ? "
        "  OR action = ?) GROUP BY entity_id",
        [wanted, wanted],
    )
    for entity_id, at in rows:
        wid = parse_int(entity_id)
        if wid is not None and wid in result:
            d = _as_date(at)
            if d:
                result[wid] = d
    return result


# ---------------------------------------------------------------- erasing


def _json_values(doc: Any, parts: list[str]) -> list[tuple[Any, Any]]:
    """(container, key) of every place `parts` (with `*` wildcards) reaches in `doc`."""
    if not parts:
        return []
    head, rest = parts[0], parts[1:]
    if isinstance(doc, dict):
        keys = list(doc) if head == "*" else ([head] if head in doc else [])
    elif isinstance(doc, list):
        if head == "*":
            keys = list(range(len(doc)))
        else:
            index = parse_int(head, 0, len(doc) - 1)
            keys = [] if index is None else [index]
    else:
        return []
    if not rest:
        return [(doc, k) for k in keys]
    return [place for k in keys for place in _json_values(doc[k], rest)]


def _blank(value: Any, replacement: str) -> bool:
    return value is None or value == "" or value == replacement


def json_has(doc: Any, paths: tuple[str, ...], replacement: str = "") -> bool:
    """Whether any of `paths` holds something not yet erased."""
    return any(
        not _blank(box[key], replacement)
        for path in paths
        for box, key in _json_values(doc, path.split("."))
    )


def json_erase(doc: Any, paths: tuple[str, ...], replacement: str = "") -> Any:
    """`doc` with every value at `paths` replaced (in place; also returned)."""
    for path in paths:
        for box, key in _json_values(doc, path.split(".")):
            if not _blank(box[key], replacement):
                box[key] = replacement
    return doc


def _load_json(text: Any) -> Any:
    try:
        return json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _column_condition(rule: Rule, cols: dict[str, bool]) -> tuple[str, list[Any]]:
    """SQL condition (and its parameters): a listed column still holds something."""
    parts, params = [], []
    for c in rule.columns:
        cond = f't."{c}" IS NOT NULL AND t."{c}" <> \'\''
        if cols[c]:  # NOT NULL columns get the replacement text instead of NULL
            cond += f' AND t."{c}" <> ?'
            params.append(rule.replacement)
        parts.append(f"({cond})")
    return ("(" + " OR ".join(parts) + ")" if parts else "0"), params


def candidates(
    db: Database, rule: Rule, workshop_ids: set[int] | None = None
) -> list[tuple[int, Any, Any]]:
    """(rowid, workshop id, own moment) of rows that still hold what the rule erases."""
    cols = table_columns(db, rule.table)
    src = "p" if rule.via_table else "t"
    wcol = f'{src}."{rule.workshop_column}"' if rule.workshop_column else "NULL"
    mcol = f'{src}."{rule.after_column}"' if rule.after_column else "NULL"
    jcol = f't."{rule.json_column}"' if rule.json_column else "NULL"
    join = (
        f'LEFT JOIN "{rule.via_table}" p ON p."{rule.via_key}" = t."{rule.via_column}" '
        if rule.via_table
        else ""
    )
    if rule.action == "delete":
        has_cols, where = "1", "1"
        params: list[Any] = []
    else:
        has_cols, params = _column_condition(rule, cols)
        where = f"({has_cols} OR {jcol} IS NOT NULL)" if rule.json_column else has_cols
        params = params * 2  # the condition appears in SELECT and in WHERE
    sql = (
        f"SELECT t.rowid, {wcol}, {mcol}, {has_cols}, {jcol} "
        f'FROM "{rule.table}" t {join}WHERE {where}'
    )
    rows = []
    for rowid, wid, own, flag, doc in db.execute(sql, params).fetchall():
        if workshop_ids is not None and wid not in workshop_ids:
            continue
        if flag or (
            rule.json_column and json_has(_load_json(doc), rule.json_paths, rule.replacement)
        ):
            rows.append((rowid, wid, own))
    return rows


def due(db: Database, rule: Rule, today: date) -> list[int]:
    """Rowids whose period under `rule` has passed on `today`.

    Demo workshops (fictional, removed with `seed-demo --remove`) are left alone, so that the
    demo keeps showing every screen filled in."""
    if rule.after == "op_verzoek":
        return []
    demo = {r[0] for r in db.execute("SELECT id FROM workshops WHERE is_demo = 1")}
    rows = [r for r in candidates(db, rule) if r[1] not in demo]
    if rule.after == "kolom":
        return [rowid for rowid, _, own in rows if _expired(rule, _as_date(own), today)]
    moments = workshop_moments(db, rule.after)
    return [rowid for rowid, wid, _ in rows if _expired(rule, moments.get(wid), today)]


def erase_rows(db: Database, rule: Rule, rowids: list[int]) -> None:
    """Erase the rule's fields (or delete the rows) for `rowids`. Call inside a transaction."""
    cols = table_columns(db, rule.table)
    for start in range(0, len(rowids), CHUNK):
        chunk = rowids[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        if rule.action == "delete":
            db.execute(f'DELETE FROM "{rule.table}" WHERE rowid IN ({marks})', chunk)
            continue
        if rule.columns:
            sets = ", ".join(f'"{c}" = ?' for c in rule.columns)
            values = [rule.replacement if cols[c] else None for c in rule.columns]
            db.execute(
                f'UPDATE "{rule.table}" SET {sets} WHERE rowid IN ({marks})', [*values, *chunk]
            )
        if rule.json_column:
            jc = rule.json_column
            rows = db.execute(
                f'SELECT rowid, "{jc}" FROM "{rule.table}" WHERE rowid IN ({marks})', chunk
            ).fetchall()
            for rowid, text in rows:
                doc = _load_json(text)
                if doc is None or not json_has(doc, rule.json_paths, rule.replacement):
                    continue
                json_erase(doc, rule.json_paths, rule.replacement)
                db.execute(
                    f'UPDATE "{rule.table}" SET "{jc}" = ? WHERE rowid = ?',
                    [json.dumps(doc, ensure_ascii=False), rowid],
                )


def _audit_cutoff(pol: Policy, today: date) -> str:
    return add_months(today, -12 * pol.audit_keep_years).isoformat()


AUDIT_FLOOR_SQL = "strftime('%Y-%m-%dT%H:%M:%S', 'now', '-1 year')"


def _apply_locked(
    db: Database, today: date, dry_run: bool, actor: str, pol: Policy
) -> list[Erased]:
    result: list[Erased] = []
    for rule in pol.rules:
        if problem(db, rule):
            continue
        ids = due(db, rule, today)
        if not ids:
            continue
        shown = tuple(ids)  # rowids; for intakes and workshops these are workshop ids
        result.append(Erased(rule.id, rule.title, rule.table, len(ids), shown))
        if not dry_run:
            erase_rows(db, rule, ids)
            audit.log(
                db,
                actor,
                "bewaartermijn toegepast",
                rule.table,
                None,
                {"regel": rule.id, "aantal": len(ids), "rijen": list(shown[:200])},
            )
    cutoff = _audit_cutoff(pol, today)
    where = f"at < ? AND at < {AUDIT_FLOOR_SQL}"
    n = db.execute(f"SELECT count(*) FROM audit_log WHERE {where}", [cutoff]).fetchone()[0]
    if n:
        result.append(Erased("auditlog", "Regels van het auditlog", "audit_log", n))
        if not dry_run:
            db.execute(f"DELETE FROM audit_log WHERE {where}", [cutoff])
            audit.log(
                db,
                actor,
                "bewaartermijn toegepast",
                "audit_log",
                None,
                {"regel": "auditlog", "aantal": n, "ouder dan": cutoff},
            )
    return result


def apply(
    db: Database,
    today: date,
    dry_run: bool = False,
    actor: str = "systeem",
    pol: Policy | None = None,
) -> list[Erased]:
    """Erase everything whose retention period has passed on `today`; returns what was erased
    (with `dry_run`: what would be, without changing anything). One transaction. Only for an
    admin or the application itself (AccessError)."""
    pol = pol or policy()
    require_admin(db, actor)
    with write(db):
        result = _apply_locked(db, today, dry_run, actor, pol)
        if not dry_run:
            set_meta(db, META_LAST_RUN, today.isoformat())
    return result


def run_if_due(db: Database, today: date, pol: Policy | None = None) -> list[Erased] | None:
    """The daily job: apply the periods unless that already happened today (remembered in the
    meta table, so several server processes run it once). None when it had already run."""
    if get_meta(db, META_LAST_RUN) == today.isoformat():
        return None
    pol = pol or policy()
    with write(db):
        if get_meta(db, META_LAST_RUN) == today.isoformat():
            return None
        result = _apply_locked(db, today, False, "systeem", pol)
        set_meta(db, META_LAST_RUN, today.isoformat())
    return result


def last_run(db: Database) -> str | None:
    return get_meta(db, META_LAST_RUN)


def run_daily(db_file: str | Path, today: date) -> list[Erased] | None:
    """`run_if_due` on its own connection, for the application's background job: never raises,
    reports to the server log."""
    from jep.store.db import open_db

    try:
        with open_db(db_file) as d:
            erased = run_if_due(d, today)
    except Exception as exc:  # noqa: BLE001 - a failed run is retried the next day
        log.error("Bewaartermijnen niet toegepast: %s", type(exc).__name__)
        return None
    if erased:
        log.info("Bewaartermijnen toegepast: %s", "; ".join(e.line() for e in erased))
    return erased
