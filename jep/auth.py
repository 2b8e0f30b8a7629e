"""Staff accounts: scrypt-hashed passwords, sign-in behind the throttle gate, single sign-on by
e-mail address, first-start admin, and the admin's account management (which revokes sessions
where an account's access shrinks)."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from jep.access import sessions, throttle
from jep.errors import UserError
from jep.reference.catalog import catalog
from jep.store import audit
from jep.store.db import last_id, write
from jep.store.db import now as now_iso

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD_LENGTH = 10
USERNAME_MAX = 64


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    role: str
    must_change_password: bool


class SigninError(UserError):
    """Sign-in refused; the message is safe to show (Dutch, says nothing about which part)."""


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        calc = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(calc, base64.b64decode(digest))


def password_problem(password: str) -> str | None:
    """Dutch message when a new password is too weak, else None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens."
    if password.strip() != password:
        return "Een wachtwoord mag niet met een spatie beginnen of eindigen."
    return None


def username_problem(username: str) -> str | None:
    if not username or len(username) > USERNAME_MAX:
        return f"Een gebruikersnaam heeft 1 tot {USERNAME_MAX} tekens."
    if not all(c.isalnum() or c in "._-@" for c in username):
        return "Gebruik alleen letters, cijfers en . _ - @ in een gebruikersnaam."
    return None


def count_staff(db: Database) -> int:
    return db.execute("SELECT count(*) FROM staff").fetchone()[0]


def create_staff(
    db: Database,
    username: str,
    password: str,
    role: str = "staff",
    must_change: bool = False,
    actor: str = "systeem",
) -> Staff:
    problem = username_problem(username) or password_problem(password)
    if problem:
        raise ValueError(problem)
    if role not in ("admin", "staff"):
        raise ValueError(f"onbekende rol {role!r}")
    with write(db):
        if db.execute("SELECT 1 FROM staff WHERE username = ?", [username]).fetchone():
            raise ValueError(f"De gebruikersnaam '{username}' bestaat al.")
        cur = db.execute(
            "INSERT INTO staff(username, password_hash, role, must_change_password, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [username, hash_password(password), role, int(must_change), now_iso()],
        )
        audit.log(db, actor, "account aangemaakt", "staff", username, {"rol": role})
    return Staff(last_id(cur), username, role, must_change)


def ensure_admin(db: Database, env_password: str | None = None) -> str | None:
    """On the very first start, create `admin`. Returns the generated one-time password.

    With `env_password` (JEP_ADMIN_PASSWORD) that password is used and None is returned.
    """
    if count_staff(db):
        return None
    if env_password:
        create_staff(db, "admin", env_password, role="admin")
        return None
    one_time = secrets.token_urlsafe(12)
    create_staff(db, "admin", one_time, role="admin", must_change=True)
    return one_time


def signin_delay() -> float:
    """The pause after a failed sign-in ([signin] delay_seconds)."""
    return float(catalog().settings["signin"]["delay_seconds"])


@functools.cache
def _dummy_hash() -> str:
    """A hash no password matches: checked for unknown names so that they take as long as known
    ones (no finding out which names exist by timing)."""
    return hash_password(secrets.token_urlsafe(32))


class SigninThrottled(SigninError):
    """Too many failed attempts: the name or the address must wait `wait_seconds`."""

    def __init__(self, wait_seconds: int) -> None:
        self.wait_seconds = wait_seconds
        if wait_seconds < 90:
            when = f"{wait_seconds} seconden"
        else:
            when = f"{(wait_seconds + 59) // 60} minuten"
        super().__init__(
            f"Te veel mislukte pogingen. Probeer het over {when} opnieuw, "
            "of vraag een beheerder om uw wachtwoord te resetten."
        )


def authenticate(
    db: Database,
    username: str,
    password: str,
    delay: float | None = None,
    address: str | None = None,
    now: datetime | None = None,
) -> Staff:
    """Check a sign-in. Raises SigninError (SigninThrottled while the name or address waits).

    The attempt passes the throttle gate (jep.access.throttle) before the password is checked;
    an unknown name is checked against a dummy hash, so every answer takes as long. `address` is
    the client's address (only a keyed hash of it is stored)."""
    delay = signin_delay() if delay is None else delay
    username = (username or "").strip()[:USERNAME_MAX]
    res = throttle.reserve(db, username, address or "onbekend", now)
    if not res.allowed:
        raise SigninThrottled(res.wait_seconds)
    staff = db.execute(
        "SELECT id, username, password_hash, role, must_change_password, active FROM staff "
        "WHERE username = ?",
        [username],
    ).fetchone()
    matches = verify_password(password or "", staff[2] if staff else _dummy_hash())
    if not (matches and staff and staff[5] == 1):
        with write(db):
            if staff:
                audit.log(db, staff[1], "aanmelding mislukt", "staff", staff[1])
            else:
                throttle.count_anonymous(db, res, now)
        if delay:
            time.sleep(delay)
        raise SigninError("Gebruikersnaam of wachtwoord klopt niet.")
    with write(db):
        throttle.succeeded(db, res, now)
        db.execute("UPDATE staff SET last_signin_at = ? WHERE id = ?", [now_iso(), staff[0]])
        audit.log(db, staff[1], "aangemeld", "staff", staff[1])
    return Staff(staff[0], staff[1], staff[3], bool(staff[4]))


def confirm_password(
    db: Database, username: str, password: str, address: str | None = None
) -> Staff:
    """The password entered again to continue an idle session: the same gate and checks as a
    sign-in (raises SigninError), audited as such."""
    return authenticate(db, username, password, address=address)


def staff_by_email(db: Database, email: str) -> Staff | None:
    """The active account an identity provider's e-mail address is linked to (single sign-on)."""
    row = db.execute(
        "SELECT id, username, role, must_change_password FROM staff "
        "WHERE email = ? COLLATE NOCASE AND active = 1",
        [(email or "").strip()],
    ).fetchone()
    return Staff(row[0], row[1], row[2], False) if row else None


def sso_signin(db: Database, email: str | None, verified: bool | None = None) -> Staff:
    """Single sign-on: the identity provider vouched for `email`; map it to a staff account.

    Unknown or unverified addresses are refused (no self-registration); roles stay ours."""
    email = (email or "").strip()
    staff = staff_by_email(db, email) if email and verified is not False else None
    if staff is None:
        with write(db):
            audit.log(db, "anoniem", "aanmelding via SSO geweigerd", "staff", None)
        if not email:
            raise SigninError(
                "De identiteitsprovider gaf geen e-mailadres door. Neem contact op met een "
                "beheerder van het werkatelier-dashboard."
            )
        raise SigninError(
            f"Het e-mailadres {email} hoort niet bij een medewerkersaccount van het "
            "werkatelier-dashboard. Vraag een beheerder om uw e-mailadres aan uw account te "
            "koppelen."
        )
    with write(db):
        db.execute("UPDATE staff SET last_signin_at = ? WHERE id = ?", [now_iso(), staff.id])
        audit.log(db, staff.username, "aangemeld (SSO)", "staff", staff.username)
    return staff


def change_password(
    db: Database, username: str, old: str, new: str, keep_session: int | None = None
) -> None:
    """The account's own password change; every other session of the account is revoked (the
    one the change was made in, `keep_session`, stays)."""
    row = db.execute(
        "SELECT id, password_hash FROM staff WHERE username = ?", [username]
    ).fetchone()
    if not row or not verify_password(old, row[1]):
        raise ValueError("Het huidige wachtwoord klopt niet.")
    problem = password_problem(new)
    if problem:
        raise ValueError(problem)
    if new == old:
        raise ValueError("Kies een ander wachtwoord dan het huidige.")
    with write(db):
        db.execute(
            "UPDATE staff SET password_hash = ?, must_change_password = 0 WHERE username = ?",
            [hash_password(new), username],
        )
        ended = sessions.revoke_all(db, row[0], sessions.REVOKED_PASSWORD, keep=keep_session)
        audit.log(
            db, username, "wachtwoord gewijzigd", "staff", username, {"sessies beëindigd": ended}
        )


def get_staff(db: Database, username: str) -> Staff | None:
    row = db.execute(
        "SELECT id, username, role, must_change_password FROM staff "
        "WHERE username = ? AND active = 1",
        [username],
    ).fetchone()
    return Staff(row[0], row[1], row[2], bool(row[3])) if row else None


# ---------------------------------------------------------------- account management (admin)

ROLES = {"staff": "Medewerker", "admin": "Beheerder"}
"""Least privileged first: a list built from this offers `staff` as its default."""


class AccountError(UserError):
    """An account change was refused; the message is Dutch and safe to show."""


def _require_admin(db: Database, actor: str) -> None:
    """Only an active admin may manage accounts (checked here too, not only by the page)."""
    row = db.execute(
        "SELECT 1 FROM staff WHERE username = ? AND active = 1 AND role = 'admin'", [actor]
    ).fetchone()
    if not row:
        raise AccountError("Alleen een beheerder kan accounts beheren.")


def _account(db: Database, username: str) -> tuple[int, str, str, int]:
    row = db.execute(
        "SELECT id, username, role, active FROM staff WHERE username = ?", [username]
    ).fetchone()
    if not row:
        raise AccountError(f"Het account '{username}' bestaat niet.")
    return row


def _other_active_admins(db: Database, username: str) -> int:
    return db.execute(
        "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1 AND username <> ?",
        [username],
    ).fetchone()[0]


def one_time_password() -> str:
    """A random one-time password (about 96 bits) that must be changed at the next sign-in."""
    return secrets.token_urlsafe(12)


def list_staff(db: Database) -> list[dict]:
    """Every account with role, e-mail for single sign-on, state and last sign-in; names whose
    sign-ins are being slowed down are marked `locked`."""
    rows = db.execute(
        "SELECT username, role, active, must_change_password, created_at, last_signin_at, email "
        "FROM staff ORDER BY active DESC, username COLLATE NOCASE"
    ).fetchall()
    keys = ("username", "role", "active", "must_change_password", "created_at", "last_signin")
    result = []
    for r in rows:
        item = dict(zip(keys, r[:6], strict=True))
        item["active"] = bool(item["active"])
        item["must_change_password"] = bool(item["must_change_password"])
        item["email"] = r[6] or ""
        item["locked"] = throttle.waiting(db, r[0])
        result.append(item)
    return result


def add_account(db: Database, username: str, role: str, actor: str) -> str:
    """Admin: create an account with a one-time password, which is returned (shown once)."""
    _require_admin(db, actor)
    username = (username or "").strip()
    if role not in ROLES:
        raise AccountError("Kies een rol: beheerder of medewerker.")
    password = one_time_password()
    try:
        create_staff(db, username, password, role=role, must_change=True, actor=actor)
    except ValueError as exc:
        raise AccountError(str(exc)) from exc
    return password


def set_active(db: Database, username: str, active: bool, actor: str) -> None:
    """Admin: switch an account off (it can no longer sign in) or on again.

    An admin cannot switch off their own account, nor the last active admin.
    """
    with write(db):
        _require_admin(db, actor)
        staff_id, name, role, was_active = _account(db, username)
        if not active:
            if name.lower() == actor.lower():
                raise AccountError("U kunt uw eigen account niet uitschakelen.")
            if role == "admin" and was_active and not _other_active_admins(db, name):
                raise AccountError("Dit is de laatste actieve beheerder; die blijft aan.")
        if bool(was_active) == active:
            return
        db.execute("UPDATE staff SET active = ? WHERE username = ?", [int(active), name])
        if not active:
            sessions.revoke_all(db, staff_id, sessions.REVOKED_DISABLED)
        audit.log(
            db, actor, "account ingeschakeld" if active else "account uitgeschakeld", "staff", name
        )


def set_role(db: Database, username: str, role: str, actor: str) -> None:
    """Admin: make an account admin or staff. Never your own, never the last active admin."""
    if role not in ROLES:
        raise AccountError("Kies een rol: beheerder of medewerker.")
    with write(db):
        _require_admin(db, actor)
        staff_id, name, old, active = _account(db, username)
        if name.lower() == actor.lower():
            raise AccountError("Uw eigen rol kan alleen een andere beheerder wijzigen.")
        if old == role:
            return
        if old == "admin" and active and not _other_active_admins(db, name):
            raise AccountError("Dit is de laatste actieve beheerder; die blijft beheerder.")
        db.execute("UPDATE staff SET role = ? WHERE username = ?", [role, name])
        if old == "admin":  # demoted: open tabs start again with the smaller navigation
            sessions.revoke_all(db, staff_id, sessions.REVOKED_ROLE)
        audit.log(db, actor, "rol gewijzigd", "staff", name, {"van": old, "naar": role})


def reset_password(db: Database, username: str, actor: str) -> str:
    """Admin: give an account a new one-time password (returned once), end its sessions and lift
    the delays on its name."""
    password = one_time_password()
    with write(db):
        _require_admin(db, actor)
        staff_id, name, _, _ = _account(db, username)
        db.execute(
            "UPDATE staff SET password_hash = ?, must_change_password = 1 WHERE username = ?",
            [hash_password(password), name],
        )
        throttle.clear_name(db, name)
        ended = sessions.revoke_all(db, staff_id, sessions.REVOKED_RESET)
        audit.log(db, actor, "wachtwoord gereset", "staff", name, {"sessies beëindigd": ended})
    return password


EMAIL_MAX = 254


def set_email(db: Database, username: str, email: str, actor: str) -> None:
    """Admin: link the e-mail address an identity provider reports to this account (single
    sign-on), or unlink it with an empty value. One address belongs to one account."""
    email = (email or "").strip()
    if email and (len(email) > EMAIL_MAX or email.count("@") != 1 or " " in email):
        raise AccountError("Vul een geldig e-mailadres in, zoals naam@organisatie.nl.")
    with write(db):
        _require_admin(db, actor)
        staff_id, name, _, _ = _account(db, username)
        other = db.execute(
            "SELECT username FROM staff WHERE email = ? COLLATE NOCASE AND id <> ?",
            [email, staff_id],
        ).fetchone()
        if email and other:
            raise AccountError(f"Het e-mailadres is al gekoppeld aan '{other[0]}'.")
        db.execute("UPDATE staff SET email = ? WHERE id = ?", [email or None, staff_id])
        audit.log(db, actor, "e-mailadres (SSO) gewijzigd", "staff", name)


def end_session(db: Database, session_id: int, actor: str) -> None:
    """Admin: end one session of any account (the tab is signed out at its next interaction)."""
    _require_admin(db, actor)
    owner = sessions.session_owner(db, session_id)
    if owner is None:
        raise AccountError("Deze sessie bestaat niet meer.")
    if sessions.revoke(db, session_id, sessions.REVOKED_ADMIN):
        audit.record(db, actor, "sessie beëindigd", "staff", owner)
