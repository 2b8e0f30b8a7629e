"""The recommendation rules (data/recommendations.toml), loaded and validated by `load_rules`.

Each rule has an id, a title, a text with placeholders ({gemeente}, figures), an owner, a priority
and conditions (`when`: alternatives of conditions that must all hold). A broken file raises
`CatalogError` naming the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jep.evaluation import questionnaire
from jep.reference.catalog import Catalog, catalog
from jep.reference.toml import DATA_DIR, ID_RE, CatalogError, read_toml
from jep.text import parse_int
from jep.workshop import intake, notes

RULES_FILE = "recommendations.toml"
OWN_PREFIX = "eigen-"  # ids of staff's own recommendations (never a rule id)
KINDS = (
    "knelpunt",
    "context",
    "domain_missing",
    "sector_missing",
    "item",
    "goal",
    "day_knelpunt",
    "notes",
    "mentions",
)
# Free text a `mentions` condition reads: the knelpunten a municipality added itself in the
# voorgesprek, and the legal questions (with their answers) of the day.
MENTION_SOURCES = ("eigen_knelpunt", "juridisch")
MEASURES = ("now", "gain")
DAY_STATUSES = ("bevestigd", "nieuw", "any")
GENERAL_FIELDS = ("gemeente", "provincie", "datum", "aanwezig", "respondenten", "rapportcijfer")
FIGURE_FIELDS = ("ernst", "nu", "voor", "toename", "aantal")
PLACEHOLDER_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


# ---------------------------------------------------------------- the rule base


@dataclass(frozen=True)
class Condition:
    kind: str
    target: str = ""  # knelpunt / question / domain / sector / item / goal id, or note kind
    min_severity: int = 1
    answers: tuple[str, ...] = ()
    measure: str = "now"
    below: float = 0.0
    min_n: int | None = None
    status: str = "any"
    min_count: int = 1
    step: int | None = None
    sources: tuple[str, ...] = ()  # mentions: where to look (MENTION_SOURCES)
    words: tuple[str, ...] = ()  # mentions: one of these must occur …
    also: tuple[str, ...] = ()  # … and, when given, one of these too


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    text: str
    owner: str
    priority: int
    when: tuple[tuple[Condition, ...], ...]
    basis: str = ""
    topic: str = ""  # rules of one topic proposed from the same fact become one proposal


@dataclass(frozen=True)
class RuleBase:
    rules: tuple[Rule, ...]
    owners: dict[str, str]
    priorities: dict[int, str]
    min_respondents: int

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def owner_label(self, owner: str) -> str:
        return self.owners.get(owner, owner)

    def priority_label(self, priority: int) -> str:
        return self.priorities.get(priority, str(priority))


def _fail(fname: str, where: str, message: str) -> CatalogError:
    return CatalogError(f"{fname}: {where}: {message}")


def _condition(
    raw: Any, fname: str, where: str, cat: Catalog, q: questionnaire.Questionnaire
) -> Condition:
    if not isinstance(raw, dict):
        raise _fail(fname, where, f"een voorwaarde moet een tabel {{ kind = … }} zijn: {raw!r}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(
            fname, where, f"onbekende soort voorwaarde {kind!r}; kies uit {', '.join(KINDS)}"
        )
    allowed = {
        "knelpunt": {"knelpunt", "min_severity"},
        "context": {"question", "answers"},
        "domain_missing": {"domain"},
        "sector_missing": {"sector"},
        "item": {"item", "measure", "below", "min_n"},
        "goal": {"goal", "measure", "below", "min_n"},
        "day_knelpunt": {"knelpunt", "status"},
        "notes": {"note_kind", "min_count", "step"},
        "mentions": {"source", "words", "also", "min_severity"},
    }[kind]
    extra = set(raw) - allowed - {"kind"}
    if extra:
        raise _fail(
            fname, where, f"voorwaarde '{kind}' kent geen veld(en) {', '.join(sorted(extra))}"
        )

    def need_int(key: str, low: int, high: int, default: int | None) -> int | None:
        value = raw.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise _fail(fname, where, f"'{key}' moet een geheel getal van {low} tot {high} zijn")
        return value

    if kind in ("knelpunt", "day_knelpunt"):
        kid = raw.get("knelpunt")
        if kid not in cat.knelpunten:
            raise _fail(fname, where, f"onbekend knelpunt {kid!r} (zie knelpunten.toml)")
        if kind == "knelpunt":
            return Condition(kind, kid, min_severity=need_int("min_severity", 1, 5, 1) or 1)
        status = raw.get("status", "any")
        if status not in DAY_STATUSES:
            raise _fail(fname, where, f"status moet een van {', '.join(DAY_STATUSES)} zijn")
        return Condition(kind, kid, status=status)
    if kind == "context":
        question = raw.get("question")
        if question not in intake.CONTEXT_QUESTIONS:
            raise _fail(
                fname,
                where,
                f"onbekende vraag {question!r}; kies uit {', '.join(intake.CONTEXT_QUESTIONS)}",
            )
        answers = raw.get("answers")
        if (
            not isinstance(answers, list)
            or not answers
            or any(a not in intake.CONTEXT_ANSWERS for a in answers)
        ):
            raise _fail(
                fname,
                where,
                f"answers moet een lijst zijn met {', '.join(intake.CONTEXT_ANSWERS)}",
            )
        return Condition(kind, question, answers=tuple(answers))
    if kind == "domain_missing":
        domain = raw.get("domain")
        if domain not in cat.domains:
            raise _fail(fname, where, f"onbekend domein {domain!r} (zie sectors.toml)")
        return Condition(kind, domain)
    if kind == "sector_missing":
        sector = raw.get("sector")
        if sector not in cat.sectors:
            raise _fail(fname, where, f"onbekende sector {sector!r} (zie sectors.toml)")
        return Condition(kind, sector)
    if kind in ("item", "goal"):
        target = str(raw.get(kind) or "")
        measure = raw.get("measure", "now")
        if measure not in MEASURES:
            raise _fail(fname, where, f"measure moet 'now' of 'gain' zijn, niet {measure!r}")
        if kind == "item":
            item = q.items.get(target) if isinstance(target, str) else None
            if item is None or item.kind not in ("prepost", "likert"):
                raise _fail(
                    fname,
                    where,
                    f"onbekend item {target!r}: kies een vóór/nu- of 5-puntsvraag uit "
                    "evaluation.toml",
                )
            if measure == "gain" and item.kind != "prepost":
                raise _fail(fname, where, f"item {target!r} heeft geen vóór-score voor 'gain'")
        elif target not in {g.id for g in q.goals}:
            raise _fail(
                fname, where, f"onbekend doel {target!r} (een doel-sectie in evaluation.toml)"
            )
        below = raw.get("below")
        if isinstance(below, bool) or not isinstance(below, int | float):
            raise _fail(fname, where, "'below' (de drempel) moet een getal zijn")
        return Condition(
            kind,
            target,
            measure=measure,
            below=float(below),
            min_n=need_int("min_n", 1, 10_000, None),
        )
    if kind == "mentions":
        sources = raw.get("source", list(MENTION_SOURCES))
        if (
            not isinstance(sources, list)
            or not sources
            or any(src not in MENTION_SOURCES for src in sources)
        ):
            raise _fail(
                fname, where, f"source moet een lijst zijn met {', '.join(MENTION_SOURCES)}"
            )

        def word_list(key: str, required: bool) -> tuple[str, ...]:
            value = raw.get(key, [] if not required else None)
            if not isinstance(value, list) or (required and not value):
                raise _fail(fname, where, f"'{key}' moet een lijst van woorden zijn")
            if any(not isinstance(w, str) or not w.strip() for w in value):
                raise _fail(fname, where, f"'{key}' bevat een leeg woord of geen tekst")
            return tuple(w.strip().casefold() for w in value)

        return Condition(
            kind,
            "",
            min_severity=need_int("min_severity", 1, 5, 1) or 1,
            sources=tuple(sources),
            words=word_list("words", True),
            also=word_list("also", False),
        )
    note_kind = raw.get("note_kind")
    if note_kind not in notes.KINDS:
        raise _fail(fname, where, f"note_kind moet een van {', '.join(notes.KINDS)} zijn")
    step = need_int("step", 1, 99, None)
    if step is not None and (note_kind != "dilemma" or step not in {s.number for s in cat.steps}):
        raise _fail(
            fname, where, f"step {step} past niet (alleen bij dilemma's, een bestaande stap)"
        )
    return Condition(kind, note_kind, min_count=need_int("min_count", 1, 1000, 1) or 1, step=step)


def _placeholders(text: str, fname: str, where: str) -> list[tuple[str, str | None]]:
    """(name, id or None) of every placeholder in a text; CatalogError when malformed."""
    found = []
    for m in PLACEHOLDER_RE.finditer(text):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        if m.group(1) is None:
            raise _fail(fname, where, "losse accolade in de tekst; schrijf {{ of }}")
        name, _, ident = m.group(1).partition(".")
        found.append((name, ident or None))
    return found


def _check_placeholders(rule: Rule, fname: str) -> None:
    where = f"regel '{rule.id}'"
    for name, ident in _placeholders(rule.text, fname, where) + _placeholders(
        rule.title, fname, where
    ):
        shown = "{" + name + ("." + ident if ident else "") + "}"
        if name in GENERAL_FIELDS and ident is None:
            continue
        if name == "ontbrekende_domeinen" and ident is None:
            ok = all(any(c.kind == "domain_missing" for c in alt) for alt in rule.when)
        elif name in FIGURE_FIELDS and ident:
            kinds = {
                "ernst": ("knelpunt",),
                "nu": ("item", "goal"),
                "voor": ("item", "goal"),
                "toename": ("item", "goal"),
                "aantal": ("notes",),
            }[name]
            ok = all(any(c.kind in kinds and c.target == ident for c in alt) for alt in rule.when)
        else:
            allowed = ", ".join(
                [f"{{{g}}}" for g in GENERAL_FIELDS]
                + ["{ontbrekende_domeinen}"]
                + [f"{{{f}.ID}}" for f in FIGURE_FIELDS]
            )
            raise _fail(fname, where, f"onbekende invulplek {shown}; toegestaan: {allowed}")
        if not ok:
            raise _fail(
                fname,
                where,
                f"invulplek {shown} vraagt in elk alternatief van 'when' een voorwaarde op "
                "hetzelfde (anders bestaat het getal niet altijd)",
            )


def load_rules(
    path: Path | None = None,
    cat: Catalog | None = None,
    q: questionnaire.Questionnaire | None = None,
) -> RuleBase:
    """Load and validate data/recommendations.toml (CatalogError names the file and the rule)."""
    path = path or DATA_DIR / RULES_FILE
    fname = path.name
    cat = cat or catalog()
    q = q or questionnaire.questionnaire()
    doc = read_toml(path)
    owners = doc.get("owners")
    if not isinstance(owners, dict) or not owners:
        raise CatalogError(f"{fname}: sectie [owners] ontbreekt of is leeg")
    for key, label in owners.items():
        if not ID_RE.match(key) or not isinstance(label, str) or not label.strip():
            raise CatalogError(f"{fname}: [owners] {key} moet een naam (tekst) hebben")
    raw_prio = doc.get("priorities")
    if not isinstance(raw_prio, dict) or not raw_prio:
        raise CatalogError(f"{fname}: sectie [priorities] ontbreekt of is leeg")
    priorities: dict[int, str] = {}
    for key, label in raw_prio.items():
        number = parse_int(str(key), 0)
        if number is None or not isinstance(label, str) or not label.strip():
            raise CatalogError(f"{fname}: [priorities] {key} = … moet een getal met een naam zijn")
        priorities[number] = label.strip()
    defaults = doc.get("defaults", {})
    min_n = defaults.get("min_respondents", q.min_cell) if isinstance(defaults, dict) else None
    if isinstance(min_n, bool) or not isinstance(min_n, int) or min_n < 1:
        raise CatalogError(f"{fname}: [defaults] min_respondents moet een geheel getal ≥ 1 zijn")
    items = doc.get("rule")
    if not isinstance(items, list) or not items:
        raise CatalogError(f"{fname}: geen [[rule]]-items gevonden")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, raw in enumerate(items, 1):
        rid = raw.get("id")
        where = f"regel '{rid}'" if isinstance(rid, str) else f"regel nr. {i}"
        if not isinstance(rid, str) or not ID_RE.match(rid) or rid.startswith(OWN_PREFIX):
            raise _fail(fname, where, f"ongeldig id {rid!r} (kleine letters, cijfers, -)")
        if rid in seen:
            raise _fail(fname, where, "dit id komt twee keer voor")
        seen.add(rid)
        for key in ("title", "text"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise _fail(fname, where, f"mist een tekst '{key}'")
        if raw.get("owner") not in owners:
            raise _fail(fname, where, f"owner moet een van {', '.join(owners)} zijn")
        prio = raw.get("priority")
        if isinstance(prio, bool) or prio not in priorities:
            raise _fail(
                fname, where, f"priority moet een van {', '.join(map(str, priorities))} zijn"
            )
        when = raw.get("when")
        if not isinstance(when, list) or not when:
            raise _fail(fname, where, "'when' moet een lijst van alternatieven zijn: [[…], […]]")
        alts = []
        for j, alt in enumerate(when, 1):
            if not isinstance(alt, list) or not alt:
                raise _fail(
                    fname, where, f"alternatief {j} moet een niet-lege lijst van voorwaarden zijn"
                )
            alts.append(
                tuple(_condition(c, fname, f"{where}, alternatief {j}", cat, q) for c in alt)
            )
        basis = raw.get("basis", "")
        topic = raw.get("topic", "")
        if not isinstance(topic, str) or (topic and not ID_RE.match(topic)):
            raise _fail(fname, where, f"ongeldig topic {topic!r} (kleine letters, cijfers, -)")
        rule = Rule(
            rid,
            raw["title"].strip(),
            raw["text"].strip(),
            raw["owner"],
            prio,
            tuple(alts),
            basis.strip() if isinstance(basis, str) else "",
            topic,
        )
        _check_placeholders(rule, fname)
        rules.append(rule)
    return RuleBase(
        tuple(rules),
        {k: v.strip() for k, v in owners.items()},
        dict(sorted(priorities.items())),
        min_n,
    )


@lru_cache(maxsize=1)
def rules() -> RuleBase:
    """The rule base of the default data folder, loaded once per process."""
    return load_rules()
