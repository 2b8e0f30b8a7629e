"""Tailored recommendations: the rule base, the engine and staff's review per workshop.

- **Rule base** (`data/recommendations.toml`, loaded and validated by `load_rules`): each rule has
  an id, a title, a text with placeholders ({gemeente}, figures), an owner, a priority and
  conditions (`when`: alternatives of conditions that must all hold).
- **Facts** (`gather_facts`): what the application knows about one workshop – the voorgesprek's
  knelpunten and context answers, the participant mix, the evaluation results (from
  `jep.evaluation_stats`, the same tables the screens use) and the facilitators' notes.
- **Engine** (`evaluate(facts, rules)`): pure and deterministic. It returns every matching rule as
  a `Recommendation`, sorted by priority and then id, each with the reason in plain Dutch:
  "omdat in het voorgesprek ‘Geen terugkoppeling’ als knelpunt met ernst 4 werd genoemd en de
  stelling ‘Ik weet wat er gebeurt met een signaal dat ik deel’ na afloop gemiddeld 2,6 scoorde".
- **Review** (`review`, `decide`, `reword`, `add_own`, …): staff accept, reject or reword each
  proposal and add their own; the choices are kept per workshop (table
  `recommendation_decisions`). `review(...).final` is what goes into the report: accepted
  proposals (reworded where staff did so) and staff's own recommendations. Proposals nobody
  decided on yet stay out unless asked for.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from sqlite_utils import Database

from jep.evaluation import questionnaire
from jep.evaluation import stats as es
from jep.fmt import fmt_date, fmt_num
from jep.privacy import guard as privacy
from jep.reference.catalog import DATA_DIR, ID_RE, Catalog, CatalogError, catalog, read_toml
from jep.store import audit
from jep.store.db import now, write
from jep.text import clean_text
from jep.workshop import intake, mix, notes, participants, planning, workshops

RULES_FILE = "recommendations.toml"
KINDS = (
    "knelpunt",
    "context",
    "domain_missing",
    "sector_missing",
    "item",
    "goal",
    "day_knelpunt",
    "notes",
)
MEASURES = ("now", "gain")
DAY_STATUSES = ("bevestigd", "nieuw", "any")
GENERAL_FIELDS = ("gemeente", "provincie", "datum", "aanwezig", "respondenten", "rapportcijfer")
FIGURE_FIELDS = ("ernst", "nu", "voor", "toename", "aantal")
PLACEHOLDER_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
DECISIONS = ("aanvaard", "afgewezen")
TITLE_MAX = 200
TEXT_MAX = 3000
REASON_MAX = 1000
OWN_PREFIX = "eigen-"


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


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    text: str
    owner: str
    priority: int
    when: tuple[tuple[Condition, ...], ...]
    basis: str = ""


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
        target = raw.get(kind)
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
        if not str(key).isdigit() or not isinstance(label, str) or not label.strip():
            raise CatalogError(f"{fname}: [priorities] {key} = … moet een getal met een naam zijn")
        priorities[int(key)] = label.strip()
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
        rule = Rule(
            rid,
            raw["title"].strip(),
            raw["text"].strip(),
            raw["owner"],
            prio,
            tuple(alts),
            basis.strip() if isinstance(basis, str) else "",
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


# ---------------------------------------------------------------- facts


@dataclass(frozen=True)
class Facts:
    """Everything the engine looks at for one workshop. Plain data (JSON-friendly), so tests can
    build it by hand and a report version can keep a copy.

    - knelpunten: intake knelpunt id -> severity; context: question -> 'ja'/'nee'/'weet_niet'
    - basis: 'aanwezig' (attendance marked), 'aangemeld' (registered) or 'geen' (nobody yet);
      domains / sectors: count of participants on that basis per domain / sector id;
      desired: sector -> participants desired in the intake
    - items: evaluation item id -> {text, short, kind, n, before, now, gain};
      goals: goal id -> {title, n, before, now, gain}; respondents; grade_median
    - day_knelpunten: catalogue knelpunt id -> 'bevestigd' | 'nieuw' (facilitators' notes);
      note_counts: kind -> number of notes; dilemma_steps: step -> number of dilemmas
    - labels: display names {'knelpunt': {id: short}, 'question': …, 'domain': …, 'sector': …,
      'step': {str(number): title}}
    """

    municipality: str = ""
    province: str = ""
    date: str | None = None
    workshop_id: int | None = None
    knelpunten: dict[str, int] = field(default_factory=dict)
    context: dict[str, str | None] = field(default_factory=dict)
    basis: str = "geen"
    domains: dict[str, int] = field(default_factory=dict)
    sectors: dict[str, int] = field(default_factory=dict)
    desired: dict[str, int] = field(default_factory=dict)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    goals: dict[str, dict[str, Any]] = field(default_factory=dict)
    respondents: int = 0
    grade_median: float | None = None
    day_knelpunten: dict[str, str] = field(default_factory=dict)
    note_counts: dict[str, int] = field(default_factory=dict)
    dilemma_steps: dict[int, int] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def catalogue_labels(cat: Catalog) -> dict[str, dict[str, str]]:
    """The display names the engine's reasons use, from the catalogue."""
    return {
        "knelpunt": {k.id: k.short for k in cat.knelpunten.values()},
        "question": dict(intake.CONTEXT_QUESTIONS),
        "answer": dict(intake.CONTEXT_ANSWERS),
        "domain": {d.id: d.name for d in cat.domains.values()},
        "sector": {s.id: s.name for s in cat.sectors.values()},
        "step": {str(s.number): s.title for s in cat.steps},
    }


def _num(x: Any) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def gather_facts(
    db: Database,
    workshop_id: int,
    cat: Catalog | None = None,
    q: questionnaire.Questionnaire | None = None,
    data: es.EvalData | None = None,
) -> Facts:
    """Collect the facts of one workshop from the database (evaluation figures through
    `jep.evaluation_stats`, the mix through `jep.mix`, so they equal the screens')."""
    cat = cat or catalog()
    q = q or questionnaire.questionnaire()
    w = workshops.get(db, workshop_id)
    if w is None:
        raise KeyError(workshop_id)
    knelpunten = {
        k: int(s)
        for k, s in db.execute(
            "SELECT knelpunt_id, severity FROM intake_knelpunten WHERE workshop_id = ? "
            "ORDER BY knelpunt_id",
            [workshop_id],
        ).fetchall()
    }
    try:
        context = dict(intake.load(db, workshop_id)["answers"].get("context") or {})
    except KeyError:
        context = {}
    pdf = participants.list_df(db, workshop_id)
    table = mix.attended_vs_registered(pdf, cat)
    if pdf["attended"].notna().any():
        basis, col = "aanwezig", "attended"
    elif int(table["registered"].sum()):
        basis, col = "aangemeld", "registered"
    else:
        basis, col = "geen", "registered"
    sectors = {r.sector_id: int(getattr(r, col)) for r in table.itertuples(index=False)}
    domains: dict[str, int] = dict.fromkeys(cat.domains, 0)
    for r in table.itertuples(index=False):
        domains[r.domain_id] = domains.get(r.domain_id, 0) + int(getattr(r, col))
    data = data or es.load(db, workshop_ids=[workshop_id], q=q, cat=cat)
    items: dict[str, dict[str, Any]] = {}
    for r in es.item_stats(data).itertuples(index=False):
        items[r.item_id] = {
            "text": r.text,
            "short": r.item,
            "kind": "prepost",
            "n": int(r.n),
            "before": _num(r.before_mean),
            "now": _num(r.now_mean),
            "gain": _num(r.gain_mean),
        }
    for r in es.likert_stats(data).itertuples(index=False):
        items[r.item_id] = {
            "text": r.text,
            "short": r.item,
            "kind": "likert",
            "n": int(r.n),
            "before": None,
            "now": _num(r.mean),
            "gain": None,
        }
    goals = {
        r.goal_id: {
            "title": r.goal,
            "n": int(r.n),
            "before": _num(r.before_mean),
            "now": _num(r.now_mean),
            "gain": _num(r.gain_mean),
        }
        for r in es.goal_stats(data).itertuples(index=False)
    }
    grades = es.grade_stats(data).iloc[0]
    return Facts(
        municipality=w["municipality_name"],
        province=w["province"],
        date=w["date"],
        workshop_id=workshop_id,
        knelpunten=knelpunten,
        context=context,
        basis=basis,
        domains=domains,
        sectors=sectors,
        desired=planning.desired(db, workshop_id),
        items=items,
        goals=goals,
        respondents=len(data.responses),
        grade_median=_num(grades["median"]) if grades["n"] else None,
        day_knelpunten=notes.day_knelpunten(db, workshop_id),
        note_counts=notes.counts(db, workshop_id),
        dilemma_steps=notes.dilemma_steps(db, workshop_id),
        labels=catalogue_labels(cat),
    )


# ---------------------------------------------------------------- the engine


@dataclass(frozen=True)
class Recommendation:
    id: str  # the rule id, or "eigen-<n>" for one staff added
    title: str
    text: str
    owner: str  # key of the rule base's owners
    priority: int
    reason: str  # plain Dutch, starting with "omdat"; may be "" for staff's own
    source: str = "regel"  # 'regel' | 'eigen'
    decision: str | None = None  # None (not reviewed) | 'aanvaard' | 'afgewezen'
    reworded: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _label(facts: Facts, group: str, key: Any) -> str:
    return facts.labels.get(group, {}).get(str(key), str(key))


def _statement(text: str) -> str:
    return text.strip().rstrip(".")


def _n_needed(cond: Condition, rb: RuleBase) -> int:
    return cond.min_n if cond.min_n is not None else rb.min_respondents


# ('kp', name, severity) | ('ctx', question, answer) | ('dom', domain, where) | ('txt', text)
Phrase = tuple[str, ...]


def _holds(cond: Condition, facts: Facts, rb: RuleBase) -> Phrase | None:
    """The reason phrase when the condition holds, else None."""
    found = _holds_text(cond, facts, rb)
    return ("txt", found) if isinstance(found, str) else found


def _holds_text(cond: Condition, facts: Facts, rb: RuleBase) -> Phrase | str | None:
    k = cond.kind
    if k == "knelpunt":
        sev = facts.knelpunten.get(cond.target)
        if sev is None or sev < cond.min_severity:
            return None
        return ("kp", _label(facts, "knelpunt", cond.target), str(sev))
    if k == "context":
        answer = facts.context.get(cond.target)
        if answer not in cond.answers:
            return None
        question = _statement(_label(facts, "question", cond.target)).rstrip("?")
        return ("ctx", question, _label(facts, "answer", answer))
    if k in ("domain_missing", "sector_missing"):
        if facts.basis == "geen":
            return None
        counts = facts.domains if k == "domain_missing" else facts.sectors
        if counts.get(cond.target, 0) > 0:
            return None
        where = "onder de aanwezigen" if facts.basis == "aanwezig" else "onder de aanmeldingen"
        if k == "domain_missing":
            return ("dom", _label(facts, "domain", cond.target), where)
        wanted = int(facts.desired.get(cond.target, 0) or 0)
        extra = f" (in het voorgesprek waren er {wanted} gewenst)" if wanted else ""
        return (
            f"er niemand uit de sector ‘{_label(facts, 'sector', cond.target)}’ {where} was{extra}"
        )
    if k in ("item", "goal"):
        stats = (facts.items if k == "item" else facts.goals).get(cond.target)
        if not stats or stats.get("n", 0) < _n_needed(cond, rb):
            return None
        value = stats.get(cond.measure)
        if value is None or not value < cond.below:
            return None
        if k == "item":
            subject = f"de stelling ‘{_statement(stats.get('text') or cond.target)}’"
        else:
            subject = f"het doel ‘{stats.get('title') or cond.target}’"
        if cond.measure == "now":
            return f"{subject} na afloop gemiddeld {fmt_num(value)} scoorde"
        before, after = fmt_num(stats.get("before")), fmt_num(stats.get("now"))
        if value <= 0:
            return f"de score op {subject} gemiddeld niet steeg (van {before} naar {after})"
        return (
            f"de score op {subject} gemiddeld maar {fmt_num(value)} punt steeg "
            f"(van {before} naar {after})"
        )
    if k == "day_knelpunt":
        status = facts.day_knelpunten.get(cond.target)
        if status is None or cond.status not in ("any", status):
            return None
        name = _label(facts, "knelpunt", cond.target)
        if status == "nieuw":
            return f"‘{name}’ tijdens het werkatelier als nieuw knelpunt naar voren kwam"
        return f"‘{name}’ tijdens het werkatelier als knelpunt werd bevestigd"
    # notes
    if cond.step is not None:
        n = int(facts.dilemma_steps.get(cond.step, facts.dilemma_steps.get(str(cond.step), 0)))
        if n < cond.min_count:
            return None
        step = f"stap {cond.step} ‘{_label(facts, 'step', cond.step)}’"
        if n == 1:
            return f"een van de besproken dilemma’s over {step} ging"
        return f"{n} besproken dilemma’s over {step} gingen"
    n = int(facts.note_counts.get(cond.target, 0))
    if n < cond.min_count:
        return None
    one, many = {
        "dilemma": ("een dilemma werd besproken", "{n} dilemma’s werden besproken"),
        "juridisch": ("een juridische vraag werd gesteld", "{n} juridische vragen werden gesteld"),
        "knelpunt": ("een knelpunt werd genoemd", "{n} knelpunten werden genoemd"),
        "oplossing": (
            "de deelnemers zelf een oplossing aandroegen",
            "de deelnemers zelf {n} oplossingen aandroegen",
        ),
    }[cond.target]
    return "er tijdens het werkatelier " + (one if n == 1 else many.format(n=n))


def join_reasons(phrases: list[Phrase]) -> str:
    """'omdat A', 'omdat A en B', 'omdat A, B en C' (duplicates dropped, order kept). What was
    said in the voorgesprek becomes one phrase: "in het voorgesprek op de vraag ‘…?’ ‘Nee’ werd
    geantwoord en ‘X’ (ernst 4) en ‘Y’ (ernst 3) als knelpunten werden genoemd"."""
    unique = list(dict.fromkeys(phrases))
    ctx = [p for p in unique if p[0] == "ctx"]
    kps = [p for p in unique if p[0] == "kp"]
    intake_parts = []
    if ctx:
        asked = [f"op de vraag ‘{q}?’ ‘{a}’" for _, q, a in ctx]
        intake_parts.append(mix.join_nl(asked) + " werd geantwoord")
    if len(kps) == 1:
        intake_parts.append(f"‘{kps[0][1]}’ als knelpunt met ernst {kps[0][2]} werd genoemd")
    elif kps:
        named = [f"‘{name}’ (ernst {sev})" for _, name, sev in kps]
        intake_parts.append(mix.join_nl(named) + " als knelpunten werden genoemd")
    doms = [p for p in unique if p[0] == "dom"]
    dom_part = ""
    if len(doms) == 1:
        dom_part = f"er niemand uit het domein ‘{doms[0][1]}’ {doms[0][2]} was"
    elif doms:
        names = mix.join_nl([f"‘{d[1]}’" for d in doms])
        dom_part = f"er niemand uit de domeinen {names} {doms[0][2]} was"
    parts: list[str] = []
    for p in unique:
        if p[0] in ("ctx", "kp"):
            if intake_parts:
                parts.append("in het voorgesprek " + " en ".join(intake_parts))
                intake_parts = []
        elif p[0] == "dom":
            if dom_part:
                parts.append(dom_part)
                dom_part = ""
        else:
            parts.append(p[1])
    return "omdat " + mix.join_nl(parts) if parts else ""


def reason_sentence(reason: str) -> str:
    """A stored reason ("omdat …") as a sentence: capital first letter, final full stop."""
    reason = reason.strip()
    if not reason:
        return ""
    sentence = reason[0].upper() + reason[1:]
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def _figure(name: str, ident: str | None, facts: Facts, rule: Rule | None) -> str:
    if name == "gemeente":
        return facts.municipality or "de gemeente"
    if name == "provincie":
        return facts.province or "—"
    if name == "datum":
        return fmt_date(facts.date)
    if name == "aanwezig":
        return str(sum(facts.sectors.values())) if facts.basis != "geen" else "—"
    if name == "respondenten":
        return str(facts.respondents)
    if name == "rapportcijfer":
        return fmt_num(facts.grade_median)
    if name == "ontbrekende_domeinen":
        asked = [c.target for alt in (rule.when if rule else ()) for c in alt]
        missing = [
            _label(facts, "domain", d).lower()
            for d in dict.fromkeys(asked)
            if d in facts.domains and facts.domains[d] == 0 and facts.basis != "geen"
        ]
        if not missing:
            return "—"
        if len(missing) == 1:
            return f"het domein {missing[0]}"
        return f"de domeinen {mix.join_nl(missing)}"
    if name == "ernst":
        sev = facts.knelpunten.get(str(ident))
        return "—" if sev is None else str(sev)
    if name == "aantal":
        return str(int(facts.note_counts.get(str(ident), 0)))
    stats = facts.items.get(str(ident)) or facts.goals.get(str(ident)) or {}
    key = {"nu": "now", "voor": "before", "toename": "gain"}[name]
    return fmt_num(stats.get(key))


def render(template: str, facts: Facts, rule: Rule | None = None) -> str:
    """Fill a rule text's placeholders with this workshop's names and figures."""

    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        if m.group(1) is None:
            return token
        name, _, ident = m.group(1).partition(".")
        return _figure(name, ident or None, facts, rule)

    return PLACEHOLDER_RE.sub(sub, template)


def evaluate(facts: Facts, rules_: RuleBase) -> list[Recommendation]:
    """Every rule whose conditions hold, as a Recommendation with its reason; sorted by priority
    and then id. Pure: the same facts and rules always give the same list."""
    result = []
    for rule in rules_.rules:
        phrases: list[Phrase] = []
        for alt in rule.when:
            found = [_holds(c, facts, rules_) for c in alt]
            if all(p is not None for p in found):
                phrases.extend(p for p in found if p is not None)
        if not phrases:
            continue
        result.append(
            Recommendation(
                id=rule.id,
                title=render(rule.title, facts, rule),
                text=render(rule.text, facts, rule),
                owner=rule.owner,
                priority=rule.priority,
                reason=join_reasons(phrases),
            )
        )
    return sorted(result, key=lambda r: (r.priority, r.id))


# ---------------------------------------------------------------- review per workshop


@dataclass(frozen=True)
class ReviewItem:
    proposal: Recommendation  # as the engine proposes it now
    current: Recommendation  # with staff's decision and rewording applied
    basis: str = ""
    note: str = ""


@dataclass(frozen=True)
class Review:
    items: tuple[ReviewItem, ...]  # engine proposals, in engine order
    own: tuple[Recommendation, ...]  # staff's own recommendations
    stale: tuple[Recommendation, ...]  # decided earlier on rules that no longer apply
    facts: Facts

    @property
    def undecided(self) -> list[Recommendation]:
        return [i.current for i in self.items if i.current.decision is None]

    @property
    def accepted(self) -> list[Recommendation]:
        return [i.current for i in self.items if i.current.decision == "aanvaard"]

    @property
    def rejected(self) -> list[Recommendation]:
        return [i.current for i in self.items if i.current.decision == "afgewezen"]

    def final(self, include_undecided: bool = False) -> list[Recommendation]:
        """What goes into the report: accepted proposals and staff's own (optionally also the
        proposals nobody decided on yet), by priority; proposals before own ones, then id."""
        chosen = self.accepted + list(self.own)
        if include_undecided:
            chosen += self.undecided
        order = {"regel": 0, "eigen": 1}
        return sorted(chosen, key=lambda r: (r.priority, order.get(r.source, 2), _id_key(r.id)))


def _id_key(ident: str) -> tuple[str, int]:
    if ident.startswith(OWN_PREFIX) and ident[len(OWN_PREFIX) :].isdigit():
        return (OWN_PREFIX, int(ident[len(OWN_PREFIX) :]))
    return (ident, 0)


def _decisions(db: Database, workshop_id: int) -> list[dict[str, Any]]:
    cur = db.execute(
        "SELECT id, rule_id, decision, title, text, owner, priority, reason, note "
        "FROM recommendation_decisions WHERE workshop_id = ? ORDER BY id",
        [workshop_id],
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _apply(rec: Recommendation, row: dict[str, Any] | None) -> Recommendation:
    if row is None:
        return rec
    reworded = any(row[k] is not None for k in ("title", "text", "owner", "priority"))
    return replace(
        rec,
        title=row["title"] if row["title"] is not None else rec.title,
        text=row["text"] if row["text"] is not None else rec.text,
        owner=row["owner"] if row["owner"] is not None else rec.owner,
        priority=row["priority"] if row["priority"] is not None else rec.priority,
        decision=row["decision"],
        reworded=reworded,
    )


def review(
    db: Database,
    workshop_id: int,
    rules_: RuleBase | None = None,
    cat: Catalog | None = None,
    q: questionnaire.Questionnaire | None = None,
    facts: Facts | None = None,
) -> Review:
    """The engine's proposals for this workshop with staff's decisions, and staff's own."""
    rb = rules_ or rules()
    facts = facts or gather_facts(db, workshop_id, cat=cat, q=q)
    proposals = evaluate(facts, rb)
    rows = _decisions(db, workshop_id)
    by_rule = {r["rule_id"]: r for r in rows if r["rule_id"] is not None}
    items = tuple(
        ReviewItem(
            p,
            _apply(p, by_rule.get(p.id)),
            (rb.get(p.id).basis if rb.get(p.id) else ""),
            (by_rule.get(p.id) or {}).get("note") or "",
        )
        for p in proposals
    )
    proposed = {p.id for p in proposals}
    stale = []
    for rid, row in by_rule.items():
        if rid in proposed:
            continue
        rule = rb.get(rid)
        base = Recommendation(
            rid,
            render(rule.title, facts, rule) if rule else rid,
            render(rule.text, facts, rule) if rule else "",
            rule.owner if rule else next(iter(rb.owners)),
            rule.priority if rule else max(rb.priorities),
            "",
        )
        stale.append(_apply(base, row))
    own = tuple(
        Recommendation(
            f"{OWN_PREFIX}{r['id']}",
            r["title"] or "",
            r["text"] or "",
            r["owner"] or next(iter(rb.owners)),
            int(r["priority"] or max(rb.priorities)),
            r["reason"] or "",
            source="eigen",
            decision="aanvaard",
        )
        for r in rows
        if r["rule_id"] is None
    )
    return Review(items, own, tuple(sorted(stale, key=lambda r: r.id)), facts)


def _rule_or_fail(rb: RuleBase, rule_id: str) -> Rule:
    rule = rb.get(rule_id)
    if rule is None:
        raise ValueError(f"Onbekende aanbeveling ‘{rule_id}’.")
    return rule


def decide(
    db: Database,
    workshop_id: int,
    rule_id: str,
    decision: str | None,
    actor: str,
    rules_: RuleBase | None = None,
    note: str = "",
) -> None:
    """Accept ('aanvaard') or reject ('afgewezen') a proposal, or clear the decision (None).
    A rewording stays when the decision changes between accepted and rejected."""
    rb = rules_ or rules()
    _rule_or_fail(rb, rule_id)
    if decision is not None and decision not in DECISIONS:
        raise ValueError(f"Onbekende beslissing ‘{decision}’.")
    note = clean_text(note, notes.TEXT_MAX)[:REASON_MAX]
    with write(db):
        if decision is None:
            cur = db.execute(
                "DELETE FROM recommendation_decisions WHERE workshop_id = ? AND rule_id = ?",
                [workshop_id, rule_id],
            )
            if cur.rowcount:
                audit.log(
                    db,
                    actor,
                    "aanbeveling: beoordeling gewist",
                    "workshop",
                    workshop_id,
                    {"aanbeveling": rule_id},
                )
            return
        upsert_decision(db, workshop_id, rule_id, actor, decision=decision, note=note)
        audit.log(
            db,
            actor,
            "aanbeveling aanvaard" if decision == "aanvaard" else "aanbeveling afgewezen",
            "workshop",
            workshop_id,
            {"aanbeveling": rule_id},
        )


def upsert_decision(
    db: Database, workshop_id: int, rule_id: str, actor: str, **values: Any
) -> None:
    stamp = now()
    exists = db.execute(
        "SELECT id FROM recommendation_decisions WHERE workshop_id = ? AND rule_id = ?",
        [workshop_id, rule_id],
    ).fetchone()
    if exists:
        sets = ", ".join(f"{k} = ?" for k in values)
        db.execute(
            f"UPDATE recommendation_decisions SET {sets}, updated_at = ?, updated_by = ? "
            "WHERE id = ?",
            [*values.values(), stamp, actor, exists[0]],
        )
    else:
        cols = ", ".join(values)
        marks = ", ".join("?" * len(values))
        db.execute(
            f"INSERT INTO recommendation_decisions(workshop_id, rule_id, {cols}, created_at, "
            f"created_by, updated_at, updated_by) VALUES (?, ?, {marks}, ?, ?, ?, ?)",
            [workshop_id, rule_id, *values.values(), stamp, actor, stamp, actor],
        )


def _clean_rec(raw: dict[str, Any], rb: RuleBase, with_reason: bool) -> tuple[dict, dict]:
    """Clean and check a recommendation typed by staff: (clean, errors by field)."""
    clean = {
        "title": " ".join(clean_text(raw.get("title"), notes.TEXT_MAX).split())[: TITLE_MAX + 1],
        "text": clean_text(raw.get("text"), notes.TEXT_MAX)[: TEXT_MAX + 1],
        "owner": raw.get("owner"),
        "priority": raw.get("priority"),
        "reason": clean_text(raw.get("reason"), notes.TEXT_MAX)[: REASON_MAX + 1]
        if with_reason
        else "",
    }
    errors: dict[str, str] = {}
    if not clean["title"]:
        errors["title"] = "Geef de aanbeveling een titel."
    elif len(clean["title"]) > TITLE_MAX:
        errors["title"] = f"De titel is te lang (hoogstens {TITLE_MAX} tekens)."
    if not clean["text"]:
        errors["text"] = "Schrijf de aanbeveling uit."
    elif len(clean["text"]) > TEXT_MAX:
        errors["text"] = f"De tekst is te lang (hoogstens {TEXT_MAX} tekens)."
    if clean["owner"] not in rb.owners:
        errors["owner"] = "Kies voor wie de aanbeveling is."
    prio = clean["priority"]
    if isinstance(prio, str) and prio.isdigit():
        prio = clean["priority"] = int(prio)
    if isinstance(prio, bool) or prio not in rb.priorities:
        errors["priority"] = "Kies een prioriteit."
    if len(clean["reason"]) > REASON_MAX:
        errors["reason"] = f"De toelichting is te lang (hoogstens {REASON_MAX} tekens)."
    return clean, errors


def _privacy(clean: dict[str, Any], errors: dict[str, str]) -> dict[str, str]:
    texts = {k: clean[k] for k in ("title", "text", "reason") if clean.get(k)}
    flagged = privacy.check_fields(texts)
    return {f"privacy.{k}": v for k, v in flagged.items() if k not in errors}


def reword(
    db: Database,
    workshop_id: int,
    rule_id: str,
    raw: dict[str, Any],
    actor: str,
    rules_: RuleBase | None = None,
    facts: Facts | None = None,
    privacy_confirmed: bool = False,
) -> dict[str, str]:
    """Accept a proposal with staff's own wording (title, text, owner, priority). What equals
    the rule's own rendering is not stored as a rewording. Errors by field; nothing saved then."""
    rb = rules_ or rules()
    rule = _rule_or_fail(rb, rule_id)
    clean, errors = _clean_rec(raw, rb, with_reason=False)
    if not privacy_confirmed:
        errors.update(_privacy(clean, errors))
    if errors:
        return errors
    facts = facts or gather_facts(db, workshop_id)
    original = {
        "title": render(rule.title, facts, rule),
        "text": render(rule.text, facts, rule),
        "owner": rule.owner,
        "priority": rule.priority,
    }
    values = {k: (None if clean[k] == original[k] else clean[k]) for k in original}
    with write(db):
        upsert_decision(db, workshop_id, rule_id, actor, decision="aanvaard", **values)
        audit.log(
            db,
            actor,
            "aanbeveling herschreven",
            "workshop",
            workshop_id,
            {
                "aanbeveling": rule_id,
                "velden": sorted(k for k, v in values.items() if v is not None),
            },
        )
    return {}


def reset_wording(db: Database, workshop_id: int, rule_id: str, actor: str) -> None:
    """Back to the rule's own wording (the decision stays)."""
    with write(db):
        cur = db.execute(
            "UPDATE recommendation_decisions SET title = NULL, text = NULL, owner = NULL, "
            "priority = NULL, updated_at = ?, updated_by = ? WHERE workshop_id = ? AND rule_id = ?",
            [now(), actor, workshop_id, rule_id],
        )
        if cur.rowcount:
            audit.log(
                db,
                actor,
                "aanbeveling: oorspronkelijke tekst terug",
                "workshop",
                workshop_id,
                {"aanbeveling": rule_id},
            )


def accept_all_open(
    db: Database, workshop_id: int, actor: str, rules_: RuleBase | None = None
) -> int:
    """Accept every proposal nobody decided on yet; returns how many."""
    rb = rules_ or rules()
    open_ids = [r.id for r in review(db, workshop_id, rb).undecided]
    with write(db):
        for rid in open_ids:
            upsert_decision(db, workshop_id, rid, actor, decision="aanvaard")
        if open_ids:
            audit.log(
                db,
                actor,
                "aanbevelingen aanvaard",
                "workshop",
                workshop_id,
                {"aanbevelingen": open_ids},
            )
    return len(open_ids)


def add_own(
    db: Database,
    workshop_id: int,
    raw: dict[str, Any],
    actor: str,
    rules_: RuleBase | None = None,
    privacy_confirmed: bool = False,
) -> tuple[dict[str, str], str | None]:
    """Add a recommendation of staff's own (title, text, owner, priority, optional reason).
    Returns (errors by field, None) or ({}, its id 'eigen-<n>')."""
    rb = rules_ or rules()
    clean, errors = _clean_rec(raw, rb, with_reason=True)
    if not privacy_confirmed:
        errors.update(_privacy(clean, errors))
    if errors:
        return errors, None
    stamp = now()
    with write(db):
        cur = db.execute(
            "INSERT INTO recommendation_decisions(workshop_id, rule_id, decision, title, text, "
            "owner, priority, reason, created_at, created_by, updated_at, updated_by) "
            "VALUES (?, NULL, 'aanvaard', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                workshop_id,
                clean["title"],
                clean["text"],
                clean["owner"],
                clean["priority"],
                clean["reason"],
                stamp,
                actor,
                stamp,
                actor,
            ],
        )
        own_id = f"{OWN_PREFIX}{cur.lastrowid}"
        audit.log(
            db, actor, "eigen aanbeveling toegevoegd", "workshop", workshop_id, {"id": own_id}
        )
    return {}, own_id


def _own_rowid(own_id: str) -> int:
    if not own_id.startswith(OWN_PREFIX) or not own_id[len(OWN_PREFIX) :].isdigit():
        raise ValueError(f"Geen eigen aanbeveling: ‘{own_id}’.")
    return int(own_id[len(OWN_PREFIX) :])


def update_own(
    db: Database,
    workshop_id: int,
    own_id: str,
    raw: dict[str, Any],
    actor: str,
    rules_: RuleBase | None = None,
    privacy_confirmed: bool = False,
) -> dict[str, str]:
    """Change one of staff's own recommendations. Errors by field ('form' when it is gone)."""
    rb = rules_ or rules()
    rowid = _own_rowid(own_id)
    clean, errors = _clean_rec(raw, rb, with_reason=True)
    if not privacy_confirmed:
        errors.update(_privacy(clean, errors))
    if errors:
        return errors
    with write(db):
        cur = db.execute(
            "UPDATE recommendation_decisions SET title = ?, text = ?, owner = ?, priority = ?, "
            "reason = ?, updated_at = ?, updated_by = ? "
            "WHERE id = ? AND workshop_id = ? AND rule_id IS NULL",
            [
                clean["title"],
                clean["text"],
                clean["owner"],
                clean["priority"],
                clean["reason"],
                now(),
                actor,
                rowid,
                workshop_id,
            ],
        )
        if cur.rowcount != 1:
            return {"form": "Deze aanbeveling bestaat niet meer."}
        audit.log(db, actor, "eigen aanbeveling gewijzigd", "workshop", workshop_id, {"id": own_id})
    return {}


def delete_own(db: Database, workshop_id: int, own_id: str, actor: str) -> bool:
    rowid = _own_rowid(own_id)
    with write(db):
        cur = db.execute(
            "DELETE FROM recommendation_decisions WHERE id = ? AND workshop_id = ? "
            "AND rule_id IS NULL",
            [rowid, workshop_id],
        )
        if cur.rowcount:
            audit.log(
                db, actor, "eigen aanbeveling verwijderd", "workshop", workshop_id, {"id": own_id}
            )
    return bool(cur.rowcount)
