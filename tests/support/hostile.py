"""Hostile input used by the reliability tests: HTML, SQL, emoji, right-to-left, markdown,
control characters, and what the application stores of each."""

from __future__ import annotations

from jep.workshop import intake

HOSTILE = {
    "html": '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "sql": "'); DROP TABLE intakes; -- \" OR 1=1",
    "emoji": "Samen sterk 👩‍👩‍👧‍👦🔥🇳🇱",
    "rtl": "مرحبا بالعالم ‮gnp.exe‬ שלום",
    "markdown": "**vet** _schuin_ [klik](javascript:alert(1)) # kop `code` $x$",
    "control": "voor\x00\x07\x1b[31mrood\x1b[0m\u200bna",
    "newlines": "regel 1\nregel 2\tmet tab",
}
# Stored as typed, except: control characters, zero-width spaces and bidi overrides (which can
# disguise text, as in "gnp.exe") are dropped; emoji joiners stay.
CLEANED = {
    HOSTILE["control"]: "voor[31mrood[0mna",
    HOSTILE["rtl"]: "مرحبا بالعالم gnp.exe שלום",
}


def _expected(text: str) -> str:
    return CLEANED.get(text, text)


def _hostile_answers(text: str, short: str) -> dict:
    answers = intake.empty_answers()
    answers["contact"] = {"name": short, "role": short, "email": "", "phone": ""}
    answers["knelpunten"] = {"dossiervorming": {"severity": 3, "explanation": text}}
    answers["own_knelpunten"] = [{"text": short, "severity": 2}]
    answers["remarks"] = text
    return answers
