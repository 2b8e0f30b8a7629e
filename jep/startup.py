"""What a start of the application does before the first page: check every reference file in
data/, create or migrate the database, and create the first admin account."""

from __future__ import annotations

import os
from pathlib import Path

from jep import auth
from jep.store import db


def check_reference_data() -> None:
    """Load and validate every editable file in data/; raises CatalogError naming file and entry."""
    from jep import outgoing
    from jep.evaluation import questionnaire
    from jep.followup import questionnaire as followup
    from jep.privacy import redaction, retention
    from jep.reference.catalog import catalog
    from jep.report import rules, texts
    from jep.workshop import mix, planning

    catalog()
    retention.policy()
    mix.rules()
    planning.config()
    questionnaire.questionnaire()
    rules.rules()
    texts.texts()
    redaction.fields()
    followup.config()
    outgoing.check_texts()


def prepare(db_file: Path | str | None = None) -> str | None:
    """Check the reference data, create or migrate the database and, on the very first start,
    create `admin`. Returns the one-time password when one was made (else None)."""
    check_reference_data()
    path = db.init_db(db_file)
    with db.open_db(path) as conn:
        return auth.ensure_admin(conn, os.environ.get("JEP_ADMIN_PASSWORD") or None)


def admin_banner(one_time: str) -> str:
    """The terminal message with the first admin's one-time password (as Jupyter prints a token)."""
    bar = "=" * 72
    return (
        f"\n{bar}\n  Eerste start: beheerdersaccount aangemaakt.\n"
        f"  Gebruikersnaam: admin\n  Eenmalig wachtwoord: {one_time}\n"
        f"  (na de eerste aanmelding kiest u een eigen wachtwoord)\n{bar}\n"
    )
