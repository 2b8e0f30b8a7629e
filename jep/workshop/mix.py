"""The participant mix of one werkatelier: tables by domain and sector, warnings, suggestions.

Pure functions on a participants DataFrame (as `jep.participants.list_df` returns it; at least the
columns sector_id and status, plus attended for attendance and name for the waiting list). The
screens (plotly, `jep.charts_mix`) and the PDF report draw from these same tables, so the numbers
are identical everywhere. The thresholds and texts of the warnings live in data/mix_rules.toml.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from jep.reference.catalog import Catalog
from jep.reference.toml import DATA_DIR, CatalogError, read_toml

RULES_FILE = "mix_rules.toml"
LEVELS = ("error", "warning", "info")
UNKNOWN_DOMAIN = "onbekend"

# Rule id -> the placeholders its text may use.
WARNING_FIELDS: dict[str, set[str]] = {
    "core_domain_missing": {"domains"},
    "sector_dominant": {"sector", "count", "registered", "percent", "max_percent"},
    "too_few": {"registered", "registered_people", "min", "missing", "missing_people"},
    "desired_over_cap": {"desired", "seats"},
    "full": {"seats", "waiting"},
    "over_cap": {"registered", "seats"},
}
SUGGESTION_FIELDS: dict[str, set[str]] = {
    "invite_sector": {"sector", "desired", "registered", "missing", "missing_people"},
    "invite_domain": {"domain", "examples"},
    "waiting_list": {"name", "sector", "domain"},
}


@dataclass(frozen=True)
class RuleText:
    text: str
    level: str = "info"
    enabled: bool = True


@dataclass(frozen=True)
class MixRules:
    min_participants: int
    max_sector_share: float
    min_for_share_check: int
    warnings: dict[str, RuleText]
    suggestions: dict[str, RuleText]


@dataclass(frozen=True)
class MixWarning:
    code: str  # rule id in mix_rules.toml
    level: str  # "error" | "warning" | "info"
    text: str


# ---------------------------------------------------------------- rules


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _rule_texts(
    doc: dict[str, Any], section: str, fields: dict[str, set[str]], fname: str, with_level: bool
) -> dict[str, RuleText]:
    table = doc.get(section)
    if not isinstance(table, dict):
        raise CatalogError(f"{fname}: sectie [{section}] ontbreekt")
    result: dict[str, RuleText] = {}
    for rule_id, allowed in fields.items():
        entry = table.get(rule_id)
        where = f"[{section}.{rule_id}]"
        if not isinstance(entry, dict):
            raise CatalogError(f"{fname}: regel {where} ontbreekt")
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            raise CatalogError(f'{fname}: {where} mist een tekst (text = "…")')
        try:
            used = _placeholders(text)
        except ValueError as exc:
            raise CatalogError(f"{fname}: {where} heeft een ongeldige tekst: {exc}") from exc
        unknown = used - allowed
        if unknown or any(not name or not name.isidentifier() for name in used):
            raise CatalogError(
                f"{fname}: {where} gebruikt onbekende invulplek(ken) "
                f"{', '.join('{' + u + '}' for u in sorted(unknown)) or '{}'}; toegestaan: "
                f"{', '.join('{' + a + '}' for a in sorted(allowed))}"
            )
        level = entry.get("level", "info")
        if with_level and level not in LEVELS:
            raise CatalogError(
                f"{fname}: {where} heeft level '{level}'; kies uit {', '.join(LEVELS)}"
            )
        enabled = entry.get("enabled", True)
        if not isinstance(enabled, bool):
            raise CatalogError(f"{fname}: {where} enabled moet true of false zijn")
        result[rule_id] = RuleText(text.strip(), level, enabled)
    extra = set(table) - set(fields)
    if extra:
        raise CatalogError(
            f"{fname}: onbekende regel(s) in [{section}]: {', '.join(sorted(extra))}"
        )
    return result


def load_rules(path: Path | None = None) -> MixRules:
    """Load and validate data/mix_rules.toml (CatalogError names the file and the entry)."""
    path = path or DATA_DIR / RULES_FILE
    fname = path.name
    doc = read_toml(path)
    th = doc.get("thresholds")
    if not isinstance(th, dict):
        raise CatalogError(f"{fname}: sectie [thresholds] ontbreekt")
    for key in ("min_participants", "min_for_share_check"):
        value = th.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise CatalogError(f"{fname}: [thresholds] {key} moet een geheel getal ≥ 0 zijn")
    share = th.get("max_sector_share")
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
        raise CatalogError(
            f"{fname}: [thresholds] max_sector_share moet een getal tussen 0 en 1 zijn "
            "(0.5 = de helft)"
        )
    return MixRules(
        min_participants=th["min_participants"],
        max_sector_share=float(share),
        min_for_share_check=th["min_for_share_check"],
        warnings=_rule_texts(doc, "warnings", WARNING_FIELDS, fname, with_level=True),
        suggestions=_rule_texts(doc, "suggestions", SUGGESTION_FIELDS, fname, with_level=False),
    )


@lru_cache(maxsize=1)
def rules() -> MixRules:
    """The rules of the default data folder, loaded once per process."""
    return load_rules()


# ---------------------------------------------------------------- tables


def _registered(df: pd.DataFrame) -> pd.DataFrame:
    if "status" not in df.columns:
        return df
    return df[df["status"] == "aangemeld"]


def _waiting(df: pd.DataFrame) -> pd.DataFrame:
    if "status" not in df.columns:
        return df.iloc[0:0]
    return df[df["status"] == "wachtlijst"]


def _sector_rows(df: pd.DataFrame, cat: Catalog) -> list[tuple[str, str, str, str]]:
    """(sector id, sector name, domain id, domain name): the catalogue's sectors in order, then
    any sector found in the data that is no longer in the catalogue."""
    rows = [(sid, s.name, s.domain, cat.domains[s.domain].name) for sid, s in cat.sectors.items()]
    known = set(cat.sectors)
    if "sector_id" in df.columns:
        for sid in sorted(set(df["sector_id"].dropna().astype(str)) - known):
            rows.append((sid, f"{sid} (onbekende sector)", UNKNOWN_DOMAIN, "Onbekend"))
    return rows


def _counts(df: pd.DataFrame) -> dict[str, int]:
    if df.empty or "sector_id" not in df.columns:
        return {}
    return {str(k): int(v) for k, v in df["sector_id"].value_counts().items()}


def by_sector(participants_df: pd.DataFrame, cat: Catalog) -> pd.DataFrame:
    """Per sector (catalogue order): registered, waiting and share of the registered.

    Columns: sector_id, sector, domain_id, domain, registered, waiting, share (0..1).
    """
    reg, wait = _counts(_registered(participants_df)), _counts(_waiting(participants_df))
    total = sum(reg.values())
    rows = [
        {
            "sector_id": sid,
            "sector": name,
            "domain_id": did,
            "domain": dname,
            "registered": reg.get(sid, 0),
            "waiting": wait.get(sid, 0),
            "share": reg.get(sid, 0) / total if total else 0.0,
        }
        for sid, name, did, dname in _sector_rows(participants_df, cat)
    ]
    return pd.DataFrame(
        rows,
        columns=["sector_id", "sector", "domain_id", "domain", "registered", "waiting", "share"],
    )


def by_domain(participants_df: pd.DataFrame, cat: Catalog) -> pd.DataFrame:
    """Per domain (catalogue order): registered, waiting and share of the registered.

    Columns: domain_id, domain, core, registered, waiting, share (0..1).
    """
    sectors = by_sector(participants_df, cat)
    rows = []
    domains = [(d.id, d.name, d.core) for d in cat.domains.values()]
    if (sectors["domain_id"] == UNKNOWN_DOMAIN).any():
        domains.append((UNKNOWN_DOMAIN, "Onbekend", False))
    total = int(sectors["registered"].sum())
    for did, name, core in domains:
        part = sectors[sectors["domain_id"] == did]
        registered = int(part["registered"].sum())
        rows.append(
            {
                "domain_id": did,
                "domain": name,
                "core": core,
                "registered": registered,
                "waiting": int(part["waiting"].sum()),
                "share": registered / total if total else 0.0,
            }
        )
    return pd.DataFrame(
        rows, columns=["domain_id", "domain", "core", "registered", "waiting", "share"]
    )


def desired_vs_registered(
    desired: dict[str, int], participants_df: pd.DataFrame, cat: Catalog
) -> pd.DataFrame:
    """Per sector: desired in the intake versus registered now.

    Columns: sector_id, sector, domain_id, domain, desired, registered, missing
    (desired − registered, never below 0). Every catalogue sector is a row.
    """
    reg = _counts(_registered(participants_df))
    ids = pd.DataFrame({"sector_id": [*participants_df.get("sector_id", []), *desired]})
    rows = []
    for sid, name, did, dname in _sector_rows(ids, cat):
        want = int(desired.get(sid, 0) or 0)
        have = reg.get(sid, 0)
        rows.append(
            {
                "sector_id": sid,
                "sector": name,
                "domain_id": did,
                "domain": dname,
                "desired": want,
                "registered": have,
                "missing": max(0, want - have),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["sector_id", "sector", "domain_id", "domain", "desired", "registered", "missing"],
    )


def present_count(participants_df: pd.DataFrame) -> int | None:
    """Participants marked present; None while nobody was marked present or absent (the same
    rule as `jep.evaluation.stats.attendance`)."""
    att = participants_df["attended"]
    if not att.notna().any():
        return None
    return int((att.fillna(-1).astype(int) == 1).sum())


def attended_vs_registered(participants_df: pd.DataFrame, cat: Catalog) -> pd.DataFrame:
    """Per sector after the day: registered, attended, absent, not yet marked.

    `attended` counts everyone marked present (also someone who came from the waiting list);
    absent and unmarked count registered participants only.
    Columns: sector_id, sector, domain_id, domain, registered, attended, absent, unmarked.
    """
    df = participants_df
    att = df["attended"] if "attended" in df.columns else pd.Series(pd.NA, index=df.index)
    reg_mask = (
        df["status"] == "aangemeld" if "status" in df.columns else pd.Series(True, index=df.index)
    )
    present = _counts(df[att.fillna(-1).astype(int) == 1])
    absent = _counts(df[reg_mask & (att.fillna(-1).astype(int) == 0)])
    unmarked = _counts(df[reg_mask & att.isna()])
    reg = _counts(df[reg_mask])
    rows = [
        {
            "sector_id": sid,
            "sector": name,
            "domain_id": did,
            "domain": dname,
            "registered": reg.get(sid, 0),
            "attended": present.get(sid, 0),
            "absent": absent.get(sid, 0),
            "unmarked": unmarked.get(sid, 0),
        }
        for sid, name, did, dname in _sector_rows(df, cat)
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "sector_id",
            "sector",
            "domain_id",
            "domain",
            "registered",
            "attended",
            "absent",
            "unmarked",
        ],
    )


# ---------------------------------------------------------------- warnings and suggestions


def join_nl(items: list[str]) -> str:
    """'A', 'A en B', 'A, B en C'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def people(n: int) -> str:
    """'1 deelnemer', '3 deelnemers' (a number with the right form of the word)."""
    return f"{n} deelnemer" if n == 1 else f"{n} deelnemers"


def _seats(cat: Catalog) -> int:
    return int(cat.settings["workshop"]["max_participants"])


def warnings(
    participants_df: pd.DataFrame,
    desired: dict[str, int],
    cat: Catalog,
    rules_: MixRules | None = None,
) -> list[MixWarning]:
    """The warnings about this mix, most serious first (rules from data/mix_rules.toml)."""
    r = rules_ or rules()
    out: list[MixWarning] = []

    def emit(code: str, **values: Any) -> None:
        rule = r.warnings[code]
        if rule.enabled:
            out.append(MixWarning(code, rule.level, rule.text.format(**values)))

    seats = _seats(cat)
    domains = by_domain(participants_df, cat)
    sectors = by_sector(participants_df, cat)
    registered = int(sectors["registered"].sum())
    waiting = int(sectors["waiting"].sum())
    missing = [d.domain for d in domains.itertuples(index=False) if d.core and d.registered == 0]
    if missing:
        emit("core_domain_missing", domains=join_nl(missing))
    if registered < r.min_participants:
        emit(
            "too_few",
            registered=registered,
            registered_people=people(registered),
            min=r.min_participants,
            missing=r.min_participants - registered,
            missing_people=people(r.min_participants - registered),
        )
    if registered >= max(1, r.min_for_share_check):
        for row in sectors.itertuples(index=False):
            if row.registered / registered > r.max_sector_share:
                emit(
                    "sector_dominant",
                    sector=row.sector,
                    count=row.registered,
                    registered=registered,
                    percent=round(100 * row.registered / registered),
                    max_percent=round(100 * r.max_sector_share),
                )
    total_desired = sum(int(v or 0) for v in desired.values())
    if total_desired > seats:
        emit("desired_over_cap", desired=total_desired, seats=seats)
    if registered > seats:
        emit("over_cap", registered=registered, seats=seats)
    elif registered == seats:
        emit("full", seats=seats, waiting=waiting)
    order = {level: i for i, level in enumerate(LEVELS)}
    return sorted(out, key=lambda w: order[w.level])


def _examples(domain_id: str, cat: Catalog, limit: int = 3) -> str:
    profs = [p for s in cat.sectors.values() if s.domain == domain_id for p in s.professions]
    return ", ".join(profs[:limit]) if profs else "—"


def suggestions(
    participants_df: pd.DataFrame,
    desired: dict[str, int],
    cat: Catalog,
    rules_: MixRules | None = None,
) -> list[str]:
    """Concrete next steps: whom to invite still, and whom to give priority on the waiting list.

    Example: "Veiligheid: nodig nog 2 deelnemers uit (gewenst 2, aangemeld 0)".
    """
    r = rules_ or rules()
    out: list[str] = []

    def emit(code: str, **values: Any) -> None:
        rule = r.suggestions[code]
        if rule.enabled:
            out.append(rule.text.format(**values))

    domains = by_domain(participants_df, cat)
    missing_core = [d for d in domains.itertuples(index=False) if d.core and d.registered == 0]
    missing_ids = {d.domain_id for d in missing_core}
    table = desired_vs_registered(desired, participants_df, cat)
    wanted = table[table["missing"] > 0].copy()
    wanted["first"] = ~wanted["domain_id"].isin(missing_ids)
    wanted["order"] = range(len(wanted))
    wanted = wanted.sort_values(["first", "missing", "order"], ascending=[True, False, True])
    desired_domains = set(table[table["desired"] > 0]["domain_id"])
    for d in missing_core:
        if d.domain_id not in desired_domains:
            emit("invite_domain", domain=d.domain, examples=_examples(d.domain_id, cat))
    for row in wanted.itertuples(index=False):
        emit(
            "invite_sector",
            sector=row.sector,
            desired=row.desired,
            registered=row.registered,
            missing=row.missing,
            missing_people=people(row.missing),
        )
    waiting = _waiting(participants_df)
    if missing_core and not waiting.empty and "name" in waiting.columns:
        for d in missing_core:
            sids = [sid for sid, s in cat.sectors.items() if s.domain == d.domain_id]
            first = waiting[waiting["sector_id"].isin(sids)].head(1)
            for w in first.itertuples(index=False):
                emit(
                    "waiting_list",
                    name=w.name,
                    sector=cat.sectors[w.sector_id].name,
                    domain=d.domain,
                )
    return out
