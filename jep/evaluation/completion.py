"""How the room is filling in the evaluation: counts for staff, live while it happens.

Respondents so far against the people present, how many are still busy, the median time from
the first answer to sending, and where people stop (how many reached each section). Counts only,
from the anonymous drafts (`jep.evaluation.drafts`); every count between 1 and `min_cell - 1`
and a median of fewer than `min_cell` times is suppressed. Also whether the link looks shared
outside the room (more respondents than people present, or new respondents refused).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from jep.evaluation import abuse
from jep.evaluation.drafts import SECTOR
from jep.evaluation.questionnaire import Questionnaire, questionnaire
from jep.evaluation.responses import version_in_use
from jep.reference.catalog import Catalog


@dataclass(frozen=True)
class Stage:
    label: str
    n: int | None  # None: suppressed (1 … min_cell - 1)


@dataclass(frozen=True)
class Completion:
    present: abuse.Present
    responses: int  # sent, online and paper
    online: int
    paper: int
    started: int  # respondents who answered anything online
    busy: int  # started, not sent, key still known
    median_seconds: float | None  # None: fewer than min_cell timed respondents
    timed: int
    stages: list[Stage] = field(default_factory=list)
    cap: int = 0
    over_cap: int = 0
    rate_limited: int = 0
    min_cell: int = 3

    @property
    def shared_signals(self) -> list[str]:
        """Dutch sentences saying why the link looks shared outside the room (empty: it does
        not)."""
        out = []
        if self.present.kind != "plaatsen" and self.started > self.present.n:
            out.append(
                f"Er zijn {self.started} respondenten online begonnen, meer dan de "
                f"{self.present.n} {self.present.label()}."
            )
        refused = self.over_cap + self.rate_limited
        if refused:
            parts = []
            if self.over_cap:
                parts.append(f"{self.over_cap} boven het maximum van {self.cap} per link")
            if self.rate_limited:
                parts.append(f"{self.rate_limited} omdat één adres er te veel begon")
            out.append(
                f"{refused} nieuwe {'respondent is' if refused == 1 else 'respondenten zijn'} "
                f"geweigerd ({' en '.join(parts)})."
            )
        return out


def suppress(n: int, min_cell: int) -> int | None:
    """A count as shown: 0 and counts of at least `min_cell` as they are, others hidden."""
    return n if n == 0 or n >= min_cell else None


def _seconds(start: str, end: str) -> float | None:
    try:
        return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    except (TypeError, ValueError):
        return None


def completion(
    db: Database, workshop_id: int, cat: Catalog, q: Questionnaire | None = None
) -> Completion:
    """The completion figures of one workshop (see the module docstring)."""
    q = q or questionnaire()
    version = version_in_use(db, workshop_id, q) or q.current
    online, paper = db.execute(
        "SELECT count(*) FILTER (WHERE source = 'online'), count(*) FILTER (WHERE source = "
        "'papier') FROM evaluation_responses WHERE workshop_id = ?",
        [workshop_id],
    ).fetchone()
    drafts = db.execute(
        "SELECT id, started_at, submitted_at, session_hash IS NOT NULL FROM evaluation_drafts "
        "WHERE workshop_id = ?",
        [workshop_id],
    ).fetchall()
    answered: dict[int, set[str]] = {}
    for draft_id, sid in db.execute(
        "SELECT s.draft_id, s.section_id FROM evaluation_draft_sections s JOIN evaluation_drafts "
        "d ON d.id = s.draft_id WHERE d.workshop_id = ? AND s.answered > 0",
        [workshop_id],
    ).fetchall():
        answered.setdefault(draft_id, set()).add(sid)
    times = [
        t
        for _, start, sent, _ in drafts
        if sent and (t := _seconds(start, sent)) is not None and t >= 0
    ]
    order = [s.id for s, _ in q.sections_of(version)] + [SECTOR]
    titles = {s.id: s.title for s, _ in q.sections_of(version)} | {SECTOR: "Over jou (sector)"}
    started = [d for d in drafts if answered.get(d[0])]
    stages = [Stage("Begonnen", suppress(len(started), q.min_cell))]
    for i, sid in enumerate(order):
        later = set(order[i:])
        # reached this section: answered something in it or in a later one (items are optional)
        reached = sum(1 for d in started if answered[d[0]] & later)
        stages.append(Stage(titles[sid], suppress(reached, q.min_cell)))
    sent = sum(1 for d in drafts if d[2])
    stages.append(Stage("Verstuurd", suppress(sent, q.min_cell)))
    people = abuse.present(db, workshop_id, cat)
    over_cap, rate_limited = abuse.refusals(db, workshop_id)
    return Completion(
        present=people,
        responses=int(online) + int(paper),
        online=int(online),
        paper=int(paper),
        started=len(started),
        busy=sum(1 for d in started if not d[2] and d[3]),
        median_seconds=statistics.median(times) if len(times) >= q.min_cell else None,
        timed=len(times),
        stages=stages,
        cap=abuse.respondent_cap(q, people),
        over_cap=over_cap,
        rate_limited=rate_limited,
        min_cell=q.min_cell,
    )


def fmt_duration(seconds: float | None) -> str:
    """'3 min 20 s' (or '—')."""
    if seconds is None:
        return "—"
    m, s = divmod(round(seconds), 60)
    return f"{m} min {s:02d} s" if m else f"{s} s"
