"""Staff accounts: scrypt-hashed passwords, sign-in with lock-out, first-start admin."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from jep.errors import UserError
from jep.reference.catalog import catalog
from jep.store import audit
from jep.store.db import last_id, now, write

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
            [username, hash_password(password), role, int(must_change), now()],
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


def _signin_settings() -> tuple[int, int, float]:
    s = catalog().settings["signin"]
    return s["max_failures"], s["lock_minutes"], float(s["delay_seconds"])


def authenticate(db: Database, username: str, password: str, delay: float | None = None) -> Staff:
    """Check a sign-in. Raises SigninError; locks the name after repeated failures."""
    max_failures, lock_minutes, default_delay = _signin_settings()
    delay = default_delay if delay is None else delay
    username = (username or "").strip()[:USERNAME_MAX]
    stamp = datetime.now(UTC)
    row = db.execute(
        "SELECT failures, locked_until FROM signin_failures WHERE username = ?", [username]
    ).fetchone()
    if row and row[1] and row[1] > stamp.isoformat():
        with write(db):
            audit.log(db, username or "?", "aanmelding geweigerd (geblokkeerd)", "staff", username)
        raise SigninError(
            "Te veel mislukte pogingen. Probeer het over een kwartier opnieuw "
            "of vraag een beheerder om hulp."
        )
    staff = db.execute(
        "SELECT id, username, password_hash, role, must_change_password, active FROM staff "
        "WHERE username = ?",
        [username],
    ).fetchone()
    ok = bool(staff) and staff[5] == 1 and verify_password(password or "", staff[2])
    if not ok:
        failures = (row[0] if row else 0) + 1
        locked = (
            (stamp + timedelta(minutes=lock_minutes)).isoformat()
            if failures >= max_failures
            else None
        )
        with write(db):
            db.execute(
                "INSERT INTO signin_failures(username, failures, locked_until, last_failure_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(username) DO UPDATE SET "
                "failures = excluded.failures, locked_until = excluded.locked_until, "
                "last_failure_at = excluded.last_failure_at",
                [username, 0 if locked else failures, locked, stamp.isoformat()],
            )
            audit.log(db, username or "?", "aanmelding mislukt", "staff", username)
        if delay:
            time.sleep(delay)
        raise SigninError("Gebruikersnaam of wachtwoord klopt niet.")
    with write(db):
        db.execute("DELETE FROM signin_failures WHERE username = ?", [username])
        db.execute("UPDATE staff SET last_signin_at = ? WHERE id = ?", [now(), staff[0]])
        audit.log(db, staff[1], "aangemeld", "staff", staff[1])
    return Staff(staff[0], staff[1], staff[3], bool(staff[4]))


def change_password(db: Database, username: str, old: str, new: str) -> None:
    row = db.execute("SELECT password_hash FROM staff WHERE username = ?", [username]).fetchone()
    if not row or not verify_password(old, row[0]):
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
        audit.log(db, username, "wachtwoord gewijzigd", "staff", username)


def get_staff(db: Database, username: str) -> Staff | None:
    row = db.execute(
        "SELECT id, username, role, must_change_password FROM staff "
        "WHERE username = ? AND active = 1",
        [username],
    ).fetchone()
    return Staff(row[0], row[1], row[2], bool(row[3])) if row else None


# ---------------------------------------------------------------- account management (admin)

ROLES = {"admin": "Beheerder", "staff": "Medewerker"}


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
    """Every account with role, state and last sign-in; locked names are marked."""
    stamp = datetime.now(UTC).isoformat()
    rows = db.execute(
        "SELECT s.username, s.role, s.active, s.must_change_password, s.created_at, "
        "s.last_signin_at, (f.locked_until IS NOT NULL AND f.locked_until > ?) AS locked "
        "FROM staff s LEFT JOIN signin_failures f ON f.username = s.username "
        "ORDER BY s.active DESC, s.username COLLATE NOCASE",
        [stamp],
    ).fetchall()
    keys = ("username", "role", "active", "must_change_password", "created_at", "last_signin")
    result = []
    for r in rows:
        item = dict(zip(keys, r[:6], strict=True))
        item["active"] = bool(item["active"])
        item["must_change_password"] = bool(item["must_change_password"])
        item["locked"] = bool(r[6])
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
        _, name, role, was_active = _account(db, username)
        if not active:
            if name.lower() == actor.lower():
                raise AccountError("U kunt uw eigen account niet uitschakelen.")
            if role == "admin" and was_active and not _other_active_admins(db, name):
                raise AccountError("Dit is de laatste actieve beheerder; die blijft aan.")
        if bool(was_active) == active:
            return
        db.execute("UPDATE staff SET active = ? WHERE username = ?", [int(active), name])
        audit.log(
            db, actor, "account ingeschakeld" if active else "account uitgeschakeld", "staff", name
        )


def set_role(db: Database, username: str, role: str, actor: str) -> None:
    """Admin: make an account admin or staff. Never your own, never the last active admin."""
    if role not in ROLES:
        raise AccountError("Kies een rol: beheerder of medewerker.")
    with write(db):
        _require_admin(db, actor)
        _, name, old, active = _account(db, username)
        if name.lower() == actor.lower():
            raise AccountError("Uw eigen rol kan alleen een andere beheerder wijzigen.")
        if old == role:
            return
        if old == "admin" and active and not _other_active_admins(db, name):
            raise AccountError("Dit is de laatste actieve beheerder; die blijft beheerder.")
        db.execute("UPDATE staff SET role = ? WHERE username = ?", [role, name])
        audit.log(db, actor, "rol gewijzigd", "staff", name, {"van": old, "naar": role})


def reset_password(db: Database, username: str, actor: str) -> str:
    """Admin: give an account a new one-time password (returned once) and lift a lock-out."""
    password = one_time_password()
    with write(db):
        _require_admin(db, actor)
        _, name, _, _ = _account(db, username)
        db.execute(
            "UPDATE staff SET password_hash = ?, must_change_password = 1 WHERE username = ?",
            [hash_password(password), name],
        )
        db.execute("DELETE FROM signin_failures WHERE username = ?", [name])
        audit.log(db, actor, "wachtwoord gereset", "staff", name)
    return password
