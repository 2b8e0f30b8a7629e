"""Access: server-side staff sessions, sign-in throttling, and e-mail addresses for single sign-on.

- `staff_sessions`: one row per signed-in browser. Only the SHA-256 hash of the random session id
  (the HttpOnly cookie) is stored, or for single sign-on a hash of the identity token's
  (provider, subject, nonce). Revoked rows are kept until they are purged, so a revoked id is
  recognised as such instead of as unknown.
- `signin_throttle`: failed sign-ins counted per account name and per client address (both stored
  as keyed hashes), with the moment the next attempt is allowed; decided inside one write
  transaction before any password is checked (see jep/access/throttle.py).
- `signin_known`: which (name, address) pairs signed in successfully before; such an address is
  not slowed down by failures on that name from elsewhere.
- `signin_summaries`: failures that are not worth one audit row each (unknown names, refused
  attempts), counted per address and quarter of an hour and written to the audit log as one row.
- `staff.email`: the address an identity provider reports, mapped to one staff account.
"""

from sqlite_utils import Database, Migrations

ORDER = 95
migrations = Migrations("jep-access")


@migrations()
def m001_sessions_and_throttle(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE staff_sessions (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
            method TEXT NOT NULL CHECK (method IN ('password', 'sso')),
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            revoked_at TEXT,
            revoked_reason TEXT,
            device TEXT NOT NULL DEFAULT '',
            browser TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX idx_staff_sessions_staff ON staff_sessions(staff_id, revoked_at);

        CREATE TABLE signin_throttle (
            key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL DEFAULT 0,
            last_failure_at TEXT NOT NULL,
            blocked_until TEXT
        );

        CREATE TABLE signin_known (
            name_key TEXT NOT NULL,
            address_key TEXT NOT NULL,
            last_success_at TEXT NOT NULL,
            PRIMARY KEY (name_key, address_key)
        );

        CREATE TABLE signin_summaries (
            address_key TEXT NOT NULL,
            window_start TEXT NOT NULL,
            failures INTEGER NOT NULL DEFAULT 0,
            refused INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (address_key, window_start)
        );

        ALTER TABLE staff ADD COLUMN email TEXT;
        CREATE UNIQUE INDEX idx_staff_email ON staff(email COLLATE NOCASE)
            WHERE email IS NOT NULL;
        """
    )
