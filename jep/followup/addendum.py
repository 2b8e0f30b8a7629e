"""The report's addendum: a section "Terugblik" after the recommendations, once a follow-up was
submitted.

`for_report(db, workshop_id)` gives the addendum to pass to `jep.report.versions.build` /
`create_version` (None while no follow-up was submitted); `create_version` stores the report with
it as a new version. The report then shows the recommendations as they were in the version that
was sent (the Terugblik refers to them by number), and the section is laid out with the report's
own blocks, from the same aggregates as the Terugblik screen (`jep.followup.results`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from jep.fmt import fmt_date, fmt_num
from jep.followup import charts
from jep.followup.questionnaire import FollowupConfig, config
from jep.followup.results import Terugblik, status_counts, terugblik
from jep.report import versions
from jep.report.content import ReportData
from jep.report.engine import Recommendation

if TYPE_CHECKING:  # fpdf2 loads when a PDF is made, not with the screens (test_lazy_imports)
    from jep.report.pdf import _Doc as Doc

NUMBER = 9  # the section after "8. Aanbevelingen op maat"
REC_SECTION = 8


class TerugblikAddendum:
    """The "Terugblik" section of one workshop (see the module docstring)."""

    def __init__(self, tb: Terugblik, sent: list[dict[str, Any]], cfg: FollowupConfig) -> None:
        self.tb = tb
        self.sent = sent
        self.cfg = cfg

    # -- the Addendum protocol of jep.report.pdf

    def prepare(self, data: ReportData) -> None:
        """The recommendations as they were sent (a later rewording does not change them)."""
        fields = set(Recommendation.__dataclass_fields__)
        data.recommendations = [
            Recommendation(**{k: v for k, v in r.items() if k in fields})
            for r in self.sent
            if r.get("decision") != "afgewezen"
        ]
        data.undecided = 0

    def outline_levels(self, data: ReportData) -> list[int]:
        return [0, 1, 1, 1, 1, 1]

    def write(self, doc: Doc, data: ReportData) -> None:
        from jep.report.pdf import MUTED

        t, tb, cfg = self.cfg.report, self.tb, self.cfg
        record = tb.record or {}
        doc.heading(f"{NUMBER}. {t['title']}", new_page=True)
        doc.para(self._fill(t["intro"]))
        if record.get("on_behalf"):
            doc.para(t["on_behalf"], style="I", color=MUTED)
        counts = status_counts(tb.recommendations, cfg)
        if int(counts["count"].sum()):
            doc.grid(
                ["Stand van zaken", "Aanbevelingen"],
                [[r.label, str(r.count)] for r in counts.itertuples(index=False)],
                (3, 1),
                ("LEFT", "RIGHT"),
            )

        doc.heading(t["recommendations"], level=1)
        doc.para(t["recommendations_intro"], size=9.5, color=MUTED)
        recs = tb.recommendations
        if recs.empty:
            doc.empty("Het verstuurde verslag bevatte geen aanbevelingen.")
        else:
            doc.grid(
                ["Nr.", "Aanbeveling", "Stand van zaken", "Opgepakt door"],
                [
                    [f"{REC_SECTION}.{r.number}", r.title, r.status_label, r.role_label]
                    for r in recs.itertuples(index=False)
                ],
                (0.6, 3.4, 1.4, 1.9),
                size=9,
            )
            for r in recs.itertuples(index=False):
                parts = [
                    f"{label}: {text}"
                    for label, text in (("Wat hielp", r.helped), ("Wat hinderde", r.blocked))
                    if text
                ]
                if parts:
                    doc.bullet(f"{REC_SECTION}.{r.number} {r.title}", " · ".join(parts))

        kp = tb.knelpunten
        chart = (
            charts.knelpunten_chart(kp)
            if len(kp) and (kp["before"].notna() & kp["after"].notna()).any()
            else None
        )
        keep = 0.0 if chart is None else chart.height_mm * min(1.0, doc.epw / chart.width_mm)
        doc.heading(t["knelpunten"], level=1, keep=keep)
        if kp.empty:
            doc.empty("In het voorgesprek en de terugblik zijn geen knelpunten genoemd.")
        else:
            doc.para(t["knelpunten_intro"], size=9.5, color=MUTED)
            if chart is not None:
                doc.chart(chart)
            doc.grid(
                ["Knelpunt", "Voorgesprek", "Nu", "Verschil"],
                [
                    [
                        r.knelpunt + (" (nieuw)" if r.kind == "nieuw" else ""),
                        _num(r.before),
                        _num(r.after),
                        charts._signed(r.change),
                    ]
                    for r in kp.itertuples(index=False)
                ],
                (4, 1.1, 0.8, 0.9),
                ("LEFT", "CENTER", "CENTER", "CENTER"),
                size=9,
            )

        doc.heading(t["usage"], level=1)
        doc.grid(
            ["Vraag", "Antwoord"],
            tb.usage[["item", "answer"]].values.tolist(),
            (4, 2),
            size=9,
        )
        doc.grid(
            ["De situatie in de gemeente", "Voorgesprek", "Nu"],
            tb.context[["question", "before", "now"]].values.tolist(),
            (4, 1.1, 1.1),
            size=9,
        )

        doc.heading(t["participants"], level=1)
        people = tb.participants
        if people.hidden:
            doc.empty(self._fill(t["participants_hidden"]))
        else:
            doc.para(
                f"{t['participants_intro']} {people.respondents} deelnemers deden dat.",
                size=9.5,
            )
            doc.grid(
                ["Vraag", "n", "Uitkomst"],
                [
                    [r.item, "—" if r.n != r.n else str(int(r.n)), _outcome(r)]
                    for r in people.items.itertuples(index=False)
                    if r.kind != "open"
                ],
                (3.6, 0.5, 2.6),
                size=8.5,
            )
            for question, group in people.open_answers.groupby("question", sort=False):
                doc.subheading(f"{question} ({len(group)})")
                for answer in group["answer"]:
                    doc.bullet(answer)

        doc.heading(t["next"], level=1)
        a = record.get("answers") or {}
        doc.labelled("Nog een werkatelier gewenst:", tb.next_workshop, size=10)
        doc.ln(1)
        if tb.support:
            doc.labelled("Gewenste ondersteuning:", "", size=10)
            for label in tb.support:
                doc.bullet(label)
        if a.get("support_text"):
            doc.labelled("Toelichting:", a["support_text"], size=10)
            doc.ln(1)
        if a.get("remarks"):
            doc.labelled("Opmerkingen:", a["remarks"], size=10)

    # -- helpers

    def _fill(self, template: str) -> str:
        w, record = self.tb.workshop, self.tb.record or {}
        values = {
            "gemeente": w["municipality_name"],
            "datum": fmt_date(record.get("submitted_at") or date.today()),
            "verslag": fmt_date(self.tb.due.sent_on if self.tb.due else record.get("sent_at")),
            "maanden": str(self.cfg.due_after_months),
            "n": str(self.cfg.min_cell),
        }
        return re.sub(r"\{([a-z]+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _num(x: Any) -> str:
    return "—" if x is None or x != x else fmt_num(float(x), 0)


def _outcome(r: Any) -> str:
    if r.detail.startswith("verborgen"):
        return r.detail
    if r.kind == "likert":
        return f"gemiddeld {fmt_num(r.mean)} (1–5)"
    share = "" if r.share_yes != r.share_yes else f"{r.share_yes:.0%} ja · "
    return share + r.detail


def for_report(
    db: Database, workshop_id: int, cfg: FollowupConfig | None = None
) -> TerugblikAddendum | None:
    """The Terugblik addendum of a workshop whose follow-up was submitted, else None."""
    cfg = cfg or config()
    try:
        tb = terugblik(db, workshop_id, cfg=cfg)
    except KeyError:
        return None
    if not tb.submitted or tb.record is None:
        return None
    version_id = tb.record.get("report_version_id")
    sent: list[dict[str, Any]] = []
    if version_id:
        try:
            sent = versions.version_recommendations(db, workshop_id, int(version_id))
        except versions.ReportError:
            sent = []
    if not sent:  # the sent version is gone: the follow-up's own copy (without reasons)
        sent = [
            {**r, "reason": "", "decision": "aanvaard"}
            for r in tb.record["basis"].get("recommendations", [])
        ]
    return TerugblikAddendum(tb, sent, cfg)


def create_version(
    db: Database, workshop_id: int, actor: str, cfg: FollowupConfig | None = None
) -> dict[str, Any]:
    """Store the report with its Terugblik as a new version (see versions.create_version).
    FollowupError when no follow-up was submitted."""
    from jep.followup.answers import FollowupError

    addendum = for_report(db, workshop_id, cfg)
    if addendum is None:
        raise FollowupError(
            "Er is nog geen ingediende terugblik; het addendum kan pas daarna gemaakt worden."
        )
    return versions.create_version(db, workshop_id, actor, addendum=addendum)
