"""The anonymous evaluation: questionnaire (data/evaluation.toml), link, responses, paper forms.

- **Questionnaire**: versioned data, validated on load (`load_questionnaire`). A response stores the
  version it was given under and the list of item ids it was asked, so a later questionnaire never
  changes the meaning or the count of older answers. The first time a version is used its texts
  are copied into the database (`evaluation_questionnaires`), so charts of old answers keep their
  labels even if a version disappears from the file.
- **Link**: one evaluation link per workshop, an invite (`jep.invites`, purpose 'evaluatie') whose
  token is stored only as a hash. On top of the invite's own expiry the link is *open* or *closed*:
  by the calendar (opens on the workshop day or once the workshop is 'uitgevoerd', closes a set
  number of days later) or by hand.
- **Responses**: validated on the server (ranges, lengths, required items, sector), one row per
  browser session (only a hash of a random session key is stored; a second submission from the same
  session replaces the first), or typed in from a paper form by staff.

Nothing here imports Streamlit.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import secrets
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.store import audit

from jep.workshop import invites

from jep.privacy import guard as privacy
from jep.reference.catalog import DATA_DIR, ID_RE, Catalog, CatalogError
from jep.store.db import now, write
from jep.text import as_int, clean_text

PURPOSE = "evaluatie"
KINDS = ("prepost", "likert", "grade", "open")
SCALE_MAX = {"prepost": 5, "likert": 5, "grade": 10}
GRADE_MIN, GRADE_MAX = 1, 10
RESPONDENT = "respondent"  # audit actor of anonymous online responses
DONE_STATUSES = ("uitgevoerd", "verslag verstuurd")
TEXT_KEYS = ("title", "subtitle", "intro", "prepost", "privacy_note", "thanks", "correct")
TEXT_KEYS_MORE = ("unknown", "not_open", "closed")


# ---------------------------------------------------------------- questionnaire


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    goal: bool


@dataclass(frozen=True)
class Item:
    id: str
    section: str
    kind: str
    text: str
    short: str
    required: bool = False
    max_chars: int = 1000

    @property
    def scale_max(self) -> int:
        return SCALE_MAX.get(self.kind, 0)


@dataclass(frozen=True)
class Version:
    number: int
    items: tuple[str, ...]
    introduced: date | None = None


@dataclass(frozen=True)
class Questionnaire:
    current: int
    sections: dict[str, Section]
    items: dict[str, Item]
    versions: dict[int, Version]
    scale_labels: tuple[str, ...]
    texts: dict[str, str]
    sector_question: str
    sector_help: str
    close_after_days: int
    open_on_workshop_day: bool
    token_valid_days: int
    min_cell: int
    target_now_mean: float
    target_share_improved: float
    source: str = field(default="evaluation.toml", compare=False)

    def version(self, number: int | None = None) -> Version:
        return self.versions[self.current if number is None else number]

    def items_of(self, number: int | None = None) -> list[Item]:
        return [self.items[i] for i in self.version(number).items]

    @property
    def goals(self) -> list[Section]:
        """The goal sections (signalen, weten wat mag, …) in file order."""
        return [s for s in self.sections.values() if s.goal]

    def definition(self, number: int) -> dict[str, Any]:
        """Self-contained copy of one version (what is stored as its snapshot)."""
        return {
            "version": number,
            "sections": {s.id: {"title": s.title, "goal": s.goal} for s in self.sections.values()},
            "items": [
                {
                    "id": it.id,
                    "section": it.section,
                    "kind": it.kind,
                    "text": it.text,
                    "short": it.short,
                    "required": it.required,
                    "max_chars": it.max_chars,
                }
                for it in self.items_of(number)
            ],
        }


def _fail(fname: str, message: str) -> CatalogError:
    return CatalogError(f"{fname}: {message}")


def _int(doc: dict[str, Any], section: str, key: str, fname: str, low: int, high: int) -> int:
    value = (doc.get(section) or {}).get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _fail(fname, f"[{section}] {key} moet een geheel getal van {low} tot {high} zijn")
    return value


def _num(doc: dict[str, Any], section: str, key: str, fname: str, low: float, high: float) -> float:
    value = (doc.get(section) or {}).get(key)
    if not isinstance(value, int | float) or isinstance(value, bool) or not low <= value <= high:
        raise _fail(fname, f"[{section}] {key} moet een getal van {low} tot {high} zijn")
    return float(value)


def _text(entry: dict[str, Any], key: str, fname: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(fname, f"{where} mist een geldige tekst '{key}': {entry!r}")
    return value.strip()


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """Read and validate the questionnaire file; raises `CatalogError` naming the bad entry."""
    path = path or DATA_DIR / "evaluation.toml"
    fname = path.name
    if not path.exists():
        raise _fail(fname, f"bestand ontbreekt ({path})")
    try:
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(fname, f"geen geldige TOML: {exc}") from exc

    sections: dict[str, Section] = {}
    for i, s in enumerate(doc.get("section") or [], 1):
        sid = _text(s, "id", fname, f"sectie nr. {i}")
        if not ID_RE.match(sid) or sid in sections:
            raise _fail(fname, f"sectie nr. {i} heeft een ongeldig of dubbel id '{sid}'")
        sections[sid] = Section(
            sid, _text(s, "title", fname, f"sectie '{sid}'"), s.get("goal") is True
        )
    if not any(s.goal for s in sections.values()):
        raise _fail(fname, "geen [[section]] met goal = true (de doelen van het werkatelier)")

    items: dict[str, Item] = {}
    for i, it in enumerate(doc.get("item") or [], 1):
        iid = _text(it, "id", fname, f"vraag nr. {i}")
        where = f"vraag '{iid}'"
        if not ID_RE.match(iid) or iid in items:
            raise _fail(fname, f"vraag nr. {i} heeft een ongeldig of dubbel id '{iid}'")
        kind = it.get("kind")
        if kind not in KINDS:
            raise _fail(fname, f"{where}: kind moet een van {', '.join(KINDS)} zijn, niet {kind!r}")
        section = it.get("section")
        if section not in sections:
            raise _fail(fname, f"{where} verwijst naar onbekende sectie {section!r}")
        if kind == "prepost" and not sections[section].goal:
            raise _fail(fname, f"{where}: een vóór/nu-vraag hoort in een sectie met goal = true")
        required = it.get("required", False)
        if not isinstance(required, bool):
            raise _fail(fname, f"{where}: required moet true of false zijn")
        max_chars = it.get("max_chars", 1000)
        if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 1:
            raise _fail(fname, f"{where}: max_chars moet een positief geheel getal zijn")
        items[iid] = Item(
            iid,
            section,
            kind,
            _text(it, "text", fname, where),
            _text(it, "short", fname, where),
            required,
            max_chars,
        )
    if not items:
        raise _fail(fname, "geen [[item]]-vragen gevonden")

    versions: dict[int, Version] = {}
    for i, v in enumerate(doc.get("version") or [], 1):
        number = v.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise _fail(fname, f"versie nr. {i} heeft geen geldig nummer (1, 2, …)")
        if number in versions:
            raise _fail(fname, f"versie {number} komt twee keer voor")
        ids = v.get("items")
        if not isinstance(ids, list) or not ids:
            raise _fail(fname, f"versie {number} heeft geen lijst items")
        for iid in ids:
            if iid not in items:
                raise _fail(fname, f"versie {number} noemt onbekende vraag {iid!r}")
        if len(set(ids)) != len(ids):
            raise _fail(fname, f"versie {number} noemt een vraag twee keer")
        if sum(items[iid].kind == "grade" for iid in ids) > 1:
            raise _fail(fname, f"versie {number} heeft meer dan één rapportcijfer")
        introduced = v.get("introduced")
        if introduced is not None and not isinstance(introduced, date):
            raise _fail(fname, f"versie {number}: introduced moet een datum zijn (2026-01-01)")
        versions[number] = Version(number, tuple(ids), introduced)
    current = doc.get("current")
    if current not in versions:
        raise _fail(fname, f"current = {current!r} is geen bestaande versie")

    labels = (doc.get("scale") or {}).get("labels")
    if (
        not isinstance(labels, list)
        or len(labels) != 5
        or not all(isinstance(x, str) and x.strip() for x in labels)
    ):
        raise _fail(fname, "[scale] labels moet precies 5 teksten hebben (voor 1 t/m 5)")
    texts_doc = doc.get("texts") or {}
    texts = {k: _text(texts_doc, k, fname, "[texts]") for k in (*TEXT_KEYS, *TEXT_KEYS_MORE)}
    respondent = doc.get("respondent") or {}
    open_day = (doc.get("link") or {}).get("open_on_workshop_day", True)
    if not isinstance(open_day, bool):
        raise _fail(fname, "[link] open_on_workshop_day moet true of false zijn")
    return Questionnaire(
        current=current,
        sections=sections,
        items=items,
        versions=versions,
        scale_labels=tuple(x.strip() for x in labels),
        texts=texts,
        sector_question=_text(respondent, "sector_question", fname, "[respondent]"),
        sector_help=str(respondent.get("sector_help", "")),
        close_after_days=_int(doc, "link", "close_after_days", fname, 0, 365),
        open_on_workshop_day=open_day,
        token_valid_days=_int(doc, "link", "token_valid_days", fname, 1, 3650),
        min_cell=_int(doc, "privacy", "min_cell", fname, 3, 100),
        target_now_mean=_num(doc, "targets", "now_mean", fname, 1, 5),
        target_share_improved=_num(doc, "targets", "share_improved", fname, 0, 1),
        source=fname,
    )


@lru_cache(maxsize=1)
def questionnaire() -> Questionnaire:
    """The questionnaire of data/evaluation.toml, loaded once per process."""
    return load_questionnaire()


# ---------------------------------------------------------------- the link


@dataclass(frozen=True)
class LinkState:
    """Whether a workshop's evaluation form accepts answers today, and why."""

    phase: str  # 'open', 'not-yet' or 'closed'
    mode: str  # 'auto' (by the calendar), 'open' or 'closed' (by hand)
    reason: str  # Dutch, for staff
    opens_on: date | None
    closes_on: date | None
    has_link: bool
    link: dict[str, Any] | None

    @property
    def open(self) -> bool:
        return self.phase == "open"


@dataclass(frozen=True)
class RespondentLink:
    workshop_id: int
    municipality_name: str
    workshop_date: date | None
    state: LinkState


def _as_date(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _fmt(d: date) -> str:
    from jep.fmt import fmt_date

    return fmt_date(d)


def link_state(
    db: Database, workshop_id: int, today: date | None = None, q: Questionnaire | None = None
) -> LinkState:
    """Open/closed state of the workshop's evaluation (see the module docstring for the rules)."""
    q = q or questionnaire()
    today = today or date.today()
    w = db.execute("SELECT status, date FROM workshops WHERE id = ?", [workshop_id]).fetchone()
    if not w:
        raise KeyError(workshop_id)
    status, wdate = w[0], _as_date(w[1])
    row = db.execute(
        "SELECT manual, issued_on FROM evaluation_links WHERE workshop_id = ?", [workshop_id]
    ).fetchone()
    manual, issued_on = (row[0], _as_date(row[1])) if row else (None, None)
    link = invites.active_link(db, workshop_id, purpose=PURPOSE)
    opens_on = wdate if q.open_on_workshop_day else None
    reference = wdate or issued_on
    closes_on = reference + timedelta(days=q.close_after_days) if reference else None

    def state(phase: str, mode: str, reason: str) -> LinkState:
        return LinkState(
            phase,
            mode,
            reason,
            opens_on,
            closes_on if mode == "auto" else None,
            link is not None,
            link,
        )

    if manual == "closed":
        return state("closed", "closed", "Met de hand gesloten.")
    if manual == "open":
        return state("open", "open", "Met de hand geopend; blijft open tot u hem sluit.")
    if status == "geannuleerd":
        return state("closed", "auto", "Het werkatelier is geannuleerd.")
    if closes_on and today > closes_on:
        return state(
            "closed",
            "auto",
            f"Automatisch gesloten na {_fmt(closes_on)} ({q.close_after_days} dagen na "
            + ("het werkatelier)." if wdate else "het uitgeven van de link)."),
        )
    if status in DONE_STATUSES:
        return state("open", "auto", "Open: het werkatelier is uitgevoerd.")
    if opens_on and today >= opens_on:
        return state("open", "auto", "Open sinds de dag van het werkatelier.")
    when = f"op {_fmt(opens_on)}" if opens_on else "zodra het werkatelier is uitgevoerd"
    return state("not-yet", "auto", f"Nog niet open; opent {when}.")


def issue_link(db: Database, workshop_id: int, actor: str, q: Questionnaire | None = None) -> str:
    """A new evaluation link (the previous one stops working). Returns the token, once."""
    q = q or questionnaire()
    token = invites.issue(db, workshop_id, actor, purpose=PURPOSE, days=q.token_valid_days)
    with write(db):
        db.execute(
            "INSERT INTO evaluation_links(workshop_id, issued_on, updated_at, updated_by) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(workshop_id) DO UPDATE SET "
            "issued_on = excluded.issued_on, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by",
            [workshop_id, date.today().isoformat(), now(), actor],
        )
    return token


def revoke_link(db: Database, workshop_id: int, actor: str) -> int:
    """Revoke the evaluation link; answers already given stay."""
    return invites.revoke(db, workshop_id, actor, purpose=PURPOSE)


def set_manual(db: Database, workshop_id: int, manual: str | None, actor: str) -> None:
    """Open ('open') or close ('closed') by hand, or go back to the calendar (None)."""
    if manual not in (None, "open", "closed"):
        raise ValueError(manual)
    with write(db):
        db.execute(
            "INSERT INTO evaluation_links(workshop_id, manual, updated_at, updated_by) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(workshop_id) DO UPDATE SET manual = excluded.manual, "
            "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            [workshop_id, manual, now(), actor],
        )
        action = {
            "open": "evaluatie geopend",
            "closed": "evaluatie gesloten",
            None: "evaluatie automatisch",
        }[manual]
        audit.log(db, actor, action, "workshop", workshop_id)


def resolve_link(
    db: Database,
    token: str | None,
    today: date | None = None,
    q: Questionnaire | None = None,
    delay: float = invites.WRONG_TOKEN_DELAY,
) -> RespondentLink | None:
    """The workshop behind an evaluation token with its state today; None if unknown/revoked."""
    inv = invites.resolve(db, token, purpose=PURPOSE, delay=delay)
    if inv is None:
        return None
    row = db.execute("SELECT date FROM workshops WHERE id = ?", [inv.workshop_id]).fetchone()
    return RespondentLink(
        inv.workshop_id,
        inv.municipality_name,
        _as_date(row[0]) if row else None,
        link_state(db, inv.workshop_id, today, q),
    )


def link_url(base_url: str, token: str) -> str:
    """The link for the QR code: the app's root with ?eval=. (The respondent's only page is the
    default page, whose address is the root; a deep path such as /evaluatie would make Streamlit
    show a "page not found" dialog first. The root also gives a smaller, easier QR code.)"""
    return f"{base_url.rstrip('/')}/?eval={token}"


def qr_png(url: str, scale: int = 10) -> bytes:
    """The QR code of `url` as PNG (black on white, quiet zone of 4 modules)."""
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()


def qr_svg(url: str) -> bytes:
    """The QR code of `url` as SVG, for slides and print."""
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=10, border=4, xmldecl=True)
    return buf.getvalue()


# ---------------------------------------------------------------- responses


@dataclass
class SaveResult:
    """Outcome of a save: errors keyed by field ('item.<id>', 'sector', 'form'), nothing stored
    when there are any. `privacy` holds fields whose text looks like personal data; the user must
    rewrite or confirm before anything is saved."""

    errors: dict[str, str] = field(default_factory=dict)
    privacy: dict[str, str] = field(default_factory=dict)
    response_id: int | None = None
    updated: bool = False

    @property
    def ok(self) -> bool:
        return self.response_id is not None


def new_session_key() -> str:
    """A random key for one browser session; only its hash is ever stored."""
    return secrets.token_urlsafe(32)


def session_hash(workshop_id: int, session_key: str) -> str:
    return hashlib.sha256(f"evaluatie:{workshop_id}:{session_key}".encode()).hexdigest()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def validate_response(
    raw: dict[str, Any], q: Questionnaire, cat: Catalog
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check a response against its questionnaire version, on the server.

    `raw` = {"version": int, "sector": sector id or None, "items": {item id: value}} where a
    value is {"before": 1–5, "now": 1–5} (prepost), 1–5 (likert), 1–10 (grade) or text (open);
    None or "" means not answered. Returns (clean, errors); clean has the same shape with ints and
    stripped texts and only the answered items.
    """
    errors: dict[str, str] = {}
    version = as_int(raw.get("version"))
    if version not in q.versions:
        return {}, {
            "form": "De vragenlijst is intussen gewijzigd. Laad de pagina opnieuw en vul hem "
            "opnieuw in."
        }
    given = raw.get("items") or {}
    clean: dict[str, Any] = {"version": version, "sector": None, "items": {}}
    for item in q.items_of(version):
        key = f"item.{item.id}"
        value = given.get(item.id)
        if item.kind == "prepost":
            value = value if isinstance(value, dict) else {}
            b_raw, n_raw = value.get("before"), value.get("now")
            if _blank(b_raw) and _blank(n_raw):
                if item.required:
                    errors[key] = "Geef aan hoe het vóór het werkatelier was en hoe het nu is."
                continue
            if _blank(b_raw) or _blank(n_raw):
                errors[key] = "Vul zowel ‘vóór’ als ‘nu’ in, of laat allebei leeg."
                continue
            b, n = as_int(b_raw), as_int(n_raw)
            if b is None or n is None or not (1 <= b <= 5 and 1 <= n <= 5):
                errors[key] = "Kies bij ‘vóór’ en ‘nu’ een waarde van 1 tot en met 5."
                continue
            clean["items"][item.id] = {"before": b, "now": n}
        elif item.kind in ("likert", "grade"):
            top = item.scale_max
            if _blank(value):
                if item.required:
                    errors[key] = (
                        f"Geef een rapportcijfer van 1 tot en met {top}."
                        if item.kind == "grade"
                        else "Beantwoord deze vraag."
                    )
                continue
            v = as_int(value)
            if v is None or not 1 <= v <= top:
                errors[key] = f"Kies een waarde van 1 tot en met {top}."
                continue
            clean["items"][item.id] = v
        else:  # open
            text = clean_text(value)
            if not text:
                if item.required:
                    errors[key] = "Beantwoord deze vraag."
                continue
            if len(text) > item.max_chars:
                errors[key] = (
                    f"Je antwoord is te lang: {len(text)} tekens, hoogstens {item.max_chars}."
                )
                continue
            clean["items"][item.id] = text
    sector = raw.get("sector")
    if not _blank(sector):
        if sector not in cat.sectors:
            errors["sector"] = "Kies een sector uit de lijst."
        else:
            clean["sector"] = sector
    return clean, errors


def check_privacy(clean: dict[str, Any], q: Questionnaire) -> dict[str, str]:
    """Open answers that look like they hold personal data (BSN, date of birth, name after a cue,
    …), keyed by field; the value names what was found and quotes it as plain text."""
    found: dict[str, str] = {}
    for iid, value in clean.get("items", {}).items():
        item = q.items.get(iid)
        if item is None or item.kind != "open":
            continue
        findings = privacy.scan(value)
        if findings:
            quoted = ", ".join(f"‘{f.text}’" for f in findings[:5])
            found[f"item.{iid}"] = (
                f"{privacy.summary(findings)} ({quoted}) Haal deze gegevens weg of bevestig "
                "hieronder dat het geen gegevens van een jongere, gezin of collega zijn."
            )
    return found


def ensure_snapshot(db: Database, q: Questionnaire, version: int) -> None:
    """Store a copy of `version` the first time it is used (inside the caller's transaction)."""
    db.execute(
        "INSERT OR IGNORE INTO evaluation_questionnaires(version, definition, stored_at) "
        "VALUES (?, ?, ?)",
        [version, json.dumps(q.definition(version), ensure_ascii=False), now()],
    )


def _write_answers(db: Database, response_id: int, clean: dict[str, Any], q: Questionnaire) -> None:
    db.execute("DELETE FROM evaluation_answers WHERE response_id = ?", [response_id])
    for iid, value in clean["items"].items():
        kind = q.items[iid].kind
        before = value["before"] if kind == "prepost" else None
        score = value["now"] if kind == "prepost" else (value if kind != "open" else None)
        text = value if kind == "open" else None
        db.execute(
            "INSERT INTO evaluation_answers(response_id, item_id, kind, before, value, text) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [response_id, iid, kind, before, score, text],
        )


def _store(
    db: Database,
    workshop_id: int,
    clean: dict[str, Any],
    q: Questionnaire,
    *,
    source: str,
    actor: str,
    session: str | None = None,
    response_id: int | None = None,
    log: bool = True,
) -> tuple[int, bool]:
    """Insert or replace one response (inside the caller's write transaction)."""
    version = clean["version"]
    ensure_snapshot(db, q, version)
    asked = json.dumps(list(q.version(version).items))
    stamp = now()
    existing = None
    if session is not None:
        existing = db.execute(
            "SELECT id FROM evaluation_responses WHERE session_hash = ? AND workshop_id = ?",
            [session, workshop_id],
        ).fetchone()
    elif response_id is not None:
        existing = db.execute(
            "SELECT id FROM evaluation_responses WHERE id = ? AND workshop_id = ? "
            "AND source = 'papier'",
            [response_id, workshop_id],
        ).fetchone()
        if existing is None:
            raise KeyError(response_id)
    if existing:
        rid = existing[0]
        db.execute(
            "UPDATE evaluation_responses SET version = ?, sector_id = ?, asked = ?, "
            "revision = revision + 1, updated_at = ?, entered_by = COALESCE(?, entered_by) "
            "WHERE id = ?",
            [version, clean["sector"], asked, stamp, None if session else actor, rid],
        )
    else:
        cur = db.execute(
            "INSERT INTO evaluation_responses(workshop_id, version, source, session_hash, "
            "sector_id, asked, created_at, updated_at, entered_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                workshop_id,
                version,
                source,
                session,
                clean["sector"],
                asked,
                stamp,
                stamp,
                None if source == "online" else actor,
            ],
        )
        rid = cur.lastrowid
    _write_answers(db, rid, clean, q)
    if not log:
        return rid, bool(existing)
    audit.log(
        db,
        actor,
        ("evaluatie gecorrigeerd" if existing else "evaluatie ingevuld")
        + (" (papier)" if source == "papier" else ""),
        "evaluation_response",
        rid,
        {"werkatelier": workshop_id, "versie": version},
    )
    return rid, bool(existing)


def submit_online(
    db: Database,
    token: str | None,
    session_key: str,
    raw: dict[str, Any],
    cat: Catalog,
    *,
    q: Questionnaire | None = None,
    today: date | None = None,
    confirm_privacy: bool = False,
) -> SaveResult:
    """A respondent's submission through the link. The link is resolved and its state checked
    again here; the same session submitting twice replaces its own earlier answer."""
    q = q or questionnaire()
    link = resolve_link(db, token, today, q)
    if link is None:
        return SaveResult(errors={"form": q.texts["unknown"]})
    if not link.state.open:
        phase_text = "not_open" if link.state.phase == "not-yet" else "closed"
        return SaveResult(errors={"form": q.texts[phase_text]})
    if not session_key or len(session_key) < 20:
        return SaveResult(errors={"form": "Je sessie is verlopen. Laad de pagina opnieuw."})
    clean, errors = validate_response(raw, q, cat)
    if errors:
        return SaveResult(errors=errors)
    flagged = check_privacy(clean, q)
    if flagged and not confirm_privacy:
        return SaveResult(privacy=flagged)
    with write(db):
        rid, updated = _store(
            db,
            link.workshop_id,
            clean,
            q,
            source="online",
            actor=RESPONDENT,
            session=session_hash(link.workshop_id, session_key),
        )
    return SaveResult(response_id=rid, updated=updated)


def save_paper(
    db: Database,
    workshop_id: int,
    raw: dict[str, Any],
    actor: str,
    cat: Catalog,
    *,
    q: Questionnaire | None = None,
    response_id: int | None = None,
    confirm_privacy: bool = False,
) -> SaveResult:
    """Staff: type in (or correct, with `response_id`) one paper evaluation form. Paper forms are
    accepted whether or not the link is open."""
    q = q or questionnaire()
    clean, errors = validate_response(raw, q, cat)
    if errors:
        return SaveResult(errors=errors)
    flagged = check_privacy(clean, q)
    if flagged and not confirm_privacy:
        return SaveResult(privacy=flagged)
    with write(db):
        if not db.execute("SELECT 1 FROM workshops WHERE id = ?", [workshop_id]).fetchone():
            raise KeyError(workshop_id)
        rid, updated = _store(
            db, workshop_id, clean, q, source="papier", actor=actor, response_id=response_id
        )
    return SaveResult(response_id=rid, updated=updated)


def _raw_of(db: Database, response_id: int) -> dict[str, Any]:
    row = db.execute(
        "SELECT version, sector_id FROM evaluation_responses WHERE id = ?", [response_id]
    ).fetchone()
    if not row:
        raise KeyError(response_id)
    items: dict[str, Any] = {}
    for iid, kind, before, value, text in db.execute(
        "SELECT item_id, kind, before, value, text FROM evaluation_answers WHERE response_id = ?",
        [response_id],
    ).fetchall():
        if kind == "prepost":
            items[iid] = {"before": before, "now": value}
        elif kind == "open":
            items[iid] = text
        else:
            items[iid] = value
    return {"version": row[0], "sector": row[1], "items": items}


def session_response(db: Database, workshop_id: int, session_key: str) -> dict[str, Any] | None:
    """The answer this browser session gave for the workshop (to correct it), or None."""
    row = db.execute(
        "SELECT id FROM evaluation_responses WHERE session_hash = ? AND workshop_id = ?",
        [session_hash(workshop_id, session_key), workshop_id],
    ).fetchone()
    return _raw_of(db, row[0]) if row else None


def paper_response(db: Database, workshop_id: int, response_id: int) -> dict[str, Any]:
    """A paper form of this workshop, to correct it (KeyError for anything else)."""
    row = db.execute(
        "SELECT 1 FROM evaluation_responses WHERE id = ? AND workshop_id = ? AND source = 'papier'",
        [response_id, workshop_id],
    ).fetchone()
    if not row:
        raise KeyError(response_id)
    return _raw_of(db, response_id)


def responses_list(db: Database, workshop_id: int) -> pd.DataFrame:
    """The workshop's responses without their content (anonymous): id, source, created_at,
    updated_at, revision, entered_by. Sector and answers are left out on purpose: a single row
    with its sector could point to one person."""
    return pd.read_sql_query(
        "SELECT id, source, substr(created_at, 1, 10) AS created_at, "
        "substr(updated_at, 1, 10) AS updated_at, revision, entered_by "
        "FROM evaluation_responses WHERE workshop_id = ? ORDER BY id",
        db.conn,
        params=[workshop_id],
    )


def delete_response(db: Database, workshop_id: int, response_id: int, actor: str) -> bool:
    """Staff: remove one response (a mistyped paper form, an obvious junk answer)."""
    with write(db):
        cur = db.execute(
            "DELETE FROM evaluation_responses WHERE id = ? AND workshop_id = ?",
            [response_id, workshop_id],
        )
        if cur.rowcount:
            audit.log(
                db,
                actor,
                "evaluatie verwijderd",
                "evaluation_response",
                response_id,
                {"werkatelier": workshop_id},
            )
    return bool(cur.rowcount)


def stored_definitions(db: Database) -> dict[int, dict[str, Any]]:
    """The questionnaire snapshots kept in the database, by version."""
    return {
        v: json.loads(d)
        for v, d in db.execute(
            "SELECT version, definition FROM evaluation_questionnaires"
        ).fetchall()
    }


# ---------------------------------------------------------------- demo data

DEMO_OPEN = {
    "open-meenemen": [
        "Feiten en meningen gescheiden opschrijven, en ook de tegen-signalen.",
        "Dat ik eerst anoniem advies kan vragen voordat ik iets deel.",
        "Het telefoonnummer van het contactpunt radicalisering in onze gemeente.",
        "De stappen van de werkwijze; ik hang ze op de kamer van ons team.",
        "Dat de school geen beroepsgeheim heeft maar de AVG wel geldt.",
        "Korte lijnen met de wijkagent en het jongerenwerk.",
    ],
    "open-mist": [
        "Meer tijd voor onze eigen casussen.",
        "Iemand van het Zorg- en Veiligheidshuis aan tafel.",
        "Een vervolgbijeenkomst over een half jaar.",
        "Meer over online radicalisering.",
        "Een overzicht op papier van wie wat mag delen.",
    ],
}
# How much each goal typically improves in the demo (the network improves least: one afternoon
# rarely tells you what happens to a signal you share).
DEMO_GAIN = {"signalen": 0.9, "weten-wat-mag": 1.3, "zorgvuldig-delen": 1.4, "netwerk": 0.7}


def _demo_attendance(db: Database, wid: int, answers: dict[str, Any]) -> tuple[int, list[str]]:
    """Attendance and attendees' sectors: from the participants table when a colleague's seeder
    filled it, else from the intake's desired sectors."""
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'participants'"
    ).fetchone()
    if exists:
        rows = db.execute(
            "SELECT sector_id FROM participants WHERE workshop_id = ? AND attended = 1", [wid]
        ).fetchall()
        if rows:
            return len(rows), [r[0] for r in rows if r[0]]
    sectors = [sid for sid, n in (answers.get("sectors") or {}).items() for _ in range(int(n))]
    return len(sectors), sectors


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def seed_demo(
    db: Database, rng: random.Random, workshops: list[dict[str, Any]], cat: Catalog
) -> None:
    """Plausible anonymous responses for demo workshops that took place (runs inside the demo
    seeder's write transaction): fewer than attended, varied sectors, some open answers, some
    optional answers left out."""
    q = questionnaire()
    version = q.current
    for w in workshops:
        if w["status"] not in DONE_STATUSES:
            continue
        attendance, sectors = _demo_attendance(db, w["id"], w.get("answers") or {})
        if attendance < 2:
            continue
        n = rng.randint(max(1, attendance // 2), attendance - 1)
        rng.shuffle(sectors)
        quality = rng.gauss(0, 0.35)  # some workshops go better than others
        for k in range(n):
            base = rng.uniform(1.6, 3.4)
            items: dict[str, Any] = {}
            for item in q.items_of(version):
                if not item.required and rng.random() < 0.06:
                    continue  # left blank
                if item.kind == "prepost":
                    before = _clip(base + rng.gauss(0, 0.6), 1, 5)
                    gain = DEMO_GAIN.get(item.section, 1.0) + quality + rng.gauss(0, 0.7)
                    items[item.id] = {
                        "before": before,
                        "now": _clip(before + gain, max(1, before - 1), 5),
                    }
                elif item.kind == "grade":
                    items[item.id] = _clip(7.6 + 2 * quality + rng.gauss(0, 0.9), 4, 10)
                elif item.kind == "likert":
                    items[item.id] = _clip(3.9 + quality + rng.gauss(0, 0.8), 1, 5)
                elif rng.random() < 0.45:
                    items[item.id] = rng.choice(DEMO_OPEN.get(item.id, ["(demo-antwoord)"]))
            sector = sectors[k] if k < len(sectors) and rng.random() > 0.1 else None
            clean = {"version": version, "sector": sector, "items": items}
            rid, _ = _store(
                db,
                w["id"],
                clean,
                q,
                source="papier" if rng.random() < 0.15 else "online",
                actor="demo",
                log=False,
            )
            if w.get("date"):
                stamp = datetime.combine(w["date"], datetime.min.time(), UTC) + timedelta(
                    hours=rng.randint(13, 40)
                )
                db.execute(
                    "UPDATE evaluation_responses SET created_at = ?, updated_at = ? WHERE id = ?",
                    [stamp.isoformat(timespec="seconds")] * 2 + [rid],
                )
