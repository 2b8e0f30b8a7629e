"""The follow-up's timing and wording (data/followup.toml), validated when loaded.

`load_config` raises `CatalogError` naming the file and the entry; `config()` loads it once per
process. Nothing here reads the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jep.reference.catalog import Catalog, catalog
from jep.reference.toml import DATA_DIR, ID_RE, fail, int_setting, read_toml

TEXT_KEYS = (
    "title",
    "intro",
    "privacy_note",
    "thanks",
    "participants_title",
    "participants_intro",
    "participants_thanks",
    "participants_correct",
    "participants_unknown",
)
ITEM_KINDS = ("likert", "choice", "open")
REPORT_KEYS = (
    "title",
    "intro",
    "on_behalf",
    "recommendations",
    "recommendations_intro",
    "knelpunten",
    "knelpunten_intro",
    "usage",
    "participants",
    "participants_intro",
    "participants_hidden",
    "next",
)
REPORT_FIELDS = {"gemeente", "datum", "verslag", "maanden", "n"}


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class Status:
    id: str
    label: str
    implemented: bool = False
    counted: bool = True
    picked_up: bool = False


@dataclass(frozen=True)
class Role:
    id: str
    label: str
    domain: str


@dataclass(frozen=True)
class UsageItem:
    id: str
    text: str


@dataclass(frozen=True)
class ParticipantItem:
    id: str
    kind: str
    text: str
    short: str
    options: tuple[Choice, ...] = ()
    used: tuple[str, ...] = ()  # choice items: the options that count as "yes, did it"

    def option_label(self, option: str | None) -> str:
        return next((o.label for o in self.options if o.id == option), option or "—")


@dataclass(frozen=True)
class FollowupConfig:
    due_after_months: int
    reminder_after_days: int
    link_valid_days: int
    participants_link_days: int
    min_cell: int
    track_min: int
    track_rarely_below: float
    texts: dict[str, str]
    report: dict[str, str]
    statuses: dict[str, Status]
    roles: dict[str, Role]
    usage_answers: dict[str, Choice]
    usage: dict[str, UsageItem]
    next_answers: dict[str, Choice]
    support: dict[str, Choice]
    participant_items: dict[str, ParticipantItem]
    source: str = field(default="followup.toml", compare=False)

    def status_label(self, status: str | None) -> str:
        return self.statuses[status].label if status in self.statuses else "—"

    def role_label(self, role: str | None) -> str:
        return self.roles[role].label if role in self.roles else "—"

    @property
    def implemented(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statuses.values() if s.implemented)

    @property
    def counted(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statuses.values() if s.counted)


def _text(entry: Any, key: str, fname: str, where: str) -> str:
    value = entry.get(key) if isinstance(entry, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise fail(fname, f"{where} mist een geldige tekst '{key}'")
    return value.strip()


def _entries(doc: dict[str, Any], key: str, fname: str) -> list[dict[str, Any]]:
    items = doc.get(key)
    if not isinstance(items, list) or not items:
        raise fail(fname, f"geen [[{key}]]-items gevonden")
    for i, entry in enumerate(items, 1):
        if not isinstance(entry, dict):
            raise fail(fname, f"[[{key}]] nr. {i} is geen tabel")
    return items


def _ident(entry: dict[str, Any], fname: str, where: str, seen: set[str]) -> str:
    ident = entry.get("id")
    if not isinstance(ident, str) or not ID_RE.match(ident) or ident in seen:
        raise fail(fname, f"{where} heeft een ongeldig of dubbel id {ident!r}")
    seen.add(ident)
    return ident


def _choices(doc: dict[str, Any], key: str, fname: str) -> dict[str, Choice]:
    out: dict[str, Choice] = {}
    seen: set[str] = set()
    for i, entry in enumerate(_entries(doc, key, fname), 1):
        ident = _ident(entry, fname, f"[[{key}]] nr. {i}", seen)
        out[ident] = Choice(ident, _text(entry, "label", fname, f"[[{key}]] '{ident}'"))
    return out


def _flag(entry: dict[str, Any], key: str, default: bool, fname: str, where: str) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise fail(fname, f"{where}: {key} moet true of false zijn")
    return value


def load_config(path: Path | None = None, cat: Catalog | None = None) -> FollowupConfig:
    """Read and validate the follow-up file; `CatalogError` names the file and the bad entry."""
    path = path or DATA_DIR / "followup.toml"
    fname = path.name
    doc = read_toml(path)
    cat = cat or catalog()

    statuses: dict[str, Status] = {}
    seen: set[str] = set()
    for i, entry in enumerate(_entries(doc, "status", fname), 1):
        ident = _ident(entry, fname, f"[[status]] nr. {i}", seen)
        where = f"[[status]] '{ident}'"
        statuses[ident] = Status(
            ident,
            _text(entry, "label", fname, where),
            _flag(entry, "implemented", False, fname, where),
            _flag(entry, "counted", True, fname, where),
            _flag(entry, "picked_up", False, fname, where),
        )
    if not any(s.implemented for s in statuses.values()):
        raise fail(fname, "geen [[status]] met implemented = true (wat telt als uitgevoerd)")

    roles: dict[str, Role] = {}
    seen = set()
    for i, entry in enumerate(_entries(doc, "role", fname), 1):
        ident = _ident(entry, fname, f"[[role]] nr. {i}", seen)
        where = f"[[role]] '{ident}'"
        domain = entry.get("domain")
        if domain not in cat.domains:
            raise fail(
                fname,
                f"{where}: domain {domain!r} staat niet in sectors.toml ({', '.join(cat.domains)})",
            )
        roles[ident] = Role(ident, _text(entry, "label", fname, where), domain)

    usage: dict[str, UsageItem] = {}
    seen = set()
    for i, entry in enumerate(_entries(doc, "usage", fname), 1):
        ident = _ident(entry, fname, f"[[usage]] nr. {i}", seen)
        usage[ident] = UsageItem(ident, _text(entry, "text", fname, f"[[usage]] '{ident}'"))

    items: dict[str, ParticipantItem] = {}
    seen = set()
    for i, entry in enumerate(_entries(doc, "participant_item", fname), 1):
        ident = _ident(entry, fname, f"[[participant_item]] nr. {i}", seen)
        where = f"[[participant_item]] '{ident}'"
        kind = entry.get("kind")
        if kind not in ITEM_KINDS:
            raise fail(fname, f"{where}: kind moet een van {', '.join(ITEM_KINDS)} zijn")
        options: list[Choice] = []
        used: tuple[str, ...] = ()
        if kind == "choice":
            raw = entry.get("options")
            if not isinstance(raw, list) or len(raw) < 2:
                raise fail(fname, f"{where}: een keuzevraag heeft minstens twee options")
            opt_seen: set[str] = set()
            for j, opt in enumerate(raw, 1):
                if not isinstance(opt, dict):
                    raise fail(fname, f"{where}: option nr. {j} is geen tabel")
                oid = _ident(opt, fname, f"{where} option nr. {j}", opt_seen)
                options.append(Choice(oid, _text(opt, "label", fname, f"{where} option '{oid}'")))
            raw_used = entry.get("used", [])
            if not isinstance(raw_used, list) or not all(u in opt_seen for u in raw_used):
                raise fail(fname, f"{where}: used noemt een optie die er niet is")
            used = tuple(raw_used)
        elif "options" in entry:
            raise fail(fname, f"{where}: alleen een keuzevraag (choice) heeft options")
        items[ident] = ParticipantItem(
            ident,
            kind,
            _text(entry, "text", fname, where),
            _text(entry, "short", fname, where),
            tuple(options),
            used,
        )

    texts_doc = doc.get("texts") or {}
    report_doc = doc.get("report") or {}
    report = {k: _text(report_doc, k, fname, "[report]") for k in REPORT_KEYS}
    for key, value in report.items():
        for name in re.findall(r"\{([^{}]*)\}", value):
            if name not in REPORT_FIELDS:
                raise fail(
                    fname,
                    f"[report] {key} gebruikt onbekende invulplek {{{name}}}; toegestaan: "
                    + ", ".join(f"{{{f}}}" for f in sorted(REPORT_FIELDS)),
                )
    rarely = (doc.get("track_record") or {}).get("rarely_below")
    if not isinstance(rarely, int | float) or isinstance(rarely, bool) or not 0 <= rarely <= 1:
        raise fail(fname, "[track_record] rarely_below moet een getal van 0 tot 1 zijn")
    return FollowupConfig(
        due_after_months=int_setting(doc, "timing", "due_after_months", fname, 1, 36),
        reminder_after_days=int_setting(doc, "timing", "reminder_after_days", fname, 1, 180),
        link_valid_days=int_setting(doc, "timing", "link_valid_days", fname, 1, 365),
        participants_link_days=int_setting(doc, "timing", "participants_link_days", fname, 1, 365),
        min_cell=int_setting(doc, "privacy", "min_cell", fname, 3, 100),
        track_min=int_setting(doc, "track_record", "min_followups", fname, 1, 1000),
        track_rarely_below=float(rarely),
        texts={k: _text(texts_doc, k, fname, "[texts]") for k in TEXT_KEYS},
        report=report,
        statuses=statuses,
        roles=roles,
        usage_answers=_choices(doc, "usage_answer", fname),
        usage=usage,
        next_answers=_choices(doc, "next_answer", fname),
        support=_choices(doc, "support", fname),
        participant_items=items,
        source=fname,
    )


@lru_cache(maxsize=1)
def config() -> FollowupConfig:
    """The follow-up settings and wording of data/followup.toml, loaded once per process."""
    return load_config()
