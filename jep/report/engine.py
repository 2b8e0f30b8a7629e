"""The recommendation engine: `evaluate(facts, rules)`, pure and deterministic.

It returns every matching rule as a `Recommendation`, sorted by priority and then id, each with
the reason in plain Dutch: "omdat in het voorgesprek ‘Geen terugkoppeling’ als knelpunt met ernst
4 werd genoemd en de stelling ‘Ik weet wat er gebeurt met een signaal dat ik deel’ na afloop
gemiddeld 2,6 scoorde". Placeholders in titles and texts are filled from the facts (`render`).

Rules of one `topic` that are proposed from the same fact (a shared reason) become one proposal:
the first rule's title and owner, their texts one after the other, the highest priority and every
reason; `merged` names the rules folded in.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from jep.fmt import fmt_date, fmt_num
from jep.report.facts import Facts
from jep.report.rules import PLACEHOLDER_RE, Condition, Rule, RuleBase
from jep.workshop import mix

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
    merged: tuple[str, ...] = ()  # ids of rules of the same topic folded into this proposal

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


QUOTE_MAX = 100


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1].rstrip() + "…"


def _tokens(text: str) -> str:
    """Lower-case words separated by single spaces, with a space before the first one."""
    return " " + " ".join(re.findall(r"\w+", text.casefold()))


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds a word that starts with one of `words` ('school' finds
    'schoolbestuur'; 'scholen' finds 'scholen'); a word with a space is looked for as a phrase."""
    found = _tokens(text)
    return any(" " + " ".join(re.findall(r"\w+", w.casefold())) in found for w in words if w)


def _mentioned(cond: Condition, facts: Facts) -> str | None:
    """The reason phrase of a `mentions` condition: which of the municipality's own knelpunten
    or which legal question of the day speaks of the words."""
    for source in cond.sources:
        if source == "eigen_knelpunt":
            hits = [
                own
                for own in facts.own_knelpunten
                if int(own.get("severity") or 0) >= cond.min_severity
                and mentions(own.get("text", ""), cond.words)
                and (not cond.also or mentions(own.get("text", ""), cond.also))
            ]
            if hits:
                first = f"‘{_quote(hits[0]['text'])}’ (ernst {hits[0]['severity']})"
                if len(hits) == 1:
                    return f"de gemeente in het voorgesprek zelf het knelpunt {first} noemde"
                return f"de gemeente in het voorgesprek zelf knelpunten als {first} noemde"
        else:
            asked = [
                q
                for q in facts.legal_questions
                if mentions(f"{q.get('question', '')} {q.get('answer', '')}", cond.words)
                and (
                    not cond.also
                    or mentions(f"{q.get('question', '')} {q.get('answer', '')}", cond.also)
                )
            ]
            if asked:
                first = f"‘{_quote(asked[0]['question'])}’"
                if len(asked) == 1:
                    return f"tijdens het werkatelier de juridische vraag {first} werd gesteld"
                return f"tijdens het werkatelier juridische vragen als {first} werden gesteld"
    return None


def _holds_text(cond: Condition, facts: Facts, rb: RuleBase) -> Phrase | str | None:
    k = cond.kind
    if k == "mentions":
        return _mentioned(cond, facts)
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
        # keys are ints, or strings when the facts came back from JSON (a stored version)
        steps: dict[Any, int] = facts.dilemma_steps
        n = int(steps.get(cond.step, steps.get(str(cond.step), 0)))
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


def _clusters(found: list[tuple[Rule, list[Phrase]]]) -> list[list[tuple[Rule, list[Phrase]]]]:
    """The matching rules in file order, grouped: a rule joins the first group of its topic
    with which it shares a reason (the same fact); rules without a topic stand alone."""
    groups: list[list[tuple[Rule, list[Phrase]]]] = []
    for rule, phrases in found:
        home = next(
            (
                g
                for g in groups
                if rule.topic
                and g[0][0].topic == rule.topic
                and any(set(phrases) & set(p) for _, p in g)
            ),
            None,
        )
        if home is None:
            groups.append([(rule, phrases)])
        else:
            home.append((rule, phrases))
    return groups


def evaluate(facts: Facts, rules_: RuleBase) -> list[Recommendation]:
    """Every rule whose conditions hold, as a Recommendation with its reason (rules of one topic
    from the same fact merged into one); sorted by priority and then id. Pure: the same facts and
    rules always give the same list."""
    found: list[tuple[Rule, list[Phrase]]] = []
    for rule in rules_.rules:
        phrases: list[Phrase] = []
        for alt in rule.when:
            held = [_holds(c, facts, rules_) for c in alt]
            if all(p is not None for p in held):
                phrases.extend(p for p in held if p is not None)
        if phrases:
            found.append((rule, phrases))
    result = []
    for group in _clusters(found):
        first = group[0][0]
        result.append(
            Recommendation(
                id=first.id,
                title=render(first.title, facts, first),
                text="\n\n".join(render(rule.text, facts, rule) for rule, _ in group),
                owner=first.owner,
                priority=min(rule.priority for rule, _ in group),
                reason=join_reasons([p for _, phrases in group for p in phrases]),
                merged=tuple(rule.id for rule, _ in group[1:]),
            )
        )
    return sorted(result, key=lambda r: (r.priority, r.id))
