"""The municipality's follow-up (terugblik): what it looks back on, its answers, drafts, submission.

A follow-up is made (`start`) when staff hand out its link or fill it in on the municipality's
behalf, and only for a workshop whose report was sent. It copies what it looks back on into
`basis`, so that nothing changed later alters it:

- the report version that was sent last and its recommendations **as sent** (a recommendation
  reworded on the report page afterwards keeps the text the municipality received);
- the knelpunten of the intake with their severity then (catalogue ids, and the intake's own
  knelpunten as `eigen-<n>`; their wording is read from the intake and the catalogue);
- the intake's answers on the local situation (contact point, PGA, …).

The answers are one JSON document (see `empty_answers`). Validation has two levels, as for the
intake: a draft must be well-formed, a submission also complete; every error is keyed by its field.
Saves carry the version the user started from: a save over a newer version is refused. Free text
goes through the privacy guard. The link is an invite (`jep.workshop.invites`, purpose
'terugblik'): hashed, expiring, revocable, and it reaches this one workshop only.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from jep.errors import UserError
from jep.fmt import fmt_progress
from jep.followup.due import LINK_PURPOSE
from jep.followup.questionnaire import FollowupConfig, config
from jep.privacy import guard as privacy
from jep.reference.catalog import Catalog
from jep.store import audit
from jep.store.db import now, write
from jep.text import as_int, clean_text
from jep.workshop import intake, invites

PURPOSE = LINK_PURPOSE
MAX_NEW = 3
TEXT_MAX = 1000
SHORT_MAX = 200
NEW_PREFIX = "nieuw-"
OWN_PREFIX = "eigen-"
# The form's sections, in order (id -> title); each error key belongs to one (`section_of`).
SECTIONS: dict[str, str] = {
    "contact": "1. Wie vult dit in?",
    "aanbevelingen": "2. De aanbevelingen uit het verslag",
    "knelpunten": "3. De knelpunten uit het voorgesprek: hoe groot zijn ze nu?",
    "werkwijze": "4. Werkwijze en contactpunten",
    "vervolg": "5. Vervolg",
}
_SECTION_OF_FIELD = {
    "contact": "contact",
    "rec": "aanbevelingen",
    "kp": "knelpunten",
    "new": "knelpunten",
    "new_knelpunten": "knelpunten",
    "usage": "werkwijze",
    "context": "werkwijze",
}


class FollowupError(UserError):
    """A follow-up action was refused; the Dutch message is safe to show."""


class ConflictError(FollowupError):
    """Someone else saved the follow-up since it was opened."""


class FollowupLocked(FollowupError):
    """The follow-up was submitted; only staff can change or reopen it."""


NOT_SENT = (
    "Voor dit werkatelier is nog geen verslag verstuurd. Een terugblik kijkt terug op de "
    "aanbevelingen van het verstuurde verslag; markeer eerst op de pagina Verslag welke versie "
    "verstuurd is."
)


# ---------------------------------------------------------------- what it looks back on


def sent_version(db: Database, workshop_id: int) -> dict[str, Any] | None:
    """The report version that was sent last: id, number, sent_at, recommendations (as sent)."""
    row = db.execute(
        "SELECT id, number, sent_at, recommendations FROM report_versions "
        "WHERE workshop_id = ? AND sent_at IS NOT NULL ORDER BY sent_at DESC, number DESC LIMIT 1",
        [workshop_id],
    ).fetchone()
    if not row:
        return None
    return {
        "id": row[0],
        "number": row[1],
        "sent_at": row[2],
        "recommendations": json.loads(row[3] or "[]"),
    }


def make_basis(db: Database, workshop_id: int) -> dict[str, Any]:
    """What a new follow-up of this workshop looks back on; FollowupError when no report was
    sent."""
    version = sent_version(db, workshop_id)
    if version is None:
        raise FollowupError(NOT_SENT)
    try:
        answers = intake.load(db, workshop_id)["answers"]
    except KeyError:
        answers = intake.empty_answers()
    recs = [
        {
            "id": str(r["id"]),
            "number": i,
            "title": r.get("title") or "",
            "text": r.get("text") or "",
            "owner": r.get("owner") or "",
            "priority": r.get("priority"),
            "source": r.get("source") or "regel",
        }
        for i, r in enumerate(version["recommendations"], 1)
        if r.get("decision") != "afgewezen"
    ]
    knelpunten = [
        {"id": str(kid), "before": as_int(val.get("severity"))}
        for kid, val in sorted(
            (answers.get("knelpunten") or {}).items(),
            key=lambda kv: (-(as_int(kv[1].get("severity")) or 0), kv[0]),
        )
    ]
    knelpunten += [
        {"id": f"{OWN_PREFIX}{i}", "before": as_int(own.get("severity"))}
        for i, own in enumerate(answers.get("own_knelpunten") or [], 1)
    ]
    return {
        "report_version": {
            "id": version["id"],
            "number": version["number"],
            "sent_at": version["sent_at"],
        },
        "recommendations": recs,
        "knelpunten": knelpunten,
        "context": {k: (answers.get("context") or {}).get(k) for k in intake.CONTEXT_QUESTIONS},
    }


def start(db: Database, workshop_id: int, actor: str) -> dict[str, Any]:
    """The workshop's follow-up, made now (with its basis) when it does not exist yet.
    FollowupError when the workshop's report was never sent."""
    existing = load(db, workshop_id)
    if existing is not None:
        return existing
    basis = make_basis(db, workshop_id)
    stamp = now()
    with write(db):
        cur = db.execute(
            "INSERT OR IGNORE INTO followups(workshop_id, report_version_id, sent_at, basis, "
            "answers, created_at, created_by, updated_at, updated_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                workshop_id,
                basis["report_version"]["id"],
                basis["report_version"]["sent_at"],
                json.dumps(basis, ensure_ascii=False),
                json.dumps(empty_answers(basis), ensure_ascii=False),
                stamp,
                actor,
                stamp,
                actor,
            ],
        )
        if cur.rowcount:
            audit.log(
                db,
                actor,
                "terugblik aangemaakt",
                "workshop",
                workshop_id,
                {"verslagversie": basis["report_version"]["number"]},
            )
    record = load(db, workshop_id)
    assert record is not None
    return record


def load(db: Database, workshop_id: int) -> dict[str, Any] | None:
    """The follow-up record (basis, answers, state, version, who and when), or None."""
    row = db.execute(
        "SELECT basis, answers, state, version, on_behalf, staff_notes, reminded_at, created_at, "
        "created_by, updated_at, updated_by, submitted_at, submitted_by, report_version_id, "
        "sent_at FROM followups WHERE workshop_id = ?",
        [workshop_id],
    ).fetchone()
    if not row:
        return None
    basis = json.loads(row[0] or "{}")
    basis.setdefault("recommendations", [])
    basis.setdefault("knelpunten", [])
    basis.setdefault("context", {})
    answers = empty_answers(basis)
    stored = json.loads(row[1] or "{}")
    for key, value in stored.items():
        if isinstance(answers.get(key), dict) and isinstance(value, dict):
            answers[key].update(value)
        else:
            answers[key] = value
    keys = (
        "state",
        "version",
        "on_behalf",
        "staff_notes",
        "reminded_at",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "submitted_at",
        "submitted_by",
        "report_version_id",
        "sent_at",
    )
    return {"basis": basis, "answers": answers, **dict(zip(keys, row[2:], strict=True))}


# ---------------------------------------------------------------- the answer document


def empty_answers(basis: dict[str, Any], cfg: FollowupConfig | None = None) -> dict[str, Any]:
    cfg = cfg or config()
    return {
        "contact": {"name": "", "role": "", "email": "", "phone": ""},
        # recommendation id -> {status, role, helped, blocked}
        "recommendations": {
            r["id"]: {"status": None, "role": None, "helped": "", "blocked": ""}
            for r in basis.get("recommendations", [])
        },
        # knelpunt id of the basis -> {severity today 1–5, note}
        "knelpunten": {
            k["id"]: {"severity": None, "note": ""} for k in basis.get("knelpunten", [])
        },
        "new_knelpunten": [],  # [{"knelpunt_id": catalogue id or None, "text", "severity"}]
        "context": dict.fromkeys(intake.CONTEXT_QUESTIONS),
        "usage": dict.fromkeys(cfg.usage),
        "next_workshop": None,
        "support": [],
        "support_text": "",
        "remarks": "",
    }


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def _scalar(value: Any) -> Any:
    return value if isinstance(value, int | float | str) and not isinstance(value, bool) else None


def _choice(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _new_given(new: Any) -> bool:
    """Whether a row of new knelpunten was filled in (`normalise` drops empty rows)."""
    new = _mapping(new)
    return bool(
        _choice(new.get("knelpunt_id"))
        or clean_text(new.get("text"), SHORT_MAX)
        or _scalar(new.get("severity")) is not None
    )


def normalise(
    raw: dict[str, Any], basis: dict[str, Any], cfg: FollowupConfig | None = None
) -> dict[str, Any]:
    """Coerce what a form produced into the answer document (unknown keys dropped); never
    raises, so that `validate` can say what is wrong."""
    cfg = cfg or config()
    raw = _mapping(raw)
    data = empty_answers(basis, cfg)
    contact = _mapping(raw.get("contact"))
    for key in data["contact"]:
        data["contact"][key] = clean_text(contact.get(key), SHORT_MAX)
    recs = _mapping(raw.get("recommendations"))
    for rid in data["recommendations"]:
        given = _mapping(recs.get(rid))
        data["recommendations"][rid] = {
            "status": _choice(given.get("status")),
            "role": _choice(given.get("role")),
            "helped": clean_text(given.get("helped"), TEXT_MAX),
            "blocked": clean_text(given.get("blocked"), TEXT_MAX),
        }
    kps = _mapping(raw.get("knelpunten"))
    for kid in data["knelpunten"]:
        given = _mapping(kps.get(kid))
        data["knelpunten"][kid] = {
            "severity": _scalar(given.get("severity")),
            "note": clean_text(given.get("note"), TEXT_MAX),
        }
    for new in _items(raw.get("new_knelpunten")):
        if _new_given(new):
            new = _mapping(new)
            kid = _choice(new.get("knelpunt_id"))
            text = clean_text(new.get("text"), SHORT_MAX)
            severity = _scalar(new.get("severity"))
            data["new_knelpunten"].append({"knelpunt_id": kid, "text": text, "severity": severity})
    context = _mapping(raw.get("context"))
    for key in data["context"]:
        data["context"][key] = _choice(context.get(key))
    usage = _mapping(raw.get("usage"))
    for key in data["usage"]:
        data["usage"][key] = _choice(usage.get(key))
    data["next_workshop"] = _choice(raw.get("next_workshop"))
    data["support"] = [s for s in _items(raw.get("support")) if isinstance(s, str) and s]
    data["support_text"] = clean_text(raw.get("support_text"), TEXT_MAX)
    data["remarks"] = clean_text(raw.get("remarks"), TEXT_MAX)
    return data


def _too_long(text: str, limit: int, what: str) -> str | None:
    return f"{what} is te lang (hoogstens {limit} tekens)." if len(text) > limit else None


def validate(
    data: dict[str, Any],
    basis: dict[str, Any],
    cat: Catalog,
    final: bool,
    cfg: FollowupConfig | None = None,
) -> dict[str, str]:
    """Errors keyed by field; empty when valid. `final=True` also demands completeness."""
    cfg = cfg or config()
    errors: dict[str, str] = {}
    c = data["contact"]
    for key, label in (("name", "De naam"), ("role", "De functie"), ("phone", "Het nummer")):
        if problem := _too_long(c[key], SHORT_MAX, label):
            errors[f"contact.{key}"] = problem
    if c["email"] and not intake.EMAIL_RE.match(c["email"]):
        errors["contact.email"] = "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."
    if c["phone"] and not intake.PHONE_RE.match(c["phone"]):
        errors["contact.phone"] = "Vul een geldig telefoonnummer in, bijvoorbeeld 070 - 333 4558."
    if final and not c["name"]:
        errors["contact.name"] = "Vul in wie deze terugblik invult."
    if final and not c["role"]:
        errors["contact.role"] = "Vul de functie in van wie deze terugblik invult."

    picked_up = {s.id for s in cfg.statuses.values() if s.picked_up}
    for rid, ans in data["recommendations"].items():
        key = f"rec.{rid}"
        if ans["status"] is not None and ans["status"] not in cfg.statuses:
            errors[f"{key}.status"] = "Kies een stand van zaken uit de lijst."
        elif final and ans["status"] is None:
            errors[f"{key}.status"] = "Geef aan hoe ver u met deze aanbeveling bent."
        if ans["role"] is not None and ans["role"] not in cfg.roles:
            errors[f"{key}.role"] = "Kies een rol uit de lijst."
        elif final and ans["role"] is None and ans["status"] in picked_up:
            errors[f"{key}.role"] = "Geef aan wie de aanbeveling oppakte (een rol, geen naam)."
        for part, label in (("helped", "Wat hielp"), ("blocked", "Wat hinderde")):
            if problem := _too_long(ans[part], TEXT_MAX, label):
                errors[f"{key}.{part}"] = problem

    for kid, ans in data["knelpunten"].items():
        sev = as_int(ans["severity"])
        if ans["severity"] is not None and (sev is None or not 1 <= sev <= 5):
            errors[f"kp.{kid}"] = "Kies een ernst van 1 (klein) tot 5 (groot)."
        elif final and ans["severity"] is None:
            errors[f"kp.{kid}"] = "Geef aan hoe groot dit knelpunt nu is (1 = klein, 5 = groot)."
        else:
            ans["severity"] = sev
        if problem := _too_long(ans["note"], TEXT_MAX, "De toelichting"):
            errors[f"kp.{kid}"] = problem

    if len(data["new_knelpunten"]) > MAX_NEW:
        errors["new_knelpunten"] = f"Hoogstens {MAX_NEW} nieuwe knelpunten."
    known = {k["id"] for k in basis.get("knelpunten", [])}
    chosen: set[str] = set()
    for i, new in enumerate(data["new_knelpunten"]):
        kid, sev = new["knelpunt_id"], as_int(new["severity"])
        if kid is not None and kid not in cat.knelpunten:
            errors[f"new.{i}"] = "Kies een knelpunt uit de lijst."
        elif kid is not None and (kid in known or kid in chosen):
            errors[f"new.{i}"] = "Dit knelpunt staat al in de lijst; geef daar de ernst van nu."
        elif kid is None and not new["text"]:
            errors[f"new.{i}"] = "Kies een knelpunt uit de lijst of beschrijf het zelf."
        elif problem := _too_long(new["text"], SHORT_MAX, "Het knelpunt"):
            errors[f"new.{i}"] = problem
        elif sev is None or not 1 <= sev <= 5:
            errors[f"new.{i}"] = "Kies een ernst van 1 tot 5 voor dit knelpunt."
        else:
            new["severity"] = sev
        if kid:
            chosen.add(kid)

    for key in data["context"]:
        value = data["context"][key]
        if value is not None and value not in intake.CONTEXT_ANSWERS:
            errors[f"context.{key}"] = "Kies ja, nee of weet ik niet."
        elif final and value is None:
            errors[f"context.{key}"] = "Beantwoord deze vraag (kies ‘weet ik niet’ als u twijfelt)."
    for key in data["usage"]:
        value = data["usage"][key]
        if value is not None and value not in cfg.usage_answers:
            errors[f"usage.{key}"] = "Kies een antwoord uit de lijst."
        elif final and value is None:
            errors[f"usage.{key}"] = "Beantwoord deze vraag (kies ‘weet ik niet’ als u twijfelt)."
    value = data["next_workshop"]
    if value is not None and value not in cfg.next_answers:
        errors["next_workshop"] = "Kies een antwoord uit de lijst."
    elif final and value is None:
        errors["next_workshop"] = "Geef aan of u nog een werkatelier wilt."
    unknown = [s for s in data["support"] if s not in cfg.support]
    if unknown:
        errors["support"] = "Kies ondersteuning uit de lijst."
    if problem := _too_long(data["support_text"], TEXT_MAX, "De toelichting"):
        errors["support_text"] = problem
    if problem := _too_long(data["remarks"], TEXT_MAX, "De opmerkingen"):
        errors["remarks"] = problem
    return errors


def section_of(field: str) -> str:
    """The section of the form an error key (or a privacy finding, `privacy.<key>`) belongs to:
    the next workshop, support and remarks are in the last one."""
    head = field.removeprefix("privacy.").split(".")[0]
    return _SECTION_OF_FIELD.get(head, "vervolg")


def section_progress(
    raw: dict[str, Any], basis: dict[str, Any], cfg: FollowupConfig | None = None
) -> dict[str, tuple[str, bool]]:
    """Per section (id -> (mark, complete)): how far the answers are, as its bar shows it after
    the title ("2 van 5", "klaar ✓"). Complete means what a submission needs is there (not that
    it is valid: `validate` says that)."""
    cfg = cfg or config()
    data = normalise(raw, basis, cfg)
    picked_up = {s.id for s in cfg.statuses.values() if s.picked_up}

    def count(n: int, total: int) -> tuple[str, bool]:
        return fmt_progress(n, total), n >= total

    recs = data["recommendations"].values()
    return {
        "contact": count(sum(bool(data["contact"][k]) for k in ("name", "role")), 2),
        "aanbevelingen": count(
            sum(
                a["status"] is not None and (a["role"] is not None or a["status"] not in picked_up)
                for a in recs
            ),
            len(recs),
        ),
        "knelpunten": count(
            sum(a["severity"] is not None for a in data["knelpunten"].values()),
            len(data["knelpunten"]),
        ),
        "werkwijze": count(
            sum(v is not None for v in (*data["usage"].values(), *data["context"].values())),
            len(data["usage"]) + len(data["context"]),
        ),
        "vervolg": count(int(data["next_workshop"] is not None), 1),
    }


def free_texts(data: dict[str, Any]) -> dict[str, str]:
    """The free-text answers keyed by the field they belong to (for the privacy guard)."""
    texts: dict[str, str] = {}
    for rid, ans in data["recommendations"].items():
        texts[f"rec.{rid}.helped"] = ans["helped"]
        texts[f"rec.{rid}.blocked"] = ans["blocked"]
    for kid, ans in data["knelpunten"].items():
        texts[f"kp.{kid}"] = ans["note"]
    for i, new in enumerate(data["new_knelpunten"]):
        texts[f"new.{i}"] = new["text"]
    texts["support_text"] = data["support_text"]
    texts["remarks"] = data["remarks"]
    return {k: v for k, v in texts.items() if v}


def denormalise(db: Database, workshop_id: int, basis: dict, data: dict) -> None:
    db.execute("DELETE FROM followup_recommendations WHERE workshop_id = ?", [workshop_id])
    db.execute("DELETE FROM followup_knelpunten WHERE workshop_id = ?", [workshop_id])
    for rec in basis.get("recommendations", []):
        ans = data["recommendations"].get(rec["id"]) or {}
        db.execute(
            "INSERT INTO followup_recommendations(workshop_id, rec_id, rule_id, owner, status, "
            "role) VALUES (?, ?, ?, ?, ?, ?)",
            [
                workshop_id,
                rec["id"],
                None if rec.get("source") == "eigen" else rec["id"],
                rec.get("owner"),
                ans.get("status"),
                ans.get("role"),
            ],
        )
    for kp in basis.get("knelpunten", []):
        after = (data["knelpunten"].get(kp["id"]) or {}).get("severity")
        db.execute(
            "INSERT INTO followup_knelpunten(workshop_id, knelpunt_id, kind, before, after) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                workshop_id,
                kp["id"],
                "eigen" if kp["id"].startswith(OWN_PREFIX) else "voorgesprek",
                kp.get("before") if isinstance(kp.get("before"), int) else None,
                after,
            ],
        )
    for i, new in enumerate(data["new_knelpunten"], 1):
        db.execute(
            "INSERT OR IGNORE INTO followup_knelpunten(workshop_id, knelpunt_id, kind, before, "
            "after) VALUES (?, ?, 'nieuw', NULL, ?)",
            [workshop_id, new["knelpunt_id"] or f"{NEW_PREFIX}{i}", new["severity"]],
        )


def save(
    db: Database,
    workshop_id: int,
    raw: dict[str, Any],
    expected_version: int,
    actor: str,
    cat: Catalog,
    submit: bool = False,
    as_staff: bool = False,
    privacy_confirmed: bool = False,
    cfg: FollowupConfig | None = None,
) -> tuple[dict[str, str], int]:
    """Validate and store. Returns (errors, version); nothing is stored when errors is non-empty.

    Free text that looks like personal data is an error keyed `privacy.<field>` unless the user
    confirmed it; errors of new knelpunten are keyed by their row in `raw`. A submitted follow-up
    can only be changed by staff (`as_staff=True`); a submission by staff records that it was
    filled in on the municipality's behalf."""
    cfg = cfg or config()
    record = load(db, workshop_id)
    if record is None:
        raise FollowupError(
            "Deze terugblik bestaat (nog) niet. Platform JEP maakt hem aan met de link."
        )
    basis = record["basis"]
    data = normalise(raw, basis, cfg)
    errors = validate(data, basis, cat, final=submit, cfg=cfg)
    if not privacy_confirmed:
        flagged = privacy.check_fields(free_texts(data))
        errors.update({f"privacy.{k}": v for k, v in flagged.items() if k not in errors})
    if errors:
        rows = [
            i
            for i, new in enumerate(_items(_mapping(raw).get("new_knelpunten")))
            if _new_given(new)
        ]
        return intake.at_rows(errors, "new", rows), expected_version
    stamp = now()
    with write(db):
        row = db.execute(
            "SELECT state FROM followups WHERE workshop_id = ?", [workshop_id]
        ).fetchone()
        if row is None:
            raise FollowupError("Deze terugblik bestaat niet meer.")
        if row[0] == "ingediend" and not as_staff:
            raise FollowupLocked(
                "Deze terugblik is al ingediend. Wilt u nog iets wijzigen? Bel Platform JEP."
            )
        state = "ingediend" if submit or row[0] == "ingediend" else "concept"
        cur = db.execute(
            "UPDATE followups SET answers = ?, version = version + 1, state = ?, updated_at = ?, "
            "updated_by = ?, submitted_at = CASE WHEN ? THEN ? ELSE submitted_at END, "
            "submitted_by = CASE WHEN ? THEN ? ELSE submitted_by END, "
            "on_behalf = CASE WHEN ? THEN ? ELSE on_behalf END "
            "WHERE workshop_id = ? AND version = ?",
            [
                json.dumps(data, ensure_ascii=False),
                state,
                stamp,
                actor,
                submit,
                stamp,
                submit,
                actor,
                submit,
                int(as_staff),
                workshop_id,
                expected_version,
            ],
        )
        if cur.rowcount != 1:
            raise ConflictError(
                "Iemand anders heeft deze terugblik intussen opgeslagen. Uw invoer staat nog in "
                "het formulier; laad de nieuwste versie om te zien wat er veranderd is."
            )
        denormalise(db, workshop_id, basis, data)
        action = "terugblik ingediend" if submit else "terugblik opgeslagen"
        detail: dict[str, Any] = {"versie": expected_version + 1}
        if submit and as_staff:
            detail["namens de gemeente"] = True
        audit.log(db, actor, action, "workshop", workshop_id, detail)
    return {}, expected_version + 1


def reopen(db: Database, workshop_id: int, actor: str) -> None:
    """Staff: make a submitted follow-up editable for the municipality again."""
    with write(db):
        cur = db.execute(
            "UPDATE followups SET state = 'concept', version = version + 1, updated_at = ?, "
            "updated_by = ? WHERE workshop_id = ? AND state = 'ingediend'",
            [now(), actor, workshop_id],
        )
        if cur.rowcount:
            audit.log(db, actor, "terugblik heropend", "workshop", workshop_id)


def save_staff_notes(
    db: Database, workshop_id: int, notes: str, actor: str, privacy_confirmed: bool = False
) -> str | None:
    """Staff's notes on the follow-up (e.g. of the phone call); returns the privacy guard's
    message instead of saving when the text looks like personal data and was not confirmed."""
    text = clean_text(notes, 10 * TEXT_MAX)[: 10 * TEXT_MAX]
    if not privacy_confirmed:
        flagged = privacy.check_fields({"notes": text})
        if flagged:
            return flagged["notes"]
    with write(db):
        cur = db.execute(
            "UPDATE followups SET staff_notes = ? WHERE workshop_id = ?", [text, workshop_id]
        )
        if not cur.rowcount:
            raise FollowupError("Deze terugblik bestaat (nog) niet.")
        audit.log(db, actor, "notities terugblik opgeslagen", "workshop", workshop_id)
    return None


def mark_reminded(db: Database, workshop_id: int, actor: str, how: str = "handmatig") -> None:
    """Record that the municipality was reminded of the follow-up (by mail or by phone)."""
    with write(db):
        cur = db.execute(
            "UPDATE followups SET reminded_at = ? WHERE workshop_id = ?", [now(), workshop_id]
        )
        if not cur.rowcount:
            raise FollowupError("Deze terugblik bestaat (nog) niet; geef eerst de link uit.")
        audit.log(db, actor, "terugblik herinnerd", "workshop", workshop_id, {"hoe": how})


# ---------------------------------------------------------------- the link


def issue_link(
    db: Database, workshop_id: int, actor: str, cfg: FollowupConfig | None = None
) -> str:
    """A new follow-up link for the municipality (an earlier one stops working); the follow-up
    is made first. Returns the token, once. FollowupError when no report was sent."""
    cfg = cfg or config()
    start(db, workshop_id, actor)
    return invites.issue(db, workshop_id, actor, purpose=PURPOSE, days=cfg.link_valid_days)


def revoke_link(db: Database, workshop_id: int, actor: str) -> int:
    return invites.revoke(db, workshop_id, actor, purpose=PURPOSE)


def link_url(base_url: str, token: str) -> str:
    """The municipality's follow-up link: the app's root with ?terugblik= (its only page)."""
    return f"{base_url.rstrip('/')}/?terugblik={token}"


def active_link(db: Database, workshop_id: int) -> dict[str, Any] | None:
    return invites.active_link(db, workshop_id, purpose=PURPOSE)


def resolve(
    db: Database, token: str | None, delay: float = invites.WRONG_TOKEN_DELAY
) -> invites.Invite | None:
    """The valid follow-up invite of `token` whose follow-up exists, else None (a miss waits
    `delay` seconds, as for every invite)."""
    inv = invites.resolve(db, token, purpose=PURPOSE, delay=delay)
    if inv is None or load(db, inv.workshop_id) is None:
        return None
    return inv


# ---------------------------------------------------------------- reading back


def knelpunt_label(
    kid: str,
    cat: Catalog,
    intake_answers: dict[str, Any],
    answers: dict[str, Any] | None = None,
    short: bool = False,
) -> str:
    """The wording of a knelpunt of the follow-up: from the catalogue (`short`: its short
    label), the intake's own knelpunten (`eigen-<n>`) or the follow-up's new ones (`nieuw-<n>`)."""
    if kid in cat.knelpunten:
        return cat.knelpunten[kid].short if short else cat.knelpunten[kid].text
    for prefix, items in (
        (OWN_PREFIX, intake_answers.get("own_knelpunten") or []),
        (NEW_PREFIX, (answers or {}).get("new_knelpunten") or []),
    ):
        if kid.startswith(prefix) and kid[len(prefix) :].isdigit():
            i = int(kid[len(prefix) :]) - 1
            if 0 <= i < len(items):
                return str(items[i].get("text") or kid)
    return kid
