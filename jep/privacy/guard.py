"""Privacy guard: flag what looks like personal data of a young person or family in free text.

Plain Python, no Streamlit. Professionals type intake explanations, facilitators' notes about
anonymised cases and open evaluation answers; before saving, the app calls :func:`scan` and shows
the findings with :func:`highlight_html`, asking the user to rewrite or confirm.

This is a heuristic, regex-based detector tuned for Dutch text. It errs on the side of flagging
(the user can always confirm), but keeps a stoplist so everyday domain words do not fire.
What is detected (``Finding.kind``):

- ``bsn``: nine digits (also ``123.456.782`` / ``123 456 782`` / ``1234 56 782``) that pass the
  11-proef. Nine-digit numbers failing it are not reported as BSN; amounts (``€ ...``) are skipped.
- ``geboortedatum``: every full date (``12-03-2009``, ``12/3/2009``, ``3 maart 2009``,
  ``2009-03-12``) plus partial dates/years after a birth cue (``geboren in 2009``,
  ``geb. 12-03-09``, ``jarig op 3 maart``). A bare year (``in 2023``) or day+month is not a hit.
- ``leeftijd``: an age tied to a gender/family/school noun or pronoun (``jongen van 15``,
  ``meisje (14)``, ``16-jarige jongen``, ``meisje uit 3 havo``, ``leerling van groep 8``,
  ``zij is 15 jaar``). Ranges and general rules (``jongeren tot 23 jaar``, ``kind van 12 jaar
  of ouder``, ``een jongere van 16 mag ...``) are not hits.
- ``telefoon``: Dutch numbers (``06-12345678``, ``+31 6 12345678``, ``070-3334558``,
  ``(010) 123 4567``). Service numbers (0800/0900/0906/0909) are not personal and are skipped.
- ``email``: e-mail addresses.
- ``postcode``: a postcode (``1234 AB``), optionally with house number (``1234 AB 12``,
  ``1234AB, nr 5``), or a street address (``Stationsstraat 12[, 1234 AB]``). A postcode on its
  own is reported too: it is low-risk alone, but it is cheap to rewrite and combines easily with
  other details. Uppercase letters only; unit/abbreviation pairs (``EU``, ``KB``...) are skipped.
- ``iban``: IBANs with a valid mod-97 check digit, compact or grouped in fours.
- ``naam``: capitalised word(s) after a cue (``genaamd``, ``heet``, ``cliënt``, ``leerling``,
  ``jongere``, ``zijn moeder``, ``de naam van de jongen is``, ``mevrouw``, ``familie``...),
  including tussenvoegsels and initials, and a capitalised word directly followed by an age
  (``Sanne (14)``, ``Tim, 15 jaar``; the age becomes a ``leeftijd`` finding). Sentence-start and
  domain words are on a stoplist; all-caps words (``AVG``) and pseudonyms (``jongere X``) are
  not names.

Overlapping candidates are resolved by keeping the longer one (then the more specific kind).

Limits: only the first :data:`MAX_SCAN_CHARS` characters are scanned (a sanity cap that keeps
scanning well under a second; text beyond it is never flagged). Names without a cue are not
detected, and capitalised non-names after a cue that are not on the stoplist (``heet Signs of
Safety``) are false positives. Every full date is flagged, also meeting or law dates.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

MAX_SCAN_CHARS = 200_000
"""Only this many leading characters of a text are scanned."""

KINDS: tuple[str, ...] = (
    "bsn",
    "geboortedatum",
    "leeftijd",
    "telefoon",
    "email",
    "postcode",
    "iban",
    "naam",
)

LABELS: dict[str, str] = {
    "bsn": "BSN (burgerservicenummer)",
    "geboortedatum": "datum, mogelijk een geboortedatum",
    "leeftijd": "leeftijd in combinatie met geslacht, gezinsrol of schoolklas",
    "telefoon": "telefoonnummer",
    "email": "e-mailadres",
    "postcode": "postcode of adres",
    "iban": "IBAN (bankrekeningnummer)",
    "naam": "naam van een persoon",
}

PLACEHOLDERS: dict[str, str] = {
    "bsn": "BSN verwijderd",
    "geboortedatum": "datum verwijderd",
    "leeftijd": "leeftijd verwijderd",
    "telefoon": "telefoonnummer verwijderd",
    "email": "e-mailadres verwijderd",
    "postcode": "adres verwijderd",
    "iban": "IBAN verwijderd",
    "naam": "naam verwijderd",
}

SUMMARY_NAMES: dict[str, str] = {
    "bsn": "BSN",
    "geboortedatum": "(geboorte)datum",
    "leeftijd": "leeftijd",
    "telefoon": "telefoonnummer",
    "email": "e-mailadres",
    "postcode": "postcode/adres",
    "iban": "IBAN",
    "naam": "naam",
}

# On overlap the longer candidate wins; on equal length the more specific (lower) one.
_PRIORITY: dict[str, int] = {
    kind: i
    for i, kind in enumerate(
        ("iban", "email", "bsn", "telefoon", "geboortedatum", "postcode", "leeftijd", "naam")
    )
}


@dataclass(frozen=True)
class Finding:
    """One piece of text that looks like personal data."""

    kind: str  # one of KINDS
    start: int  # character offsets into the original text
    end: int
    text: str  # the matched text (== original[start:end])
    label: str  # Dutch description for the user


_Cand = tuple[str, int, int]


def _wordset(*chunks: str) -> frozenset[str]:
    return frozenset(" ".join(chunks).split())


# Starts a match at the beginning of a word; the leading lookahead lets the regex engine skip
# non-letters quickly (much faster on long texts).
_WORD_START = r"(?=[^\W\d_])(?<![\w])"

# --------------------------------------------------------------------------- BSN

_BSN_RE = re.compile(
    r"(?=[0-9])(?<![0-9])(?<![0-9][.,/-])"
    r"(?:[0-9]{9}|[0-9]{3}([. ])[0-9]{3}\1[0-9]{3}|[0-9]{4} [0-9]{2} [0-9]{3})"
    r"(?![0-9]|[.,/-][0-9])"
)
_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(number: str) -> bool:
    """11-proef: nine digits, 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11, not all zeros."""
    digits = "".join(c for c in number if c in "0123456789")
    if len(digits) != 9 or digits == "000000000" or len(number.replace(" ", "")) > 11:
        return False
    return sum(int(d) * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True)) % 11 == 0


def _find_bsn(text: str) -> Iterator[_Cand]:
    for m in _BSN_RE.finditer(text):
        s, e = m.span()
        if not is_valid_bsn(m.group()):
            continue
        before = text[max(0, s - 6) : s].lower()
        if "€" in before or "eur" in before:
            continue  # an amount such as € 123.456.782
        if not m.group().isdigit():
            # a grouped number inside a longer run of digit groups (lists, amounts)
            if s >= 2 and text[s - 1] in " ." and text[s - 2].isdigit():
                continue
            if e + 1 < len(text) and text[e] in " ." and text[e + 1].isdigit():
                continue
        yield ("bsn", s, e)


# --------------------------------------------------------------------------- IBAN

_IBAN_RE = re.compile(r"(?=[A-Z])(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ \u00a0]?[A-Z0-9]){10,30}")
_IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "LU": 20,
    "AT": 20, "CH": 21, "PL": 28, "TR": 26, "PT": 25, "IE": 22, "DK": 18, "SE": 24,
}  # fmt: skip


def is_valid_iban(iban: str) -> bool:
    """Mod-97 check (ISO 13616) on an IBAN, spaces allowed."""
    compact = "".join(iban.split()).upper()
    if not 15 <= len(compact) <= 34 or not compact.isascii() or not compact.isalnum():
        return False
    if not (compact[:2].isalpha() and compact[2:4].isdigit()):
        return False
    expected = _IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _find_iban(text: str) -> Iterator[_Cand]:
    for m in _IBAN_RE.finditer(text):
        s = m.start()
        # positions (in text) just after each alphanumeric character of the candidate
        ends = [s + i + 1 for i, c in enumerate(m.group()) if c.isalnum()]
        lengths = [_IBAN_LENGTHS[m.group()[:2]]] if m.group()[:2] in _IBAN_LENGTHS else None
        for n in lengths or range(len(ends), 14, -1):
            if n > len(ends):
                continue
            e = ends[n - 1]
            if e < len(text) and text[e].isalnum():
                continue  # the IBAN would continue into a longer token
            if is_valid_iban(text[s:e]):
                yield ("iban", s, e)
                break


# --------------------------------------------------------------------------- e-mail

_EMAIL_RE = re.compile(
    r"(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]{1,64}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,16}"
    r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?![\w-])"
)


def _find_email(text: str) -> Iterator[_Cand]:
    for m in _EMAIL_RE.finditer(text):
        yield ("email", m.start(), m.end())


# --------------------------------------------------------------------------- telephone

_PHONE_SEP = r"(?:[ \u00a0]?-[ \u00a0]?|[ \u00a0])?"
_PHONE_NATIONAL_RE = re.compile(
    r"(?=0)(?<![\w+])(?<![0-9][.,/-])0(?:" + _PHONE_SEP + r"[0-9]){9}(?![0-9]|[.,/-][0-9])"
)
_PHONE_BRACKETS_RE = re.compile(
    r"(?=\()(?<![\w+])\(0[0-9]{1,3}\)[ \u00a0]?[0-9](?:[ \u00a0-]?[0-9]){4,8}(?![0-9]|[.,/-][0-9])"
)
_PHONE_INTL_RE = re.compile(
    r"(?=[+0])(?<![\w+])(?:\+|00)[ \u00a0]?31[ \u00a0-]?(?:\(0\)[ \u00a0-]?)?[1-9]"
    r"(?:" + _PHONE_SEP + r"[0-9]){8}(?![0-9])"
)
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")


def _find_phone(text: str) -> Iterator[_Cand]:
    for m in _PHONE_NATIONAL_RE.finditer(text):
        raw = m.group()
        digits = "".join(c for c in raw if c.isdigit())
        if digits[1] == "0" or digits.startswith(_SERVICE_PREFIXES):
            continue
        if raw.count("-") > 1 or len(raw) - len(digits) > 5:
            continue  # looks like a date or a list of numbers, not a phone number
        if "-" in raw and not 2 <= len(raw.split("-")[0].strip()) <= 4:
            continue
        yield ("telefoon", m.start(), m.end())
    for m in _PHONE_BRACKETS_RE.finditer(text):
        digits = "".join(c for c in m.group() if c.isdigit())
        if len(digits) == 10 and digits[1] != "0" and not digits.startswith(_SERVICE_PREFIXES):
            yield ("telefoon", m.start(), m.end())
    for m in _PHONE_INTL_RE.finditer(text):
        yield ("telefoon", m.start(), m.end())


# --------------------------------------------------------------------------- postcode / address

_POSTCODE = r"[1-9][0-9]{3}[ \u00a0]?[A-Z]{2}(?![\w])"
_HOUSE_NUMBER = r"[0-9]{1,5}(?:[ \u00a0]?[a-zA-Z](?![\w])|-[0-9]{1,4})?(?![\w])"
_POSTCODE_RE = re.compile(
    r"(?=[1-9])(?<![\w])(?P<pc>" + _POSTCODE + r")"
    r"(?:(?:,?[ \u00a0]*(?i:nr\.?|nummer|huisnummer)[ \u00a0]*|[ \u00a0]+)" + _HOUSE_NUMBER + ")?"
)
_STREET_SUFFIXES = (
    "straatweg|straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|hof|allee|markt|park"
)
_STREET_RE = re.compile(
    r"(?<![\w])[A-ZÀ-Þ][a-zß-ÿ]{0,40}(?:" + _STREET_SUFFIXES + r")[ \u00a0]+" + _HOUSE_NUMBER
    + r"(?:,?[ \u00a0]+(?P<pc>" + _POSTCODE + "))?"
)  # fmt: skip
# letter pairs that follow a 4-digit number without being a postcode (units, abbreviations)
_NOT_POSTCODE_LETTERS = _wordset(
    "SA SD SS EU NL VS UK KB MB GB TB PK KW MW CC ML CL KG KM CM MM BC AD PC ID CV AM PM OK TV JA"
)


def _postcode_ok(pc: str) -> bool:
    return pc[-2:] not in _NOT_POSTCODE_LETTERS


def _find_postcode(text: str) -> Iterator[_Cand]:
    for m in _POSTCODE_RE.finditer(text):
        if _postcode_ok(m.group("pc")):
            yield ("postcode", m.start(), m.end())
    for m in _STREET_RE.finditer(text):
        e = m.end()
        if m.group("pc") and not _postcode_ok(m.group("pc")):
            e = m.start("pc")
            while e > m.start() and text[e - 1] in " ,\u00a0":
                e -= 1
        yield ("postcode", m.start(), e)


# --------------------------------------------------------------------------- dates

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|(?:sept|febr|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\\.?"
)
_YEAR4 = r"(?:19|20)[0-9]{2}"
_DAY_MONTH = r"[0-9]{1,2}(?:e|ste|de)?[ \u00a0]+(?i:" + _MONTHS + r")(?![\w])"
_NUMERIC_DATE_RE = re.compile(
    r"(?=[0-9])(?<![0-9])(?<![0-9][-/.])([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})"
    r"(?![0-9]|[-/.][0-9])"
)
_ISO_DATE_RE = re.compile(
    r"(?=[12])(?<![0-9])(?<![0-9][-/.])("
    + _YEAR4
    + r")-([0-9]{1,2})-([0-9]{1,2})(?![0-9]|[-/.][0-9])"
)
_TEXT_DATE_RE = re.compile(
    r"(?=[0-9])(?<![\w])([0-9]{1,2})" + _DAY_MONTH[len("[0-9]{1,2}") :]
    + r"[ \u00a0]+(?:" + _YEAR4 + r"|'[0-9]{2})(?![\w])"
)  # fmt: skip
_BIRTH_CUE_RE = re.compile(
    r"(?=[^\W\d_])(?<![\w-])(?P<cue>(?i:geboren|geboortedatum|geboortejaar|geb|jarig))(?![\w])\.?"
    r"[ \u00a0:(]*(?:[^\W\d_]{1,20}[ \u00a0,:(]+){0,4}?"
    r"(?P<date>[0-9]{1,2}[-/.][0-9]{1,2}[-/.](?:[0-9]{4}|[0-9]{2})(?![0-9])"
    r"|" + _DAY_MONTH + r"(?:[ \u00a0]+(?:" + _YEAR4 + r"|'[0-9]{2})(?![\w]))?"
    r"|(?i:" + _MONTHS + r")[ \u00a0]+" + _YEAR4 + r"(?![\w])"
    r"|" + _YEAR4 + r"(?![\w]))"
)


def _valid_dm(day: str, month: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _find_dates(text: str) -> Iterator[_Cand]:
    for m in _NUMERIC_DATE_RE.finditer(text):
        day, sep, month, year = m.groups()
        if not _valid_dm(day, month):
            continue
        if len(year) == 2 and sep == ".":
            continue  # 1.2.10 is more likely a section number; cued dates are handled below
        if len(year) == 4 and not 1900 <= int(year) <= 2099:
            continue
        yield ("geboortedatum", m.start(), m.end())
    for m in _ISO_DATE_RE.finditer(text):
        if _valid_dm(m.group(3), m.group(2)):
            yield ("geboortedatum", m.start(), m.end())
    for m in _TEXT_DATE_RE.finditer(text):
        if 1 <= int(m.group(1)) <= 31:
            yield ("geboortedatum", m.start(), m.end())
    for m in _BIRTH_CUE_RE.finditer(text):
        date = m.group("date")
        if m.group("cue").lower() == "jarig" and date.isdigit():
            continue  # "10-jarig bestaan in 2020": a birthday cue needs a day
        yield ("geboortedatum", m.start("date"), m.end("date"))


# --------------------------------------------------------------------------- age

_GENDER_NOUNS = (
    "tienermeisje|tienerjongen|jongetje|jongeman|jongen|meisje|meidje|meid|tiener|puber|"
    "pleegzoon|stiefzoon|zoontje|zoon|pleegdochter|stiefdochter|dochtertje|dochter|"
    "broertje|broer|zusje|zus|man|vrouw|baby|peuter|kleuter"
)
_SCHOOL_NOUNS = "leerlinge|leerling|scholier|studente|student"
_GENERIC_NOUNS = "pleegkind|kindje|kind|jongere|cliënte|cliënt|cliente|client"
_PARENT_NOUNS = "moeder|vader|stiefmoeder|stiefvader|pleegmoeder|pleegvader"
_ALL_NOUNS = "|".join((_GENDER_NOUNS, _SCHOOL_NOUNS, _GENERIC_NOUNS, _PARENT_NOUNS))
_AGE = r"(?<![0-9])[0-9]{1,2}(?![0-9])"
# What may not follow "jongen van 15 [jaar]": a range, a plural noun ("moeder van 3 kinderen").
_NOT_AFTER_AGE = (
    r"(?![ \u00a0]*(?:[-–/]|(?:tot|t/m|à|a|of|en)[ \u00a0]+(?:[0-9]|ouder|jonger|meer|minder)"
    r"|(?:tot|t/m|en ouder|of ouder|en jonger|of jonger|en meer|of meer|jaar)(?![\w])"
    r"|(?:ouders|kinderen|broers|zussen|jongeren|leerlingen|jaren|maanden|weken|dagen)(?![\w])))"
)
# Extra for generic nouns ("een jongere van 16 mag zelf ..."): a general rule, not a person.
_NOT_AFTER_GENERIC = (
    r"(?![ \u00a0]+(?:mag|mogen|moet|moeten|kan|kunnen|hoeft|hoeven|heeft recht|is verplicht"
    r"|valt|vallen|geldt|gelden|wordt gezien|beslist|bepaalt)(?![\w]))"
)
_YEARS_OLD = r"(?:[ \u00a0]+(?:jaar|jr\.?)(?:[ \u00a0]+oud)?)?+"
_SCHOOL_SPEC = (
    r"(?:de[ \u00a0]+)?(?:groep[ \u00a0]+[1-8](?![0-9])"
    r"|klas[ \u00a0]+[1-6](?![0-9])"
    r"|[1-6](?:e|de|ste)?[ \u00a0]*(?:havo|vwo|vmbo(?:[- ](?:tl|gt|gl|kb|kbl|bb|bbl|t|b|k))?|mavo"
    r"|atheneum|gymnasium|tto|klas)(?![\w])"
    r"|(?:havo|vwo|vmbo|mavo)[- ]?[1-6](?![0-9])"
    r"|brugklas(?![\w])|examenklas(?![\w])|eindexamenklas(?![\w]))"
)
# "16-jarige jongen", "een 12-jarig Syrisch meisje", "15-jarige leerling"
_AGE_JARIG_RE = re.compile(
    r"(?i)(?=[0-9])" + _AGE + r"[ \u00a0-]?jarige?[ \u00a0]+(?:[^\W\d_]{2,20}[ \u00a0]+)?"
    r"(?:" + _ALL_NOUNS + r")(?![\w])"
)
# Patterns that start with a noun or pronoun; tried (anchored) only where _AGE_WORD_RE hits.
_AGE_WORD_RE = re.compile(r"(?i)" + _WORD_START + r"(?:" + _ALL_NOUNS + r"|hij|zij|ze)(?![\w])")
_AGE_TAIL_RES = (
    # "jongen van 15", "zoon van 12 jaar oud", "meisje, 14 jaar"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:" + _GENDER_NOUNS + "|" + _SCHOOL_NOUNS + r")"
        r"(?:[ \u00a0]+van|,)"
        r"[ \u00a0]+" + _AGE + _YEARS_OLD + _NOT_AFTER_AGE
    ),
    re.compile(
        r"(?i)" + _WORD_START + r"(?:" + _GENERIC_NOUNS + r")(?:[ \u00a0]+van|,)"
        r"[ \u00a0]+" + _AGE + _YEARS_OLD + _NOT_AFTER_AGE + _NOT_AFTER_GENERIC
    ),
    # "meisje (14)", "zoon (12 jaar)"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:" + _ALL_NOUNS + r")[ \u00a0]*\([ \u00a0]*" + _AGE
        + r"(?:[ \u00a0]*(?:jaar|jr\.?|j\.?))?[ \u00a0]*\)"
    ),
    # "meisje uit 3 havo", "leerling van groep 8", "hij zit in de brugklas"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:(?:" + _ALL_NOUNS + r")(?:[ \u00a0]+(?:die|dat))?[ \u00a0]+"
        r"(?:(?:zit|zat)[ \u00a0]+in|uit|in|van|op)"
        r"|(?:hij|zij|ze)[ \u00a0]+(?:zit|zat)[ \u00a0]+in)[ \u00a0]+" + _SCHOOL_SPEC
    ),
    # "zij is 15 jaar", "hij is 16 jaar oud"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:hij|zij|ze)[ \u00a0]+(?:is|was|wordt|werd)[ \u00a0]+" + _AGE
        + r"[ \u00a0]+jaar(?:[ \u00a0]+oud)?+(?![ \u00a0]+(?:geleden|lang|bezig|werkzaam|actief"
        r"|in|bij|als|op|aan|getrouwd|samen|ervaring|mentor|docent|lid|of|en ouder)(?![\w]))"
    ),
)  # fmt: skip


def _find_age(text: str) -> Iterator[_Cand]:
    for m in _AGE_JARIG_RE.finditer(text):
        yield ("leeftijd", m.start(), m.end())
    for w in _AGE_WORD_RE.finditer(text):
        for rx in _AGE_TAIL_RES:
            m = rx.match(text, w.start())
            if m is not None:
                yield ("leeftijd", m.start(), m.end())


# --------------------------------------------------------------------------- names

_NAME_CUE_RE = re.compile(
    r"(?i)" + _WORD_START + r"(?:"
    r"(?:voor|achter|roep)?naam(?:[ \u00a0]+van[ \u00a0]+(?:de|het|die|deze|mijn|onze|zijn|haar)"
    r"[ \u00a0]+[^\W\d_]{2,20})?[ \u00a0]*(?::|(?:is|was)(?![\w]))"
    r"|(?:genaamd|geheten|heet|heten|(?:pleeg|stief|half)?(?:cli[eë]nte?|leerlinge?|jongere"
    r"|scholier|studente?|pupil|kind|zoon|dochter|broer(?:tje)?|zus(?:je)?|moeder|vader|jongen"
    r"|meisje|oma|opa|oom|tante|vriend(?:in|innetje|je)?|neef|nicht)"
    r"|meneer|mevrouw|de[ \u00a0]+heer|familie|gezin)(?![\w])(?:[ \u00a0]*:)?"
    r"|(?:mevr|mw|dhr)\.)"
)
_NAME_TOKEN_RE = re.compile(
    r"(?P<sp>[ \t\u00a0]{0,3})(?P<quote>[\"'“‘«]?)"
    r"(?:(?P<init>(?:[^\W\d_]\.){1,4})|(?P<word>[^\W\d_]+(?:['’-][^\W\d_]+)*))"
)
# a capitalised word directly followed by an age: "Sanne (14)", "Tim, 15 jaar"
_NAME_AGE_RE = re.compile(
    _WORD_START + r"(?P<word>[^\W\d_]{2,20})(?:[ \u00a0]?(?P<age>\([ \u00a0]?[0-9]{1,2}"
    r"(?:[ \u00a0]?(?:jaar|jr\.?|j\.?))?[ \u00a0]?\))"
    r"|,[ \u00a0]?(?P<age2>[0-9]{1,2}[ \u00a0]+(?:jaar|jr\.?)(?:[ \u00a0]+oud)?(?![\w])))"
)
# an age right after a cued name: "leerling Sanne, 14 jaar", "cliënt Tim (15)"
_AGE_AFTER_NAME_RE = re.compile(
    r"(?:[ \u00a0]*,[ \u00a0]*|[ \u00a0]+)(?P<age>[0-9]{1,2}[ \u00a0]+(?:jaar|jr\.?)"
    r"(?:[ \u00a0]+oud)?(?![\w])"
    r"|\([ \u00a0]?[0-9]{1,2}(?:[ \u00a0]?(?:jaar|jr\.?|j\.?))?[ \u00a0]?\))"
)
_TUSSENVOEGSELS = _wordset("van de der den ter ten el al la le da di dos du von ibn bin 't")
_NAME_STOPWORDS = _wordset(
    # function words that start sentences
    """de het een dit dat die deze hij zij ze wij we ik jij je u er hier daar in op met voor na
    bij naar uit en of maar toen nu ook wel niet geen als omdat dus daarna vervolgens tijdens
    volgens via ondanks hoewel want sinds zoals wanneer waar wat wie welke hoe alle alles veel
    elke iedere ieder iedereen onze ons mijn jouw zijn haar hun hem vanaf tot tussen binnen
    buiten over onder boven door zonder tegen om aan al nog soms vaak altijd nooit samen verder
    helaas gelukkig eerst later inmiddels hierdoor daardoor dan zo ja nee oké ok graag dank
    bedankt hallo beste groet groeten mvg tevens echter wel niemand iemand niets iets enkele
    sommige beide andere ander meer minder weinig hoewel terwijl nadat voordat zodra totdat
    """,
    # days and months (capitalised at sentence start or in headings)
    """maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april
    mei juni juli augustus september oktober november december
    """,
    # domain words: law, organisations, programmes, roles
    """veilig thuis zorg veiligheidshuis jeugdwet avg pga platform jep wet big wgbo wmo wpg
    participatiewet leerplichtwet leerplicht gemeente gemeenten politie ggd raad
    kinderbescherming jeugdbescherming jeugdzorg jeugdhulp jeugdgezondheidszorg onderwijs
    passend school scholen mbo hbo vo po havo vwo vmbo mavo atheneum gymnasium halt openbaar
    ministerie reclassering rechtbank
    kinderrechter wijkteam buurtteam sociaal team samenwerkingsverband project programma aanpak
    convenant protocol meldcode stappenplan casus casusoverleg overleg intake evaluatie
    werkatelier nederland nederlands engels arabisch turks pools frans duits mentor intern
    begeleider leerkracht docent directeur zorgcoördinator jeugdarts huisarts dokter meester juf
    jeugdprofessional professional hulpverlener hulpverlening regie thuiszitterstafel
    thuiszitters verzuim ministerie vws ocw jenv rijksoverheid provincie regio zorgaanbieder
    jeugdzorgaanbieder gecertificeerde instelling jongerenwerk jongerenwerker wijkagent
    boa handhaving zorgverzekeraar zorgverzekeringswet sterk sterker jong jeugd thuiszorg
    """,
    # person and plural nouns that appear capitalised in headings ("Meisje (14)", "Sectoren (6)")
    """jongen jongens meisje meisjes meid jongere jongeren kind kinderen zoon dochter broer zus
    cliënt cliënte client leerling leerlingen scholier student ouder ouders moeder vader pleegkind
    baby peuter kleuter tiener puber deelnemer deelnemers sector sectoren organisatie
    organisaties partner partners aanwezigen casussen vraag vragen reacties stemmen groep groepen
    klas klassen leeftijd artikel artikelen lid bijlage stap stappen fase ronde rondes sessie
    sessies punt punten optie opties totaal aantal score professionals meldingen signalen thema
    thema's onderwerpen acties afspraken knelpunten tafels werkvormen instanties respondenten
    antwoorden scores stemmen vragenlijst
    """,
)
# nationality/language adjectives ("van Marokkaanse afkomst", "Engelse les"); not names
_ADJECTIVE_SUFFIXES = (
    "aanse", "ische", "sche", "ese", "kse", "tse", "dse", "else", "olse", "ranse", "eense", "aarse",
)  # fmt: skip


def _is_name_word(word: str) -> bool:
    return (
        len(word) >= 2
        and word[0].isupper()
        and any(c.islower() for c in word)
        and word.lower() not in _NAME_STOPWORDS
        and not word.lower().rsplit("-", 1)[-1].endswith(_ADJECTIVE_SUFFIXES)
    )


def _parse_name(text: str, pos: int) -> tuple[int, int] | None:
    """Read a personal name starting right after ``pos``; return its span, or None."""
    cursor = pos
    start: int | None = None  # start of the name (first initial, tussenvoegsel or word)
    end = pos
    pending: int | None = None  # start of tussenvoegsels not yet followed by a name word
    have_word = False
    for _ in range(8):
        m = _NAME_TOKEN_RE.match(text, cursor)
        if m is None:
            break
        first = start is None and pending is None
        if not m.group("sp") and not (first and text[pos - 1 : pos] == ":"):
            break
        if m.group("quote") and not first:
            break
        cursor = m.end()
        if m.group("init"):
            if pending is not None or not m.group("init").replace(".", "").isupper():
                break
            if start is None:
                start = m.start("init")
            end = m.end("init")
            if have_word:
                break  # "Mohammed B." ends the name
            continue
        word = m.group("word")
        if m.end("word") < len(text) and text[m.end("word")] == "-":
            break  # "Zorg- en Veiligheidshuis": an elided compound, not a name
        if word.lower() in _TUSSENVOEGSELS and (word.islower() or first):
            if pending is None:
                pending = m.start("word")
            continue
        if not _is_name_word(word):
            break
        if start is None:
            start = pending if pending is not None else m.start("word")
        pending = None
        end = m.end("word")
        have_word = True
    if start is None or not have_word:
        return None
    return start, end


def _find_names(text: str) -> Iterator[_Cand]:
    for m in _NAME_CUE_RE.finditer(text):
        span = _parse_name(text, m.end())
        if span is not None:
            yield ("naam", span[0], span[1])
            age = _AGE_AFTER_NAME_RE.match(text, span[1])
            if age is not None:
                yield ("leeftijd", age.start("age"), age.end("age"))
    for m in _NAME_AGE_RE.finditer(text):
        if _is_name_word(m.group("word")):
            yield ("naam", m.start("word"), m.end("word"))
            age = "age" if m.group("age") else "age2"
            yield ("leeftijd", m.start(age), m.end(age))


# --------------------------------------------------------------------------- public API

_DETECTORS = (
    _find_bsn,
    _find_iban,
    _find_email,
    _find_phone,
    _find_postcode,
    _find_dates,
    _find_age,
    _find_names,
)


def _resolve(text: str, candidates: set[_Cand]) -> list[Finding]:
    """Keep non-overlapping candidates, longest (then most specific) first."""
    order = sorted(candidates, key=lambda c: (c[1] - c[2], _PRIORITY[c[0]], c[1]))
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[str] = []
    for kind, s, e in order:
        if s >= e:
            continue
        i = bisect_left(starts, s)
        if i > 0 and ends[i - 1] > s:
            continue
        if i < len(starts) and starts[i] < e:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        kinds.insert(i, kind)
    return [
        Finding(kind, s, e, text[s:e], LABELS[kind])
        for kind, s, e in zip(kinds, starts, ends, strict=True)
    ]


def scan(text: str) -> list[Finding]:
    """Find likely personal data; sorted by start and non-overlapping. Never raises on a str."""
    if not isinstance(text, str) or not text:
        return []
    window = text[:MAX_SCAN_CHARS]
    candidates: set[_Cand] = set()
    for detector in _DETECTORS:
        candidates.update(detector(window))
    return _resolve(window, candidates)


def _usable(text: str, findings: list[Finding]) -> Iterator[Finding]:
    """Findings sorted by start, skipping any that are out of range or overlap an earlier one."""
    cursor = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < cursor or f.start >= f.end or f.end > len(text):
            continue
        yield f
        cursor = f.end


def redact(text: str, findings: list[Finding] | None = None) -> str:
    """Replace each finding by a bracketed Dutch placeholder such as ``[BSN verwijderd]``."""
    if findings is None:
        findings = scan(text)
    parts: list[str] = []
    cursor = 0
    for f in _usable(text, findings):
        parts.append(text[cursor : f.start])
        parts.append("[" + PLACEHOLDERS.get(f.kind, "gegevens verwijderd") + "]")
        cursor = f.end
    parts.append(text[cursor:])
    return "".join(parts)


def highlight_html(text: str, findings: list[Finding]) -> str:
    """HTML-escape all of ``text`` and wrap each finding in ``<mark title="label">``."""
    parts: list[str] = []
    cursor = 0
    for f in _usable(text, findings):
        parts.append(html.escape(text[cursor : f.start]))
        parts.append(f'<mark title="{html.escape(f.label)}">')
        parts.append(html.escape(text[f.start : f.end]))
        parts.append("</mark>")
        cursor = f.end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)


def summary(findings: list[Finding]) -> str:
    """Dutch one-liner such as "Mogelijk persoonsgegevens gevonden: BSN (1)."; "" if none."""
    if not findings:
        return ""
    counts = Counter(f.kind for f in findings)
    ordered = [k for k in KINDS if k in counts] + sorted(k for k in counts if k not in KINDS)
    items = ", ".join(f"{SUMMARY_NAMES.get(k, k)} ({counts[k]})" for k in ordered)
    return f"Mogelijk persoonsgegevens gevonden: {items}."


def check_fields(texts: dict[str, str]) -> dict[str, str]:
    """For each field whose text looks like it holds personal data, a Dutch message that names
    what was found and quotes it as plain text; fields without findings are left out.

    Every screen with free text calls this before saving and asks the user to rewrite or confirm.
    """
    found: dict[str, str] = {}
    for key, text in texts.items():
        findings = scan(text or "")
        if findings:
            quoted = ", ".join(f"‘{f.text}’" for f in findings[:5])
            found[key] = (
                f"{summary(findings)} ({quoted}) Haal deze gegevens weg of bevestig dat het geen "
                "gegevens van een jongere, gezin of collega zijn."
            )
    return found
