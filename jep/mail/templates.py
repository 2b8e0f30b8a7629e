"""The texts of every message: data/messages.toml, validated when loaded, rendered with values.

Each `[[message]]` has a stable `id` (the message kind), a `title` (shown in the outbox), a
one-line `subject` and a `body`, both with placeholders such as `{gemeente}`; `[calendar]` holds
the summary and description of calendar invitations. `[settings]` holds the reminder periods,
the attachment limit and the signature added under every message.

Which placeholders a kind may use is decided by the code that fills them in (the concern that
composes the message): `check(kinds)` refuses a missing kind or an unknown placeholder with a
`CatalogError` naming the file and the entry. Placeholders are plain names only: `{naam}`, never
`{naam.attr}` or `{naam!r}`; `{{` and `}}` are literal braces. Values are inserted as text and
the result is plain text (no HTML is ever sent).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jep.mail.addresses import check_header
from jep.reference.toml import DATA_DIR, ID_RE, CatalogError, read_toml

MESSAGES_FILE = DATA_DIR / "messages.toml"
CALENDAR = "agenda"
"""The entry id under which `[calendar]` is checked and rendered."""
PLACEHOLDER_RE = re.compile(r"^[a-z][a-z_]*$")
SETTINGS: dict[str, tuple[int, int]] = {
    "reminder_before_expiry_days": (1, 60),
    "reminder_not_started_days": (1, 120),
    "max_attachment_mb": (1, 25),
}
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    subject: str
    body: str
    placeholders: frozenset[str]


@dataclass(frozen=True)
class Templates:
    entries: dict[str, Entry]
    reminder_before_expiry_days: int
    reminder_not_started_days: int
    max_attachment_mb: int
    signature: str
    fname: str = "messages.toml"

    def check(self, kinds: Mapping[str, Iterable[str]]) -> Templates:
        """Every kind in `kinds` is present and uses only the placeholders allowed for it."""
        for kind, allowed in kinds.items():
            entry = self.entries.get(kind)
            if entry is None:
                what = "[calendar]" if kind == CALENDAR else f"[[message]] met id = '{kind}'"
                raise CatalogError(f"{self.fname}: {what} ontbreekt")
            unknown = sorted(entry.placeholders - set(allowed))
            if unknown:
                where = "[calendar]" if kind == CALENDAR else f"bericht '{kind}'"
                raise CatalogError(
                    f"{self.fname}: {where} gebruikt onbekende plaatshouder(s) "
                    f"{', '.join('{' + u + '}' for u in unknown)}; toegestaan: "
                    f"{', '.join('{' + a + '}' for a in sorted(allowed)) or 'geen'}"
                )
        return self

    def title(self, kind: str) -> str:
        entry = self.entries.get(kind)
        return entry.title if entry else kind

    def render(
        self, kind: str, values: Mapping[str, Any], signature: bool = True
    ) -> tuple[str, str]:
        """(subject, body) of `kind` with `values` filled in. The subject must stay one line:
        a value with a line break is refused (MailError), so nothing can add a header."""
        entry = self.entries[kind]
        missing = sorted(entry.placeholders - set(values))
        if missing:  # a programming error: the composer must supply every allowed value
            raise KeyError(f"{kind}: geen waarde voor {', '.join(missing)}")
        subject = check_header(_fill(entry.subject, values), "Het onderwerp")
        body = _fill(entry.body, values).strip("\n")
        if signature and self.signature:
            body = f"{body}\n\n{self.signature}"
        return subject, body + "\n"


def _fields(text: str, fname: str, where: str) -> frozenset[str]:
    names: set[str] = set()
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError as exc:
        raise CatalogError(
            f"{fname}: {where}: accolades kloppen niet ({exc}); schrijf {{{{ en }}}} voor een "
            "letterlijke accolade"
        ) from exc
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not PLACEHOLDER_RE.match(name) or spec or conversion:
            raise CatalogError(
                f"{fname}: {where}: ongeldige plaatshouder '{{{name}}}' (alleen namen zoals "
                "{gemeente})"
            )
        names.add(name)
    return frozenset(names)


def _fill(text: str, values: Mapping[str, Any]) -> str:
    out: list[str] = []
    for literal, name, _spec, _conv in _FORMATTER.parse(text):
        out.append(literal)
        if name is not None:
            value = values[name]
            out.append("" if value is None else str(value))
    return "".join(out)


def _text(raw: dict[str, Any], key: str, fname: str, where: str, one_line: bool = False) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{fname}: {where} mist een geldig veld '{key}' (tekst)")
    if one_line and ("\n" in value.strip() or "\r" in value):
        raise CatalogError(f"{fname}: {where}: '{key}' moet op één regel staan")
    return value.strip() if one_line else value


def load_templates(path: Path = MESSAGES_FILE) -> Templates:
    """Read and validate the message texts; CatalogError names the file and the entry."""
    fname = path.name
    doc = read_toml(path)
    settings = doc.get("settings")
    if not isinstance(settings, dict):
        raise CatalogError(f"{fname}: sectie [settings] ontbreekt")
    numbers: dict[str, int] = {}
    for key, (low, high) in SETTINGS.items():
        value = settings.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise CatalogError(
                f"{fname}: [settings] {key} moet een getal van {low} tot {high} zijn"
            )
        numbers[key] = value
    signature = settings.get("signature", "")
    if not isinstance(signature, str):
        raise CatalogError(f"{fname}: [settings] signature moet tekst zijn")
    if _fields(signature, fname, "[settings] signature"):
        raise CatalogError(f"{fname}: [settings] signature mag geen plaatshouders bevatten")
    entries: dict[str, Entry] = {}
    raw_messages = doc.get("message")
    if not isinstance(raw_messages, list) or not raw_messages:
        raise CatalogError(f"{fname}: geen [[message]]-items gevonden")
    for i, raw in enumerate(raw_messages, 1):
        where = f"bericht nr. {i}"
        if not isinstance(raw, dict):
            raise CatalogError(f"{fname}: {where} is geen tabel")
        ident = raw.get("id")
        if not isinstance(ident, str) or not ID_RE.match(ident):
            raise CatalogError(f"{fname}: {where} heeft een ongeldig id: {ident!r}")
        where = f"bericht '{ident}'"
        if ident in entries or ident == CALENDAR:
            raise CatalogError(f"{fname}: {where} komt twee keer voor")
        unknown = set(raw) - {"id", "title", "subject", "body"}
        if unknown:
            raise CatalogError(
                f"{fname}: {where}: onbekende sleutel(s) {', '.join(sorted(unknown))}"
            )
        title = _text(raw, "title", fname, where, one_line=True)
        subject = _text(raw, "subject", fname, where, one_line=True)
        body = _text(raw, "body", fname, where)
        fields = _fields(subject, fname, f"{where}, subject") | _fields(
            body, fname, f"{where}, body"
        )
        entries[ident] = Entry(ident, title, subject, body, fields)
    calendar = doc.get("calendar")
    if not isinstance(calendar, dict):
        raise CatalogError(f"{fname}: sectie [calendar] ontbreekt")
    summary = _text(calendar, "summary", fname, "[calendar]", one_line=True)
    description = _text(calendar, "description", fname, "[calendar]")
    entries[CALENDAR] = Entry(
        CALENDAR,
        "Agenda-uitnodiging",
        summary,
        description,
        _fields(summary, fname, "[calendar] summary")
        | _fields(description, fname, "[calendar] description"),
    )
    return Templates(
        entries=entries,
        reminder_before_expiry_days=numbers["reminder_before_expiry_days"],
        reminder_not_started_days=numbers["reminder_not_started_days"],
        max_attachment_mb=numbers["max_attachment_mb"],
        signature=signature.strip("\n"),
        fname=fname,
    )


@lru_cache(maxsize=1)
def templates() -> Templates:
    """The texts of data/messages.toml, loaded once per process (restart after editing)."""
    return load_templates(MESSAGES_FILE)


def kind_title(kind: str) -> str:
    """The title of a message kind for screens; the kind itself when the file cannot be read."""
    try:
        return templates().title(kind)
    except CatalogError:
        return kind
