"""The evaluation questionnaire (data/evaluation.toml): versioned items, validated on load.

A response stores the version it was given under and the list of item ids it was asked, so a later
questionnaire never changes the meaning or the count of older answers. The first time a version is
used its texts are copied into the database (`evaluation_questionnaires`), so charts of old answers
keep their labels even if a version disappears from the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jep.reference.toml import DATA_DIR, ID_RE, fail, int_setting, read_toml

KINDS = ("prepost", "likert", "grade", "open")
SCALE_MAX = {"prepost": 5, "likert": 5, "grade": 10}
TEXT_KEYS = ("title", "subtitle", "intro", "prepost", "privacy_note", "thanks", "correct")
TEXT_KEYS_MORE = ("unknown", "not_open", "closed")
# The phone form and the paper form (issue 19) and the refusals of an overused link.
TEXT_KEYS_FORM = (
    "saved_as_you_go",
    "no_cookie",
    "unsent",
    "over_cap",
    "rate_limited",
    "not_saved_yet",
    "paper_intro",
    "paper_qr",
    "paper_end",
)


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
    # [link] limits on new online respondents (issue 18, item 9): per link at most
    # max(present × respondents_per_present, present + respondents_extra); per client address at
    # most new_respondents_per_client per hour and saves_per_client_per_minute saves.
    respondents_per_present: float = 1.5
    respondents_extra: int = 5
    new_respondents_per_client: int = 40
    saves_per_client_per_minute: int = 600

    @property
    def scale_hint(self) -> str:
        """The meaning of the 5-point scale in one line ('1 = … · 5 = …')."""
        return f"1 = {self.scale_labels[0]} · 5 = {self.scale_labels[-1]}"

    def sections_of(self, number: int | None = None) -> list[tuple[Section, list[Item]]]:
        """The sections of a version in form order, each with its items (empty ones left out)."""
        items = self.items_of(number)
        return [
            (s, [it for it in items if it.section == s.id])
            for s in self.sections.values()
            if any(it.section == s.id for it in items)
        ]

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


def _num(doc: dict[str, Any], section: str, key: str, fname: str, low: float, high: float) -> float:
    value = (doc.get(section) or {}).get(key)
    if not isinstance(value, int | float) or isinstance(value, bool) or not low <= value <= high:
        raise fail(fname, f"[{section}] {key} moet een getal van {low} tot {high} zijn")
    return float(value)


def _text(entry: dict[str, Any], key: str, fname: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(fname, f"{where} mist een geldige tekst '{key}': {entry!r}")
    return value.strip()


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """Read and validate the questionnaire file; raises `CatalogError` naming the bad entry."""
    path = path or DATA_DIR / "evaluation.toml"
    fname = path.name
    doc = read_toml(path)

    sections: dict[str, Section] = {}
    for i, s in enumerate(doc.get("section") or [], 1):
        sid = _text(s, "id", fname, f"sectie nr. {i}")
        if not ID_RE.match(sid) or sid in sections:
            raise fail(fname, f"sectie nr. {i} heeft een ongeldig of dubbel id '{sid}'")
        sections[sid] = Section(
            sid, _text(s, "title", fname, f"sectie '{sid}'"), s.get("goal") is True
        )
    if not any(s.goal for s in sections.values()):
        raise fail(fname, "geen [[section]] met goal = true (de doelen van het werkatelier)")

    items: dict[str, Item] = {}
    for i, it in enumerate(doc.get("item") or [], 1):
        iid = _text(it, "id", fname, f"vraag nr. {i}")
        where = f"vraag '{iid}'"
        if not ID_RE.match(iid) or iid in items:
            raise fail(fname, f"vraag nr. {i} heeft een ongeldig of dubbel id '{iid}'")
        kind = it.get("kind")
        if kind not in KINDS:
            raise fail(fname, f"{where}: kind moet een van {', '.join(KINDS)} zijn, niet {kind!r}")
        section = it.get("section")
        if section not in sections:
            raise fail(fname, f"{where} verwijst naar onbekende sectie {section!r}")
        if kind == "prepost" and not sections[section].goal:
            raise fail(fname, f"{where}: een vóór/nu-vraag hoort in een sectie met goal = true")
        required = it.get("required", False)
        if not isinstance(required, bool):
            raise fail(fname, f"{where}: required moet true of false zijn")
        max_chars = it.get("max_chars", 1000)
        if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 1:
            raise fail(fname, f"{where}: max_chars moet een positief geheel getal zijn")
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
        raise fail(fname, "geen [[item]]-vragen gevonden")

    versions: dict[int, Version] = {}
    for i, v in enumerate(doc.get("version") or [], 1):
        number = v.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise fail(fname, f"versie nr. {i} heeft geen geldig nummer (1, 2, …)")
        if number in versions:
            raise fail(fname, f"versie {number} komt twee keer voor")
        ids = v.get("items")
        if not isinstance(ids, list) or not ids:
            raise fail(fname, f"versie {number} heeft geen lijst items")
        for iid in ids:
            if iid not in items:
                raise fail(fname, f"versie {number} noemt onbekende vraag {iid!r}")
        if len(set(ids)) != len(ids):
            raise fail(fname, f"versie {number} noemt een vraag twee keer")
        if sum(items[iid].kind == "grade" for iid in ids) > 1:
            raise fail(fname, f"versie {number} heeft meer dan één rapportcijfer")
        introduced = v.get("introduced")
        if introduced is not None and not isinstance(introduced, date):
            raise fail(fname, f"versie {number}: introduced moet een datum zijn (2026-01-01)")
        versions[number] = Version(number, tuple(ids), introduced)
    current = doc.get("current")
    if current not in versions:
        raise fail(fname, f"current = {current!r} is geen bestaande versie")

    labels = (doc.get("scale") or {}).get("labels")
    if (
        not isinstance(labels, list)
        or len(labels) != 5
        or not all(isinstance(x, str) and x.strip() for x in labels)
    ):
        raise fail(fname, "[scale] labels moet precies 5 teksten hebben (voor 1 t/m 5)")
    texts_doc = doc.get("texts") or {}
    texts = {
        k: _text(texts_doc, k, fname, "[texts]")
        for k in (*TEXT_KEYS, *TEXT_KEYS_MORE, *TEXT_KEYS_FORM)
    }
    respondent = doc.get("respondent") or {}
    open_day = (doc.get("link") or {}).get("open_on_workshop_day", True)
    if not isinstance(open_day, bool):
        raise fail(fname, "[link] open_on_workshop_day moet true of false zijn")
    return Questionnaire(
        current=current,
        sections=sections,
        items=items,
        versions=versions,
        scale_labels=tuple(x.strip() for x in labels),
        texts=texts,
        sector_question=_text(respondent, "sector_question", fname, "[respondent]"),
        sector_help=str(respondent.get("sector_help", "")),
        close_after_days=int_setting(doc, "link", "close_after_days", fname, 0, 365),
        open_on_workshop_day=open_day,
        token_valid_days=int_setting(doc, "link", "token_valid_days", fname, 1, 3650),
        min_cell=int_setting(doc, "privacy", "min_cell", fname, 3, 100),
        target_now_mean=_num(doc, "targets", "now_mean", fname, 1, 5),
        target_share_improved=_num(doc, "targets", "share_improved", fname, 0, 1),
        source=fname,
        **_limits(doc, fname),
    )


def _limits(doc: dict[str, Any], fname: str) -> dict[str, Any]:
    """The optional [link] limits on new respondents (the defaults when left out)."""
    link = doc.get("link") or {}
    found: dict[str, Any] = {}
    for key, low, high in (
        ("respondents_per_present", 1, 10),
        ("respondents_extra", 0, 1000),
        ("new_respondents_per_client", 1, 10000),
        ("saves_per_client_per_minute", 10, 100000),
    ):
        if key in link:
            read = _num if key == "respondents_per_present" else int_setting
            found[key] = read(doc, "link", key, fname, low, high)
    return found


@lru_cache(maxsize=1)
def questionnaire() -> Questionnaire:
    """The questionnaire of data/evaluation.toml, loaded once per process."""
    return load_questionnaire()
