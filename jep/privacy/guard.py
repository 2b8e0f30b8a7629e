"""Privacy guard: flag what looks like personal data of a young person or family in free text.

Plain Python, no project imports. Professionals type intake explanations, facilitators' notes
about anonymised cases and open evaluation answers; before saving, the app calls :func:`scan` and
shows the findings with :func:`highlight_html`, asking the user to rewrite or confirm. The
redaction tool uses :func:`redact`. It is a safety net, not a guarantee (see the README).

Dutch text only. Detection combines checksums, the grammar of Dutch identifiers and name lists
with the context around a candidate (what kind of person or organisation it belongs to).
What is detected (``Finding.kind``):

- ``naam``: person names. From maintained name lists (first names and surnames from the Dutch
  de-identification library deduce, plus a documented list of names of Moroccan, Turkish,
  Surinamese, Antillean, Polish, Somali, Syrian, Eritrean, Afghan, Ukrainian, Ghanaian,
  Romanian and Bulgarian origin, see ``names/README.md``): a listed first name, optionally
  followed by tussenvoegsels and a surname (``Youssef El Amrani``, ``Ingrid de Wit``), also in
  lower case with a person context (``met jaimy de graaf``, ``belde over ilias bouzid``,
  ``hodan uit 1c``, ``met sem de jong``; a first name that is also a Dutch word needs a kin
  word, a surname or a school class). Besides: names after a cue (``genaamd``, ``cliënt``,
  ``zijn broer``, ``mevrouw``, ``familie``, ``naam:``, ``z'n achternaam is verhoeven``,
  ``mevr. de haan`` ...), in apposition to a family or client noun (``Zijn broer, X Y, ...``)
  and before an age (``Sanne (14)``). Not names: words that are ordinary Dutch words at the
  start of a sentence without further evidence, places, parts of organisation, school and
  street names (``de Piet Heinschool``, ``het Anne Frank Huis``), names right after a
  professional role or as author of a work (``trainer Anouk Smit``, ``de lezing van Beatrice de
  Graaf``) or staff named by their department (``Bel Sandra van het secretariaat``), unless the
  sentence tells something private about them (``Collega Marieke Smit ligt in het ziekenhuis``,
  ``is met zwangerschapsverlof``); initials, pseudonyms and a single quoted name (``jongere X``,
  ``moeder M.``, ``de casus van 'Sami'``); names in a sentence marked as made up or taken from
  training material (``Casus (fictief): Yara, 15 jaar``, ``de namen uit het werkboek``);
  regions and districts (``de regio Hart van Brabant``); public figures from a curated list by
  field (radicalisation, politics, history, thinkers, sport, music and media: ``Che Guevara``,
  ``Hannah Arendt``, ``Andrew Tate``), convicted ones in the press form (``Mohammed B.``),
  cultural references (``een poster van ...``, ``verwees naar ...``, ``een shirt met ...
  erop``) and eponyms (``de school draagt de naam van ...``), unless a kin word, an age or a
  school class makes them a person (``zijn neef Mohammed Ali (19)``). A secondary-school class
  code after a first name is evidence (``Sem uit 2C``).
- ``bsn``: nine digits passing the 11-proef, plain or grouped as ``123.456.782``,
  ``123 456 782``, ``1234.56.782``, ``1234 56 782``, ``12.34.56.782``; eight digits or hyphens
  only right after the word BSN. Amounts and runs of digit groups are skipped, and so are test
  numbers (from 999 990 000 on, used by test environments, never issued) and BSNs given as an
  example (``voorbeeld-BSN``, ``test-BSN``, ``als voorbeeld``) with no person in the sentence.
  Numbers of an organisation that pass the 11-proef too (``het RSIN``, ``Kostenplaats``,
  ``grootboekrekening``, ``budgetnummer``, ``btw``, an organisation's ``fiscaal nummer``) are
  not BSNs.
- ``geboortedatum``: a date with a birth cue (``geboren``, ``geb.``, ``geboortedatum``,
  ``jarig``, ``verjaardag``, ``gd``, ``*``, the Belgian ``°`` ...), before or after it, also a
  partial date (``jarig op 3 maart``, ``geboren in 2009``, ``gb datum``), with the day or year
  written out (``geboren op eenentwintig september tweeduizend negen``); a person's birth year (``de
  oudste is van '05``, not ``ik ben van 1985`` or ``het pand is van 1923``); a full date in a
  sentence with a birth noun or ``Personalia``
  (``Geboortedatum klopt niet: daar staat 11-11-2008``) unless an event, meeting or deadline
  introduces it; or a full date right beside a person (``Amin (21-9-2009)``,
  ``Dochter, 12-05-2012,``, ``het meisje is van 23 juni 2010``) that makes that person a minor
  or young adult. Event, meeting and deadline dates, an organisation's birthday (``Het
  jongerencentrum is jarig op 3 juni``) and dates in training material are not reported.
- ``leeftijd``: an age tied to a gender/family/school noun or pronoun (``jongen van 15``,
  ``meisje (14)``, ``de jongen (12!)``, ``de buurman van 67``, ``neefje van 11``, ``(m, 15)``,
  ``M/17``, ``16-jarige jongen``, ``ze is 15``, ``Leeftijd: 15``, compounds (``mijn
  mentorleerling is net achttien``), an age in words of one person (``een jongere van zestien
  is door de politie aangehouden``; not ``een kind van acht begrijpt dat niet``),
  ``meisje uit 3 havo``), also approximate, coming or estimated (``een jaar of 15``, ``hij
  wordt in april 16``, ``ik schat hem rond de 15``) and in a form (``leeftijd jongere: 13``).
  General rules, ranges, generic and hypothetical persons (``Stel: een leerling van 15 ...``,
  ``elk kind van 12``, ``een leerling van 16 mag zelf ...``, ``een verzonnen jongen van 16``,
  an indefinite person in a condition: ``Als een kind van 11 zoiets roept, ...``) are not
  reported.
- ``telefoon``: Dutch and international phone numbers. Service numbers (0800/0900/...) and
  numbers given as an organisation's (``bel Platform JEP op 070 - 333 4558``, ``de receptie
  van het ROC is bereikbaar op ...``, ``ons algemene nummer``, ``(…) is van het steunpunt``)
  are not personal; nor are the digits of an IBAN-shaped number (``NL41 RABO 0345 1298 67``, an
  invalid IBAN). The owner is read from the words before a detail in its sentence, then the
  sentence before (a specific event or an organisation there, not ``ik zit in een training``),
  then what follows it.
- ``email``: e-mail addresses, except role mailboxes of organisations (``info@``,
  ``secretariaat@``, ``aanmelden@gemeente.nl``) and team mailboxes of ordinary words given as
  a team's (``Teamaccount jongerenwerk: jongerenwerk.noord@…``); addresses at consumer
  providers (gmail, hotmail, ziggo, ...) and with a person's name in them are always reported.
- ``postcode``: a postcode (``1234 AB``) with or without house number, or a street address
  (``Stationsstraat 12``, ``Burgemeester de Withstraat 112``, ``Binnenban 211`` after ``woont``),
  a street without a suffix after a home (``een huurwoning aan de Akkerwinde 3``) or as the value
  of an address field (``adres: Zonnedauw 14``) or after ``woont ..., op`` ending the phrase,
  a home named with its street (``de woning Groenewegje 30``; an ordinary word only with a living
  cue), flats (``12/4``), a foreign street (``ul. Kwiatowa 12/4``, ``Atatürk Caddesi 14``) with
  a living cue or a person in its sentence; an organisation's or venue's address (``het
  gemeentehuis, Stationsplein 1``, ``de moskee aan de ...``, ``Postbus 16200``, ``De rechtbank
  zit aan de ...``, ``Verzendadres werkboeken: ...``, ``het Huis van de Wijk aan de ...``) is
  not; of a move, the subject decides (``Het stadskantoor is verhuisd naar ...`` is not,
  ``Het gezin is verhuisd naar ...`` is).
- ``iban``: IBANs of a known country with a valid mod-97 check, compact or grouped, any case.
- ``handle``: social-media user names: ``@naam_010``, ``u/naam``, Discord tags (``naam#1234``),
  profile links (``t.me/...``, ``facebook.com/...``) and names given after a platform
  (``Snapchat: naam.x``, ``TT-account: ...``, ``op Instagram als ...``, ``Het YouTube-kanaal
  van de jongere (AbdiWarsameVlogs)``), a person's display name in an app (``In de buurtapp
  staat de broer als 'Abu Yusuf NL'``; not a group's ``'Moeders 3B'``). Organisations'
  accounts (``@politie``,
  ``@PlatformJEP``), ``@iedereen``, teams and roles written as one word (``@teamjeugd``,
  ``@zorgcoördinatoren``) and hashtags are not.
- ``kenteken``: Dutch licence plates in the side-codes 1-14 (``52-KLN-7``, ``GX-318-B``,
  ``21-PN-DB``); without dashes or with vowels only after the word ``kenteken``; in lower case
  only beside a vehicle (``tante rijdt in een oude opel, zl-90-ht``). Not an organisation's
  vehicle (``de poolauto van de gemeente``, ``Het busbedrijf heeft touringcar BX-920-T
  ingezet``, public transport) with no person around, nor a plate-shaped product, room or
  device code (``Bestelcode ...: VL-88-RT``, ``Printer KP-212-D``) with no vehicle.
- ``nummer``: student, client and case numbers: after ``leerlingnummer``, ``studentnummer``,
  ``cliëntnummer``, ``parketnummer``, ``V-nummer`` ... and right after a client or pupil
  (``Cliënt 77-30912``) always; customer, member, policy and
  document numbers only with a person or an identity document in the sentence; after
  ``zaaknummer``, ``dossier``, ``rekestnummer``, ``kenmerk`` ... only when a young person or
  family member is mentioned in the same sentence or the case is a child-protection one
  (``ondertoezichtstelling``, ``JE RK``, ``gezinsvoogd``, ``Raad voor de Kinderbescherming``,
  ``Veilig Thuis``, ``leerplicht``, ``jeugdreclassering``), also with the organisation named
  between cue and number (``Dossiernummer Veilig Thuis VT-24-08815``, ``RvdK 2023/1187-B``).
  Project, invoice and order numbers are not.

Overlapping candidates are resolved by keeping the longer one (then the more specific kind).

Limits: only the first :data:`MAX_SCAN_CHARS` characters are scanned. Names not on the lists and
without a cue or apposition, nicknames, descriptions that identify without a name ("de zoon van
de bakker op de hoek"), misspelled or unusually written identifiers are not seen.
"""

from __future__ import annotations

import array
import gzip
import hashlib
import html
import logging
import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

log = logging.getLogger("jep.privacy")

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
    "handle",
    "kenteken",
    "nummer",
)

LABELS: dict[str, str] = {
    "bsn": "BSN (burgerservicenummer)",
    "geboortedatum": "geboortedatum",
    "leeftijd": "leeftijd in combinatie met geslacht, gezinsrol of schoolklas",
    "telefoon": "telefoonnummer",
    "email": "e-mailadres",
    "postcode": "postcode of adres",
    "iban": "IBAN (bankrekeningnummer)",
    "naam": "naam van een persoon",
    "handle": "gebruikersnaam op sociale media of in een game",
    "kenteken": "kenteken van een voertuig",
    "nummer": "leerling-, cliënt-, dossier- of zaaknummer van een persoon",
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
    "handle": "gebruikersnaam verwijderd",
    "kenteken": "kenteken verwijderd",
    "nummer": "nummer verwijderd",
}

SUMMARY_NAMES: dict[str, str] = {
    "bsn": "BSN",
    "geboortedatum": "geboortedatum",
    "leeftijd": "leeftijd",
    "telefoon": "telefoonnummer",
    "email": "e-mailadres",
    "postcode": "postcode/adres",
    "iban": "IBAN",
    "naam": "naam",
    "handle": "gebruikersnaam",
    "kenteken": "kenteken",
    "nummer": "leerling-/dossiernummer",
}

# On overlap the longer candidate wins; on equal length the more specific (lower) one.
_PRIORITY: dict[str, int] = {
    kind: i
    for i, kind in enumerate(
        (
            "iban", "email", "bsn", "handle", "kenteken", "telefoon", "nummer",
            "geboortedatum", "postcode", "leeftijd", "naam",
        )
    )
}  # fmt: skip


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


# --------------------------------------------------------------------------- name data

_DATA_DIR = Path(__file__).parent / "names"


def _load_list(name: str) -> frozenset[str]:
    try:
        with gzip.open(_DATA_DIR / name, "rt", encoding="utf-8") as fh:
            return frozenset(x for x in fh.read().split("\n") if x)
    except OSError:  # pragma: no cover - shipped with the package
        log.warning("privacy guard: %s ontbreekt; namen worden minder goed herkend", name)
        return frozenset()


def _load_words() -> array.array:
    words = array.array("I")
    try:
        words.frombytes((_DATA_DIR / "nl_words.u32").read_bytes())
    except (OSError, ValueError):  # pragma: no cover - shipped with the package
        log.warning("privacy guard: nl_words.u32 ontbreekt")
        return array.array("I")
    if sys.byteorder != "little":  # pragma: no cover
        words.byteswap()
    return words


_FIRST_RAW = _load_list("first_names.txt.gz")
_SUR_RAW = _load_list("surnames.txt.gz")
_ISUR = _load_list("interfix_surnames.txt.gz")  # surnames written after a tussenvoegsel
_PLACES = _load_list("places.txt.gz")
_WORDS = _load_words()


@lru_cache(maxsize=16384)
def _is_word(word: str) -> bool:
    """Is ``word`` (any case) an ordinary lower-case Dutch word (OpenTaal + deduce whitelists)?"""
    low = word.lower()
    h = int.from_bytes(hashlib.blake2b(low.encode("utf-8"), digest_size=4).digest(), "little")
    i = bisect_left(_WORDS, h)
    return i < len(_WORDS) and _WORDS[i] == h


# Function words, days, months and everyday domain words: never a name (also not after a cue).
_STOPWORDS = _wordset(
    """de het een dit dat die deze hij zij ze wij we ik jij je u er hier daar in op met voor na
    bij naar uit en of maar toen nu ook wel niet geen als omdat dus daarna vervolgens tijdens
    volgens via ondanks hoewel want sinds zoals wanneer waar wat wie welke hoe alle alles veel
    elke iedere ieder iedereen onze ons mijn jouw zijn haar hun hem vanaf tot tussen binnen
    buiten over onder boven door zonder tegen om aan al nog soms vaak altijd nooit samen verder
    helaas gelukkig eerst later inmiddels hierdoor daardoor dan zo ja nee oké ok graag dank
    bedankt hallo hoi beste groet groeten mvg tevens echter niemand iemand niets iets enkele
    sommige beide andere ander meer minder weinig terwijl nadat voordat zodra totdat ben bent
    is was kan mag moet wil zal heeft had wordt werd te van der den ter ten zie
    gisteren vandaag morgen vanmiddag vanochtend vanavond vanmorgen straks
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april
    mei juni juli augustus september oktober november december pasen kerst pinksteren
    koningsdag bevrijdingsdag ramadan suikerfeest offerfeest
    """,
    """veilig thuis zorg veiligheidshuis jeugdwet avg pga platform jep wet big wgbo wmo wpg
    participatiewet leerplichtwet leerplicht gemeente gemeenten politie ggd raad
    kinderbescherming jeugdbescherming jeugdzorg jeugdhulp jeugdgezondheidszorg onderwijs
    passend school scholen mbo hbo vo po havo vwo vmbo mavo atheneum gymnasium halt openbaar
    ministerie reclassering rechtbank kinderrechter wijkteam buurtteam sociaal team
    samenwerkingsverband project programma aanpak convenant protocol meldcode stappenplan casus
    casusoverleg overleg intake evaluatie werkatelier nederland nederlands engels arabisch turks
    pools frans duits mentor intern begeleider leerkracht docent directeur zorgcoördinator
    jeugdarts huisarts dokter meester juf jeugdprofessional professional hulpverlener
    hulpverlening regie thuiszitterstafel thuiszitters verzuim ministerie vws ocw jenv
    rijksoverheid provincie regio zorgaanbieder jeugdzorgaanbieder gecertificeerde instelling
    jongerenwerk jongerenwerker wijkagent boa handhaving zorgverzekeraar sterk sterker jong
    jeugd thuiszorg stichting vereniging trainer spreker noord zuid oost west midden centrum
    noordoost noordwest zuidoost zuidwest steunpunt meldpunt servicepunt actie notitie
    aanwezig verslag agenda opening rondvraag notulen besproken afspraak reden doel
    """,
    """jongen jongens meisje meisjes meid jongere jongeren kind kinderen zoon dochter broer zus
    cliënt cliënte client leerling leerlingen scholier student ouder ouders moeder vader pleegkind
    baby peuter kleuter tiener puber deelnemer deelnemers sector sectoren organisatie
    organisaties partner partners aanwezigen casussen vraag vragen reacties stemmen groep groepen
    klas klassen leeftijd artikel artikelen lid bijlage stap stappen fase ronde rondes sessie
    sessies punt punten optie opties totaal aantal score professionals meldingen signalen thema
    onderwerpen acties afspraken knelpunten tafels werkvormen instanties respondenten
    antwoorden scores vragenlijst oma opa oom tante neef nicht familie gezin
    """,
)
# First names that are also very common words: need more than a verb to count as a name.
_COMMON_FIRST = _wordset(
    """aan ai baan bloem bouwen brand bruin burger fan fee fine hart hoi jouw kam kar kin king
    klaar koop lam lama lente lei maan mais men mus ouwe parel ram rand reef rijk sage sen storm
    tak tien vos wan win winter zomer zen zus zwaan kok lot star mint pep kick lava lux pax skip
    spike splinter ster terra timber veer zilver volken hang kiem kien lok servet schalk romein
    rover raaf prudent pluk pom pol peer nas mare marine kas kik kit hei hok gul gene genesis
    fake dim dong deli dia dot elan eros islam jihad jeep jersey jazz junior keet lelie lotus
    mana manna melodie mine ninja nova sultan wester stern sang tan tea ping pip engel amor alien
    angel anemoon ceder aster indigo parker rex lucky bink candy chi hope joy grace faith
    dean mercy honey summer sunny rose may will art bill
    india israël jamaica sierra medina asmara odessa nevada dakota lima mekka florida
    """
)
_FIRST = frozenset(
    n for n in _FIRST_RAW if n.lower() not in _STOPWORDS and not n.isupper() and len(n) >= 2
)
_SUR: frozenset[str] = frozenset(
    {n for n in _SUR_RAW if " " not in n and n.lower() not in _STOPWORDS}
    | {n.rsplit(" ", 1)[-1] for n in _SUR_RAW if " " in n}
)
# Lower-case tussenvoegsels (and the capitalised particles of Arabic and other names).
_TV_WORDS = _wordset(
    "van de der den ter ten te 't het in op aan bij uit la le da di dos du del della von zu zur "
    "vd v/d d' l'"
)
_TV_MULTI = _wordset("in op aan bij uit het")  # only inside a longer tussenvoegsel ("in 't")


def _load_tv() -> frozenset[str]:
    try:
        lines = (_DATA_DIR / "tussenvoegsels.txt").read_text(encoding="utf-8").splitlines()
    except OSError:  # pragma: no cover
        lines = ["van", "de", "der", "den", "van de", "van der", "van den", "ter", "ten", "te"]
    return frozenset(x.strip().lower() for x in lines if x.strip() and not x.startswith("#"))


_TV_SEQ = _load_tv()  # valid tussenvoegsel sequences: "van der", "in 't", "op de" ...
_PARTICLES = _wordset(
    "el al ben bin ibn abu abou bou ait aït ou ould van de der den ter ten la le da di du dos "
    "del von mc mac o' d'"
)
_INITIALS = _wordset("Ch Chr Th Ph Tj Sj IJ")

# --------------------------------------------------------------------------- context helpers


class _Lazy:
    """A pattern compiled on first use: for long patterns that most texts never need (they are
    tried only after a cheap test), so that importing the guard stays fast."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._rx: re.Pattern[str] | None = None

    def get(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(self.pattern)
        return self._rx


_WORD_START = r"(?=[^\W\d_])(?<![\w])"
_ABBREVIATIONS = _wordset(
    "geb nr tel mevr dhr mw mr dr drs ir ing prof st sr jr ca bijv evt ivm tnv oa ea enz resp "
    "art lid kent rek rekn incl excl min max vs vgl zgn mbt"
)
_SENT_END_RE = re.compile(r"[.!?]+[\"'’”)]*\s+|\n|[;•]")


def _sentence_bounds(text: str, pos: int, limit: int = 400) -> tuple[int, int]:
    """Start and end of the sentence around ``pos`` (approximate, abbreviation-aware)."""
    lo = max(0, pos - limit)
    start = lo
    for m in _SENT_END_RE.finditer(text, lo, pos):
        if m.group()[0] == "." and _abbrev_before(text, m.start()):
            continue
        start = m.end()
    end = min(len(text), pos + limit)
    for m in _SENT_END_RE.finditer(text, pos, end):
        if m.group()[0] == "." and _abbrev_before(text, m.start()):
            continue
        end = m.start()
        break
    return start, end


def _abbrev_before(text: str, dot: int) -> bool:
    """Is the '.' at ``dot`` part of an abbreviation or initial (``geb.``, ``J.``, ``o.a.``)?"""
    if dot > 0 and text[dot - 1] in "'’\")”":
        return False  # "… over 'ongelovigen'. Adres: …": a sentence ends after a quote
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].replace(".", "").lower()
    # "dossiernr.", "studentnr.", "ll.nr.": compounds of the abbreviation "nr"
    return len(word) <= 1 or word in _ABBREVIATIONS or word.endswith(("nr", "nrs"))


def _is_sentence_start(text: str, pos: int) -> bool:
    i = pos
    while i > 0 and text[i - 1] in " \t\u00a0\"'“‘«([*•-–":
        if text[i - 1] in "-–" and i - 1 > 0 and text[i - 2] not in " \n\t":
            break
        i -= 1
    if i == 0:
        return True
    c = text[i - 1]
    if c in "\n:;!?":
        return True
    if c == ".":
        return not _abbrev_before(text, i - 1)
    return False


def _prev_word(text: str, pos: int, n: int = 1) -> list[str]:
    """The ``n`` words before ``pos`` (lower case, nearest last), within 80 characters."""
    chunk = text[max(0, pos - 80) : pos]
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", chunk)[-n:]]


class _Spans:
    """Sorted character spans (of names) with fast look-ups; spans may overlap."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.maxend: list[int] = []
        top = -1
        for _, e in self.spans:
            top = max(top, e)
            self.maxend.append(top)
        self.ends = sorted(e for _, e in self.spans)

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.maxend[i] > pos

    def starts_in(self, lo: int, hi: int) -> bool:
        i = bisect_left(self.starts, lo)
        return i < len(self.starts) and self.starts[i] < hi

    def end_between(self, lo: int, hi: int) -> bool:
        i = bisect_left(self.ends, lo)
        return i < len(self.ends) and self.ends[i] <= hi


_NO_SPANS = _Spans([])

# --------------------------------------------------------------------------- BSN

_BSN_RE = re.compile(
    r"(?=[0-9])(?<![0-9])(?<![0-9][.,/-])"
    r"(?:[0-9]{9}|[0-9]{3}([. ])[0-9]{3}\1[0-9]{3}|[0-9]{4}([. ])[0-9]{2}\2[0-9]{3}"
    r"|[0-9]{2}([. ])[0-9]{2}\3[0-9]{2}\3[0-9]{3}|[0-9]{3}([. ])[0-9]{2}\4[0-9]{4})"
    r"(?![0-9]|[.,/-][0-9])"
)
# After the word BSN: also hyphens, mixed separators and eight digits (a leading zero dropped).
_BSN_CUED_RE = re.compile(
    r"(?i)(?<![\w])(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)(?:-?nummer)?(?![\w])"
    r"[^0-9\n]{0,30}?(?P<n>(?<![0-9])[0-9](?:[ .-]?[0-9]){7,8})(?![0-9]|[.,/-][0-9])"
)
_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(number: str) -> bool:
    """11-proef: nine digits, 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11, not all zeros."""
    digits = "".join(c for c in number if c in "0123456789")
    if len(digits) != 9 or digits == "000000000" or len(number.replace(" ", "")) > 12:
        return False
    return sum(int(d) * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True)) % 11 == 0


_NUMBER_WORD_RE = re.compile(
    r"(?i)(?<![\w])([\w-]*(?:nummer|nr|code|referentie|kenmerk|id))(?![\w])"
)
_BSN_WORDS = ("bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "bsn-nummer",
              "persoonsnummer", "persoonsgebonden")  # fmt: skip


# numbers of an organisation or its books that pass the 11-proef like a BSN: "het RSIN …",
# "Kostenplaats …", "grootboekrekening …", "budgetnummer …", "btw-nummer …"
_ORG_NUMBER_CUE_RE = re.compile(
    r"(?i)(?<![\w])(?:rsin|kostenplaats(?:nummer)?|kostendrager|grootboek[\w-]*|budget[\w-]*"
    r"|btw[\w-]*|kvk[\w-]*|loonheffingen?nummer|vestigingsnummer|ean|gln)(?![\w])"
    r"[^0-9\n]{0,40}$"
)
# "het fiscaal nummer van de stichting": an organisation's, unless a person is named (a
# person's fiscal number is the BSN)
_FISCAL_CUE_RE = re.compile(r"(?i)(?<![\w])fiscaa?le?[ \u00a0-]?nummer(?![\w])[^0-9\n]{0,40}$")


def _other_number_cue(text: str, s: int) -> bool:
    """Is the number at ``s`` introduced as a number of another kind (order, invoice, KvK)?"""
    start, end = _sentence_bounds(text, s)
    before = text[max(start, s - 60) : s]
    if re.search(r"(?i)(?<![\w])(?:bsn|burgerservice|sofi)", before):
        return False
    if _ORG_NUMBER_CUE_RE.search(before) or _TICKET_BEFORE_RE.search(before):
        return True
    if _FISCAL_CUE_RE.search(before):
        return not _PERSON_NEAR_RE.search(text, start, end)
    # the nearest number word before it, at most 90 characters without digits away ("Polisnummer
    # van de collectieve aansprakelijkheidsverzekering van de gemeente: …")
    m = None
    for found in _NUMBER_WORD_RE.finditer(text, max(start, s - 100), s):
        m = found
    if m is None or s - m.end() > 90 or any(c.isdigit() for c in text[m.end() : s]):
        return False
    word = m.group(1).lower().strip("-")
    if word in ("nummer", "nr", "code", "id", "telefoonnummer", "mobiel", "persoonsnummer"):
        return False  # a plain "nummer" says nothing about the kind
    return not word.startswith(_BSN_WORDS)


# BSNs from 999 990 000 on are reserved for test environments and never issued to a person
_TEST_BSN_PREFIX = "99999"
# a number or account shown in training material or documentation, or said not to be real:
# "het voorbeeld uit de e-learning", "in de handleiding", "is geen echt burgerservicenummer"
_EXAMPLE_MARKS = (
    r"(?<![\w])(?:voorbeeld[\w-]*|(?:uit|in|volgens)[ \u00a0]+(?:de|het)[ \u00a0]+"
    r"(?:e-learning|elearning|cursus|training|handleiding|oefening|werkboek|lesmateriaal"
    r"|presentatie|module|instructie|instructievideo|demo)|geen[ \u00a0]+echte?|niet[ \u00a0]+echt"
    r"|bestaat[ \u00a0]+niet|dummy[\w-]*|testnummer)(?![\w])"
)
_EXAMPLE_MARK_RE = re.compile(r"(?i)" + _EXAMPLE_MARKS)
# a ticket or reference in a system: "Ticket #462518309", "Issue 462518309 in Jira"
_TICKET_BEFORE_RE = re.compile(
    r"(?i)(?:#[ \u00a0]?|(?<![\w])(?:ticket|incident|issue|call|storing|wijziging|change"
    r"|request|bug|topdesk)(?:nummer|nr\.?|-?id)?[ \u00a0]*(?:#|nr\.?|nummer)?"
    r"[ \u00a0]*:?[ \u00a0]*)$"
)
# a BSN given as an example: "voorbeeld-BSN", "test-BSN", "fictief BSN", "het testnummer"
_EXAMPLE_BSN_RE = re.compile(
    r"(?i)(?<![\w])(?:(?:voorbeeld|test|fictie(?:f|ve)|nep|dummy|oefen)[- ]?"
    r"(?:bsn|burgerservicenummer|nummer)s?|(?:voorbeeld|test|oefen)(?:bsn|nummer)s?"
    r"|als[ \u00a0]+(?:voorbeeld|testnummer|oefening))(?![\w])"
    r"|" + _EXAMPLE_MARKS
)


def _example_bsn(text: str, s: int, digits: str) -> bool:
    """Is the BSN at ``s`` a test number or introduced as an example?"""
    if digits.startswith(_TEST_BSN_PREFIX):
        return True
    start, end = _sentence_bounds(text, s)
    return bool(_EXAMPLE_BSN_RE.search(text, start, end)) and not _PERSON_NEAR_RE.search(
        text, start, end
    )


def _find_bsn(text: str) -> Iterator[_Cand]:
    for m in _BSN_RE.finditer(text):
        s, e = m.span()
        if not is_valid_bsn(m.group()):
            continue
        if _example_bsn(text, s, "".join(c for c in m.group() if c.isdigit())):
            continue
        before = text[max(0, s - 8) : s].lower()
        if "€" in before or "eur" in before or "$" in before:
            continue  # an amount such as € 123.456.782
        after = text[e : e + 8].lower()
        if re.match(r"\s*(?:euro|eur\b|keer|x\b|maal|bezoek|views|volgers)", after):
            continue
        if _other_number_cue(text, s):
            continue  # "ordernummer 123456782", "KvK-nummer ...": another kind of number
        if not m.group().isdigit():
            # a grouped number inside a longer run of digit groups (lists, amounts)
            if s >= 2 and text[s - 1] in " ." and text[s - 2].isdigit():
                continue
            if e + 1 < len(text) and text[e] in " ." and text[e + 1].isdigit():
                continue
        yield ("bsn", s, e)
    for m in _BSN_CUED_RE.finditer(text):
        raw = m.group("n")
        digits = "".join(c for c in raw if c.isdigit())
        if len(digits) == 8:
            digits = "0" + digits
        if is_valid_bsn(digits) and not _example_bsn(text, m.start("n"), digits):
            yield ("bsn", m.start("n"), m.end("n"))


# --------------------------------------------------------------------------- IBAN

_IBAN_RE = re.compile(
    r"(?=[A-Za-z])(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ \u00a0]?[A-Za-z0-9]){10,30}"
)
# ISO 13616 registry: country code -> length
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "LY": 25, "SD": 18, "BI": 27, "DJ": 27,
    "SO": 23, "NI": 28, "RU": 33, "FK": 18, "MN": 20, "OM": 23, "YE": 30, "HN": 28,
}  # fmt: skip


def is_valid_iban(iban: str) -> bool:
    """Mod-97 check (ISO 13616) on an IBAN of a known country and length, spaces allowed."""
    compact = "".join(iban.split()).upper()
    if not 15 <= len(compact) <= 34 or not compact.isascii() or not compact.isalnum():
        return False
    if not (compact[:2].isalpha() and compact[2:4].isdigit()):
        return False
    expected = _IBAN_LENGTHS.get(compact[:2])
    if expected is None or len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


# country code, check digits and bank code right before a number: "NL41 RABO 0345 1298 67"
_IBAN_HEAD_RE = re.compile(r"(?<![\w])[A-Za-z]{2}[0-9]{2}[ \u00a0]?[A-Za-z]{4}[ \u00a0]?$")


def _find_iban(text: str) -> Iterator[_Cand]:
    for m in _IBAN_RE.finditer(text):
        s = m.start()
        country = m.group()[:2].upper()
        n = _IBAN_LENGTHS.get(country)
        if n is None:
            continue
        if m.group()[:2].islower() != m.group()[4:6].islower() and not m.group()[4:6].isdigit():
            pass  # mixed case is fine (typed quickly), it is checked below
        ends = [s + i + 1 for i, c in enumerate(m.group()) if c.isalnum()]
        if n > len(ends):
            continue
        e = ends[n - 1]
        if e < len(text) and text[e].isalnum():
            continue  # the IBAN would continue into a longer token
        if is_valid_iban(text[s:e]):
            lo, hi = _sentence_bounds(text, s)
            if _EXAMPLE_MARK_RE.search(text, lo, hi) and not _PERSON_NEAR_RE.search(text, lo, hi):
                continue  # "Het voorbeeld-IBAN uit de e-learning is NL91 ABNA …"
            yield ("iban", s, e)


# --------------------------------------------------------------------------- owner of contact data

# Organisations, services and venues: contact details given as theirs are not personal.
_ORG_OWNER_WORDS = _wordset(
    """school basisschool scholen college lyceum roc mbo hbo gemeente gemeentehuis stadhuis
    stadskantoor wijkteam buurtteam team teams ggd politie organisatie stichting instelling
    praktijk huisartsenpraktijk huisartsenpost ziekenhuis apotheek kantoor kantoren secretariaat
    receptie balie loket servicedesk helpdesk advieslijn hulplijn meldlijn crisisdienst centrale
    hoofdnummer platform jep kindertelefoon jeugdbescherming raad halt jeugdzorg zorgaanbieder
    aanbieder locatie centrum bureau dienst afdeling academie bibliotheek buurthuis wijkcentrum
    jongerencentrum jongerenwerk vereniging club sportclub steunpunt meldpunt servicepunt
    veiligheidshuis zvh vt gebouw pand zaal lokaal werkatelier werkateliers bijeenkomst
    bijeenkomsten training vergadering congres congrescentrum bedrijventerrein werkplaats
    postbus postadres bezoekadres vestiging vestigingen ministerie overheid provincie
    woordvoering pers persvoorlichting administratie inschrijving aanmelding aanmelden
    inschrijven informatie info vragen
    moskee kerk synagoge tempel gebedshuis gurdwara kathedraal kapel sporthal gymzaal
    sportzaal sportpark sportschool kantine theater bioscoop hotel restaurant café kinderopvang
    opvang bedrijf winkel winkelcentrum supermarkt garage parkeergarage station stadion
    hogeschool universiteit campus mediatheek bieb wijkgebouw
    rechtbank gerechtshof kantongerecht kantonrechter rechtspraak gevangenis kazerne brandweer
    belastingdienst uwv svb duo ind coa azc vervoerder drukker uitgever leverancier cateraar
    gemeentewerf applicatiebeheer systeembeheer
    teamaccount teammailbox groepsmailbox afdelingsmailbox
    verzendadres factuuradres afleveradres leveradres retouradres vestigingsadres
    magazijn depot distributiecentrum expeditie logistiek inkoop facilitair postkamer
    hoofdkantoor bedrijfspand showroom
    """
)
_DEFINITE = _wordset("de het deze dit die dat onze ons")
# event nouns: a venue's address in the same sentence; in the sentence before only as a
# specific event ("De training is op 3 maart. Adres: ..."), not as an activity ("een training")
_EVENT_OWNER_WORDS = _wordset(
    """bijeenkomst bijeenkomsten training vergadering congres werkatelier werkateliers zaal
    lokaal"""
)
_ORG_OWNER_SUFFIXES = (
    "school", "college", "lyceum", "huis", "centrum", "punt", "loket", "team", "dienst",
    "lijn", "post", "kantoor", "bureau", "praktijk", "instelling", "stichting", "vereniging",
    "afdeling", "organisatie", "gemeente", "secretariaat", "receptie", "bibliotheek",
    "platform", "academie", "instituut", "kliniek", "ziekenhuis", "erij", "winkel", "bedrijf",
    "hal", "zaal", "kerk", "maatschappij", "corporatie",
)  # fmt: skip
_PERSON_OWNER_WORDS = _wordset(
    """moeder vader ouders ouder oma opa tante oom broer broertje zus zusje jongere jongen meisje
    meid leerling leerlinge cliënt cliënte client zoon dochter kind kinderen gezin familie melder
    buurman buurvrouw pleegouders pleegouder pleegmoeder pleegvader stiefmoeder stiefvader
    stiefbroer stiefzus halfbroer halfzus grootmoeder grootvader voogd neef nicht vriend vriendin
    vriendje klasgenoot klasgenote collega mentor docent trainer trainster student studente
    pupil minderjarige baby ex partner ex-partner hij zij ze zijn haar hem hun mijn ik jou jouw
    privénummer privé-nummer mobiel mobiele simkaart whatsapp-nummer thuisadres woonadres woont
    wonen woonachtig verblijft verblijven logeert slaapt verhuisd huisbezoek
    """
)
# housing nouns: someone's home ("het huis aan de …", "huurwoning", "portiekflat"); written with
# a capital inside a sentence they are part of a name ("het Huis van de Wijk")
_HOME_OWNER_WORDS = _wordset(
    """huis woning flat appartement bovenhuis benedenhuis bovenwoning benedenwoning
    woonboot woonwagen"""
)
_KIN_GENITIVE = _wordset("tante oom oma opa broer zus neef nicht buurman buurvrouw moeder vader")
_HOME_SUFFIXES = ("woning", "flat", "appartement", "bovenhuis", "benedenhuis")


_ORG_ACRONYMS = _wordset(
    """GGD ROC JEP ZVH VT NJI RvdK OM IND DUO CJG JGZ SVB UWV CAK RIVM NCTV AP KvK HALT MEE ZAT
    GGZ MBO HBO VO PO AZC COA NIDOS LSE WSNP CIZ KNMG MDT VNG BVH RvB NS RET GVB HTM"""
)


# an account, channel or page named after its owner: "schoolaccount", "gemeentepagina"
_ACCOUNT_SUFFIXES = ("account", "accounts", "kanaal", "profiel", "pagina")


def _owner_class(word: str, original: str) -> str | None:
    w = word.lower()
    if w.endswith(("'s", "’s")) and len(w) > 3:
        w = w[:-2]  # "Oma's adres", "moeder's nummer"
    for suffix in _ACCOUNT_SUFFIXES:
        stem = w[: -len(suffix)].rstrip("-")
        if w.endswith(suffix) and len(stem) >= 3 and w not in _ORG_OWNER_WORDS:
            # "schoolaccount" -> school, "bedrijfsaccount" -> bedrijf, "moederaccount" -> moeder
            cls = _owner_class(stem, stem)
            if cls is None and stem.endswith("s") and len(stem) > 4:
                cls = _owner_class(stem[:-1], stem[:-1])
            return cls
    if w in _PERSON_OWNER_WORDS or w.endswith(("moeder", "vader", "ouders")):
        return "person"
    if w.endswith("s") and w[:-1] in _KIN_GENITIVE:
        return "person"  # "tantes nummer", "opas adres": a genitive (or kin in the plural)
    if (w in _HOME_OWNER_WORDS or w.endswith(_HOME_SUFFIXES)) and original[:1].islower():
        return "person"
    if w in _ORG_OWNER_WORDS or (len(w) > 6 and w.endswith(_ORG_OWNER_SUFFIXES)):
        return "org"
    if original in _ORG_ACRONYMS:
        return "org"  # GGD, ROC, JEP, ZVH
    if "-" in w:
        # "GGD-vestiging", "JGZ-locatie", "politie-post": the head decides, else the first part
        first, _, head = original.rpartition("-")
        return _owner_class(head, head) or _owner_class(first.split("-")[0], first.split("-")[0])
    return None


_OWNER_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ORG_NUMBER_RE = re.compile(
    r"(?i)(?:algeme(?:en|ne)|centrale?|hoofd|service|informatie|advies|receptie|ons|onze)"
    r"[- ]?(?:telefoon)?nummer|(?:ons|onze) (?:telefoonnummer|nummer|mailadres|e-mailadres)"
)


# Words that make a contact detail personal whatever else is mentioned.
_STRONG_PERSON_RE = re.compile(
    r"(?i)(?<![\w])(?:woont|wonen|woonde|woonachtig|verblijft|verblijven|logeert|slaapt"
    r"|woonadres|thuisadres|huisadres|privéadres|privé-adres|privénummer|privé-nummer"
    r"|mobiele[ \u00a0]+nummer|06-nummer|privémail|ingeschreven[ \u00a0]+op)(?![\w])"
)


_TAV_RE = re.compile(
    r"(?i)(?<![\w])t\.[ \u00a0]?a\.[ \u00a0]?v\.?|ter[ \u00a0]+attentie[ \u00a0]+van"
)


def _owner(text: str, s: int, e: int, names: _Spans, previous: bool = True) -> str | None:
    """Whose contact detail is text[s:e]: 'person', 'org' or None (unknown)?

    Reads the words before it in the same sentence, nearest first; in "X van (de) Y" the head X
    decides when it is itself an owner word ("de school van haar zoon" -> org, "het nummer van
    de vader" -> person). Falls back to the previous sentence (when ``previous``; an event there,
    "ik zit in een training.", says nothing), then to what follows ("(070 - 333 4558) is van het
    steunpunt").
    """
    start, _ = _sentence_bounds(text, s)
    segment = text[start:s]
    if _ORG_NUMBER_RE.search(segment):
        return "org"
    for m in _EMAIL_RE.finditer(segment):
        if not _is_personal_email(m.group()):
            return "org"  # "mail info@... of bel 070 ...": the organisation's contact details
    if _STRONG_PERSON_RE.search(segment):
        return "person"
    verdict = _owner_in(segment, start, names)
    if verdict is None and _TAV_RE.search(segment):
        return "org"  # "t.a.v. logistiek, Industrieweg 22": a business address
    if verdict is None and start > 0 and previous:
        prev_start, _ = _sentence_bounds(text, max(0, start - 2))
        verdict = _owner_in(text[prev_start:start], prev_start, names, events=False)
        if verdict == "person":
            verdict = None  # a person in the previous sentence says little
        elif verdict == "org" and _STRONG_PERSON_RE.search(text, max(0, prev_start - 300), start):
            # a case note that said where someone lives ("Jongere woont bij vader. School belt
            # veel. Adres: …"): the organisation in the sentence before does not own the address
            verdict = None
    if verdict is None:
        after = text[e : e + 50]
        nxt = _OWNER_AFTER_RE.match(after)
        if nxt is not None:
            verdict = _owner_class(nxt.group(1), nxt.group(1))
    if verdict is None:
        # a number given together with a role mailbox is the same desk's ("functioneel beheer,
        # 088-1204400 of beheer@…")
        mail = _WITH_MAIL_RE.match(text, e)
        if mail is not None and not _is_personal_email(mail.group("mail")):
            verdict = "org"
    return verdict


_WITH_MAIL_RE = re.compile(
    r"[ \u00a0]*(?:,|/|of|en)[ \u00a0]*(?:(?:per[ \u00a0]+)?(?:mail|e-mail)[ \u00a0:]*)?"
    r"(?P<mail>[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+)"
)


# what follows a contact detail: "(…), van de school", "(…) is van het steunpunt"
_OWNER_AFTER_RE = re.compile(
    r"[\s,()]*(?:(?:is|was)[ \u00a0]+(?:(?:het|de|een|ons|onze)[ \u00a0]+(?:[^\W\d_]+e"
    r"[ \u00a0]+)?)?)?(?:(?:van|voor)[ \u00a0]+(?:de|het|ons|onze|zijn|haar|hun)?[ \u00a0]*)?"
    r"([^\W\d_]+)"
)


_MOVE_WORDS = _wordset("verhuisd verhuist verhuizen verhuizing")
_POSSESSIVE_PERSON = _wordset("zijn haar hun mijn jouw je z'n d'r")


def _capitalised_home(word: str) -> bool:
    """A home noun written with a capital (inside a sentence: part of a name, "het Huis van de
    Wijk")."""
    low = word.lower()
    return word[:1].isupper() and (low in _HOME_OWNER_WORDS or low.endswith(_HOME_SUFFIXES))


def _owner_in(segment: str, offset: int, names: _Spans, events: bool = True) -> str | None:
    tokens = list(_OWNER_TOKEN_RE.finditer(segment))
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        pos = offset + tok.start()
        if (
            not events
            and tok.group().lower() in _EVENT_OWNER_WORDS
            and (i == 0 or tokens[i - 1].group().lower() not in _DEFINITE)
        ):
            continue  # "ik zit in een training." does not own the next sentence's address
        cls = "person" if names.covers(pos) else _owner_class(tok.group(), tok.group())
        low = tok.group().lower()
        if (
            cls == "org"
            and low.endswith(_ACCOUNT_SUFFIXES)
            and i > 0
            and tokens[i - 1].group().lower() in _POSSESSIVE_PERSON
        ):
            return "person"  # "zijn schoolaccount": his account at school
        if cls is None and i > 0 and _capitalised_home(tok.group()):
            return "org"  # "het Huis van de Wijk aan de …": a home noun in an organisation's name
        if cls is None:
            continue
        if cls == "person" and low in _MOVE_WORDS:
            # "Het stadskantoor is verhuisd naar …": the subject of the move decides
            for k in range(i - 1, -1, -1):
                sub = tokens[k]
                sub_cls = (
                    "person"
                    if names.covers(offset + sub.start())
                    else _owner_class(sub.group(), sub.group())
                )
                if sub_cls is not None:
                    return sub_cls
            return cls
        # "X van (de|het|haar|zijn) Y": the head X decides if it is an owner word itself
        j = i - 1
        while j >= 0 and tokens[j].group().lower() in ("de", "het", "haar", "zijn", "hun", "mijn"):
            j -= 1
        if j >= 1 and tokens[j].group().lower() == "van":
            head = tokens[j - 1]
            head_cls = _owner_class(head.group(), head.group())
            if head_cls is not None:
                return head_cls
            if j - 1 > 0 and _capitalised_home(head.group()):
                return "org"  # "het Huis van het Kind aan de …"
        return cls
    return None


# the holder of an account or a registration, named after it: "t.n.v. Stichting De Wissel",
# "ten name van de pleegmoeder", "(die) staat op naam van de GGD"
_HOLDER_CUE_RE = re.compile(
    r"(?i)(?<![\w])(?:t\.[ \u00a0]?n\.[ \u00a0]?v\.?|tnv|ten[ \u00a0]+name[ \u00a0]+van"
    r"|ten[ \u00a0]+gunste[ \u00a0]+van|op[ \u00a0]+naam[ \u00a0]+van)[ \u00a0:]*"
)
# what ends the holder's name: a comma or bracket, a payment reference, a clause
_HOLDER_END_RE = re.compile(
    r"(?i)[,;:()\n]|(?<![\w])(?:o\.[ \u00a0]?v\.[ \u00a0]?v|onder[ \u00a0]+vermelding"
    r"|en[ \u00a0]+(?:niet|dus|die|dat)|staat|stond|graag|want|omdat|die|dat)(?![\w])"
)
# legal forms of organisations: "De Smaak B.V.", "Holding N.V.", "vzw", "coöperatie"
_LEGAL_FORM_RE = re.compile(
    r"(?<![\w.])(?:B\.[ \u00a0]?V\.?|BV|N\.[ \u00a0]?V\.?|NV|V\.[ \u00a0]?O\.[ \u00a0]?F\.?|VOF"
    r"|C\.[ \u00a0]?V\.?|vzw|VZW|U\.[ \u00a0]?A\.?|(?i:co[öo]peratie|holding|stichting"
    r"|vereniging))(?![\w])"
)
_HOLDER_SKIP = _wordset("de het een zijn haar hun mijn onze ons")


def _holder(text: str, lo: int, hi: int, names: _Spans) -> str | None:
    """The holder named by "t.n.v.", "ten name van", "op naam van" in text[lo:hi]: the head of
    the holder's phrase decides: 'org' for an organisation's word, acronym or legal form
    ("t.n.v. Gemeente Oost", "Cateringbedrijf De Smaak B.V.", "Zorg- en Veiligheidshuis
    Regio Oost"), 'person' for initials, a name, a family or person word ("t.n.v. S. Ramdin",
    "familie Pranoto", "de pleegmoeder", "Jan Koolhuis"); None when no holder is named."""
    cue = _HOLDER_CUE_RE.search(text, lo, hi)
    if cue is None:
        return None
    end = _HOLDER_END_RE.search(text, cue.end(), min(hi, cue.end() + 80))
    stop = end.start() if end is not None else min(hi, cue.end() + 80)
    for tok in _OWNER_TOKEN_RE.finditer(text, cue.end(), stop):
        w = tok.group()
        if w.lower() in _HOLDER_SKIP:
            continue
        if names.covers(tok.start()):
            return "person"
        if len(w) == 1 and text[tok.end() : tok.end() + 1] == ".":
            # an initial ("S. Ramdin"), unless the letters of a legal form ("B.V.")
            legal = _LEGAL_FORM_RE.match(text, tok.start())
            return "org" if legal is not None else "person"
        cls = _owner_class(w, w)
        listed = w[:1].isupper() and (w in _FIRST or w in _SUR or w in _ISUR)
        if listed and (cls is None or (cls == "org" and not _is_word(w))):
            cls = "person"  # a name ("Jan Koolhuis"), also one that ends like an organisation
        if cls is None and _LEGAL_FORM_RE.match(text, tok.start()):
            cls = "org"
        if cls is not None:
            return cls
    return "org" if _LEGAL_FORM_RE.search(text, cue.end(), stop) else None


# payments to an organisation: an invoice, a fee, a donation, dues ("Deelnamekosten overmaken
# naar …", "De vrijwillige ouderbijdrage kan naar …", "Factuur lunch: graag betalen op …")
_PAYMENT_TO_ORG_RE = re.compile(
    r"(?i)(?<![\w])(?:factuur|facturen|factuurnummer|nota|donatie|donaties|gift|giften"
    r"|deelnamekosten|deelnemersbijdrage|deelnamebijdrage|inschrijfgeld|inschrijvingskosten"
    r"|cursusgeld|cursuskosten|lesgeld|schoolgeld|ouderbijdrage|ouderbijdragen|schoolbijdrage"
    r"|contributie|lidmaatschapsgeld|leges|entreegeld|betalingskenmerk|o\.[ \u00a0]?v\.[ \u00a0]?v"
    r"|onder[ \u00a0]+vermelding[ \u00a0]+van)(?![\w])"
)


def _iban_owner(text: str, s: int, e: int, names: _Spans) -> str | None:
    """Whose account is the IBAN at text[s:e]? The holder named after it decides ("t.n.v.
    Stichting …" is an organisation's, "t.n.v. mevr. Chaoui" a person's); else the words before
    it (:func:`_owner`); else a payment to an organisation (an invoice, a fee, a donation) with
    no person in the sentence is an organisation's account."""
    start, end = _sentence_bounds(text, s)
    holder = _holder(text, e, end, names)
    if holder is not None:
        return holder
    verdict = _owner(text, s, e, names)
    if verdict is not None:
        return verdict
    if (
        _PAYMENT_TO_ORG_RE.search(text, start, end)
        and not _PERSON_NEAR_RE.search(text, start, end)
        and not names.starts_in(start, end)
    ):
        return "org"
    return None


# --------------------------------------------------------------------------- e-mail

_EMAIL_RE = re.compile(
    r"(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]{1,64}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,16}"
    r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?![\w-])"
)
_CONSUMER_DOMAINS = _wordset(
    """gmail googlemail hotmail outlook live msn icloud me mac yahoo ymail aol ziggo kpnmail
    kpnplanet planet home chello xs4all hetnet casema tele2 online zeelandnet quicknet upcmail
    caiway telfort freeler protonmail proton pm tutanota tuta gmx web skynet telenet hotmail
    lycos mail email yandex zonnet wanadoo onsbrabantnet solcon kabelfoon
    """
)
_ROLE_MAILBOX = _wordset(
    """info contact secretariaat administratie receptie balie helpdesk support service servicedesk
    klantenservice noreply no-reply donotreply post postbus mail office algemeen team meldpunt
    aanmelden aanmelding aanmeldingen inschrijving inschrijvingen planning communicatie pers
    persvragen woordvoering privacy fg avg jeugd jeugdhulp wijkteam buurtteam zorg zorgteam
    leerplicht rmc advies adviespunt vragen hallo welkom werkatelier werkateliers platform jep
    events evenementen training trainingen opleiding scholing ggd school directie bestuur hr
    personeelszaken facturen factuur finance financien financiën debiteuren crediteuren subsidie
    subsidies klachten klacht feedback redactie nieuwsbrief webmaster ict it beheer data
    onderzoek gemeente loket frontoffice backoffice intake zorgloket meldkamer crisisdienst
    spoed notulen uitnodiging uitnodigingen zorgmeldpunt verslag verslagen agenda bureau
    kantoor centrale secretariat admin office hello mailbox postmaster
    """
)


def _is_personal_email(address: str) -> bool:
    local, _, domain = address.partition("@")
    labels = domain.lower().split(".")
    if len(labels) >= 2 and labels[-2] in _CONSUMER_DOMAINS:
        return not local.lower().startswith(("noreply", "no-reply", "donotreply"))
    parts = [p for p in re.split(r"[._+\-0-9]+", local) if p]
    if not parts:
        return True
    if any(p.lower() in _ROLE_MAILBOX for p in parts):
        return False
    for p in parts:
        cap = p[:1].upper() + p[1:].lower()
        if cap in _FIRST or cap in _SUR or cap in _ISUR:
            return True
    if any(len(p) <= 2 for p in parts):
        return True  # "a.bakker", "jk.devries", "p@": initials
    # only ordinary words: a functional mailbox ("werkateliers@...", "teamjeugd@…",
    # "jeugdteamwest@…": a team written as one word)
    return not all(_is_word(p) or _role_compound(p.lower()) for p in parts)


def _team_mailbox(address: str) -> bool:
    """Is the local part of ``address`` made of ordinary Dutch words only (a team or function:
    "jongerenwerk.noord@", "jeugdverpleegkundigen.west@"), with no first name that is not a word
    and not at a consumer provider?"""
    local, _, domain = address.partition("@")
    labels = domain.lower().split(".")
    if len(labels) >= 2 and labels[-2] in _CONSUMER_DOMAINS:
        return False
    parts = [p for p in re.split(r"[._+\-]+", local) if p]
    return bool(parts) and all(p.isalpha() and len(p) > 2 and _is_word(p) for p in parts)


def _find_email(text: str) -> Iterator[_Cand]:
    for m in _EMAIL_RE.finditer(text):
        if _is_personal_email(m.group()):
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
# other countries: +32 478 55 21 90, +49 1520 3348127, +597 8812345
_PHONE_FOREIGN_RE = re.compile(
    r"(?=\+)(?<![\w+])\+(?!31)[1-9][0-9]{0,2}[ \u00a0-]?(?:\(0\)[ \u00a0-]?)?[0-9]"
    r"(?:[ \u00a0-]?[0-9]){5,12}(?![0-9])"
)
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909", "0880")
# Dutch numbers start with one of these (area codes, 06 mobile, 085/088/091/097 non-geographic)
_PHONE_PREFIXES = (
    "010", "011", "013", "015", "016", "017", "018", "020", "022", "023", "024", "025", "026",
    "029", "030", "031", "032", "033", "034", "035", "036", "038", "040", "041", "043", "045",
    "046", "047", "048", "049", "050", "051", "052", "053", "054", "055", "056", "057", "058",
    "059", "06", "070", "071", "072", "073", "074", "075", "076", "077", "078", "079", "084",
    "085", "087", "088", "091", "097",
)  # fmt: skip


# dots or a slash as separators: "0612.88.43.71", "010.412.34.56", "06/12345678"
_PHONE_DOTTED_RE = re.compile(
    r"(?=0)(?<![\w+])(?<![0-9][.,/-])0[0-9]{1,3}(?:[./][0-9]{1,8}){1,4}(?![0-9]|[.,/-][0-9])"
)


def _phone_candidates(text: str) -> Iterator[tuple[int, int]]:
    for m in _PHONE_DOTTED_RE.finditer(text):
        digits = "".join(c for c in m.group() if c.isdigit())
        if len(digits) != 10 or digits[1] == "0" or not digits.startswith(_PHONE_PREFIXES):
            continue
        if digits.startswith(_SERVICE_PREFIXES) or ("/" in m.group() and "." in m.group()):
            continue
        yield m.start(), m.end()
    for m in _PHONE_NATIONAL_RE.finditer(text):
        raw = m.group()
        digits = "".join(c for c in raw if c.isdigit())
        if digits[1] == "0" or digits.startswith(_SERVICE_PREFIXES):
            continue
        if not digits.startswith(_PHONE_PREFIXES):
            continue
        if raw.count("-") > 1 or len(raw) - len(digits) > 6:
            continue  # looks like a date or a list of numbers, not a phone number
        if "-" in raw and not 2 <= len(raw.split("-")[0].strip()) <= 4:
            continue
        yield m.start(), m.end()
    for m in _PHONE_BRACKETS_RE.finditer(text):
        digits = "".join(c for c in m.group() if c.isdigit())
        if len(digits) == 10 and digits.startswith(_PHONE_PREFIXES):
            yield m.start(), m.end()
    for m in _PHONE_INTL_RE.finditer(text):
        yield m.start(), m.end()
    for m in _PHONE_FOREIGN_RE.finditer(text):
        n_digits = sum(c.isdigit() for c in m.group())
        if 8 <= n_digits <= 15:
            yield m.start(), m.end()


# --------------------------------------------------------------------------- postcode / address

_POSTCODE = r"[1-9][0-9]{3}[ \u00a0]?[A-Z]{2}(?![\w])"
_HOUSE_NUMBER = (
    r"[0-9]{1,5}(?:[ \u00a0]?[a-zA-Z](?![\w])|-[0-9]{1,4}|-?(?:hs|huis|bis|I{1,3}V?|IV|bg|"
    r"zw|rd)(?![\w])|[ \u00a0](?:hs|huis|bis|bg)(?![\w]))?(?![\w])"
)
_POSTCODE_RE = re.compile(
    r"(?=[1-9])(?<![\w])(?P<pc>" + _POSTCODE + r")"
    r"(?:(?:,?[ \u00a0]*(?i:nr\.?|nummer|huisnummer|huisnr\.?)[ \u00a0]*|[ \u00a0]+)"
    + _HOUSE_NUMBER
    + ")?"
)
_STREET_SUFFIXES = (
    # diminutives first ("Groenewegje", "Kerkstraatje"), German streets ("Hauptstraße")
    "straatje|laantje|wegje|steegje|hofje|pleintje|paadje|dijkje|straße|strasse|gasse|platz"
    "|straatweg|straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|hof|allee|markt|park|pad"
    "|baan|akker|erf|wal|haven|dam|brink|ring|boulevard|promenade|passage|hoven|poort|oord"
    "|gaarde|tuin|tuinen|hoek|veld|berg|dal|zijde|donk|wetering|vaart|burgwal|kwartier"
)
# "Stationsstraat 12", "Burgemeester de Withstraat 112", "Van Limburg Stirumstraat 14hs"
_STREET_RE = re.compile(
    r"(?<![\w])(?:[A-Z][a-zß-ÿ]+\.?[ \u00a0]+"
    r"(?:(?:van|de|der|den|ter|ten|la|'t)[ \u00a0]+){0,2}){0,2}"
    r"[A-ZÀ-Þ][a-zß-ÿ]{0,40}(?:" + _STREET_SUFFIXES + r")[ \u00a0]+" + _HOUSE_NUMBER
    + r"(?:,?[ \u00a0]+(?P<pc>" + _POSTCODE + "))?"
)  # fmt: skip
# a capitalised word and a house number right after a living cue: "woont in X, Binnenban 211"
_ADDRESS_CUE_RE = re.compile(
    r"(?i)(?<![\w])(?:woont|wonen|woonde|woonachtig|verblijft|verblijven|logeert|slaapt|"
    r"adres(?:\s+\w+)?|woonadres|huisadres|verhuisd\s+naar|ingeschreven\s+op)(?![\w])"
)
_BARE_STREET_RE = re.compile(
    r"(?<![\w])(?P<street>[A-ZÀ-Þ][a-zß-ÿ]{3,30})[ \u00a0]+"
    r"(?P<nr>[0-9]{1,4}[a-zA-Z]?(?:/[0-9]{1,3}[a-zA-Z]?)?)"  # "12/4": a flat in a block
    r"(?![\w.,:/-]?[0-9])"
    r"(?![ \u00a0]*(?:jaar|uur|%|procent|euro|minuten|dagen|weken|maanden|keer|straten|huizen"
    r"|deuren|km|kilometer|meter)(?![\w]))"
)
# "op nummer 14 van de Beukenstraat", "huisnummer 3 in de Kerkstraat"
_NUMBER_OF_STREET_RE = re.compile(
    r"(?i:(?<![\w])(?:huis)?nummer|(?<![\w])nr\.?)[ \u00a0]+[0-9]{1,4}[a-z]?(?![\w])[ \u00a0]+"
    r"(?i:van|in|aan|op)[ \u00a0]+(?i:de|het)[ \u00a0]+[A-ZÀ-Þ][a-zß-ÿ]{0,40}(?:"
    + _STREET_SUFFIXES
    + r")(?![\w])"
)
# a street without a street suffix after someone's home or living: "een huurwoning aan de
# Akkerwinde 3", "het huis aan de Meidoorn 7", "woont sinds mei op de Dotterbloem 18"
_HOME_STREET_RE = re.compile(
    r"(?<![\w])(?i:aan|op|in)[ \u00a0]+(?i:de|het|'t)[ \u00a0]+"
    r"(?P<street>[A-ZÀ-Þ][\w'’.-]*(?:[ \u00a0]+(?:(?:van|de|der|den|het|'t|op|aan|ter|ten)"
    r"[ \u00a0]+){0,2}[A-ZÀ-Þ][\w'’-]*){0,3})[ \u00a0]+(?P<nr>" + _HOUSE_NUMBER + ")"
    r"(?![ \u00a0]*(?:jaar|jr|uur|straten|huizen|deuren|km|kilometer|meter|m|minuten|min|%"
    r"|procent|euro|keer|weken|maanden|dagen)(?![\w]))"
)
# ... right after a home or a living verb, at most four lower-case words before "aan de"
_HOME_BEFORE_RE = re.compile(
    r"(?<![\w])(?i:huis|woning|flat|appartement|etage|bovenhuis|benedenhuis|portiek"
    r"|woonboot|woonwagen|[^\W\d_]{2,30}(?:woning|flat)|woont|wonen|woonde|woonachtig"
    r"|verhuisd|verhuizen|verhuist|ingetrokken|intrekt|slaapt|logeert|verblijft)"
    r"(?:[ \u00a0]+[a-zß-ÿ]+){0,4}[ \u00a0]+$"
)
# a pitch on a campsite or a holiday park: "staanplaats 23 op camping De Kuilen"
_PITCH_RE = re.compile(
    r"(?i)(?<![\w])(?:staanplaats|standplaats|kampeerplaats|plaats|plek|chalet|stacaravan|kavel"
    r"|woonwagen|caravan|huisje|bungalow|unit)(?:nummer|nr\.?)?[ \u00a0]*(?:nr\.?[ \u00a0]*)?"
    r"[0-9]{1,4}[a-z]?(?![\w])"
)
_CAMPING_RE = re.compile(
    r"(?i)(?<![\w])(?:camping|vakantiepark|bungalowpark|recreatiepark|woonwagenkamp"
    r"|woonwagenlocatie|chaletpark|kampeerterrein)"
)
# a street typed in lower case, after a living cue: "woont op kerkstraat 12"
_LOWER_STREET_RE = re.compile(
    r"(?<![\w])(?P<street>[a-zß-ÿ]{2,40}(?:"
    + _STREET_SUFFIXES
    + r"))[ \u00a0]+"
    + _HOUSE_NUMBER
    + r"(?![ \u00a0]*(?:km|m|meter|kilometer|minuten|min|uur|jaar|%|procent|euro|keer)(?![\w]))"
)
# a foreign street: "ul. Kwiatowa 12/4" (Polish), "str. Florilor 8", "rue de la Paix 12",
# "Atatürk Caddesi 14", "Kazım Karabekir Sokak 3"; only with an address or living cue or a
# person in the sentence
_FOREIGN_STREET_RE = re.compile(
    r"(?<![\w])(?:(?:ul\.|ulica|al\.|aleja|os\.|str\.|strada|bul\.|bd\.|rue|avenue|av\."
    # no "via": a Dutch word ("via Instagram 3 berichten")
    r"|chauss[ée]e|viale|piazza|calle|carrer|avenida|rua|travessa)[ \u00a0]+"
    r"(?:(?:de|la|le|du|des|del|della|di|da|do|dos|das)[ \u00a0]+){0,2}"
    r"[A-ZÀ-ÞŁŚŻŹĆŃ][\w'’.-]*(?:[ \u00a0]+[A-ZÀ-ÞŁŚŻŹĆŃ][\w'’-]*){0,2}"
    r"|[A-ZÀ-ÞŁŚŻŹĆŃ][\w'’-]*(?:[ \u00a0]+[A-ZÀ-ÞŁŚŻŹĆŃ][\w'’-]*){0,2}[ \u00a0]+"
    r"(?:Caddesi|Cad\.|Sokak|Sokağı|Sok\.|Mahallesi|Mah\.|utca|ulica|Straße|Strasse))"
    r"[ \u00a0,]+(?:(?:No|Nr|nr)\.?:?[ \u00a0]*)?[0-9]{1,4}[a-zA-Z]?(?:[/-][0-9]{1,4}[a-zA-Z]?)?"
    r"(?![\w])"
)
# a home named with its street: "de woning Groenewegje 30", "het huis Dotterbloem 18"
_HOME_NOUN_STREET_RE = re.compile(
    r"(?<![\w])(?i:de|het|die|deze|dat|dit|hun|zijn|haar|een)[ \u00a0]+(?:[a-zß-ÿ]+[ \u00a0]+)?"
    r"(?:huis|woning|flat|appartement|bovenhuis|benedenhuis|bovenwoning|benedenwoning"
    r"|[a-zß-ÿ]{2,20}woning)[ \u00a0]+"
    r"(?P<street>[A-ZÀ-Þ][\w'’-]*(?:[ \u00a0]+(?:(?:van|de|der|den|het|'t)[ \u00a0]+){0,2}"
    r"[A-ZÀ-Þ][\w'’-]*){0,2})[ \u00a0]+(?P<nr>" + _HOUSE_NUMBER + ")"
    r"(?![ \u00a0]*(?:jaar|jr|uur|straten|huizen|deuren|km|kilometer|meter|m|minuten|min|%"
    r"|procent|euro|keer|weken|maanden|dagen)(?![\w]))"
)

# letter pairs that follow a 4-digit number without being a postcode (units, abbreviations)
_NOT_POSTCODE_LETTERS = _wordset(
    "SA SD SS EU NL VS UK KB MB GB TB PK KW MW CC ML CL KG KM CM MM BC AD PC ID CV AM PM OK TV JA"
)
_NOT_STREETS = _wordset(
    """groep klas artikel lid fase stap ronde sessie module vraag versie bijlage hoofdstuk
    paragraaf kamer zaal lokaal casus punt optie week dag jaar deel tabel figuur team locatie
    niveau blok periode jaargang editie nummer pagina regel dia slide thema les kwartaal
    tafel sector domein route"""
)

# a street and its number with a comma or a word between: "op de kruiskade, nr 63b", "aan
# de Kerkstraat, nummer 44a", "de flat aan het Mercatorplein, 4e etage, deur 412"
_STREET_NR_RE = _Lazy(
    r"(?<![\w])(?P<street>(?:[A-Z][a-zß-ÿ]+\.?[ \u00a0]+"
    r"(?:(?:van|de|der|den|ter|ten|la|'t)[ \u00a0]+){0,2}){0,2}"
    r"[A-ZÀ-Þ][a-zß-ÿ]{0,40}(?:" + _STREET_SUFFIXES + r")|[a-zß-ÿ]{2,40}(?:" + _STREET_SUFFIXES
    + r"))[ \u00a0]*,?[ \u00a0]*(?:(?:[0-9]{1,2}(?:e|ste|de)|eerste|tweede|derde|vierde|vijfde"
    r"|begane)[ \u00a0]+(?:etage|verdieping|woonlaag|grond)[ \u00a0]*,?[ \u00a0]*)?"
    r"(?:nr\.?|no\.?|nummer|huisnummer|huisnr\.?|deur|app\.?|appartement)[ \u00a0]*"
    r"(?P<nr>[0-9]{1,4}[a-zA-Z]?)(?![\w])"
    r"(?![ \u00a0]*(?:tot|t/m|[-–][ \u00a0]*[0-9])(?![\w]))"
)  # fmt: skip
# a street without a street ending, its number and a place: "Het Vlak 19, Emmen", "De Brink
# 4, Assen", "Oude Markt 3b, Enschede"
_STREET_PLACE_RE = _Lazy(
    r"(?<![\w])(?P<street>(?:[A-ZÀ-Þ][\w'’.-]*[ \u00a0]+(?:(?:van|de|der|den|het|'t|op|aan)"
    r"[ \u00a0]+){0,2}){0,2}[A-ZÀ-Þ][\w'’-]*)[ \u00a0]+(?P<nr>" + _HOUSE_NUMBER + r"),"
    r"[ \u00a0]*(?P<place>[A-ZÀ-Þ][\w'’-]*(?:[ \u00a0]+(?:aan[ \u00a0]+(?:de|den)[ \u00a0]+)?"
    r"[A-ZÀ-Þ][\w'’-]*)?)"
)


_SUFFIX_RE = re.compile(r"(?:" + _STREET_SUFFIXES + r")$")


def _not_a_street_name(word: str) -> bool:
    """An ordinary Dutch word whose street-like ending is not a part of its own ("Antwoord":
    antw + oord), unlike a compound street name ("Kerkweg": kerk + weg, "Dorpsstraat")."""
    if not _is_word(word):
        return False
    m = _SUFFIX_RE.search(word.lower())
    stem = word[: m.start()] if m else word
    stem = stem[:-1] if stem.endswith("s") and len(stem) > 3 else stem  # dorps-straat
    return len(stem) < 3 or not (_is_word(stem) or stem.capitalize() in _FIRST)


_ON_STREET_RE = re.compile(r"(?<![\w])(?i:op|aan)[ \u00a0]+(?:(?i:de|het)[ \u00a0]+)?$")
# ... and the number ends the phrase ("op Kamperfoelie 12, en"), not "op Pagina 12 van"
_PHRASE_END_RE = re.compile(r"[ \u00a0]*(?:[,;.!?)\n]|$)")
_STREET_END_RE = re.compile(r"(?i)(?:" + _STREET_SUFFIXES + r")$")


def _postcode_ok(pc: str) -> bool:
    return pc[-2:] not in _NOT_POSTCODE_LETTERS


# where the two patterns above can match: a number word before digits ("nr 63b", "deur 412"),
# a number before a comma and a capital ("19, Emmen")
_NR_WORD_RE = re.compile(
    r"(?i)(?<![\w])(?:nr|no|nummer|huisnummer|huisnr|deur|app|appartement)\.?[ \u00a0]*[0-9]"
)
_NUMBER_COMMA_RE = re.compile(r"[0-9][a-zA-Z]?,[ \u00a0]*[A-ZÀ-Þ]")


def _windowed(
    lazy: _Lazy, anchor: re.Pattern[str], text: str, before: int, after: int
) -> Iterator[re.Match[str]]:
    """The matches of a long pattern around each match of the cheap ``anchor`` (it is compiled
    and tried only near where it can match)."""
    done = 0
    for a in anchor.finditer(text):
        rx = lazy.get()
        lo = max(done, a.start() - before)
        hi = min(len(text), a.end() + after)
        for m in rx.finditer(text, lo, hi):
            if m.start() <= a.start() < m.end():
                done = m.end()
                yield m


def _address_candidates(text: str) -> Iterator[tuple[int, int]]:
    for m in _POSTCODE_RE.finditer(text):
        if _postcode_ok(m.group("pc")):
            before = text[max(0, m.start() - 30) : m.start()].lower()
            if "postbus" in before or "antwoordnummer" in before:
                continue
            yield m.start(), m.end()
    for m in _STREET_RE.finditer(text):
        s, e = m.start(), m.end()
        # drop leading words that are not part of the street name ("Nieuw adres na ...")
        while True:
            sp = text.find(" ", s, e)
            head = text[s:sp] if sp != -1 else ""
            if (
                sp != -1
                and head
                and head[0].isupper()
                and head.lower() in _STOPWORDS
                and (head.lower() not in _PARTICLES or head.lower() in ("de", "het"))
            ):
                s = sp + 1
                continue
            break
        if m.group("pc") and not _postcode_ok(m.group("pc")):
            e = m.start("pc")
            while e > s and text[e - 1] in " ,\u00a0":
                e -= 1
        words = text[s:e].split()
        if (
            len(words) == 2
            and re.fullmatch(r"(?:19|20)[0-9]{2}", words[1])
            and (words[0] in _PLACES)
        ):
            continue  # "Amsterdam 2024": a place and a year
        if len(words) == 2 and not m.group("pc") and _not_a_street_name(words[0]):
            # an ordinary word that merely ends like a street ("Antwoord 8": antw-oord) is an
            # address only with a living cue in the sentence ("… waar de familie woont")
            lo, hi = _sentence_bounds(text, s, limit=200)
            if not _ADDRESS_CUE_RE.search(text, lo, hi):
                continue
        yield s, e
    for m in _NUMBER_OF_STREET_RE.finditer(text):
        yield m.start(), m.end()
    for m in _windowed(_STREET_NR_RE, _NR_WORD_RE, text, 140, 40):
        street = m.group("street")
        words = street.split()
        if words[0].lower() in _NOT_STREETS:
            continue
        if street[:1].islower() or (len(words) == 1 and _not_a_street_name(street)):
            # "op de kruiskade, nr 63b": a lower-case street not an ordinary word, or with a
            # living cue in the sentence
            lo, hi = _sentence_bounds(text, m.start(), limit=200)
            if _is_word(street) and not _ADDRESS_CUE_RE.search(text, lo, hi):
                continue
        yield m.start(), m.end()
    for m in _windowed(_STREET_PLACE_RE, _NUMBER_COMMA_RE, text, 90, 50):
        place = m.group("place")
        if place not in _PLACES and place.split()[0] not in _PLACES:
            continue
        words = m.group("street").split()
        low = [w.lower() for w in words]
        if low[0] in _NOT_STREETS or (
            low[0] in ("de", "het") and len(low) > 1 and low[1] in _NOT_STREETS
        ):
            continue  # "Groep 7, Emmen", "Zaal 4, Utrecht"
        if re.fullmatch(r"(?:19|20)[0-9]{2}", m.group("nr")):
            continue  # "Amsterdam 2024, ...": a year
        if all(w.lower() in _STOPWORDS for w in words):
            continue
        yield m.start(), m.end("nr")
    for m in _HOME_STREET_RE.finditer(text):
        if m.group("street").split()[0].lower() in _NOT_STREETS:
            continue
        if _HOME_BEFORE_RE.search(text[max(0, m.start() - 90) : m.start()]):
            yield m.start("street"), m.end("nr")
    for m in _FOREIGN_STREET_RE.finditer(text):
        lo, hi = _sentence_bounds(text, m.start(), limit=200)
        if _ADDRESS_CUE_RE.search(text, lo, hi) or _PERSON_NEAR_RE.search(text, lo, hi):
            yield m.start(), m.end()
    for m in _HOME_NOUN_STREET_RE.finditer(text):
        words = m.group("street").split()
        if words[0].lower() in _NOT_STREETS or any(len(w) < 3 or w.isupper() for w in words):
            continue  # "het appartement Type B 3", "de woning NB 2"
        # a street by its ending ("Groenewegje 30"), else an ordinary word only with a living
        # cue in the sentence ("het huis Meidoorn 7 ..., daar woont de jongen")
        lo, hi = _sentence_bounds(text, m.start(), limit=200)
        if _STREET_END_RE.search(words[-1]) or _ADDRESS_CUE_RE.search(text, lo, hi):
            yield m.start("street"), m.end("nr")
    for m in _PITCH_RE.finditer(text):
        s, e = _sentence_bounds(text, m.start(), limit=200)
        if _CAMPING_RE.search(text, s, e):
            yield m.start(), m.end()
    for m in _LOWER_STREET_RE.finditer(text):
        s, _ = _sentence_bounds(text, m.start(), limit=200)
        if _ADDRESS_CUE_RE.search(text, s, m.start()) or (
            not _is_word(m.group("street"))
            and re.search(
                r"(?i)(?:op|aan)[ \u00a0]+de[ \u00a0]+$", text[max(0, m.start() - 8) : m.start()]
            )
        ):
            yield m.start(), m.end()
    done = 0
    for cue in _ADDRESS_CUE_RE.finditer(text):
        lo = max(cue.end(), done)
        hi = min(len(text), cue.end() + 80)
        if lo >= hi:
            continue
        _, send = _sentence_bounds(text, cue.end(), limit=100)
        hi = min(hi, send)
        done = hi
        field = text[cue.end() : cue.end() + 3].lstrip(" \u00a0").startswith(":")
        for m in _BARE_STREET_RE.finditer(text, lo, hi):
            word = m.group("street")
            if word.lower() in _NOT_STREETS or word in _FIRST:
                continue
            # an ordinary word only as the value of an address field ("adres: Zonnedauw 14") or
            # after "op"/"aan" ("Hij woont …, op Kamperfoelie 12")
            if _is_word(word) and not (
                (field and re.fullmatch(r"[ \u00a0]*:[ \u00a0]*", text[cue.end() : m.start()]))
                or (
                    _ON_STREET_RE.search(text, max(lo, m.start() - 12), m.start())
                    and _PHRASE_END_RE.match(text, m.end())
                )
            ):
                continue
            yield m.start(), m.end()


# --------------------------------------------------------------------------- licence plates

_PL = "BDFGHJKLMNPRSTVXZ"  # letters on current Dutch plates (no vowels, no C/Q/W/Y)
_L, _D = f"[{_PL}]", "[0-9]"
_SIDECODES = [
    (2, "L", 2, "D", 2, "D"), (2, "D", 2, "D", 2, "L"), (2, "D", 2, "L", 2, "D"),
    (2, "L", 2, "D", 2, "L"), (2, "L", 2, "L", 2, "D"), (2, "D", 2, "L", 2, "L"),
    (2, "D", 3, "L", 1, "D"), (1, "D", 3, "L", 2, "D"), (2, "L", 3, "D", 1, "L"),
    (1, "L", 3, "D", 2, "L"), (3, "L", 2, "D", 1, "L"), (1, "L", 2, "D", 3, "L"),
    (1, "D", 2, "L", 3, "D"), (3, "D", 2, "L", 1, "D"),
]  # fmt: skip


def _sidecode_pattern(letters: str, sep: str) -> str:
    alts = []
    for a, ka, b, kb, c, kc in _SIDECODES:
        g = [f"{letters if k == 'L' else _D}{{{n}}}" for n, k in ((a, ka), (b, kb), (c, kc))]
        alts.append(sep.join(g))
    return "(?:" + "|".join(alts) + ")"


_PLATE_RE = re.compile(r"(?<![\w-])" + _sidecode_pattern(_L, "-") + r"(?![\w]|-[\w])")
_PLATE_CUED_RE = re.compile(
    r"(?i)(?<![\w])(?:kenteken(?:nummer|plaat)?|kent\.|nummerbord)(?![\w])[^\n]{0,40}?"
    r"(?<![\w-])(?P<p>" + _sidecode_pattern("[A-Z]", "-?") + r")(?![\w]|-[\w])"
)


_PLATE_ANY_RE = re.compile(r"(?<![\w-])" + _sidecode_pattern("[A-Z]", "-") + r"(?![\w]|-[\w])")
# typed in lower case ("tante rijdt in een oude opel, zl-90-ht"): only where a vehicle is named;
# three dash-separated groups are found first (cheap), then checked against the side-codes
_DASHED_RE = re.compile(r"(?<![\w-])[a-z0-9]{1,3}-[a-z0-9]{1,3}-[a-z0-9]{1,3}(?![\w]|-[\w])")
_PLATE_LOWER_RE = re.compile(_sidecode_pattern("[a-z]", "-"))
_VEHICLE_RE = re.compile(
    r"(?i)(?<![\w])(?:auto|auto's|autos|wagen|bestelbus|bestelwagen|busje|bus|scooter|brommer"
    r"|motor|motorfiets|taxi|vrachtwagen|bestelauto|huurauto|leaseauto|oldtimer|kenteken|nummerbord"
    r"|rijdt|reed|golf|polo|bmw|audi|mercedes|opel|toyota|volkswagen|vw|renault|peugeot|citroën"
    r"|fiat|ford|kia|hyundai|skoda|seat|volvo|tesla|mazda|nissan|suzuki|clio|corsa|octavia"
    r"|voertuig|voertuigen|bromfiets|snorfiets|camper|aanhanger|quad|touringcar|lijnbus"
    r"|pendelbus|schoolbus|streekbus|minibus|personenbus)(?![\w])"
)


# an organisation's vehicle: "de poolauto", "dienstwagen", "bedrijfsbus", "deelauto"
_ORG_VEHICLE_RE = re.compile(
    r"(?i)(?<![\w])(?:pool|dienst|bedrijfs|deel|politie|brandweer|gemeente|school"
    r"|handhavings)(?:auto|auto's|wagen|wagens|voertuig|voertuigen|bus|busje|bestelbus"
    r"|scooter|scooters|fiets|fietsen|motor)(?![\w])"
)
_VEHICLE_OF_RE = re.compile(
    # also compounds: "de leaseauto van de GGD", "de huurauto van het wijkteam"
    r"(?i)(?<![\w])[\w-]*?(?:auto|wagen|voertuig|bus|busje|bestelbus|bestelauto|scooter|busjes"
    r"|auto's|voertuigen)[ \u00a0]+van[ \u00a0]+(?:de|het|ons|onze)[ \u00a0]+([^\W\d_]+)"
)
# a plate-shaped code given as a product, order or room code: "Bestelcode van de vlaggen: …"
_CODE_WORD_RE = re.compile(
    r"(?i)(?<![\w])[\w-]*(?:codes?|nummers?|nrs?|type|sku|kenmerk|referentie|id|ruimte|lokaal|zaal"
    # documents, courses and products are numbered too: "Module JB-12-RT van de e-learning",
    # "Draaiboek versie 24-DT-03", "Artikelnummers van de posters: …"
    r"|module|modules|versie|versies|editie|release|draaiboek|formulier|hoofdstuk|bijlage"
    r"|e-learning|cursus|serie|artikel|artikelen|product|producten)"
    r"(?![\w])"
)
# devices and objects named by a plate-shaped code right after them: "Printer KP-212-D",
# "kluisje LK-07-3" (not "de camera legde 12-BDF-3 vast")
_DEVICE_BEFORE_RE = re.compile(
    r"(?i)(?<![\w])(?:[\w-]*(?:printer|apparaat|machine|kopieerder|scanner|laptop|computer"
    r"|beamer|projector|camera|router|server|tablet|toestel|kluis|kluisje|kast|sleutel|badge"
    r"|pasje)|pc)[ \u00a0]*:?[ \u00a0]*$"
)


# public transport: "de lijnbus van Arriva (BX-204-P)", "touringcar BX-920-T"
_PUBLIC_TRANSPORT_RE = re.compile(
    r"(?i)(?<![\w])(?:lijnbus|lijnbussen|streekbus|stadsbus|nachtbus|buurtbus|touringcar"
    r"|touringbus|tram|metro|trein)(?![\w])[^.;!?\n]{0,30}$"
)
# fleet vehicles named by their plate ("touringcar BX-920-T")
_VEHICLE_NAMED_RE = re.compile(
    r"(?i)(?<![\w])(?:touringcar|touringbus|lijnbus|pendelbus|schoolbus|streekbus|minibus"
    r"|personenbus|bus|busje|taxi|taxibus|deelauto)[ \u00a0]+$"
)
# ... but police and enforcement act on other people's vehicles ("De politie heeft busje … ")
_ENFORCEMENT_WORDS = _wordset(
    "politie marechaussee handhaving boa boa's om justitie recherche douane rechtbank wijkagent"
)


def _org_vehicle(text: str, s: int, start: int, end: int) -> bool:
    """Is the plate at ``s`` an organisation's vehicle ("de poolauto van het wijkteam"), with no
    person around it ("het bedrijfsbusje waarmee hij wordt opgehaald" is his)?"""
    before = text[max(start, s - 80) : s]
    org = bool(_ORG_VEHICLE_RE.search(before)) and not re.search(
        r"(?i)(?<![\w])(?:privé|eigen)", before
    )
    if not org:
        org = any(
            _owner_class(m.group(1), m.group(1)) == "org" for m in _VEHICLE_OF_RE.finditer(before)
        )
    if not org and _PUBLIC_TRANSPORT_RE.search(before):
        org = True  # "De lijnbus van Arriva (BX-204-P)": public transport is no one's own
    if not org and _VEHICLE_NAMED_RE.search(before):
        # "Het busbedrijf heeft touringcar BX-920-T ingezet": a vehicle named by its plate
        # whose subject is an organisation (the first owner word of the sentence)
        for tok in _OWNER_TOKEN_RE.finditer(text, start, s):
            cls = _owner_class(tok.group(), tok.group())
            if cls is not None:
                org = cls == "org" and tok.group().lower() not in _ENFORCEMENT_WORDS
                break
    return org and not _PERSON_NEAR_RE.search(text, max(start, s - 150), min(end, s + 150))


def _code_not_plate(text: str, s: int, start: int, end: int) -> bool:
    """Is the plate-shaped text at ``s`` introduced as another kind of code, with no vehicle?"""
    lo = max(start, s - 60)
    if _DEVICE_BEFORE_RE.search(text, lo, s):
        return not _VEHICLE_RE.search(text, max(start, s - 150), min(end, s + 150))
    last = None
    for m in _CODE_WORD_RE.finditer(text, lo, s):
        last = m
    if last is None or last.group().lower().startswith(("kenteken", "nummerbord")):
        return False
    gap = text[last.end() : s]
    if len(gap) > 41 or any(c.isdigit() or c == "\n" for c in gap):
        return False
    return not _VEHICLE_RE.search(text, max(start, s - 150), min(end, s + 150))


# a plate given as an example or in training material: "als voorbeeld het kenteken AB-12-CD,
# dat uiteraard niet bestaat", "In het lesmateriaal staat …"
_EXAMPLE_RE = re.compile(
    r"(?i)(?<![\w])(?:als[ \u00a0]+voorbeeld|voorbeeld(?:kenteken|nummer|account"
    r"|naam|bsn)?|fictie(?:f|ve)|verzonnen|(?:dat|die|het|dit)[ \u00a0]+(?:uiteraard[ \u00a0]+"
    r"|natuurlijk[ \u00a0]+)?niet[ \u00a0]+bestaat|niet-bestaande?)(?![\w])"
)


def _example_of(text: str, s: int) -> bool:
    """Is the detail at ``s`` given as an example or in training material, with no person (a
    family member, a young person, a pronoun) in its sentence?"""
    start, end = _sentence_bounds(text, s)
    if not (_EXAMPLE_RE.search(text, start, end) or _FICTION_RE.search(text, start, end)):
        return False
    return not _PERSON_NEAR_RE.search(text, start, end)


def _clause_bounds(text: str, s: int) -> tuple[int, int]:
    """The sentence around ``s``, with the clauses joined to it by a semicolon."""
    start, end = _sentence_bounds(text, s)
    if start > 0 and text[start - 1] == ";":
        start, _ = _sentence_bounds(text, start - 1)
    elif start > 1 and text[start - 2 : start].strip() == ";":
        start, _ = _sentence_bounds(text, start - 2)
    if end < len(text) and text[end] == ";":
        _, end = _sentence_bounds(text, end + 1)
    return start, end


def _letter_groups(plate: str) -> tuple[str, ...]:
    return tuple(g for g in plate.upper().split("-") if g.isalpha())


def _find_plates(text: str) -> Iterator[_Cand]:
    found: set[tuple[int, int]] = set()
    for m in _PLATE_RE.finditer(text):
        found.add(m.span())
    for m in _PLATE_ANY_RE.finditer(text):
        if m.span() in found:
            continue
        # vowels (older plates, or a plate typed from memory) only where a vehicle is mentioned
        s, e = _sentence_bounds(text, m.start(), limit=150)
        if _VEHICLE_RE.search(text, s, e):
            found.add(m.span())
    for m in _DASHED_RE.finditer(text):
        if not _PLATE_LOWER_RE.fullmatch(m.group()) or m.group().isdigit():
            continue
        s, e = _sentence_bounds(text, m.start(), limit=150)
        if _VEHICLE_RE.search(text, s, e):
            found.add(m.span())
    for m in _PLATE_CUED_RE.finditer(text):
        p = m.group("p")
        if p.isupper() or p.islower():
            found.add((m.start("p"), m.end("p")))
    codes: list[tuple[int, int]] = []  # plate-shaped codes found so far (not plates)
    for s, e in sorted(found):
        start, end = _sentence_bounds(text, s)
        if _code_not_plate(text, s, start, end) or _code_series(text, s, e, codes):
            codes.append((s, e))
            continue
        if _org_vehicle(text, s, start, end) or _example_of(text, s):
            continue
        lo, hi = _clause_bounds(text, s)
        if _holder(text, lo, hi, _NO_SPANS) == "org" and not _PERSON_NEAR_RE.search(text, lo, hi):
            continue  # "De auto … staat op naam van de GGD; kenteken 7-TKB-92 …"
        yield ("kenteken", s, e)


def _code_series(text: str, s: int, e: int, codes: list[tuple[int, int]]) -> bool:
    """Is the plate-shaped text at ``s`` the next of a series of codes in the same sentence, with
    the same letters ("Module JB-12-RT …, JB-13-RT …", "HB-220-S (A2) en HB-221-S (A3)")?"""
    if not codes:
        return False
    ps, pe = codes[-1]
    if s - pe > 60 or "\n" in text[pe:s] or _VEHICLE_RE.search(text, pe, s):
        return False
    if _sentence_bounds(text, s)[0] > ps:
        return False
    return _letter_groups(text[ps:pe]) == _letter_groups(text[s:e])


# --------------------------------------------------------------------------- social-media handles

_PLATFORMS = (
    r"(?:tt|yt|sc)(?=[- ]?(?:account|kanaal|channel|profiel|naam|handle))"
    r"|insta(?:gram)?|ig|snap(?:chat)?|tik[ -]?tok|discord|telegram|twitter|x|facebook|fb"
    r"|reddit|roblox|xbox|playstation|psn|steam|twitch|youtube|threads|bereal|kik|fortnite"
    r"|minecraft|tumblr|pinterest|signal|whatsapp|spotify|soundcloud|onlyfans|bluesky|mastodon"
)
_HANDLE_WORDS = (
    r"(?:account|naam|gebruikersnaam|username|user|gamertag|tag|profiel|handle|kanaal|channel"
    r"|id|server)"
)
_PLATFORM_RE = re.compile(
    r"(?i)(?<![\w@#])(?:" + _PLATFORMS + r")(?:[- ]?" + _HANDLE_WORDS + r")?(?![\w])"
    r"|(?<![\w])(?:gamertag|gebruikersnaam|username|accountnaam|schermnaam|nickname|nick)(?![\w])"
)
# letters with diacritics too: "@zorgcoördinatoren" is one mention (a team), not "@zorgco"
_AT_HANDLE_RE = re.compile(r"(?<![\w@.&+-])@(?P<h>\w(?:[\w.]{0,38}\w)?)")
# a user name in brackets after a platform's account or channel: "Het YouTube-kanaal van de
# jongere (AbdiWarsameVlogs)", "een TikTok-account (lina.x)"
_BRACKET_HANDLE_RE = re.compile(
    r"[^\n.;!?()]{0,40}?\([ \u00a0]*(?P<h>@?[A-Za-z0-9_][A-Za-z0-9_.]{1,38}[A-Za-z0-9_])"
    r"[ \u00a0]*\)"
)
_DISCORD_TAG_RE = re.compile(r"(?<![\w.#])[A-Za-z0-9_.]{2,32}#[0-9]{4}(?![\w])")
_PROFILE_URL_RE = re.compile(
    r"(?i)(?<![\w/])(?:https?://)?(?:www\.)?(?:t\.me|instagram\.com|tiktok\.com|facebook\.com"
    r"|fb\.com|twitter\.com|x\.com|snapchat\.com/add|youtube\.com|reddit\.com/u(?:ser)?"
    r"|twitch\.tv|threads\.net|linkedin\.com/in)/@?[A-Za-z0-9_.-]{2,60}"
    r"|(?<![\w/])u/[A-Za-z0-9_-]{3,30}(?![\w])"
)
# after a platform cue: "Snapchat: naam.x", "op Instagram als naam_010", "Snap is mila_j2010"
_HANDLE_AFTER_CUE_RE = re.compile(
    r"(?i)[^\n.;!?]{0,40}?(?:[:=]|(?<![\w])(?:is|als|heet|onder|naam)(?![\w]))"
    r"[ \u00a0]*(?:de naam[ \u00a0]+)?[\"'‘“(]?[ \u00a0]*(?P<h>\.?@?[A-Za-z0-9_][A-Za-z0-9_.]{1,38}"
    r"[A-Za-z0-9_.]?)(?![\w@])"
)
# a handle-looking token near a platform word: "TikTok-account lucas.vdmeer", "Ryan0Dutch"
_HANDLE_TOKEN_RE = re.compile(
    r"(?<![\w@./#=?&-])(?P<h>\.?[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+_*|[A-Za-z]+[0-9]+[A-Za-z0-9]*"
    r"|[A-Za-z0-9]+_+[A-Za-z0-9_]*|[a-z]+[A-Z][A-Za-z]*[0-9]*)\.?(?![\w@/-])"
)
_ORG_HANDLE_PARTS = _wordset(
    """platform jep politie gemeente ggd nji nctv wijkagent wijkteam jeugd school official
    officieel nieuws news info team overheid rijksoverheid ministerie veiligthuis kindertelefoon
    halt omroep nos rtl stichting allen iedereen everyone here all channel teams roc
    """
)
# words that young people put in their own handles too ("yassin.official", "mila_news")
_WEAK_ORG_PARTS = _wordset("official officieel nieuws news info")
_FILE_EXTENSIONS = _wordset(
    "pdf doc docx xls xlsx ppt pptx txt csv jpg jpeg png gif mp4 nl com org"
)


_URL_PAGES = _wordset(
    """watch shorts channel c p reel reels explore hashtag tag tags search share status posts
    groups group events pages stories live playlist results embed joinchat s"""
)


def _handle_parts(handle: str) -> list[str]:
    # "GGDregioUtrecht" -> ggd, regio, utrecht; "JEPhelpdesk" -> jep, helpdesk;
    # "GGDHaaglanden" -> ggd, haaglanden (an organisation's acronym before a capitalised word)
    acro = re.match(r"[A-Z]{3,}(?=[a-z])", handle)
    if acro is not None and acro.group()[:-1].lower() in _ORG_HANDLE_ACRONYMS:
        handle = handle[: acro.end() - 1] + " " + handle[acro.end() - 1 :]
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", handle)
    spaced = re.sub(r"([A-Z]{2,})([A-Z][a-z]|[a-z]{2})", r"\1 \2", spaced)
    return [p.lower() for p in re.split(r"[\s_.0-9-]+", spaced) if p]


# organisations' acronyms inside a handle ("@teamleider_zvh", "@GGDregioUtrecht"); not the short
# ones that are also words or common letter pairs in user names
_ORG_HANDLE_ACRONYMS = frozenset(
    a.lower() for a in _ORG_ACRONYMS if len(a) >= 3 and a.lower() not in ("mee", "ind", "ret")
)


@lru_cache(maxsize=4096)
def _is_personal_handle(handle: str, strict: bool) -> bool:
    h = handle.strip(".@")
    if len(h) < 3 or h.isdigit():
        return False
    letters = [c for c in h if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and "_" in h:
        return False  # "NCTV_NL": an organisation's account
    parts = _handle_parts(h)
    # an organisation's word or acronym, or a professional's role ("@teamleider_zvh")
    org_parts = [
        p
        for p in parts
        if p in _ORG_HANDLE_PARTS or p in _ORG_HANDLE_ACRONYMS or p in _PROFESSIONAL_ROLES
    ]
    given = any(p.capitalize() in _FIRST and not _is_word(p) for p in parts)
    if org_parts and not (given and all(p in _WEAK_ORG_PARTS for p in org_parts)):
        return False  # but "yassin.official010" is a person's
    low = h.lower()
    if any(w in low for w in _ORG_HANDLE_PARTS if len(w) >= 6 and w not in _WEAK_ORG_PARTS):
        return False  # "@gemeenteutrecht", "@politie_rotterdam"
    labels = h.split(".")
    if len(labels) > 1 and labels[-1].lower() in _FILE_EXTENSIONS and min(map(len, labels)) > 1:
        return False  # a file name or web domain (not "lotje.x.nl": no domain has 1-letter labels)
    if re.fullmatch(r"(?:[A-Za-z]\.){2,}[A-Za-z]?", h):
        return False  # an abbreviation: o.a., i.v.m.
    plain = h.isalpha() and h.islower()
    if strict and plain:
        return False
    return not (plain and (_is_word(h) or h in _STOPWORDS))


def _role_compound(word: str) -> bool:
    """Is ``word`` a team or role written as one word ("teamjeugd", "zorgteamnoord"): two
    ordinary Dutch words, one of them an organisation's or a role's ("@stormwolf" is not)?"""
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if not _is_word(head) or not _is_word(tail):
            continue
        if any(
            w in _ORG_HANDLE_PARTS
            or w in _ORG_OWNER_WORDS
            or w in _PROFESSIONAL_ROLES
            or w.endswith(_TEAM_ENDINGS)
            for w in (head, tail)
        ):
            return True
    return False


# teams and desks written as one word: "jeugdteam", "leerplichtzaken", "zorgloket"
_TEAM_ENDINGS = ("team", "teams", "zaken", "loket", "punt", "dienst", "zorg", "werk")


def _bracket_handle(h: str) -> bool:
    """Is ``h``, in brackets after an account or channel, a user name: not a number, a Dutch
    word, a platform or an organisation's name; a plain capitalised word only when it is
    written as one word of several parts ("AbdiWarsameVlogs")?"""
    core = h.lstrip("@")
    if core.isdigit() or _PLATFORM_RE.fullmatch(core) or not _is_personal_handle(core, False):
        return False
    if core.isalpha():
        if _is_word(core) or core.lower() in _STOPWORDS:
            return False
        humps = sum(1 for i, c in enumerate(core) if c.isupper() and i > 0)
        return core.islower() or humps >= 1 or h.startswith("@")
    return True


# a display name in a chat or an app, in quotes: "In de buurtapp staat de oudste broer als 'Abu
# Yusuf NL'", "hij heet in de groepsapp 'Yassin 010'"
_DISPLAY_NAME_RE = re.compile(
    r"(?i)(?<![\w])(?:staat|stond|staan|stonden|heet|heette|noemt[ \u00a0]+zich|noemde"
    r"[ \u00a0]+zich|opgeslagen|zit|zat)(?:[ \u00a0]+[^\W\d_]+){0,5}?[ \u00a0]+"
    r"(?:als|onder)?[ \u00a0]*[\"'‘“](?P<h>[^\"'’”\n]{2,40}?)[\"'’”]"
)
_APP_RE = re.compile(
    r"(?i)(?:app|apps|chat|chats|groepsapp|whatsapp|contacten|contactenlijst|status|profiel"
    r"|profielnaam|schermnaam|weergavenaam)(?![\w])"
)


def _display_name(name: str) -> bool:
    """A display name that names a person: a listed first name or surname that is no Dutch
    word ("Abu Yusuf NL"), not a group's or an organisation's ("Moeders 3B", "Buurtpreventie")."""
    for tok in _TOKEN_RE.finditer(name):
        w = tok.group()
        cap = w[:1].upper() + w[1:].lower()
        if (cap in _FIRST or cap in _SUR) and not _is_word(w) and w.lower() not in _STOPWORDS:
            return True
    return False


def _find_handles(text: str) -> Iterator[_Cand]:
    for m in _DISPLAY_NAME_RE.finditer(text):
        lo, hi = _sentence_bounds(text, m.start())
        if (_APP_RE.search(text, lo, hi) or _PLATFORM_RE.search(text, lo, hi)) and _display_name(
            m.group("h")
        ):
            yield ("handle", m.start("h"), m.end("h"))
    for m in _AT_HANDLE_RE.finditer(text):
        h = m.group("h")
        if text[m.end() : m.end() + 1] == ":" and h.isalpha():
            continue  # "@allen:" addresses a group in a chat
        if _is_personal_handle(h, strict=False):
            if h.isalpha() and _is_word(h) and not (h[:1].isupper() and h in _FIRST):
                continue  # "@iedereen", "@Gespreksleider": a word or a role mentioned in a chat
            if h.isalpha() and h.islower() and _role_compound(h):
                continue  # "@teamjeugd", "@zorgteamnoord": a team or role mentioned in a chat
            yield ("handle", m.start(), m.end())
    for m in _DISCORD_TAG_RE.finditer(text):
        yield ("handle", m.start(), m.end())
    for m in _PROFILE_URL_RE.finditer(text):
        tail = re.split(r"[/@]", m.group())[-1]
        if tail.lower() in _URL_PAGES:
            continue
        if _is_personal_handle(tail, strict=False):
            yield ("handle", m.start(), m.end())
    scanned = 0  # the handle-shaped tokens up to here have been looked at
    for p in _PLATFORM_RE.finditer(text):
        word = p.group().lower()
        if re.match(r"\.(?:com|nl|tv|net|me|org|be)\b|/", text[p.end() : p.end() + 5]):
            continue  # part of a web address
        if word == "x" and not re.search(
            r"(?i)(?:op|via|van|on)\s*$", text[max(0, p.start() - 6) : p.start()]
        ):
            continue
        _, send = _sentence_bounds(text, p.end())
        cm = _HANDLE_AFTER_CUE_RE.match(text, p.end())
        if cm is not None and cm.end() <= send + 1:
            h = cm.group("h")
            if not h.startswith("."):
                h = h.rstrip(".")
            core = h.strip(".@")
            plain = core.isalpha()
            ok = (
                _is_personal_handle(core, strict=False) if not h.startswith(".") else len(core) >= 3
            )
            if plain and not h.startswith((".", "@")):
                # a plain word is a user name only after "platform:" and when it is no Dutch word
                colon = ":" in text[p.end() : cm.start("h")] or "=" in text[p.end() : cm.start("h")]
                ok = ok and colon and core.lower() not in _STOPWORDS and not _is_word(core)
                ok = ok and not (core[:1].isupper() and core[1:].islower() and core in _FIRST)
            if ok:
                yield ("handle", cm.start("h"), cm.start("h") + len(h))
        if re.search(r"(?i)(?:account|kanaal|channel|profiel)$", p.group()):
            bm = _BRACKET_HANDLE_RE.match(text, p.end())
            if bm is not None and _bracket_handle(bm.group("h")):
                yield ("handle", bm.start("h"), bm.end("h"))
        lo, hi = max(0, p.start() - 60), min(send, p.end() + 60)
        sstart, _ = _sentence_bounds(text, p.start())
        lo = max(lo, sstart, scanned)
        scanned = max(scanned, hi)
        for t in _HANDLE_TOKEN_RE.finditer(text, lo, hi):
            h = t.group("h")
            if _is_personal_handle(h, strict=True):
                yield ("handle", t.start("h"), t.end("h"))


# --------------------------------------------------------------------------- student / case numbers

# numbers that always belong to a person
_PERSONAL_NUMBER_CUES = (
    r"leerling(?:en)?nummer|leerlingnr\.?|lln\.?-?nr\.?|student(?:en)?nummer|studentnr\.?"
    r"|student-?id|studentid|onderwijsnummer|cli[eë]nt(?:en)?nummer|cli[eë]ntnr\.?"
    r"|pati[eë]nt(?:en)?nummer|parketnummer|parketnr\.?|v-nummer|vreemdelingennummer"
    r"|documentnummer|paspoortnummer|rijbewijsnummer|id-nummer|id-kaartnummer|polisnummer"
    r"|verzekerdennummer|jgz-nummer|pasnummer|lidnummer|relatienummer|klantnummer"
    r"|ov-nummer|burgerservicenummer|bsn-nummer|cjib-nummer|aangiftenummer|pv-nummer"
    r"|proces-verbaalnummer|bvh-nummer|zsm-nummer|ov-chipkaart(?:nummer)?|ov-kaart(?:nummer)?"
    r"|id-kaart|identiteitskaart|paspoort|verblijfsvergunning|verblijfsdocument|rijbewijs"
    r"|bibliotheekpas(?:nummer)?|schoolpas(?:nummer)?"
    # a person's id in a system: "Leerling-ID", "kindnummer", "patiënt-ID", "jeugdige-id"
    r"|(?:leerling|kind|pati[eë]nt|cli[eë]nt|student|pupil|jeugdige)-?(?:id|nr\.?|nummer|code)"
    r"|kindnummer|deelnemer(?:s)?(?:nummer|nr\.?)|inschrijvingsnummer|inschrijfnummer"
)
# numbers of a case or file: personal only when a young person or family member is mentioned
_CASE_NUMBER_CUES = (
    r"zaaknummer|zaaknr\.?|dossiernummer|dossiernr\.?|[\w-]*dossier|casusnummer|casenummer"
    r"|registratienummer|registratienr\.?|[\w-]*registratie|meldingsnummer|meldnummer"
    r"|kenmerk|referentienummer|referentie|vt-nummer|ots-nummer|rekestnummer|rekestnr\.?"
    r"|rolnummer|procedurenummer|beschikkingsnummer|zaak|nummer|nr\.?"
)
# any other compound ending in "nummer"/"nr" ("huurcontractnummer", "kindnummer"), except an
# organisation's, a thing's or a shipment's number; it needs a person noun or a name nearby
_COMPOUND_CASE_CUES = (
    r"(?!(?:order|factuur|project|ticket|artikel|versie|kamer|huis|telefoon|kvk|btw|bestel"
    r"|offerte|subsidie|serie|model|product|pagina|postbus|lijn|bus|vlucht|trein|perron|lokaal"
    r"|zaal|tafel|stoel|pin|iban|rekening|vestigings|inkoop|budget|kostenplaats|grootboek"
    r"|weg|route|regel|item|volg|agenda|actie|punt|bijlage|document|zendings?|verzend|pakket"
    r"|track|trace|leverings?)(?:nummer|nr))[^\W\d_]{3,25}(?:nummer|nr\.?)"
)
_KNOWN_CASE_CUE_RE = re.compile(r"(?i)(?:" + _CASE_NUMBER_CUES + r")")
_PRONOUNS = _wordset("hij zij zijn haar hem")
# personal-number cues that an organisation or a document has too ("klantnummer van de
# gemeente", "documentnummer in Corsa"): personal only with a person in the sentence
_SHARED_NUMBER_CUE_RE = re.compile(
    r"(?i)^(?:klant|relatie|lid|polis|pas|document|inschrijvings|inschrijf|deelnemers?)"
    r"(?:nummer|nr\.?)$"
)
# identity documents: their document number is always a person's
_ID_DOCUMENT_RE = re.compile(
    r"(?i)(?<![\w])(?:paspoort|id-kaart|identiteitskaart|identiteitsbewijs|rijbewijs"
    r"|verblijfsvergunning|verblijfsdocument|vreemdelingendocument|id-bewijs)"
)
# Child-protection and family-court context: a case number there is always a child's or a
# family's ("rekestnummer ondertoezichtstelling", "JE RK" = youth-law petition)
_CHILD_CASE_RE = re.compile(
    r"(?i)(?<![\w])(?:ots|ondertoezichtstelling|ondertoezichtstellingen|uithuisplaatsing"
    r"|uhp|machtiging|gezinsvoogd|gezinsvoogdij|jeugdbeschermer|voogd|voogdij"
    r"|gezag|gezagsbeëindiging|gezagsonderzoek|beschermingsonderzoek|kinderrechter"
    r"|raad[ \u00a0]+voor[ \u00a0]+de[ \u00a0]+kinderbescherming|rvdk|veilig[ \u00a0]+thuis"
    # compulsory education and youth probation concern a child too
    r"|leerplicht[\w-]*|jeugdreclassering|je[ \u00a0]?rk|fa[ \u00a0]?rk|jeugdbescherming"
    r"|gecertificeerde[ \u00a0]+instelling)(?![\w])"
)
# case cues specific enough to take that context ("zaaknummer", not a bare "nummer")
_SPECIFIC_CASE_CUE_RE = re.compile(
    r"(?i)^(?:zaak|dossier|rekest|rol|registratie|melding|meld|casus|beschikkings|procedure"
    r"|referentie)(?:nummer|nr\.?)?$|^[\w-]*(?:dossier|registratie)$|^kenmerk$"
)
_NUMBER_TOKEN = (
    r"(?P<n>(?<![\w/-])(?:[A-Za-z]{0,4}[/-]?)?[0-9][0-9A-Za-z]*(?:[/.-][0-9A-Za-z]+)*"
    r"|[A-Z]{1,3}[0-9][0-9A-Z]{3,})(?![\w])"
)
_PERSONAL_NUMBER_RE = re.compile(
    r"(?i)(?<![\w])(?:" + _PERSONAL_NUMBER_CUES + r")(?![\w])(?P<gap>[^\n.;?!]{0,60}?)"
    r"(?-i:(?P<g>[0-9]{4}(?:[ \u00a0][0-9]{4}){2,3})(?![\w])|" + _NUMBER_TOKEN + r")"
)
_CASE_TAIL = (
    r"(?![\w])(?P<gap>[ \u00a0]*(?::|is|=)?[ \u00a0]*"
    # "Dossiernr. Raad voor de Kinderbescherming van het gezin: …", "Het leerplichtdossier van
    # het meisje, LP-2024-0891, …"
    r"|[^\n.;?!]{0,70}?(?:[:=(,]|(?<![\w])is(?![\w]))[ \u00a0]*"
    # the organisation whose number it is: "Dossiernummer Veilig Thuis VT-24-08815"
    r"|(?:[ \u00a0]+(?-i:[A-ZÀ-Þ][\w-]*)(?:[ \u00a0]+(?:voor|van|de|het|der"
    r"|(?-i:[A-ZÀ-Þ][\w-]*))){0,4})[ \u00a0]*(?::[ \u00a0]*)?"
    # lower-case words before a code-like number: "registratienr leerplicht LP-19-3378"
    # (not a date: "staat in het dossier als 14-07-1983")
    r"|(?:[ \u00a0]+[^\W\d_]{2,25}){1,3}[ \u00a0]+(?=(?-i:[A-Z]{1,4})-[0-9]|[0-9]{2,}[-/][0-9])"
    r"(?![0-9]{1,2}(?P<dsep>[-/.])[0-9]{1,2}(?P=dsep)[0-9]{2,4}(?![0-9])))"
    # an organisation's short name before the number: "RvdK 2023/1187-B"
    r"(?-i:(?:[A-Z][A-Za-z]{1,4}[ \u00a0]+(?=[0-9]))?" + _NUMBER_TOKEN + ")"
)
_CASE_NUMBER_RE = re.compile(r"(?i)(?<![\w])(?:" + _CASE_NUMBER_CUES + r")" + _CASE_TAIL)
# the compounds are matched from the word start of each "nummer"/"nr" (cheaper than trying the
# compound pattern at every position)
_COMPOUND_CASE_RE = re.compile(r"(?i)(?:" + _COMPOUND_CASE_CUES + r")" + _CASE_TAIL)
_NUMMER_END_RE = re.compile(r"(?i)(?:nummer|nr)(?=\.|[^\w]|$)")


def _case_number_matches(text: str) -> Iterator[re.Match[str]]:
    yield from _CASE_NUMBER_RE.finditer(text)
    for hit in _NUMMER_END_RE.finditer(text):
        i = hit.start()
        while i > 0 and text[i - 1].isalpha():
            i -= 1
        if hit.start() - i < 3:
            continue  # a bare "nummer" or "nr": in the cue list above
        m = _COMPOUND_CASE_RE.match(text, i)
        if m is not None and not _KNOWN_CASE_CUE_RE.fullmatch(text, i, hit.end()):
            yield m


# "student 2210473 (m, 19)": a person noun directly followed by a long number
_PERSON_NUMBER_RE = re.compile(
    r"(?i)(?<![\w])(?:leerling|student|studente|cli[eë]nt|cli[eë]nte|jongere|pupil)"
    r"[ \u00a0]+(?P<n>[0-9]{5,10}|[0-9]{2,4}[-/][0-9]{3,8})(?![\w/-]|[.,][0-9])"
)
_PERSON_NEAR_RE = re.compile(
    r"(?i)(?<![\w])(?:jongere|jongen|jongens|meisje|meid|kind|kinderen|zoon|dochter|broer"
    r"|broertje|zus|zusje|(?:stief|pleeg|groot|half)?(?:moeder|vader|broer|zus|ouders?)|gezin"
    r"|familie|oma|opa|oom|tante|neef|nicht|leerling|leerlinge|student|studente|cli[eë]nte?"
    r"|minderjarige|pupil|betrokkene|verdachte|baby|tweeling|hij|zij|zijn|haar|hem)(?![\w])"
)
_NOT_PERSONAL_NUMBERS = re.compile(r"(?i)^(?:19|20)[0-9]{2}$")


def _digits_ok(number: str) -> bool:
    digits = sum(c.isdigit() for c in number)
    return digits >= 3 and not _NOT_PERSONAL_NUMBERS.match(number)


def _find_numbers(text: str, names: _Spans) -> Iterator[_Cand]:
    for m in _PERSONAL_NUMBER_RE.finditer(text):
        grp = "g" if m.group("g") else "n"
        n = m.group(grp)
        if not _digits_ok(n):
            continue
        cue = text[m.start() : m.start("gap")]
        if _SHARED_NUMBER_CUE_RE.match(cue):
            s, e = _sentence_bounds(text, m.start())
            person = _owner(text, m.start(grp), m.end(grp), names) == "person"
            if not (
                person
                or _PERSON_NEAR_RE.search(text, s, e)
                or names.starts_in(s, e)
                or _ID_DOCUMENT_RE.search(text, s, e)
            ):
                continue  # an organisation's customer or member number, a document's number
        yield ("nummer", m.start(grp), m.end(grp))
    for m in _case_number_matches(text):
        n = m.group("n")
        if not _digits_ok(n) or sum(c.isdigit() for c in n) < 4:
            continue
        cue = text[m.start() : m.start("gap")].strip().lower().rstrip(".")
        if (
            cue in ("nummer", "nr")
            and _PHONE_NATIONAL_RE.match(text, m.start("n"))
            and _owner(text, m.start("n"), m.end("n"), names) == "org"
        ):
            continue  # "Het algemene nummer … is 020-5671200": an organisation's phone number
        s, e = _sentence_bounds(text, m.start())
        sentence = text[s:e]
        cue = text[m.start() : m.start("gap")].strip()
        if _KNOWN_CASE_CUE_RE.fullmatch(cue):
            near = bool(_PERSON_NEAR_RE.search(sentence)) or names.starts_in(s, e)
        else:  # "Zendingsnummer …: de formulieren zijn onderweg": a verb "zijn" is no person
            near = names.starts_in(s, e) or any(
                p.group().lower() not in _PRONOUNS for p in _PERSON_NEAR_RE.finditer(sentence)
            )
        if not near:
            near = bool(_SPECIFIC_CASE_CUE_RE.match(cue) and _CHILD_CASE_RE.search(sentence))
        if near:
            yield ("nummer", m.start("n"), m.end("n"))
    for m in _PERSON_NUMBER_RE.finditer(text):
        n = m.group("n")
        if re.fullmatch(r"(?:19|20)[0-9]{2}[-/](?:19|20)?[0-9]{2}", n):
            continue  # a school year: "leerling 2024-2025"
        yield ("nummer", m.start("n"), m.end("n"))


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
    r"(?=[12])(?<![0-9])(?<![0-9][-/.])(" + _YEAR4 + r")-([0-9]{1,2})-([0-9]{1,2})"
    r"(?![0-9]|[-/.][0-9])"
)
_TEXT_DATE_RE = re.compile(
    r"(?=[0-9])(?<![\w])([0-9]{1,2})" + _DAY_MONTH[len("[0-9]{1,2}") :]
    + r"[ \u00a0]+(" + _YEAR4 + r"|'[0-9]{2})(?![\w])"
)  # fmt: skip


_UNITS = r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)"
_TEENS = r"(?:tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien)"
_TENS = r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"


def _dutch_numbers() -> tuple[dict[str, int], dict[str, int]]:
    """Dutch number words 1-99 (``eenentwintig``, ``tweeëntwintig``) and ordinals 1-31
    (``eerste``, ``eenentwintigste``), as typed (with or without the diaeresis)."""
    units = _UNITS[3:-1].replace("|één", "").split("|")
    teens = _TEENS[3:-1].replace("|", " ")
    tens = _TENS[3:-1].split("|")
    card: dict[str, int] = {w: i + 1 for i, w in enumerate(units)}
    card["één"] = 1
    card.update({w: i + 10 for i, w in enumerate(teens.split())})
    for t, tw in enumerate(tens):
        card[tw] = 20 + 10 * t
        for u, uw in enumerate(units):
            joint = "ën" if uw.endswith("e") else "en"
            card[uw + joint + tw] = 20 + 10 * t + u + 1
            card[uw + "en" + tw] = 20 + 10 * t + u + 1
    special = {1: "eerste", 3: "derde", 8: "achtste"}
    ordinal: dict[str, int] = {}
    for w, n in card.items():
        if n > 31 or w == "één":
            continue
        if n in special:
            ordinal[special[n]] = n
        elif n < 20:
            ordinal[w + "de"] = n
        else:
            ordinal[w + "ste"] = n
    return card, ordinal


_CARDINALS, _ORDINALS = _dutch_numbers()


# the same as patterns (small, so they compile fast); values are checked with the tables
_NUM_1_99 = r"(?:" + _UNITS + r"(?:en|ën)" + _TENS + "|" + _TENS + "|" + _TEENS + "|" + _UNITS + ")"
_DAY_WORDS = (
    r"(?:eerste|derde|achtste|(?:twee|vier|vijf|zes|zeven|negen|" + _TEENS[3:-1] + r")de"
    r"|(?:" + _UNITS + r"(?:en|ën))?(?:twintig|dertig)ste|" + _NUM_1_99 + ")"
)
# a year written out: "tweeduizend negen", "tweeduizendelf", "negentienhonderd achtennegentig",
# "negentien achtennegentig", "twintig tien"
_YEAR_WORDS = (
    r"(?:tweeduizend(?:[ \u00a0]?(?:en[ \u00a0])?(?:" + _NUM_1_99 + r"))?"
    r"|negentienhonderd[ \u00a0]?(?:" + _NUM_1_99 + r")|(?:negentien|twintig)[ \u00a0]+(?:"
    + _NUM_1_99 + r"))(?![\w])"
)  # fmt: skip
# a date with the day written out ("eenentwintig september", "twaalfde juni"), or a
# full date with the year written out ("3 mei tweeduizend tien")
_WORD_DAY_MONTH = r"(?:" + _DAY_WORDS + r")[ \u00a0]+(?:" + _MONTHS + r")(?![\w])"
_WRITTEN_DATE_RE = re.compile(
    r"(?i)(?<![\w])(?:" + _WORD_DAY_MONTH + r"[ \u00a0]+(?:" + _YEAR4 + r"|'[0-9]{2}|"
    + _YEAR_WORDS + r")|[0-9]{1,2}(?:e|ste|de)?[ \u00a0]+(?:" + _MONTHS + r")[ \u00a0]+"
    + _YEAR_WORDS + r")(?![\w])"
)  # fmt: skip


def _day_value(word: str) -> int | None:
    """The day of a day written out ("eenentwintig", "twaalfde"), if it is 1-31."""
    n = _CARDINALS.get(word.lower()) or _ORDINALS.get(word.lower())
    return n if n is not None and 1 <= n <= 31 else None


def _written_date_ok(text: str) -> bool:
    """A date with the day or year written out that reads as a real date."""
    words = [w for w in re.split(r"[ \u00a0]+", text.strip()) if w]
    if words and not words[0].isdigit() and _day_value(words[0]) is None:
        return False
    tail = " ".join(words[2:])
    if tail and not re.fullmatch(r"[0-9']+", tail):
        return _written_year(tail) is not None
    return True


_MONTH_WORD_RE = re.compile(r"(?i)(?<![\w])(?=[adfjmnos])(?:" + _MONTHS + r")(?![\w])")
# a day word before the month or a year word after it
_WORD_BEFORE_RE = re.compile(r"[^\W\d_][ \u00a0]+$")
_YEAR_WORD_AFTER_RE = re.compile(r"(?i)[ \u00a0]+(?:tweeduizend|negentien|twintig)")


def _written_year(text: str) -> int | None:
    """The year of a date whose year is written out ("... tweeduizend negen" -> 2009)."""
    low = text.lower()
    m = re.search(r"(tweeduizend|negentienhonderd|negentien|twintig)[ \u00a0]?(?:en[ \u00a0])?"
                  r"([^\W\d_]*)$", low)  # fmt: skip
    if m is None:
        return None
    rest = _CARDINALS.get(m.group(2), 0) if m.group(2) else 0
    if m.group(2) and not rest:
        return None
    base = {"tweeduizend": 2000, "negentienhonderd": 1900, "negentien": 1900, "twintig": 2000}
    return base[m.group(1)] + rest


_BIRTH_CUE = (
    r"(?:geboren|geboortedatum|geboortedag|geboortejaar|geboortemaand|gebdat"
    r"|g(?:e)?b\.?[ \u00a0]?datum|geb|(?-i:gd)|jarig|verjaardag|dob|d\.o\.b"
    r"|datum[ \u00a0]+van[ \u00a0]+geboorte|geboorte)"
)
# a date written without separators, as school and case systems export it: 20070615, 15062007
_COMPACT_DATE = (
    r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?![0-9])"
    r"|(?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])(?:19|20)[0-9]{2}(?![0-9])"
)
_DATE_AFTER_CUE = (
    r"(?P<date>" + _COMPACT_DATE
    + r"|[0-9]{1,2}[-/.][0-9]{1,2}(?:[-/.](?:[0-9]{4}|[0-9]{2}))?(?![0-9])"
    r"|" + _YEAR4 + r"-[0-9]{1,2}-[0-9]{1,2}(?![0-9])"
    r"|" + _DAY_MONTH + r"(?:[ \u00a0]+(?:" + _YEAR4 + r"|'[0-9]{2}|(?i:" + _YEAR_WORDS
    + r"))(?![\w]))?"
    r"|(?i:" + _WORD_DAY_MONTH + r")(?:[ \u00a0]+(?:" + _YEAR4 + r"|'[0-9]{2}|(?i:"
    + _YEAR_WORDS + r"))(?![\w]))?"
    r"|(?i:" + _MONTHS + r")[ \u00a0]+" + _YEAR4 + r"(?![\w])"
    r"|[0-9]{1,2}/" + _YEAR4 + r"(?![\w])"
    r"|" + _YEAR4 + r"(?![\w-])|'[0-9]{2}(?![\w'’-]))"
)  # fmt: skip
_BIRTH_CUE_RE = re.compile(
    r"(?<![\w-])(?P<cue>(?i:" + _BIRTH_CUE + r"))(?![\w])\.?"
    r"[ \u00a0:(,]*(?:(?:is|was|op|in|van|valt|:)[ \u00a0:]+"
    r"|[^\W\d_]{1,20}(?:\.[^\W\d_]{1,5})*\.?[ \u00a0,:(]+){0,4}?" + _DATE_AFTER_CUE
)
# "GD 08-08-2008", "G.D.: 3 mei 2012": the abbreviation of geboortedatum in capitals, only
# right before the date (lower-case "gd" is in the cue list above)
_GD_DATE_RE = _Lazy(r"(?<![\w.-])(?:GD|G\.[ \u00a0]?D\.?)(?![\w])[ \u00a0:]*" + _DATE_AFTER_CUE)
# "* 12-05-2014": the genealogical birth sign; "°17-02-2009", "º 3/5/2010": the Belgian one
_STAR_DATE_RE = re.compile(r"(?<![\w*°º])[*°º][ \u00a0]?(?=[0-9])" + _DATE_AFTER_CUE)
# a cue after the date: "op 3 maart jarig", "op 12-03-2009 geboren", "'06/2011', zijn geboortemaand"
_CUE_AFTER_RE = re.compile(
    r"^[\"'’”)]?[ \u00a0,(]*(?:[^\W\d_]+[ \u00a0,]+){0,4}?(?i:"
    + _BIRTH_CUE
    + r"|geboortemaand|\d{1,2}e[ \u00a0]+verjaardag)(?![\w])"
)
_NEGATION_RE = re.compile(r"(?i)(?<![\w])(?:niet|geen|nooit)(?![\w])")


def _cue_after(tail: str) -> bool:
    """A birth cue right after a date, not denied ("op 13/4, niet voor een verjaardag")."""
    m = _CUE_AFTER_RE.match(tail)
    return m is not None and not _NEGATION_RE.search(tail, 0, m.end())


# "wordt op 9 mei 18", "wordt vrijdag 18": a birthday when the age turns
_TURNS_RE = re.compile(
    r"(?i)(?<![\w])wordt[ \u00a0]+(?:op[ \u00a0]+)?(?P<date>" + _DAY_MONTH + r")[ \u00a0]+"
    r"(?:[0-9]{1,2})(?![\w])"
)
_SHORT_DATE_RE = re.compile(
    r"(?=[0-9])(?<![\w.,/-])(?P<date>" + _DAY_MONTH + r"|[0-9]{1,2}/(?:0?[1-9]|1[0-2])(?![\d/.-])"
    r"|(?:0?[1-9]|1[0-2])/" + _YEAR4 + r"(?![\d/]))"
)
_PERSON_NOUN = (
    r"jongen|jongetje|meisje|meid|zoon|zoontje|dochter|dochtertje|broer|broertje|zus|zusje|kind"
    r"|kindje|baby|leerling|leerlinge|jongere|pupil|cli[eë]nte?|pleegkind|tweeling|student"
    r"|studente|scholier"
)
_PERSON_NOUN_RE = re.compile(r"(?i)(?<![\w])(?:" + _PERSON_NOUN + r")(?![\w])")
# A birth noun anywhere in the sentence ("Geboortedatum van de jongere klopt niet: daar staat
# 11-11-2008") makes its full dates dates of birth, unless a date is introduced as an event's
# ("op", "vanaf", "tot", "deadline", "het overleg van").
_BIRTH_NOUN_RE = re.compile(
    r"(?i)(?<![\w-])(?:geboren|geboortedatum|geboortedata|geboortedag|geboortejaar|gebdat"
    r"|geb\.?datum|geb\.|dob|personalia)(?![\w])"
)
# an event, meeting or deadline named shortly before the date: "deadline voor opschonen 2025-…"
_EVENT_WORD_RE = re.compile(
    r"(?i)(?<![\w])(?:deadline|uiterlijk|gepland|ingepland|vergadering|overleg|bijeenkomst"
    r"|werkatelier|afspraak|intake|zitting|evaluatie|ingangsdatum|peildatum)(?![\w])"
)
_EVENT_BEFORE_RE = re.compile(
    r"(?i)(?:(?<![\w])(?:op|per|vanaf|tot|t/m|sinds|voor|na|tussen|deadline|uiterlijk|d\.d\.|dd"
    r"|vóór|om|datum)|(?<![\w])(?:overleg|verslag|brief|bijeenkomst|vergadering|gesprek|melding"
    r"|besluit|beschikking|mail|e-mail|notulen|werkatelier|training|sessie|versie|uitspraak)"
    r"[ \u00a0]+van)[ \u00a0:]*$"
)


def _this_year() -> int:
    return date.today().year


def _date_year(text: str) -> int | None:
    m = re.search(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])", text)
    if m:
        return int(m.group(1))
    m = re.search(r"[-/.]([0-9]{2})$", text)
    if m:
        yy = int(m.group(1))
        now = _this_year() % 100
        return 2000 + yy if yy <= now else 1900 + yy
    m = re.search(r"'([0-9]{2})$", text)
    if m:
        yy = int(m.group(1))
        return 2000 + yy if yy <= _this_year() % 100 else 1900 + yy
    return _written_year(text)


def _valid_dm(day: str, month: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _full_dates(text: str) -> Iterator[tuple[int, int]]:
    for m in _NUMERIC_DATE_RE.finditer(text):
        day, sep, month, year = m.groups()
        if not _valid_dm(day, month):
            continue
        if len(year) == 2 and sep == ".":
            continue  # 1.2.10 is more likely a section number
        if len(year) == 4 and not 1900 <= int(year) <= 2099:
            continue
        yield m.start(), m.end()
    for m in _ISO_DATE_RE.finditer(text):
        if _valid_dm(m.group(3), m.group(2)):
            yield m.start(), m.end()
    for m in _TEXT_DATE_RE.finditer(text):
        if 1 <= int(m.group(1)) <= 31:
            yield m.start(), m.end()
    done = 0  # written-out dates are looked for only around a month name (cheap on long text)
    for month in _MONTH_WORD_RE.finditer(text):
        if not (
            _WORD_BEFORE_RE.search(text, max(0, month.start() - 3), month.start())
            or _YEAR_WORD_AFTER_RE.match(text, month.end())
        ):
            continue
        lo = max(done, month.start() - 30)
        for m in _WRITTEN_DATE_RE.finditer(text, lo, min(len(text), month.end() + 50)):
            if m.start() <= month.start() < m.end() and _written_date_ok(m.group()):
                yield m.start(), m.end()
                done = m.end()


def _beside_person(text: str, s: int, e: int, names: _Spans) -> bool:
    """Is the date text[s:e] written right beside a person, as an apposition or in brackets?"""
    before = text[max(0, s - 40) : s]
    m = re.search(
        r"(?:[ \u00a0]*[(,]|[ \u00a0]+(?:is|was)[ \u00a0]+van|[ \u00a0]*\([ \u00a0]*)[ \u00a0]*$",
        before,
    )
    if m is None:
        return False
    anchor = s - (len(before) - m.start())
    lo = anchor
    while lo > 0 and text[lo - 1] in " ,\u00a0":
        lo -= 1
    if names.end_between(lo, anchor):
        return True
    word = _prev_word(text, anchor, 1)
    return bool(word) and bool(_PERSON_NOUN_RE.fullmatch(word[0]))


def _birth_sentence(text: str, s: int) -> bool:
    """Is the full date at ``s`` in a sentence about a birth date and not given as an event's?"""
    start, end = _sentence_bounds(text, s)
    if not _BIRTH_NOUN_RE.search(text, start, end):
        return False
    before = text[max(start, s - 40) : s]
    return not (_EVENT_BEFORE_RE.search(before) or _EVENT_WORD_RE.search(before))


_LIST_GAP_RE = re.compile(r"[ \u00a0]*(?:,|en|&)[ \u00a0]*")

# "moeder is van 12 augustus 1985", "Sanne was van 3-5-2010": a person's full date of birth;
# "kind 1: 11-06-2012", "Zoon: 12-12-2008": a person noun as the label of the date
_IS_VAN_RE = re.compile(r"(?i)(?<![\w])([^\W\d_]+)[ \u00a0]+(?:is|was)[ \u00a0]+van[ \u00a0]+$")
_LABEL_RE = re.compile(r"(?i)(?<![\w])([^\W\d_]+)(?:[ \u00a0]+[0-9]{1,2})?[ \u00a0]*:[ \u00a0]*$")
_RANK_WORDS = _wordset("jongste oudste middelste")


def _subject_of_date(text: str, s: int, year: int, names: _Spans) -> bool:
    """Is the full date at ``s`` given as a person's with "is van" or as a label ("kind 1:")?
    A child's (or a name's) if the year is at most 27 years ago, a parent's or other adult's
    if it is at least 12 years ago (so not a contact or event date)."""
    before = text[max(0, s - 40) : s]
    m = _IS_VAN_RE.search(before) or _LABEL_RE.search(before)
    if m is None:
        return False
    age = _this_year() - year
    word = m.group(1).lower()
    w_end = s - len(before) + m.end(1)
    if word in _CHILD_WORDS or word in _RANK_WORDS or names.end_between(w_end - 1, w_end):
        return 0 <= age <= 27
    return word in _ADULT_WORDS and 12 <= age <= 100


# "de oudste is van '05", "ze is van 2010", "zijn zus was van begin 2008": a person's birth year;
# found from "van <year>" (rare), then the subject before it
_VAN_YEAR_RE = re.compile(
    r"(?i)(?<![\w])van[ \u00a0]+(?:(?:begin|eind|half|medio|midden)[ \u00a0]+)?"
    r"(?P<date>'[0-9]{2}|" + _YEAR4 + r"|(?:" + _MONTHS + r")[ \u00a0]+" + _YEAR4
    + r")(?![\w'’-])"
)  # fmt: skip
_BORN_SUBJECT_RE = re.compile(
    r"(?i)(?<![\w])(?:(?:hij|zij|ze)[ \u00a0]+(?:is|was)"
    r"|(?:de|het|zijn|haar|hun|mijn|onze)[ \u00a0]+(?:(?:oudste|jongste|middelste)"
    r"(?:[ \u00a0]+(?:is|was))?|(?:[^\W\d_]+[ \u00a0]+)?(?:" + _PERSON_NOUN
    + r"|broers|zussen|kinderen|neef|neefje|nicht|nichtje|tweeling)[ \u00a0]+(?:is|was)))"
    r"[ \u00a0]+$"
)  # fmt: skip
# an organisation's birthday or anniversary: "Het jongerencentrum is jarig op 3 juni"
_ANNIVERSARY_RE = re.compile(
    r"(?i)(?<![\w])(?:jarig|verjaardag|bestaat|bestaan|jubileum|lustrum|jubileert)(?![\w])"
)
_POSSESSIVES = _wordset("zijn haar hun mijn jouw onze ons")


def _org_anniversary(text: str, s: int, names: _Spans) -> bool:
    """Is the date at ``s`` an organisation's birthday ("Het wijkteam is jarig op 1 maart"):
    a birthday word, an organisation as the first owner in the sentence and no person in it?"""
    start, end = _sentence_bounds(text, s)
    if not _ANNIVERSARY_RE.search(text, start, end) or _BIRTH_NOUN_RE.search(text, start, end):
        return False
    first = None
    for tok in _OWNER_TOKEN_RE.finditer(text, start, end):
        if names.covers(tok.start()):
            return False
        cls = _owner_class(tok.group(), tok.group())
        if cls == "person":
            if tok.group().lower() in _POSSESSIVES:
                continue  # "viert zijn tienjarig bestaan": the organisation's
            return False
        if cls == "org" and first is None:
            first = cls
    return first == "org"


def _find_dates(text: str, names: _Spans) -> Iterator[_Cand]:
    fiction = bool(_FICTION_RE.search(text))
    for cand in _date_candidates(text, names):
        if fiction and _fictional(text, cand[1]):
            continue  # "In de oefencasus is 'Sam' jarig op 1 april"
        if _org_anniversary(text, cand[1], names):
            continue
        yield cand


def _date_candidates(text: str, names: _Spans) -> Iterator[_Cand]:
    this_year = _this_year()
    cued: list[tuple[int, int]] = []
    for m in _VAN_YEAR_RE.finditer(text):
        if not _BORN_SUBJECT_RE.search(text, max(0, m.start() - 50), m.start()):
            continue
        year = _date_year(m.group("date"))
        if year is not None and 0 <= this_year - year <= 100:
            cued.append((m.start("date"), m.end("date")))
    for m in _BIRTH_CUE_RE.finditer(text):
        date_text = m.group("date")
        if (
            date_text[:1].isalpha()
            and not _written_date_ok(date_text)
            and not re.match(r"(?i)" + _MONTHS, date_text)
        ):
            continue  # "geboren op negenenveertig mei": not a date
        if m.group("cue").lower() in ("jarig", "verjaardag") and date_text.isdigit():
            continue  # "10-jarig bestaan in 2020": a birthday cue needs a day
        if m.group("cue").lower() == "verjaardag":
            between = text[m.end("cue") : m.start("date")].lower()
            if re.search(r"\bvan\s+(?:de|het)\s+(?!jongen|meisje|kind|jongere|leerling)", between):
                continue  # "de verjaardag van het Veiligheidshuis"
        cued.append((m.start("date"), m.end("date")))
    for m in _STAR_DATE_RE.finditer(text):
        cued.append((m.start("date"), m.end("date")))
    for m in _GD_DATE_RE.get().finditer(text) if ("GD" in text or "G." in text) else ():
        if _EVENT_WORD_RE.search(text, m.end(), min(len(text), m.end() + 40)):
            continue  # "GD 03/11/2010 vergadering": the health service's meeting
        cued.append((m.start("date"), m.end("date")))
    for m in _TURNS_RE.finditer(text):
        cued.append((m.start("date"), m.end("date")))
    for s, e in cued:
        yield ("geboortedatum", s, e)
    full = sorted(_full_dates(text))
    cued_spans = _Spans(cued)
    for s, e in full:
        if cued_spans.covers(s):
            continue
        tail = text[e : e + 60]
        if _cue_after(tail):
            yield ("geboortedatum", s, e)
            continue
        year = _date_year(text[s:e])
        if year is None:
            continue
        if 0 <= this_year - year <= 27 and _beside_person(text, s, e, names):
            yield ("geboortedatum", s, e)
            continue
        if 1 <= this_year - year <= 100 and _birth_sentence(text, s):
            yield ("geboortedatum", s, e)
            continue
        if _subject_of_date(text, s, year, names):
            yield ("geboortedatum", s, e)
    # a list after a birth cue: "geboren op 05-02-2011, 14-08-2013 en 22-10-2016"
    starts = [s for s, _ in full]
    for _, ce in cued:
        end = ce
        i = bisect_right(starts, end)  # only the next date can follow a connector
        while i < len(full) and _LIST_GAP_RE.fullmatch(text, end, full[i][0]):
            yield ("geboortedatum", full[i][0], full[i][1])
            end = full[i][1]
            i = bisect_right(starts, end)
    # dates without a year followed by a cue: "op 3 maart jarig", "18 januari zijn 15e verjaardag"
    for m in _SHORT_DATE_RE.finditer(text):
        if _cue_after(text[m.end() : m.end() + 60]):
            yield ("geboortedatum", m.start("date"), m.end("date"))


# --------------------------------------------------------------------------- age

_GENDER_NOUNS = (
    "tienermeisje|tienerjongen|jongetje|jongeman|jongen|meisje|meidje|meid|tiener|puber|"
    "pleegzoon|stiefzoon|zoontje|zoon|pleegdochter|stiefdochter|dochtertje|dochter|"
    "broertje|broer|zusje|zus|halfbroer|halfzus|stiefbroer|stiefzus|man|vrouw|baby|peuter|kleuter"
)
_SCHOOL_NOUNS = "leerlinge|leerling|scholier|studente|student"
_GENERIC_NOUNS = "pleegkind|kindje|kind|jongere|cliënte|cliënt|cliente|client|tweeling|betrokkene"
_PARENT_NOUNS = (
    "moeder|vader|stiefmoeder|stiefvader|pleegmoeder|pleegvader|oma|opa|oom|tante|neefje|neef"
    "|nichtje|nicht|kleinzoon|kleindochter|kleinkind|schoonzus|zwager|schoonmoeder|schoonvader"
    "|buurman|buurvrouw|buurjongen|buurmeisje|vriendinnetje|vriendin|vriendje|vriend"
    "|klasgenote|klasgenoot"
)
_ALL_NOUNS = "|".join((_GENDER_NOUNS, _SCHOOL_NOUNS, _GENERIC_NOUNS, _PARENT_NOUNS))
_CHILD_WORDS = frozenset("|".join((_GENDER_NOUNS, _SCHOOL_NOUNS, _GENERIC_NOUNS)).split("|")) - {
    "man",
    "vrouw",
}
_ADULT_WORDS = frozenset(_PARENT_NOUNS.split("|")) | {"man", "vrouw"}
_AGE = r"(?<![0-9])[0-9]{1,2}(?![0-9])"
_NUM_WORDS = (
    "twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|twintig|"
    "eenentwintig|tweeëntwintig|drieëntwintig|elf|tien|negen|acht|zeven|zes|vijf|vier|drie|twee"
)
_AGE_OR_WORD = r"(?:" + _AGE + r"|(?:" + _NUM_WORDS + r")(?![\w]))"
# What may not follow "jongen van 15 [jaar]": a range, a plural noun ("moeder van 3 kinderen").
_NOT_AFTER_AGE = (
    r"(?![ \u00a0]*(?:[-–/][ \u00a0]*[0-9]|[/%]|-(?=[^\W\d_])|(?:tot|t/m|à|a|of|en)[ \u00a0]+"
    r"(?:[0-9]|ouder|jonger|meer|minder)"
    r"|(?:tot|t/m|en ouder|of ouder|en jonger|of jonger|en meer|of meer|jaar|procent)(?![\w])"
    r"|(?:ouders|kinderen|broers|zussen|jongeren|leerlingen|jaren|maanden|weken|dagen|uur"
    r"|minuten|keer|euro|deelnemers|personen|mensen|pubers|tieners|zonen|dochters|jongens"
    r"|meiden|meisjes|kids|broertjes|zusjes|kleinkinderen|pleegkinderen|tweelingen|kleuters"
    r"|peuters|baby's|studenten|scholieren|klassen|groepen)(?![\w])))"
)
# Extra for generic nouns ("een jongere van 16 mag zelf ..."): a general rule, not a person.
_NOT_AFTER_GENERIC = (
    r"(?![ \u00a0]+(?:mag|mogen|moet|moeten|kan|kunnen|hoeft|hoeven|heeft recht|is verplicht"
    r"|valt|vallen|geldt|gelden|wordt gezien|beslist|bepaalt|zelf)(?![\w]))"
)
_YEARS_OLD = r"(?:[ \u00a0]+(?:jaar|jr\.?)(?:[ \u00a0]+oud)?)?+"
_SCHOOL_SPEC = (
    r"(?:de[ \u00a0]+)?(?:groep[ \u00a0]+[1-8][a-dA-D]?(?![0-9\w])"
    r"|klas[ \u00a0]+[1-6][a-eA-E]?(?![0-9\w])"
    r"|[1-6](?:e|de|ste)?[ \u00a0]*(?:havo|vwo|vmbo(?:[- ](?:tl|gt|gl|kb|kbl|bb|bbl|t|b|k|kader))?"
    r"|mavo|atheneum|gymnasium|tto|klas|kader|basis)(?![\w])"
    r"|(?:havo|vwo|vmbo|mavo)[- ]?[1-6](?![0-9])"
    r"|brugklas(?![\w])|examenklas(?![\w])|eindexamenklas(?![\w]))"
)
# "16-jarige jongen", "een 12-jarig Syrisch meisje", "15-jarige leerling", "vijftienjarige"
_AGE_JARIG_RE = re.compile(
    r"(?i)(?<![\w-])(?:" + _AGE + r"[ \u00a0-]?|(?:" + _NUM_WORDS + r")-?)jarige?"
    r"(?:[ \u00a0]+(?:[^\W\d_]{2,20}[ \u00a0]+)?(?:" + _ALL_NOUNS + r")(?![\w])"
    r"|(?![\w-])(?<=e)(?=[ \u00a0]+(?:met|die|uit|van|in|op|zit|is|was|heeft|had|woont)(?![\w])))"
)
_AGE_JARIG_GENERAL_RE = re.compile(
    r"(?i)^[ \u00a0]+(?:mag|mogen|moet|moeten|kan|kunnen|hoeft|hoeven|valt|vallen|heeft recht"
    r"|is verplicht|beslist|bepaalt|krijgt|zelf)(?![\w])"
)
# compounds ending in a young person's noun: "mentorleerling", "tienerdochter", "stiefkind"
_COMPOUND_PERSON = (
    r"[^\W\d_]{3,15}?(?:leerlinge?|scholier|studente?|dochter(?:tje)?|zoon(?:tje)?|meisje"
    r"|jongen|kind|broer(?:tje)?|zus(?:je)?|cli[eë]nte?)"
)
_AGE_WORD_RE = re.compile(
    r"(?i)"
    + _WORD_START
    + r"(?:"
    + _ALL_NOUNS
    + r"|hij|zij|ze|jgn|jng|mdj|lln|jongens|meisjes|broers|zussen"
    r"|zonen|dochters|kinderen|schat|schatte|schatten|schatting|" + _COMPOUND_PERSON + r")(?![\w])"
)
# approximate ages: "een jaar of 15", "rond de 16", "zo'n 14"
_APPROX = (
    r"(?:(?:een|zo'n|zo’n|ongeveer[ \u00a0]+een)[ \u00a0]+jaar[ \u00a0]+of"
    r"|(?:ergens[ \u00a0]+)?(?:rond|in)[ \u00a0]+de|ongeveer|zo'n|zo’n|circa|ca\.)"
)
# when an age is turned: "in april", "volgende maand", "over twee weken", "dan" ("wordt op 9 mei
# 18" is a date of birth, see _TURNS_RE)
_TURN_WHEN = (
    r"(?:dan|binnenkort|straks|morgen|overmorgen|vandaag|zaterdag|zondag|maandag|dinsdag"
    r"|woensdag|donderdag|vrijdag|(?:dit|volgend)[ \u00a0]+jaar|(?:deze|volgende)[ \u00a0]+"
    r"(?:week|maand|zomer|winter|herfst|lente)|(?:in|eind|begin|half|medio)[ \u00a0]+"
    r"(?:de[ \u00a0]+)?(?:" + _MONTHS + r"|zomer|winter|herfst|lente|zomervakantie|kerstvakantie)"
    r"|over[ \u00a0]+(?:een|twee|drie|vier|[0-9]+)[ \u00a0]+(?:week|weken|maand|maanden)"
    r"|na[ \u00a0]+de[ \u00a0]+(?:zomer|zomervakantie|kerstvakantie|vakantie))"
)
# what may stand between "is" and an age: "amper", "nog maar", "krap", "ruim", "inmiddels"
_AGE_ADVERBS = (
    r"(?:(?:net|pas|nu|al|bijna|inmiddels|sinds[ \u00a0]+kort|ongeveer|amper|nauwelijks|krap"
    r"|ruim|nog|maar|zeker|intussen|ook|nét|pas)[ \u00a0]+){0,2}"
)
# a relative clause after the person: "de vriend waar hij mee optrekt is 24", "het neefje dat
# bij hen inwoont is 15", "de jongen met wie ze omgaat is 21" (up to six words, no punctuation)
_RELATIVE = (
    r"(?:[ \u00a0]+(?:die|dat|waar|waarmee|met[ \u00a0]+wie|bij[ \u00a0]+wie|van[ \u00a0]+wie)"
    r"(?:[ \u00a0]+(?!is(?![\w])|was(?![\w]))[^\W\d_]+){1,6}?(?=[ \u00a0]+(?:is|was)[ \u00a0]))?"
)
# the end of an age after "is": "is 15 jaar (oud)", not "is 15 jaar geleden", "is 15 keer"
_AGE_END = (
    r"(?:[ \u00a0]+jaar(?:[ \u00a0]+oud)?+)?"
    r"(?![ \u00a0]*(?:[-–/%.,]?[0-9]|jaar[ \u00a0]+(?:geleden|lang|bezig|werkzaam|actief"
    r"|getrouwd|samen|ervaring|mentor|docent|lid|of|en ouder)|geleden|lang|bezig|werkzaam"
    r"|actief|procent|keer|uur|minuten|weken|maanden|dagen|deelnemers|van de|van het"
    r"|of ouder|en ouder|of jonger|tot|euro|kilo|kg|gram|cm|meter|km|kilometer|pagina's"
    r"|punten|seconden|graden|stuks|lessen|sessies|berichten|filmpjes|keren)(?![\w]))"
)
_AGE_TAIL_RES = (
    # "jongen van 15", "zoon van 12 jaar oud", "meisje, 14 jaar"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:" + _GENDER_NOUNS + "|" + _SCHOOL_NOUNS + "|" + _PARENT_NOUNS
        + r")(?:[ \u00a0]+van[ \u00a0]+(?:hem|haar|hen))?(?:[ \u00a0]+van|,)[ \u00a0]+(?:" + _APPROX
        + r"[ \u00a0]+)?" + _AGE_OR_WORD + _YEARS_OLD + _NOT_AFTER_AGE
    ),
    re.compile(
        r"(?i)" + _WORD_START + r"(?:" + _GENERIC_NOUNS + r")(?:[ \u00a0]+van|,)"
        r"[ \u00a0]+" + _AGE_OR_WORD + _YEARS_OLD + _NOT_AFTER_AGE + _NOT_AFTER_GENERIC
    ),
    # "meisje (14)", "zoon (12 jaar)", "jongen (m, 15)", "de jongere (v, 17)", "hij (17)"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:" + _ALL_NOUNS + r"|hij|zij|ze)[ \u00a0]*\([ \u00a0]*"
        r"(?:(?:[mvx]|man|vrouw|jongens?|meisjes?)[ \u00a0]*[,/;]?[ \u00a0]*)?" + _AGE
        + r"(?:[ \u00a0]*(?:jaar|jr\.?|j\.?))?(?:[ \u00a0]*(?:en|&|,)[ \u00a0]*" + _AGE + r")?"
        r"(?:[ \u00a0]*[,/;][ \u00a0]*(?:[mvx]|man|vrouw))?[ \u00a0]*[!?]*[ \u00a0]*[),]"
    ),
    # "meisje 14jr", "jongen 15 jaar": noun, age and a unit, without "van"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:" + _GENDER_NOUNS + "|" + _SCHOOL_NOUNS + r"|jgn|jng|mdj|lln"
        r")[ \u00a0]+" + _AGE + r"[ \u00a0]?(?:jaar|jr\.?|j\.?)(?![\w])"
        r"(?![ \u00a0]+(?:geleden|lang|ouder|jonger|later|eerder|oud[ \u00a0]+is))"
    ),
    # "hij wordt in april 16", "ze wordt volgende maand 18", "wordt dan 15"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:hij|zij|ze|" + _ALL_NOUNS + r")[ \u00a0]+(?:wordt|werd)"
        r"[ \u00a0]+" + _TURN_WHEN + r"[ \u00a0,]+" + _AGE_OR_WORD
        + r"(?:[ \u00a0]+jaar)?(?![ \u00a0]*(?:[-–/%.,:]?[0-9]|jaar[ \u00a0]+geleden"
        r"|procent|keer|uur|minuten)(?![\w]))"
    ),
    # "ik schat hem een jaar of 15", "we schatten haar rond de 14", "geschat op 16 jaar"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:schat|schatte|schatten|schatting)[ \u00a0]+"
        r"(?:(?:ik|we|wij|hem|haar|hen|ze|de[ \u00a0]+(?:" + _ALL_NOUNS + r"))[ \u00a0]+){1,2}"
        r"(?:op[ \u00a0]+)?(?:" + _APPROX + r"[ \u00a0]+)?" + _AGE_OR_WORD
        + r"(?:[ \u00a0]+jaar)?(?![ \u00a0]*(?:[-–/%.,:]?[0-9]|procent|keer|uur|minuten)(?![\w]))"
    ),
    # "de broers (14 en 17)": a plural needs one age per person
    re.compile(
        r"(?i)" + _WORD_START + r"(?:jongens|meisjes|broers|zussen|zonen|dochters|kinderen"
        r"|broertjes|zusjes)[ \u00a0]*\([ \u00a0]*" + _AGE + r"(?:[ \u00a0]*(?:,|en|&)[ \u00a0]*"
        + _AGE + r")+(?:[ \u00a0]*(?:jaar|jr\.?))?[ \u00a0]*\)"
    ),
    # "meisje uit 3 havo", "leerling van groep 8", "hij zit in de brugklas"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:(?:" + _ALL_NOUNS + r")(?:[ \u00a0]+(?:die|dat))?[ \u00a0]+"
        r"(?:(?:zit|zat)[ \u00a0]+in|uit|in|van|op)"
        r"|(?:hij|zij|ze)[ \u00a0]+(?:zit|zat)[ \u00a0]+(?:nu[ \u00a0]+)?in)[ \u00a0]+"
        + _SCHOOL_SPEC
    ),
    # "zij is 15 jaar", "ze is 15 en ...", "hij is net 18 geworden", "de oudste zoon is 19"
    # also approximate ("hij is een jaar of 16", "rond de 15") and a coming birthday ("hij wordt
    # in april 16", "ze wordt volgende maand 18", "wordt dan 15")
    re.compile(
        r"(?i)" + _WORD_START + r"(?:hij|zij|ze|(?:" + _ALL_NOUNS + "|" + _COMPOUND_PERSON
        + r")" + _RELATIVE + r")[ \u00a0]+"
        r"(?:is|was|wordt|werd)[ \u00a0]+" + _AGE_ADVERBS
        + r"(?:" + _APPROX + r"[ \u00a0]+)?" + _AGE_OR_WORD + _AGE_END
    ),
    # "moeder is eind dertig", "opa is midden zestig", "de stiefvader is begin 40"
    re.compile(
        r"(?i)" + _WORD_START + r"(?:hij|zij|ze|" + _ALL_NOUNS + r")[ \u00a0]+(?:is|was)[ \u00a0]+"
        r"(?:al[ \u00a0]+|ergens[ \u00a0]+)?(?:begin|midden|eind|half|halverwege"
        r"|(?:ergens[ \u00a0]+)?(?:in|rond)[ \u00a0]+de)[ \u00a0]+"
        r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig"
        r"|[2-8]0)(?![\w])(?![ \u00a0]*(?:minuten|seconden|jaar[ \u00a0]+geleden|euro|procent|%"
        r"|keer|uur|graden|kilo|meter)(?![\w]))"
    ),
)  # fmt: skip
# the verb before the person ("nu is hij vijftien", "inmiddels is ze 17") and an age in a
# clause ("toen hij negen was", "sinds ze 12 is", "toen het meisje 13 jaar oud was")
_INVERTED_AGE_RE = re.compile(
    r"(?i)(?<![\w])(?:is|was|wordt|werd)[ \u00a0]+(?:hij|zij|ze)[ \u00a0]+"
    + _AGE_ADVERBS
    + r"(?:"
    + _APPROX
    + r"[ \u00a0]+)?"
    + _AGE_OR_WORD
    + _AGE_END
)
_CLAUSE_AGE_RE = re.compile(
    r"(?i)(?<![\w])(?:toen|sinds|sinds|nu|omdat|zodra|tot|totdat|nadat|voordat)[ \u00a0]+"
    r"(?:hij|zij|ze|(?:de|het|zijn|haar|hun)[ \u00a0]+(?:"
    + _ALL_NOUNS
    + r"))[ \u00a0]+"
    + _AGE_ADVERBS
    + _AGE_OR_WORD
    + r"(?:[ \u00a0]+jaar(?:[ \u00a0]+oud)?)?[ \u00a0]+"
    r"(?:is|was|werd|wordt)(?![\w])"
)
# "(m, 15)", "(v, 17)", "(m 20)", "(15, m)", "M/17", "m/15" with a gender letter
_GENDER_AGE_RE = re.compile(
    r"(?<![\w/])(?:\([ \u00a0]*(?:[mvMVxX]|man|vrouw|jongen|meisje)[ \u00a0]*[,/;]?[ \u00a0]*"
    + _AGE
    + r"(?:[ \u00a0]*(?:jaar|jr\.?|j\.?))?[ \u00a0]*[),]"
    r"|\([ \u00a0]*" + _AGE + r"(?:[ \u00a0]*(?:jaar|jr\.?|j\.?))?[ \u00a0]*[,/;][ \u00a0]*"
    r"(?:[mvMVxX]|man|vrouw|jongen|meisje)[ \u00a0]*[),]"
    r"|[MVmv][ \u00a0]?/[ \u00a0]?" + _AGE + r"(?![\w/.-])"
    r"|(?<![\w,])[MV],[ \u00a0]?" + _AGE + r"(?:[ \u00a0]*(?:jaar|jr\.?))?(?=[ \u00a0]*[,;.)]|$)"
    r"|[0-9]{1,2}[ \u00a0]?/[ \u00a0]?[MVmv](?![\w/]))"
)
# a form: "Leeftijd: 15", "leeftijd 16 jaar"
_AGE_FIELD_RE = re.compile(
    r"(?i)(?<![\w])(?:leeftijd|lft\.?|lftd\.?)(?:[ \u00a0]*:|[ \u00a0]+(?:van[ \u00a0]+)?"
    r"(?:de[ \u00a0]+|het[ \u00a0]+|zijn[ \u00a0]+|haar[ \u00a0]+)?(?:" + _ALL_NOUNS + r")"
    r"[ \u00a0]*(?::|=|is(?![\w])))[ \u00a0]*" + _AGE + r"(?:[ \u00a0]*(?:jaar|jr\.?))?(?![0-9%-])"
)
# training material: a case or names "uit het werkboek", a "casusbeschrijving", a "rollenoefening"
_CASE_MATERIAL = (
    r"(?:uit|in|van|volgens)[ \u00a0]+(?:het|ons|de)[ \u00a0]+(?:werkboek|casusboek|lesmateriaal"
    r"|oefenmateriaal|cursusmateriaal|trainingsmateriaal|casusbeschrijving|lesbrief|handreiking"
    r"|handleiding|reader|syllabus|voorbeeld)"
    r"|casusbeschrijvingen|casusbeschrijving|rollenoefeningen|rollenoefening|oefencasussen"
)
_HYPOTHETICAL_RE = re.compile(
    r"(?i)(?<![\w])(?:" + _CASE_MATERIAL + r"|stel(?:[ \u00a0]*:|[ \u00a0]+dat"
    r"|[ \u00a0]+je[ \u00a0]+voor)|wat[ \u00a0]+als"
    r"|fictie(?:f|ve)|oefen(?:ing|casus|vraag)|voorbeeldcasus|rollenspel|bijvoorbeeld"
    r"|verzonnen|denkbeeldige?|hypothetische?|gefingeerde?|niet-bestaande?)(?![\w])"
)  # fmt: skip
# a generic person ("elk kind van 12", "zelfs een jongen van 12 kan ..."): no one in particular
_GENERIC_BEFORE_RE = re.compile(
    r"(?i)(?:(?<![\w])(?:elk|elke|ieder|iedere|geen|alle|zelfs(?:[ \u00a0]+een)?)"
    r"|(?<![\w])ook[ \u00a0]+een)[ \u00a0]+(?:[^\W\d_]+[ \u00a0]+)?$"
)
# what a general rule says about "een leerling van 16" (permission, duty, scope)
_RULE_AFTER_RE = re.compile(
    r"(?i)(?:[ \u00a0]+jaar)?[ \u00a0]+(?:mag|mogen|hoeft|hoeven|heeft[ \u00a0]+recht|is[ \u00a0]+"
    r"verplicht|valt|vallen|geldt|gelden|beslist[ \u00a0]+zelf|bepaalt[ \u00a0]+zelf|zelf"
    r"|(?:is|zijn)[ \u00a0]+(?:(?:juridisch|wettelijk|strafrechtelijk|nog|niet|al"
    r"|in[ \u00a0]+principe"
    r"|volgens[ \u00a0]+de[ \u00a0]+wet)[ \u00a0]+){0,3}(?:minderjarig|meerderjarig|leerplichtig"
    r"|kwalificatieplichtig|handelingsbekwaam|handelingsonbekwaam|strafrechtelijk"
    r"|toerekeningsvatbaar"
    r"|wilsbekwaam|verantwoordelijk|aansprakelijk)"
    r"|(?:[^\W\d_]+[ \u00a0]+)?(?:vaak|meestal|doorgaans|gemiddeld|gewoonlijk"
    r"|normaal[ \u00a0]+gesproken"
    r"|over[ \u00a0]+het[ \u00a0]+algemeen|in[ \u00a0]+de[ \u00a0]+regel))(?![\w])"
)
# an indefinite person in a condition or comparison: "Als een kind van 11 zoiets roept, ...",
# "wanneer er een leerling van 15 ...", "hij gedraagt zich als een jongen van 12"
_CONDITIONAL_BEFORE_RE = re.compile(
    r"(?i)(?<![\w])(?:als|wanneer|indien|zodra|mocht|stel[ \u00a0]+dat)[ \u00a0]+"
    r"(?:[^\W\d_]+[ \u00a0]+){0,2}?een[ \u00a0]+(?:[^\W\d_]+[ \u00a0]+)?$"
)
_MODAL_RE = re.compile(
    r"(?i)(?<![\w])(?:kan|kunnen|mag|mogen|moet|moeten|zal|zullen|zou|zouden|hoeft|hoeven)(?![\w])"
)


def _find_age(text: str) -> Iterator[_Cand]:
    out: list[_Cand] = []
    for m in _AGE_JARIG_RE.finditer(text):
        if _AGE_JARIG_GENERAL_RE.match(text, m.end()):
            continue
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"(?:elke|iedere|alle|geen)[ \u00a0]*$", before):
            continue
        out.append(("leeftijd", m.start(), m.end()))
    for w in _AGE_WORD_RE.finditer(text):
        for rx in _AGE_TAIL_RES:
            tm = rx.match(text, w.start())
            if tm is not None:
                out.append(("leeftijd", tm.start(), tm.end()))
    for m in _GENDER_AGE_RE.finditer(text):
        out.append(("leeftijd", m.start(), m.end()))
    for rx in (_INVERTED_AGE_RE, _CLAUSE_AGE_RE):
        for m in rx.finditer(text):
            out.append(("leeftijd", m.start(), m.end()))
    for m in _AGE_FIELD_RE.finditer(text):
        out.append(("leeftijd", m.start(), m.end()))
    for cand in out:
        s, e = _sentence_bounds(text, cand[1])
        if _HYPOTHETICAL_RE.search(text, max(0, s - 2), e):
            continue
        if re.search(r"(?i)(?<![\w])een[ \u00a0]+$", text[max(s, cand[1] - 6) : cand[1]]) and (
            _RULE_AFTER_RE.match(text, cand[2])
        ):
            continue  # "een leerling van 16 mag zelf beslissen": a rule, not a person
        g = _GENERIC_BEFORE_RE.search(text[max(s, cand[1] - 30) : cand[1]])
        if g is not None and (
            not g.group().lower().startswith("ook") or _MODAL_RE.search(text, cand[2], e)
        ):
            continue  # "elk kind van 12", "ook een kind van 10 kan al ..."
        if _CONDITIONAL_BEFORE_RE.search(text[max(s, cand[1] - 40) : cand[1]]):
            continue  # "Als een kind van 11 zoiets roept, ...": a general question
        if (
            _GENERIC_WORD_AGE_RE.fullmatch(text, cand[1], cand[2])
            and re.search(r"(?i)(?<![\w])een[ \u00a0]+$", text[max(s, cand[1] - 6) : cand[1]])
            and not _EVENT_AFTER_RE.match(text, cand[2])
        ):
            continue  # "Een kind van acht begrijpt dat nog niet": a general statement
        yield cand


# an indefinite young person with an age in words ("een jongere van zestien") ...
_GENERIC_WORD_AGE_RE = re.compile(
    r"(?i)(?:" + _GENERIC_NOUNS + r")[ \u00a0]+van[ \u00a0]+(?:" + _NUM_WORDS + r")"
    r"(?:[ \u00a0]+jaar(?:[ \u00a0]+oud)?)?"
)
# ... is a person when something happened to them: "is door de politie aangehouden", "werd
# gisteren opgepakt", "heeft een mes meegenomen" (a perfect or past tense with a participle)
# with an agent or a time that makes it one event ("door de politie", "gisteren"), not a
# general statement ("Een kind van acht is gebaat bij ...", "... heeft geleerd te lezen")
_EVENT_AFTER_RE = re.compile(
    r"(?i)(?=[^,.;:!?\n]{0,100}?(?<![\w])(?:door|gisteren|vandaag|vannacht|vanochtend"
    r"|vanmiddag|vanavond|vorige|afgelopen|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag"
    r"|zondag|weekend)(?![\w]))"
    r"[^,.;:!?\n]{0,40}?(?<![\w])(?:is|was|werd|heeft|had)(?![\w])[^,.;:!?\n]{0,60}?"
    r"(?<![\w])[a-z]{0,6}ge[a-zà-ÿ]{2,}(?:en|d|t)(?![\w])"
)


# --------------------------------------------------------------------------- names

_NAME_CUE_RE = re.compile(
    r"(?i)" + _WORD_START + r"(?:"
    r"(?:voor|achter|roep|bij)?naam(?:[ \u00a0]+(?:van[ \u00a0]+)?(?:de|het|die|deze|mijn|onze|zijn"
    r"|haar)?[ \u00a0]*(?P<owner>[^\W\d_]{2,20}))?[ \u00a0]*(?::|(?:is|was)(?![\w]))"
    r"|(?P<verb>genaamd|geheten|heet|heten|noemt[ \u00a0]+zich)(?![\w])"
    r"|(?:pleeg|stief|half|groot|ex-)?(?:cli[eë]nte?|leerlinge?|jongere|scholier|studente?|pupil"
    r"|kind|zoon|dochter|broer(?:tje)?|zus(?:je)?|moeder|vader|jongen|meisje|oma|opa|oom|tante"
    r"|vriend(?:in|innetje|je)?|neef|nicht|partner|klasgenoo?te?|buurman|buurvrouw|melder"
    r"|betrokkene)(?![\w])(?:[ \u00a0]*:)?"
    r"|meneer|mevrouw|mijnheer|de[ \u00a0]+heer|familie|fam\.|gezin|(?:pleeg)?ouders|echtpaar"
    r"|(?:mevr|mw|dhr|mej)\.)"
)
# Professional roles: a name right after one is a professional's, not a client's.
_PROFESSIONAL_ROLES = _wordset(
    """trainer trainster spreker spreekster gastspreker onderzoeker onderzoekster lector
    hoogleraar professor prof wethouder burgemeester minister staatssecretaris kamerlid
    dagvoorzitter voorzitter gespreksleider facilitator moderator presentator presentatrice
    auteur schrijver schrijfster journalist columnist workshopleider cursusleider docent-trainer
    beleidsmedewerker beleidsadviseur projectleider programmamanager jurist advocaat
    bestuurder directeur teamleider coördinator procesregisseur adviseur expert deskundige
    docent gastdocent leerkracht juf meester mentor jeugdarts wijkagent huisarts jongerenwerker
    leerplichtambtenaar zorgcoördinator begeleider casusregisseur gezinsvoogd jeugdbeschermer
    orthopedagoog psycholoog psychiater aandachtsfunctionaris vertrouwenspersoon collega
    notulist notulen secretaris penningmeester profeet
    """
)
# gratitude, greetings and representation: the names are facilitators' and colleagues'
_THANKS_RE = re.compile(
    r"(?i)(?:(?<![\w])(?:dank(?:je|jullie|u)?(?:[ \u00a0]+wel)?(?:[ \u00a0]+aan)?|danken"
    r"|bedankt|complimenten?(?:[ \u00a0]+(?:aan|voor))?"
    r"|met[ \u00a0]+(?:vriendelijke[ \u00a0]+)?groet(?:en)?"
    r"|groet(?:en|jes)?|namens[ \u00a0]+[^,.;]{2,60}?)[ \u00a0,:]*"
    r"(?:[^\W\d_]+[ \u00a0,]+){0,6}$)"
)
_WORK_NOUNS = _wordset(
    """lezing presentatie boek model theorie artikel column podcast keynote workshop training
    methode onderzoek rapport publicatie handboek oratie proefschrift film documentaire
    interview blog
    """
)
_FAMILY_ROLES = (
    r"(?:stief|pleeg|half|groot|schoon|ex-)?(?:broer(?:tje)?|zus(?:je)?|moeder|vader|zoon|dochter"
    r"|ouders?|oma|opa|oom|tante|neef|nicht|broers|zussen)|vriend(?:in|innetje|je)?|buurman"
    r"|buurvrouw|jongen|meisje|jongere|leerlinge?|cli[eë]nte?|kind|pupil|klasgenoo?te?|melder"
    r"|betrokkene|partner|ex-partner|baby|tweeling|grootvader|grootmoeder"
)
_APPOSITION_RE = re.compile(
    r"(?i)(?<![\w])(?:" + _FAMILY_ROLES + r")[ \u00a0]*,[ \u00a0]*(?=[^\W\d_])"
)
_REVERSE_APPOSITION_RE = re.compile(
    r"(?i)^[ \u00a0]*,[ \u00a0]*(?:de|het|zijn|haar|hun|mijn|onze|een)[ \u00a0]+"
    r"(?:[^\W\d_]+[ \u00a0]+)?(?:" + _FAMILY_ROLES + r")(?![\w])"
)
_NAME_TOKEN_RE = re.compile(
    r"(?P<sp>[ \t\u00a0]{0,3})(?P<quote>[\"'“‘«]?)"
    r"(?:(?P<init>(?:[^\W\d_]{1,2}\.){1,4})|(?P<word>['’]?[^\W\d_]+(?:['’-][^\W\d_]+)*))"
)
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# a capitalised word directly followed by an age: "Sanne (14)", "Tim, 15 jaar", "Fatma (17, ..."
_NAME_AGE_RE = re.compile(
    _WORD_START + r"(?P<word>[^\W\d_]{2,20})(?:[ \u00a0]?(?P<age>\([ \u00a0]?[0-9]{1,2}"
    r"(?:[ \u00a0]?(?:jaar|jr\.?|j\.?))?(?:[ \u00a0]?[,/][ \u00a0]?(?:[mvMV](?![\w])|[^\W\d_]+))?"
    r"[ \u00a0]?[!?]*[),])"
    r"|,[ \u00a0]?(?P<age2>[0-9]{1,2}(?:[ \u00a0]+(?:jaar|jr\.?)(?:[ \u00a0]+oud)?)?"
    r"(?=[ \u00a0]*[,)])"
    r"|[0-9]{1,2}[ \u00a0]+(?:jaar|jr\.?)(?:[ \u00a0]+oud)?(?![\w])))"
)
# an age right after a cued name: "leerling Sanne, 14 jaar", "cliënt Tim (15)"
_AGE_AFTER_NAME_RE = re.compile(
    r"(?:[ \u00a0]*,[ \u00a0]*|[ \u00a0]+)(?P<age>[0-9]{1,2}[ \u00a0]+(?:jaar|jr\.?)"
    r"(?:[ \u00a0]+oud)?(?![\w])"
    r"|\([ \u00a0]?[0-9]{1,2}(?:[ \u00a0]?(?:jaar|jr\.?|j\.?))?[ \u00a0]?\))"
)
# nationality/language adjectives ("van Marokkaanse afkomst", "Engelse les"); not names
_ADJECTIVE_SUFFIXES = (
    "aanse", "ische", "sche", "ese", "kse", "tse", "dse", "else", "olse", "ranse", "eense",
    "aarse", "landse",
)  # fmt: skip
# words that make a capitalised phrase an organisation, school, building or street
_ORG_HEADS = _wordset(
    """school basisschool college lyceum gymnasium ziekenhuis kinderziekenhuis gasthuis kliniek
    huis centrum stichting instituut fonds academie prijs award mc umc theater museum park plein
    straat laan weg kade hal stadion arena bibliotheek kindcentrum ikc foundation hogeschool
    universiteit campus brug toren kerk moskee gebouw zaal schouwburg zwembad hof
    """
)
_ORG_SUFFIXES = (
    "school", "college", "lyceum", "straat", "laan", "weg", "plein", "kade", "gracht",
    "singel", "dreef", "centrum", "ziekenhuis", "kliniek", "huis", "park", "instituut",
    "academie", "fonds", "stichting", "steeg", "hof", "dijk", "markt", "pad", "baan", "zaal",
)  # fmt: skip
_ORG_PREFIXES = _wordset(
    """stichting basisschool school obs cbs pcbs rkbs kbs ikc kindcentrum college lyceum prinses
    prins koning koningin sint st ziekenhuis zorggroep museum theater sportpark stadion
    het de 't team welzijn gemeente roc sportclub vereniging huisartsenpraktijk praktijk
    regio provincie wijk buurt stadsdeel district dorp
    """
)
# verbs that follow a person subject at the start of a sentence ("Bram zit in groep 7")
_PERSON_VERBS = _wordset(
    """is was heeft had wil wilde zit zat woont woonde gaat ging komt kwam zegt zei vertelt
    vertelde belt belde krijgt kreeg doet deed kan kon mag mocht moet moest zal zou wordt werd
    voelt voelde durft durfde weigert weigerde loopt liep speelt speelde spijbelt verzuimt
    verzuimde vraagt vroeg geeft gaf blijft bleef werkt werkte slaapt sliep huilt huilde lacht
    schrijft schreef stuurt stuurde appt appte leeft leefde staat stond lijkt leek maakt maakte
    neemt nam laat liet ziet zag weet wist denkt dacht vindt vond hoort hoorde mist miste
    reageert reageerde kent kende houdt hield begint begon stopt stopte haalt haalde brengt
    bracht luistert luisterde post postte deelt deelde tekent tekende dreigt dreigde heet
    """
)
_LOCATIVE_PREPS = _wordset("in uit naar te bij rond nabij richting regio gemeente omgeving")


def _word_cls(word: str) -> tuple[bool, bool, bool]:
    """(first name, surname, ordinary Dutch word) for a capitalised word."""
    base = word
    if word.endswith(("'s", "’s")):
        base = word[:-2]
    first = base in _FIRST
    sur = base in _SUR or base in _ISUR
    if "-" in base and not (first or sur):
        parts = base.split("-")
        first = parts[0] in _FIRST and all(p[:1].isupper() for p in parts)
        sur = all(p in _SUR or p in _ISUR or p in _FIRST for p in parts if p[:1].isupper())
        sur = sur and any(p[:1].isupper() for p in parts)
    return first, sur, _is_word(base)


def _camel(word: str) -> bool:
    """Internal capitals ("VanMontfoort", "ParnasSys"): a brand, not a person's name."""
    core = word.replace("'", "-").replace("’", "-")
    for part in core.split("-"):
        if (
            len(part) > 2
            and any(c.isupper() for c in part[1:])
            and not part.startswith(("Mc", "Mac"))
        ):
            return True
    return False


def _name_like(word: str, after_tv: bool = False) -> bool:
    """Can this capitalised word be part of a personal name (any name, listed or not)?"""
    if len(word) < 2 or not word[0].isupper() or word.isupper() or _camel(word):
        return False
    low = word.lower()
    if low in _STOPWORDS or low.rsplit("-", 1)[-1].endswith(_ADJECTIVE_SUFFIXES):
        return False
    if low.endswith(_ORG_SUFFIXES) and len(low) > 6 and word not in _SUR and word not in _ISUR:
        return False
    first, sur, common = _word_cls(word)
    if first or sur or (after_tv and word in _ISUR):
        return True
    if after_tv and word not in _PLACES:
        return True  # "de Graaf", "van Rijn": a capitalised word after a tussenvoegsel
    return not common and word not in _PLACES


_Part = tuple[str, int, int, str]  # (kind, start, end, word): kind in init/tv/word


def _read_parts(text: str, pos: int, limit: int = 8) -> list[_Part]:
    """Read name-shaped tokens from ``pos``: initials, tussenvoegsels and capitalised words."""
    parts: list[_Part] = []
    cursor = pos
    for _ in range(limit):
        m = _NAME_TOKEN_RE.match(text, cursor)
        if m is None:
            break
        if parts and not m.group("sp") and parts[-1][0] != "init":
            break
        if parts and m.group("quote"):
            break
        if m.group("init"):
            init = m.group("init")
            letters = [x for x in init.split(".") if x]
            if not all(x[0].isupper() and (len(x) == 1 or x in _INITIALS) for x in letters):
                break
            parts.append(("init", m.start("init"), m.end("init"), init))
            cursor = m.end()
            continue
        word = m.group("word")
        ws, we = m.start("word"), m.end("word")
        if word[0] in "'’":
            if word[1:].lower() != "t":
                break
            parts.append(("tv", ws, we, "'t"))
            cursor = m.end()
            continue
        if (
            we < len(text)
            and text[we] == "-"
            and (we + 1 >= len(text) or not text[we + 1].isalpha())
        ):
            break  # "Zorg- en Veiligheidshuis": an elided compound, not a name
        low = word.lower()
        nxt = _NAME_TOKEN_RE.match(text, m.end())
        nxt_word = nxt.group("word") if nxt is not None and nxt.group("sp") else None
        particle = (
            low in _PARTICLES
            and nxt_word is not None
            and (nxt_word[:1].isupper() or nxt_word.lower() in _TV_WORDS)
        )
        if word.islower() or particle:
            if low in _TV_WORDS or low in _PARTICLES or low in _TV_MULTI:
                parts.append(("tv", ws, we, word))
                cursor = m.end()
                continue
            break
        if parts and parts[-1][0] == "tv":
            # the tussenvoegsels before this word must form a real one ("van der", "in 't", "El")
            j = len(parts)
            while j > 0 and parts[j - 1][0] == "tv":
                j -= 1
            seq = " ".join(p[3].lower() for p in parts[j:])
            single_particle = len(parts) - j == 1 and parts[j][3].lower() in _PARTICLES
            inner_capital = any(p[3][:1].isupper() for p in parts[j + 1 :])  # "van De Regenboog"
            if (seq not in _TV_SEQ and not single_particle) or inner_capital:
                del parts[j:]
                break
            if (
                j > 0
                and parts[j - 1][0] == "word"
                and parts[j - 1][3] in _FIRST
                and low.endswith(_ORG_SUFFIXES)
                and len(low) > 6
                and word not in _SUR
            ):
                # "Jayden van de Lindenschool": a first name and the school the child is at,
                # not a surname
                del parts[j:]
                break
        parts.append(("word", ws, we, word))
        cursor = m.end()
    # drop trailing tussenvoegsels
    while parts and parts[-1][0] == "tv":
        parts.pop()
    return parts


def _org_context(text: str, s: int, e: int, parts: list[_Part]) -> bool:
    """Is the capitalised phrase text[s:e] part of an organisation, school, street or work?"""
    words = [p[3] for p in parts if p[0] == "word"]
    for w in words:
        low = w.lower()
        if low.endswith(_ORG_SUFFIXES) and len(low) > 6 and w not in _SUR:
            return True
        if low in _ORG_HEADS:
            return True
    # what follows: "Anne Frank Huis", "Piet Hein-school", "Erasmus MC"
    after = text[e : e + 30]
    m = re.match(r"(?:[ \u00a0]+|-)([^\W\d_]+)", after)
    if m is not None:
        nxt = m.group(1)
        if nxt.lower() in _ORG_HEADS or (nxt.isupper() and len(nxt) >= 2 and nxt in ("MC", "UMC")):
            return True
        if after.startswith("-") and nxt.lower().endswith(_ORG_SUFFIXES):
            return True
    # what precedes: "de Piet Heinschool", "Stichting X", "ROC Mondriaan", "Montessori Lyceum"
    before = text[max(0, s - 40) : s]
    m = re.search(r"([^\W\d_][\w'’.-]*)[ \u00a0]+$", before)
    if m is not None:
        prev = m.group(1).rstrip(".")
        low = prev.lower()
        if low in _ORG_PREFIXES:
            return True
        if prev.isupper() and len(prev) >= 2 and prev.isalpha():
            return True  # an acronym: "ROC Mondriaan"
        if (
            prev[0].isupper()
            and not _is_sentence_start(text, s - len(m.group(0)))
            and not (prev in _FIRST or prev in _SUR or low in _STOPWORDS)
            and not re.fullmatch(r"(?i)" + _FAMILY_ROLES, prev)
            and low not in _CUE_WORDS
        ):
            return True  # title case: "Stichting Gouden Hart", "Welzijn Oost"
    return False


_CUE_WORDS = _wordset(
    """meneer mevrouw mijnheer heer familie gezin mevr mw dhr mr mej fam cliënt cliënte client
    leerling leerlinge jongere pupil zoon dochter broer zus moeder vader jongen meisje oma opa
    oom tante neef nicht collega casus ouders pleegouders echtpaar"""
)


# Public figures: people mentioned in this work as references, not as clients. A curated list
# by field (it is meant to be extended): eponyms of schools, hospitals, streets and venues;
# radicalisation and terrorism (perpetrators, ideologues, propagandists, influencers); politics
# and history; thinkers and researchers cited in training; sport, music and media figures young
# people follow. Mentioning them is not personal data of a client; a family role before the
# name or an age or school class after it still makes it a person ("zijn neef Mohammed Ali").
_PUBLIC_FIGURE_NAMES = (
    # eponyms and national history
    """Anne Frank|Maria Montessori|Piet Hein|Jan Ligthart|Willem de Zwijger|Willem van Oranje
    |Willem-Alexander|Vincent van Gogh|Theo van Gogh|Hugo de Groot|Michiel de Ruyter
    |Jan Pieter Heije|Kees Boeke|Peter Petersen|Anton de Kom|Martin Luther King|Nelson Mandela
    |Albert Heijn|Jan Linders|Dirk van den Broek|Ronald McDonald|Johan Cruijff|Johan Cruyff
    |Jeroen Bosch|Rembrandt van Rijn|Desiderius Erasmus|Christiaan Huygens|Annie M.G. Schmidt
    |Annie Schmidt|Dick Bruna|Pieter Zeeman|Hendrik Lorentz|Jacobus van 't Hoff|Heike Kamerlingh
    Onnes|Hannie Schaft|Etty Hillesum|Corrie ten Boom|Aletta Jacobs|Multatuli|Spinoza
    |Baruch Spinoza|Thorbecke|Johan Rudolph Thorbecke|Johan de Witt|Willem Drees|Titus Brandsma
    |Joost van den Vondel|Constantijn Huygens|Menno Simons|Thomas a Kempis|Erasmus
    |Sinterklaas|Zwarte Piet|Jezus|Maria|Mohammed|Allah|Koning Willem-Alexander|Koningin Máxima
    |Prinses Amalia|Prinses Beatrix|Koningin Beatrix|Koningin Juliana|Koningin Wilhelmina"""
    # radicalisation, extremism and terrorism
    """|Pim Fortuyn|Volkert van der Graaf|Mohammed Bouyeri|Anders Breivik|Anders Behring Breivik
    |Brenton Tarrant|Osama bin Laden|Abu Bakr al-Baghdadi|Anwar al-Awlaki|Sayyid Qutb
    |Ayman al-Zawahiri|Abu Musab al-Zarqawi|Mohammed Atta|Jihadi John|Abdelhamid Abaaoud
    |Salah Abdeslam|Timothy McVeigh|Ted Kaczynski|Dylann Roof|Payton Gendron|Stephan Balliet
    |Patrick Crusius|Robert Bowers|David Copeland|Andreas Baader|Ulrike Meinhof|Rudolf Hess
    |Joseph Goebbels|Heinrich Himmler|Hermann Göring|Anton Mussert|Adolf Hitler|Benito Mussolini
    |Francisco Franco|Andrew Tate|Tristan Tate|Jordan Peterson|Nick Fuentes|Alex Jones|David Icke
    |Tommy Robinson|Richard Spencer|Alexander Doegin|Alexander Dugin|Steve Bannon|Tucker Carlson
    |Ben Shapiro|Candace Owens|Joe Rogan|Sneako|Myron Gaines|Kanye West|Elliot Rodger
    |Greta Thunberg|Elon Musk|Ayaan Hirsi Ali|Malcolm X|Che Guevara|Fidel Castro|Karl Marx
    |Friedrich Engels|Lenin|Vladimir Lenin|Jozef Stalin|Joseph Stalin|Stalin|Mao Zedong
    |Pol Pot|Saddam Hussein|Bashar al-Assad|Muammar Gaddafi|Ruhollah Khomeini|Hassan Nasrallah"""
    # politics and public office
    """|Thierry Baudet|Geert Wilders|Mark Rutte|Dick Schoof|Hugo de Jonge|Femke Halsema
    |Ahmed Aboutaleb|Sylvana Simons|Jesse Klaver|Frans Timmermans|Caroline van der Plas
    |Pieter Omtzigt|Sigrid Kaag|Rob Jetten|Donald Trump|Joe Biden|Barack Obama|Kamala Harris
    |Vladimir Poetin|Vladimir Putin|Volodymyr Zelensky|Volodymyr Zelenski|Recep Tayyip Erdoğan
    |Recep Tayyip Erdogan|Benjamin Netanyahu|Emmanuel Macron|Angela Merkel|Winston Churchill
    |Mahatma Gandhi|Rosa Parks|Desmond Tutu|Malala Yousafzai|Martin Luther|John F. Kennedy"""
    # thinkers and researchers cited in training
    """|Quintan Wiktorowicz|Fathali Moghaddam|Beatrice de Graaf|Sigmund Freud|Maslow
    |Abraham Maslow|Erik Erikson|Jean Piaget|Hannah Arendt|Zygmunt Bauman|Noam Chomsky
    |Michel Foucault|Karl Popper|Friedrich Nietzsche|Immanuel Kant|Jean-Paul Sartre
    |Simone de Beauvoir|Albert Camus|George Orwell|Plato|Socrates|Aristoteles|Machiavelli
    |Niccolò Machiavelli|Thomas Hobbes|John Locke|Jean-Jacques Rousseau|Albert Einstein
    |Charles Darwin|Stephen Hawking|Carl Jung|Paulo Freire|Gert Biesta|Micha de Winter
    |Marion van San|Bertjan Doosje|Jean Tillie|Edwin Bakker|Marc Sageman|Scott Atran|Olivier Roy
    |Gilles Kepel|Arie Kruglanski|Clark McCauley|Sophia Moskalenko|Peter Neumann|Tore Bjørgo
    |Stanley Milgram|Philip Zimbardo|Daniel Kahneman|Brené Brown"""
    # sport, music and media
    """|Muhammad Ali|Mohammed Ali|Mohamed Ali|Mike Tyson|Khabib Nurmagomedov|Conor McGregor
    |Badr Hari|Rico Verhoeven|Cristiano Ronaldo|Lionel Messi|Kylian Mbappé|Zinedine Zidane
    |Mohamed Salah|Erling Haaland|Neymar|Hakim Ziyech|Memphis Depay|Virgil van Dijk
    |Frenkie de Jong|Max Verstappen|Noussair Mazraoui|Sofyan Amrabat|Bob Marley|Tupac Shakur
    |Tupac|Eminem|Drake|Snoop Dogg|Beyoncé|Rihanna|Taylor Swift|Billie Eilish|Boef|Lil Kleine
    |Ronnie Flex|Frenna|Snelle|Famke Louise|Enzo Knol|Dylan Haegens|MrBeast|PewDiePie"""
)
# public figures whose name is also common among clients: only with a cultural context
_COMMON_NAME_FIGURES = frozenset(
    {"muhammad ali", "mohammed ali", "mohamed ali", "mohamed salah", "mohammed atta"}
)


def _name_key(name: str) -> str:
    return " ".join(_TOKEN_RE.findall(name)).lower()


_PUBLIC_FIGURES = frozenset(
    _name_key(x) for x in " ".join(_PUBLIC_FIGURE_NAMES.split()).split("|") if x.strip()
)
_FIGURE_FIRST_WORDS = frozenset(k.split()[0] for k in _PUBLIC_FIGURES)


def _figure_at(text: str, s: int) -> tuple[str, int] | None:
    """The longest listed public figure whose name starts at ``s`` (any case): (key, end)."""
    first = _TOKEN_RE.match(text, s)
    if first is None or first.group().lower() not in _FIGURE_FIRST_WORDS:
        return None
    best = None
    words: list[str] = []
    cursor = s
    for _ in range(5):
        m = _TOKEN_RE.match(text, cursor)
        if m is None:
            break
        words.append(m.group().lower())
        key = " ".join(words)
        if key in _PUBLIC_FIGURES:
            best = (key, m.end())
        gap = re.match(r"[ \u00a0.'’]{1,3}", text[m.end() : m.end() + 3])
        if gap is None:
            break
        cursor = m.end() + gap.end()
    return best


# a cultural reference: "filmpjes van …", "een poster van …", "een shirt met … erop",
# "verwees naar …", "citeerde …", "fan van …"
_CULTURAL_BEFORE_RE = re.compile(
    r"(?i)(?:(?<![\w])(?:filmpjes?|video'?s|video|clips?|memes|plaatjes"
    r"|afbeeldingen|foto's|(?P<work>speeches|speech|toespraken|toespraak|preken|preek|lezingen"
    # written works and fragments of them ("een fragment van Abdelkader Benali over …")
    r"|fragmenten|fragment|boekfragment|gedichten|gedicht|romans?|verhalen|verhaal|essays?"
    r"|columns?|teksten|tekst"
    r"|boeken|boek|citaten|citaat|quotes?|posters?|(?:t-)?shirts?|truien|trui|hoodies?|tattoo"
    r"|tatoeage|muziek|nummers|liedjes|podcasts?|interviews?|documentaire|biografie"
    r"|gedachtegoed|ideeën|theorie|model))[ \u00a0]+(?:van|met|over)"
    r"|(?P<ref>(?<![\w])(?:verwees|verwijst|verwezen|verwijzen)[ \u00a0]+naar"
    r"|(?<![\w])(?:citeert|citeerde|citeerden|citeren|aanhaalde|fan[ \u00a0]+van|idool"
    r"|volgelingen[ \u00a0]+van|aanhanger[ \u00a0]+van|geïnspireerd[ \u00a0]+door)))[ \u00a0]+$"
)
_CULTURAL_AFTER_RE = re.compile(
    r"(?i)[ \u00a0]+(?:erop|op[ \u00a0]+(?:zijn|haar)[ \u00a0]+(?:shirt|trui|arm)|als[ \u00a0]+"
    r"(?:zijn|haar|hun|een|het|de)?[ \u00a0]*(?:grote[ \u00a0]+)?(?:voorbeeld|voorbeelden|held"
    r"|idool|inspiratie|inspiratiebron|rolmodel|leider))(?![\w])"
)
# an eponym: "De school draagt de naam van …", "de zaal is vernoemd naar …"
_EPONYM_BEFORE_RE = re.compile(
    r"(?i)(?<![\w])(?:(?:draagt|dragen|droeg|kreeg|krijgt)[ \u00a0]+de[ \u00a0]+naam"
    r"[ \u00a0]+van|(?:vernoemd|genoemd)[ \u00a0]+naar)[ \u00a0]+$"
)
_NAMED_THINGS = _wordset(
    """school scholen college lyceum gymnasium zaal lokaal gebouw straat laan plein park brug
    prijs zaal zalen afdeling vleugel ziekenhuis kliniek huis centrum kazerne schip stadion
    bibliotheek stichting fonds leerstoel wijk"""
)


def _reference_context(text: str, s: int, e: int, listed: bool = True) -> bool:
    """Is the name text[s:e] a cultural reference or an eponym, not a private person? For a
    name that is not a listed public figure, clips and pictures ("filmpjes van", "foto's van")
    are no evidence: they may show a classmate; a public work ("een poster van", "verwees naar")
    is."""
    before = text[max(0, s - 40) : s]
    if _EPONYM_BEFORE_RE.search(before):
        start, _ = _sentence_bounds(text, s)
        for tok in _OWNER_TOKEN_RE.finditer(text, start, s):
            w = tok.group().lower()
            if w in _NAMED_THINGS or _owner_class(tok.group(), tok.group()) == "org":
                return True
        return False
    m = _CULTURAL_BEFORE_RE.search(before)
    if m is not None and (listed or m.group("work") or m.group("ref")):
        return True
    if _ET_AL_RE.match(text, e):
        return True  # "Gielen et al."
    if _AUTHOR_VERB_RE.match(text, e):
        # "Amy-Jane Gielen schreef veel over …, zie de literatuurlijst": an author, when the
        # sentence speaks of literature
        lo, hi = _sentence_bounds(text, s)
        if _LITERATURE_RE.search(text, lo, hi):
            return True
    return bool(_CULTURAL_AFTER_RE.match(text, e))


_ET_AL_RE = re.compile(r"[ \u00a0]+(?:et[ \u00a0]+al\.?|e\.a\.)(?![\w])")
_AUTHOR_VERB_RE = re.compile(
    r"(?i)[ \u00a0]+(?:[a-z]+[ \u00a0]+)?(?:schreef|schrijft|publiceerde|publiceert|beschreef"
    r"|beschrijft|betoogt|betoogde|promoveerde|concludeert|concludeerde|onderzocht|onderzoekt"
    r"|ontwikkelde|introduceerde|stelt|stelde)(?![\w])"
)
_LITERATURE_RE = re.compile(
    r"(?i)(?<![\w])(?:literatuur[\w]*|bronnenlijst|bronvermelding|artikel|artikelen|boek"
    r"|boeken|publicatie[s]?|proefschrift|dissertatie|studie|studies|handboek|tijdschrift"
    r"|leesbrief|leeslijst|wetenschappelijk[e]?|theorie|trappenhuismodel)(?![\w])"
)


# kin and neighbours: "zijn neef Mohammed Ali" is a relative, not the boxer
_KIN_RE = re.compile(
    r"(?i)(?:stief|pleeg|half|groot|schoon|ex-)?(?:broer(?:tje)?|zus(?:je)?|moeder|vader|zoon"
    r"|dochter|oma|opa|oom|tante|neef|neefje|nicht|nichtje)|vriend(?:in|innetje|je)?|buurman"
    r"|buurvrouw|buurjongen|buurmeisje|klasgenoo?te?|partner|ex-partner|tweelingbroer|tweelingzus"
)


def _person_evidence(text: str, s: int, e: int) -> bool:
    """A kin word right before the name, or an age or school class right after it."""
    words = _prev_word(text, s, 1)
    if words and _KIN_RE.fullmatch(words[-1]):
        return True
    tail = text[e : e + 30]
    return bool(
        re.match(r"[ \u00a0]*(?:\([ \u00a0]?|,[ \u00a0]*)[0-9]{1,2}(?![0-9])", tail)
        or _CLASS_AFTER_NAME_RE.match(text, e)
    )


def _press_form(name: str) -> str | None:
    """The Dutch press writes suspects and convicts as first name + initial of the surname
    (Raad voor de Journalistiek): "mohammed bouyeri" -> "mohammed b.", "volkert van der graaf"
    -> "volkert van der g."; public figures in that form are mentioned as such."""
    words = name.split()
    if len(words) < 2 or not words[-1][:1].isalpha():
        return None
    return " ".join(words[:-1] + [words[-1][0] + "."])


# public figures who were suspects or convicts in the Netherlands, so known by the press form
_CONVICTED_FIGURES = ("Mohammed Bouyeri", "Volkert van der Graaf")
_PUBLIC_PRESS_FORMS = frozenset(
    f for f in (_press_form(n.lower()) for n in _CONVICTED_FIGURES) if f is not None
)


def _public_figure(text: str, s: int, e: int) -> int | None:
    """If the name at ``s`` (ending at ``e`` or later) is a public figure, a cultural reference
    or an eponym rather than a private person, the end of that name; else None."""
    figure = _figure_at(text, s)
    if figure is not None and figure[0] in ("mohammed", "maria", "jezus"):
        # "de profeet Mohammed" / "Mohammed" alone is a client's name unless a religious cue
        words = _prev_word(text, s, 2)
        if bool(words) and words[-1] in ("profeet", "heilige", "maagd", "christus"):
            return max(figure[1], e)
        figure = None
    if figure is not None and figure[1] < e and _TOKEN_RE.search(text, figure[1], e):
        figure = None  # the name goes on: "Drake Bakker" is not the rapper
    if figure is not None:
        key, end = figure
        if _person_evidence(text, s, end):
            return None
        if key in _COMMON_NAME_FIGURES and not _reference_context(text, s, end):
            return None
        return max(end, e)
    name = " ".join(text[s:e].split()).lower()
    if name in _PUBLIC_PRESS_FORMS:
        # "noemde Mohammed B. als voorbeeld", but "leerling Mohammed B. (15)" is a client ("een
        # leerling Mohammed B." is not: an indefinite noun does not name who follows it)
        words = _prev_word(text, s, 2)
        cued = (
            bool(words)
            and (words[-1] in _CUE_WORDS or bool(re.fullmatch(r"(?i)" + _FAMILY_ROLES, words[-1])))
            and not (len(words) == 2 and words[0] == "een")
        )
        aged = re.match(r"[ \u00a0]*(?:\([ \u00a0]?|,[ \u00a0]*)[0-9]", text[e : e + 6])
        return e if not cued and aged is None else None
    # an unlisted full name as a cultural reference or an eponym ("een poster van X Y")
    if (
        " " in text[s:e].strip()
        and _reference_context(text, s, e, listed=False)
        and not _person_evidence(text, s, e)
    ):
        return e
    return None


# "Sandra van het secretariaat", "Kees van de gemeente": staff named by their organisation or
# department (not schools and youth venues: "Noor van de basisschool" may be a pupil)
_STAFF_OF_RE = re.compile(
    r"(?i)[ \u00a0]+van[ \u00a0]+(?:het|de|ons|onze)[ \u00a0]+(?:secretariaat|receptie|gemeente"
    r"|wijkteam|buurtteam|ggd|politie|jeugdzorg|jeugdbescherming|raad|halt|veiligheidshuis|zvh"
    r"|steunpunt|meldpunt|platform|ministerie|servicedesk|helpdesk|administratie|afdeling|bureau"
    r"|kantoor|leerplicht|leerplichtafdeling|jeugdteam|sociaal[ \u00a0]+team|reclassering"
    r"|jeugdreclassering|rechtbank|provincie|organisatie|projectgroep|werkgroep|stuurgroep)"
    r"(?![\w])"
)


_NEXT_WORD_RE = re.compile(r"[ \u00a0]+([^\W\d_]+)")


def _reported_after_role(text: str, e: int, gap: str) -> bool:
    """ "Jongerenwerker: Dilan Koç komt niet meer …", "een docent: Milan uit mijn klas …": the
    role before the colon reports; the name starts what is said about someone (a verb or
    "uit" follows), unlike a label ("Trainer: Anna de Vries, VanMontfoort")."""
    if ":" not in gap or e < 0:
        return False
    m = _NEXT_WORD_RE.match(text, e)
    return m is not None and (m.group(1) in _PERSON_VERBS or m.group(1) == "uit")


def _professional_context(text: str, s: int, e: int = -1) -> bool:
    """Is the name at ``s`` a professional's or an author's ("trainer X", "de lezing van X")?"""
    words = _prev_word(text, s, 4)
    if not words:
        return False
    gap = text[max(0, s - 3) : s]
    if (
        words[-1] in _PROFESSIONAL_ROLES
        and "\n" not in gap
        and not _reported_after_role(text, e, gap)
    ):
        return True
    # "De trainer van VanMontfoort, Ruud Hendriks, ...": a role in apposition
    before = text[max(0, s - 60) : s]
    m = re.search(
        r"([^\W\d_]+)(?:[ \u00a0]+van[ \u00a0]+[^,]{1,30})?[ \u00a0]*,[ \u00a0]*$", before
    )
    if m is not None and m.group(1).lower() in _PROFESSIONAL_ROLES:
        return True
    if len(words) >= 2 and words[-1] == "van" and words[-2] in _WORK_NOUNS:
        return True
    if (
        e > s
        and " " not in text[s:e]
        and words[-1] not in _CUE_WORDS
        and _STAFF_OF_RE.match(text, e)
    ):
        return True  # "Bel Sandra van het secretariaat": a member of staff by first name
    start, _ = _sentence_bounds(text, s, limit=120)
    clause = text[start:s]
    if _THANKS_RE.search(clause):
        # "Wij danken Ilse, Marco en Jeroen", "Namens X sloot Marloes aan", "Groet, Mark"
        return not re.search(
            r"(?i)(?<![\w])(?:moeder|vader|jongen|meisje|jongere|leerling|cli[eë]nt)", clause
        )
    return False


# private matters of a named colleague or professional (health, leave, bereavement, divorce):
# "Collega Marieke Smit ligt in het ziekenhuis", "trainer X is met zwangerschapsverlof". A state
# said of someone directly ("is ziek", "geopereerd", "overleden") ...
_PRIVATE_STATE_RE = re.compile(
    r"(?i)(?<![\w])(?:ziek|ziekgemeld|overspannen|zwanger|bevallen|geopereerd|overleden"
    r"|gescheiden|verslaafd|depressief|revalideert|(?:ligt|lag|opgenomen|belandde|beland)"
    r"(?:[ \u00a0]+[^\W\d_]+){0,3}[ \u00a0]+(?:in|op)[ \u00a0]+(?:het[ \u00a0]+|de[ \u00a0]+)?"
    r"(?:ziekenhuis|ic|intensive[ \u00a0]+care))(?![\w])"
)
# ... or a private matter someone has or is on ("met zwangerschapsverlof", "heeft een burn-out",
# "na een zware operatie", "door een hernia"), not a topic ("de rol van scheiding")
_PRIVATE_MATTER_RE = re.compile(
    r"(?i)(?<![\w])(?:met|wegens|vanwege|door|na|heeft|had|kreeg|krijgt|sinds|in)"
    r"(?:[ \u00a0]+[^\W\d_]+){0,3}?[ \u00a0]+(?:ziekte|ziekteverlof|ziekmelding"
    r"|zwangerschapsverlof|bevallingsverlof|ouderschapsverlof|rouwverlof|zorgverlof|verlof"
    r"|burn-?out|operatie|chemo|chemotherapie|kanker|depressie|psychose|overlijden|begrafenis"
    r"|uitvaart|scheiding|verslaving|herseninfarct|hartaanval|hernia|revalidatie|rouw)(?![\w])"
)
# a topic of a talk or training: "sprak over ziekteverzuim", "uitleg over depressie bij pubers"
_TOPIC_BEFORE_RE = re.compile(
    r"(?i)(?<![\w])(?:over|rond|rondom|omtrent|thema|onderwerp)(?:[ \u00a0]+[^\W\d_]+){0,2}"
    r"[ \u00a0]+$"
)


def _private_matter(text: str, s: int) -> bool:
    """Does the sentence of the name at ``s`` tell something private about that person?"""
    start, end = _sentence_bounds(text, s)
    for rx in (_PRIVATE_STATE_RE, _PRIVATE_MATTER_RE):
        for m in rx.finditer(text, start, end):
            if not _TOPIC_BEFORE_RE.search(text[max(start, m.start() - 30) : m.start() + 1]):
                return True
    return False


_QUOTES_OPEN = "'‘\"“«"
_QUOTES_CLOSE = "'’\"”»"
_NAMING_WORDS = _wordset(
    "genaamd geheten heet heten naam bijnaam roepnaam voornaam achternaam zich schuilnaam"
)


def _quoted_label(text: str, s: int, e: int) -> bool:
    """A single name in quotes is a label or pseudonym ("de casus van 'Sami'", "namen uit het
    werkboek, zoals 'Sami' en 'Lisa'"), unless a naming cue or family role comes before it or an
    age or a class after it ("zijn broer 'Karim'", "'Sanne' (14)")."""
    if s == 0 or text[s - 1] not in _QUOTES_OPEN or text[e : e + 1] not in _QUOTES_CLOSE:
        return False
    if " " in text[s:e].strip():
        return False
    words = _prev_word(text, s, 1)
    if words and (words[-1] in _NAMING_WORDS or _FAMILY_ROLE_RE.fullmatch(words[-1])):
        return False
    return not _person_evidence(text, s, e + 1)


def _span_of(parts: list[_Part]) -> tuple[int, int]:
    return parts[0][1], parts[-1][2]


def _trim_name(parts: list[_Part]) -> list[_Part]:
    """Keep the longest prefix of parts that reads as a name (words must be name-like)."""
    out: list[_Part] = []
    after_tv = False
    pending: list[_Part] = []
    for p in parts:
        if p[0] == "init":
            if pending:
                break
            out.append(p)
            continue
        if p[0] == "tv":
            pending.append(p)
            after_tv = True
            continue
        if not _name_like(p[3], after_tv=after_tv):
            break
        out.extend(pending)
        pending = []
        out.append(p)
        after_tv = False
    return out


def _names_after_cues(text: str) -> Iterator[tuple[int, int, bool]]:
    """Names after a cue word; yields (start, end, strong)."""
    for m in _NAME_CUE_RE.finditer(text):
        pos = m.end()
        while pos < len(text) and text[pos] in " \t\u00a0:\"'“‘«(":
            pos += 1
        if pos - m.end() > 4 or pos >= len(text):
            continue
        if m.group("verb"):
            # "De app heet Signal": a verbal cue needs a person as subject, or a listed name
            subject = _prev_word(text, m.start(), 4)
            person = any(_PERSON_NEAR_RE.fullmatch(w) for w in subject)
        elif m.group("owner") and m.group("owner").lower() not in ("de", "het"):
            # "De naam van de app is Signal": the name of a thing, unless a listed name
            owner = m.group("owner").lower()
            person = bool(
                _PERSON_NEAR_RE.fullmatch(owner)
                or _FAMILY_ROLE_RE.fullmatch(owner)
                or owner in _PERSON_OWNER_WORDS
            )
        else:
            person = True
        parts = _read_parts(text, pos)
        if not parts:
            continue
        if parts[0][0] == "tv" and parts[0][3].lower() in ("de", "het") and len(parts) == 1:
            continue
        if parts[0][0] == "tv" and parts[0][3].islower() and _PARENTS_CUE_RE.fullmatch(m.group()):
            continue  # "ouders van Syriëgangers", "ouders in de Teams-chat": no surname
        # a lower-case "van"/"de" right after a family cue: "de moeder van Sem" -> Sem
        if parts[0][0] == "tv" and parts[0][3].islower():
            words = [p for p in parts if p[0] == "word"]
            if words and words[0][3] in _FIRST and words[0][3] not in _ISUR:
                parts = parts[parts.index(words[0]) :]
        named = _trim_name(parts)
        words = [p for p in named if p[0] == "word"]
        if not words:
            continue
        if not person:
            first, sur, _ = _word_cls(words[0][3])
            if not (first or sur):
                continue
        if _camel(words[0][3]):
            continue
        s, e = _span_of(named)
        if (
            _org_context(text, s, e, named)
            and m.group().lower() not in ("familie", "fam.", "gezin")
            and not any(p[0] == "tv" for p in named)
        ):
            continue
        if _GROUP_CUE_RE.fullmatch(m.group()) and _origin_word(words[0][3]):
            continue  # "ouders Marokkaans", "gezin Syrië ontvlucht": an origin, not a surname
        yield s, e, True


_PARENTS_CUE_RE = re.compile(r"(?i)(?:pleeg)?ouders|echtpaar")
_GROUP_CUE_RE = re.compile(r"(?i)familie|fam\.|gezin|(?:pleeg)?ouders|echtpaar")


def _origin_word(word: str) -> bool:
    """A place, country or origin adjective ("Zeist", "Syrië", "Marokkaans", "Turks-Nederlands")
    that is no listed surname."""
    head = word.split("-")[0]
    if word in _SUR or head in _SUR:
        return False
    return (
        head in _PLACES
        or head.lower() in _COUNTRIES
        or head.lower().endswith(("aans", "isch", "ees", "iaans", "ks", "ns"))
    )


_COUNTRIES = _wordset(
    """nederland belgië duitsland frankrijk engeland polen roemenië bulgarije turkije marokko
    algerije tunesië egypte syrië irak iran afghanistan pakistan somalië eritrea ethiopië
    soedan jemen libanon jordanië suriname curaçao aruba antillen indonesië china oekraïne
    rusland tsjetsjenië bosnië servië kosovo albanië ghana nigeria kaapverdië"""
)


_EN_WORDS = _wordset(
    """else given can day line will may june april rose mark bill grace hope joy faith dawn art
    jack guy bob sue pat don ray chase hunter summer autumn lily iris ivy ruby pearl amber
    crystal destiny heaven honey sunny sky river rain storm king prince major precious royal sage
    miles wade drew rich frank earnest happy lucky young long page chance cash price win dean
    judge lane gene kit max sam tim tom ben dan has been just made done meta ids sid lon lat
    list set map key value none true false self node mode data date time name user admin test
    case note link more most much such some any all each every other then than that this these
    those there their here where when what which while with within without about after before
    over under again further once only own same both few nor not very just also back even still
    well way new old first last next good great little big high low small large early late"""
)
_AUXILIARIES = _wordset("heeft hebben had hadden wordt werd worden werden is zijn was waren")
_PARTICIPLE_RE = re.compile(
    r"(?:ge|be|ver|ont|her|door|onder|op|aan|uit|in|af|over|mee|toe|terug|weg|thuis|bij)"
    r"[a-zà-ÿ]{2,}(?:d|t|en)"
)
_LOWER_NAME_PREV = _wordset(
    """met en van voor bij aan door dat die heet genaamd naam roepnaam broer broertje zus zusje
    vader moeder stiefvader stiefmoeder pleegvader pleegmoeder leerling leerlinge cliënt cliënte
    client jongen meisje vriend vriendin vriendje neef nicht oom tante opa oma zoon dochter
    jongere pupil klasgenoot klasgenote buurjongen buurmeisje over tegen naast zonder zag sprak
    belde mailde appte hoorde kent kende"""
)
# a school class after a name: "hodan uit 1c", "Sem (groep 7)", "Ioana uit mijn mentorklas"
_CLASS_AFTER_NAME_RE = re.compile(
    r"(?i)[ \u00a0]+(?:uit|in|van|zit[ \u00a0]+in)[ \u00a0]+(?:(?:de[ \u00a0]+)?(?:[1-6][a-f]"
    r"(?![\w])|groep[ \u00a0]*[1-8](?![0-9])|klas[ \u00a0]*[1-6](?![0-9])|[1-6][ \u00a0]?(?:havo"
    r"|vwo|vmbo|mavo|kader|basis|gym)|brugklas(?![\w]))|(?:mijn|zijn|haar|onze)[ \u00a0]+"
    r"(?:mentor|stam)?(?:klas|groep)(?![\w]))"
)
_FAMILY_ROLE_RE = re.compile(r"(?i)(?:" + _FAMILY_ROLES + r")")


def _lower_names(text: str, tokens: list[re.Match]) -> Iterator[tuple[int, int]]:
    """Names typed in lower case: "met jaimy de graaf", "zijn vader abdelkader bouzid".

    A listed first name that is no common English word, with a person context: after a family
    noun, a cue, a preposition or verb that takes a person ("met", "over", "belde"), before a
    surname, a person verb, an age or a school class ("hodan uit 1c"). A first name that is
    also a Dutch word ("sem", "ilias") needs more: a family noun before it, a surname that is no
    Dutch word after it ("ilias bouzid"), a tussenvoegsel and a surname after a person context
    ("met sem de jong") or a school class.
    """
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        w = tok.group()
        if not (w.islower() and len(w) >= 3):
            i += 1
            continue
        cap = w[:1].upper() + w[1:]
        if cap not in _FIRST or w in _STOPWORDS or w in _EN_WORDS or w in _COMMON_FIRST:
            i += 1
            continue
        s, e = tok.start(), tok.end()
        j = i + 1
        surname = tv = sur_word = False
        # a surname after it: "bouzid", "de graaf", "v."
        k = j
        while k < n and text[tokens[k - 1].end() : tokens[k].start()] in (" ", "\u00a0"):
            nw = tokens[k].group()
            if nw in _TV_WORDS and k + 1 < n:
                k += 1
                tv = True
                continue
            ncap = nw[:1].upper() + nw[1:]
            if tv:
                # after a tussenvoegsel a surname written after one ("de jong", "van dijk")
                ok = ncap in _ISUR and " ".join(t.group() for t in tokens[j:k]) in _TV_SEQ
            else:
                ok = (ncap in _SUR or ncap in _ISUR) and nw not in _STOPWORDS
            if nw.islower() and ok and nw not in _EN_WORDS and nw not in _TV_WORDS:
                e = tokens[k].end()
                surname = True
                sur_word = _is_word(nw)
                j = k + 1
            break
        if not surname and re.match(r"[ \u00a0][a-z]\.", text[e : e + 3]):
            e += 3  # "daan v."
            surname = True
        if not surname and j < n and text[e : tokens[j].start()] in (" ", "\u00a0"):
            # an unlisted surname before a school class: "dewi kartosen uit 2a"
            nw = tokens[j].group()
            if (
                nw.islower()
                and len(nw) >= 3
                and not _is_word(nw)
                and nw not in _STOPWORDS
                and _CLASS_AFTER_NAME_RE.match(text, tokens[j].end())
            ):
                e = tokens[j].end()
                surname = True
                j += 1
        prev = _prev_word(text, s, 1)
        person_before = bool(prev) and prev[0] in _LOWER_NAME_PREV
        school = _CLASS_AFTER_NAME_RE.match(text, e) is not None
        if _is_word(w):
            # a name that is also a (rare) word: only right after a family noun ("de oom van
            # ilias", "zijn zus noor"), before a surname that is no word ("ilias bouzid"), a
            # tussenvoegsel and a surname after a person context ("met sem de jong") or a class
            before = _prev_word(text, s, 2)
            family = bool(before) and (
                bool(_FAMILY_ROLE_RE.fullmatch(before[-1]))
                or (
                    len(before) == 2
                    and before[-1] == "van"
                    and bool(_FAMILY_ROLE_RE.fullmatch(before[0]))
                )
            )
            if not (
                family
                or (surname and not sur_word and not tv)
                or (surname and tv and person_before)
                or school
                or _pupil_subject(text, s, e)
            ):
                i += 1
                continue
        nxt = re.match(r"[ \u00a0]+([^\W\d_]+)", text[e : e + 30])
        context = (
            surname
            or person_before
            or school
            or (nxt is not None and nxt.group(1) in _PERSON_VERBS)
            # "heeft nadia doorverwezen", "werd sem opgehaald": the object between an auxiliary
            # and a participle
            or (
                bool(prev)
                and prev[0] in _AUXILIARIES
                and nxt is not None
                and _PARTICIPLE_RE.fullmatch(nxt.group(1)) is not None
            )
            or re.match(r"[ \u00a0]*\([ \u00a0]?[0-9]", text[e : e + 4]) is not None
        )
        if context:
            yield s, e
            i = j
        else:
            i += 1


# a clause about a pupil: a school class or lessons in the sentence ("mentor 2B", "in de les")
_SCHOOL_CONTEXT_RE = re.compile(
    r"(?i)(?<![\w])(?:[1-6][a-f]|groep[ \u00a0]*[1-8]|klas[ \u00a0]*[1-6]|mentorklas|brugklas"
    r"|(?:in|na|tijdens)[ \u00a0]+de[ \u00a0]+(?:les|lessen|pauze|klas)|mentor)(?![\w])"
)
_SUBCLAUSE_BEFORE_RE = re.compile(
    r"(?i)(?<![\w])(?:dat|omdat|of|toen|nadat|zodat|terwijl|want|sinds|hoe|waarom|waar)"
    r"[ \u00a0]+$"
)


def _pupil_subject(text: str, s: int, e: int) -> bool:
    """Is the lower-case name at text[s:e] the subject of a clause about a pupil ("mentor 2B gaf
    aan dat ilias steeds vaker over 'de ummah' begint in de les"): right after a conjunction (a
    bare singular noun cannot be a subject there), a verb of a person later in the clause and a
    school class or lessons in the sentence?"""
    if not _SUBCLAUSE_BEFORE_RE.search(text, max(0, s - 10), s):
        return False
    start, end = _sentence_bounds(text, s)
    clause_end = end
    stop = re.search(r"[,;:]", text[e:end])
    if stop is not None:
        clause_end = e + stop.start()
    verbs = _TOKEN_RE.findall(text, e, clause_end)
    if not any(v in _PERSON_VERBS and v not in ("is", "was") for v in verbs[:8]):
        return False
    return bool(_SCHOOL_CONTEXT_RE.search(text, start, end))


# a name typed in lower case after a naming cue: "z'n achternaam is verhoeven", "genaamd lotte"
_LOWER_AFTER_NAME_CUE_RE = re.compile(
    r"(?i)(?<![\w])(?P<cue>voornaam|achternaam|roepnaam|bijnaam|naam|genaamd|geheten|mevrouw"
    r"|meneer|mijnheer|mevr\.|mw\.|dhr\.|de[ \u00a0]+heer|fam\.|familie)"
    r"(?:[ \u00a0]+van[ \u00a0]+(?:de|het|zijn|haar|hun)[ \u00a0]+(?P<owner>[^\W\d_]{2,20}))?"
    r"(?:[ \u00a0]*(?::|is|was)(?![\w]))?[ \u00a0]+"
    r"(?-i:(?P<tv>(?:(?:el|al|ben|bin|abu|van|de|der|den|ter|ten|la|le|da|di|du|dos|von)"
    r"[ \u00a0]+){0,2})(?P<w>[a-zß-ÿ][a-zß-ÿ'’-]{1,30}))(?![\w])"
)


_TITLE_CUES = frozenset(
    ("mevrouw", "meneer", "mijnheer", "mevr.", "mw.", "dhr.", "de heer", "de\u00a0heer", "fam.",
     "familie")
)  # fmt: skip


def _lower_after_name_cue(text: str) -> Iterator[tuple[int, int]]:
    for m in _LOWER_AFTER_NAME_CUE_RE.finditer(text):
        w = m.group("w")
        cue = m.group("cue").lower()
        if cue == "naam" and not re.search(r"(?::|is|was)", text[m.end("cue") : m.start("tv")]):
            continue  # "naam" needs "is" or ":" ("de naam verandert")
        owner = (m.group("owner") or "").lower()
        if owner and not (_PERSON_NEAR_RE.fullmatch(owner) or _FAMILY_ROLE_RE.fullmatch(owner)):
            continue  # "de naam van de app is signal"
        cap = w[:1].upper() + w[1:]
        tv = m.group("tv").strip()
        if cue in _TITLE_CUES:
            # "mevr. de haan", "meneer bakker": a surname after a title, also a Dutch word
            listed = cap in _SUR or cap in _ISUR or bool(tv and not _is_word(w))
        else:
            listed = cap in _FIRST or cap in _SUR or cap in _ISUR or bool(tv and not _is_word(w))
        if not listed or w in _STOPWORDS or w in _TV_WORDS or w in _PROFESSIONAL_ROLES:
            continue  # "mevrouw de burgemeester": a role
        if (
            (_is_word(w) or w in _EN_WORDS)
            and cue in ("naam", "bijnaam")
            and not (tv and cap in _ISUR)
        ):
            continue  # "de naam is anders": a word after a generic cue (not "is de boer")
        yield m.start("tv") if tv else m.start("w"), m.end("w")


# Dutch idioms and stock characters with a first name: no one in particular ("Niet iedere Jan
# en alleman hoeft dit te lezen", "Jan Modaal", "Joost mag het weten", "een brave Hendrik")
_IDIOM_RE = re.compile(
    r"(?i)(?<![\w])(?:jan[ \u00a0]+en[ \u00a0]+alleman|jan[ \u00a0]+modaal"
    r"|jan[ \u00a0]+met[ \u00a0]+de[ \u00a0]+pet|jan[ \u00a0]+publiek|jan[ \u00a0]+rap"
    r"[ \u00a0]+en[ \u00a0]+(?:zijn|z'n)[ \u00a0]+maat|jan[ \u00a0]+salie|jan[ \u00a0]+lul"
    r"|jan[ \u00a0]+klaassen(?:[ \u00a0]+en[ \u00a0]+katrijn)?|jan[ \u00a0]+boezeroen"
    r"|(?:het[ \u00a0]+)?huishouden[ \u00a0]+van[ \u00a0]+jan[ \u00a0]+steen"
    r"|jantje[ \u00a0]+(?:lacht|huilt|beton)|jip[ \u00a0-]+en[ \u00a0-]+janneke[\w]*"
    r"|joost[ \u00a0]+mag[ \u00a0]+het[ \u00a0]+weten|klaas[ \u00a0]+vaak"
    r"|piet[ \u00a0]+snot|pietje[ \u00a0]+(?:precies|bell)|jut[ \u00a0]+en[ \u00a0]+jul"
    r"|sint[ \u00a0-]+juttemis|brave[ \u00a0]+hendrik|ongelovige[ \u00a0]+thomas"
    r"|tante[ \u00a0]+pos|truus[ \u00a0]+de[ \u00a0]+mier)(?![\w])"
)
# a title in quotes after a work or case noun: "De casus 'Sophie en de complotvideo's'", "de
# film "Layla M."" (a single quoted name is a label too, see _quoted_label)
_TITLE_NOUN_RE = re.compile(
    r"(?i)(?<![\w])(?:casus|casussen|oefencasus|film|speelfilm|serie|boek|roman|verhaal|titel"
    r"|les|lessen|lesbrief|module|werkvorm|oefening|podcast|aflevering|documentaire|video"
    r"|filmpje|spel|game|voorstelling|toneelstuk|theaterstuk|lied|liedje|nummer|artikel"
    r"|campagne|project|thema|scenario|dilemma|stelling|case|strip|gedicht|e-learning)"
    r"[ \u00a0:]*$"
)


def _quoted_title(text: str, s: int) -> bool:
    """Does the name at ``s`` open a quoted title after a work or case noun ("De casus 'Sophie
    en de complotvideo's' was herkenbaar"), the quote going on after the name?"""
    if s == 0 or text[s - 1] not in _QUOTES_OPEN:
        return False
    if not _TITLE_NOUN_RE.search(text, max(0, s - 25), s - 1):
        return False
    _, end = _sentence_bounds(text, s)
    close = re.compile(r"[" + _QUOTES_CLOSE + r"](?![^\W\d_])")
    m = close.search(text, s + 1, min(end + 1, s + 100))
    return m is not None and bool(re.search(r"[ \u00a0][^\W\d_]", text[s : m.start()]))


def _find_names(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    covered = bytearray(len(text) + 1)
    idioms = _Spans([m.span() for m in _IDIOM_RE.finditer(text)])

    def add(s: int, e: int) -> None:
        if _professional_context(text, s, e) and not _private_matter(text, s):
            return
        if _public_figure(text, s, e) is not None or _quoted_label(text, s, e):
            return
        if idioms.covers(s) or _quoted_title(text, s):
            return
        out.append(("naam", s, e))
        covered[s:e] = b"\x01" * (e - s)

    for s, e, _ in _names_after_cues(text):
        add(s, e)
    # apposition: "Zijn broer, Youssef El Amrani, ...", "De stiefmoeder, Ingrid de Wit, ..."
    for m in _APPOSITION_RE.finditer(text):
        parts = _trim_name(_read_parts(text, m.end()))
        words = [p for p in parts if p[0] == "word"]
        if not words:
            continue
        s, e = _span_of(parts)
        if not re.match(r"[ \u00a0]*(?:[,()]|$|[.;:]|en(?![\w])|die(?![\w]))", text[e : e + 5]):
            continue
        if len(words) == 1 and _word_cls(words[0][3])[2] and words[0][3] not in _FIRST:
            continue
        if _org_context(text, s, e, parts):
            continue
        add(s, e)
    # names from the lists, anywhere
    tokens = list(_TOKEN_RE.finditer(text))
    i = 0
    ntok = len(tokens)
    while i < ntok:
        tok = tokens[i]
        w = tok.group()
        if not w[0].isupper() or w.isupper() or len(w) < 2:
            i += 1
            continue
        s0 = tok.start()
        if covered[s0]:
            i += 1
            continue
        parts = _read_parts(text, s0)
        if not parts or parts[0][0] != "word":
            i += 1
            continue
        pe = parts[-1][2]
        org = _org_context(text, s0, pe, parts)
        figure = None if org else _public_figure(text, s0, pe)
        if org or figure is not None:
            pe = max(pe, figure or 0)
            while i < ntok and tokens[i].start() < pe:
                i += 1  # the whole phrase is an organisation's or a public figure's name
            continue
        first_word = parts[0][3]
        first, sur, common = _word_cls(first_word)
        decision = _decide_listed(text, parts, first, sur, common)
        if decision is not None:
            s, e = decision
            add(s, e)
            while i < ntok and tokens[i].start() < e:
                i += 1
            continue
        i += 1
    # lower-case names
    for s, e in _lower_names(text, tokens):
        if not covered[s]:
            add(s, e)
    for s, e in _lower_after_name_cue(text):
        if not covered[s]:
            add(s, e)
    # a capitalised word followed by an age: "Sanne (14)", "Tim, 15 jaar"
    for m in _NAME_AGE_RE.finditer(text):
        word = m.group("word")
        if word.isupper() or word.lower() in _STOPWORDS or not word[0].isupper():
            continue
        first, sur, common = _word_cls(word)
        if not (first or sur or not common) or word in _PLACES and not first:
            continue
        if _camel(word) or word.lower() in _ORG_HEADS:
            continue
        if not first:
            # not a listed first name: not in a list of counts ("Overvecht (22), Zuilen (9)")
            # and only with a young person's age
            age_text = m.group("age") or m.group("age2")
            n = int(re.search(r"[0-9]+", age_text).group())  # type: ignore[union-attr]
            s0, e0 = _sentence_bounds(text, m.start(), limit=200)
            counts = _COUNT_LIST_RE.findall(text, s0, e0)
            if n > 25 or len(counts) > 1:
                continue
        if not covered[m.start()]:
            add(m.start("word"), m.end("word"))
        age = "age" if m.group("age") else "age2"
        out.append(("leeftijd", m.start(age), m.end(age)))
    if _FICTION_RE.search(text):
        out = [c for c in out if not _fictional(text, c[1])]
    return out


# a made-up person: "Casus (fictief): Yara, 15 jaar, ...", "'Mo' is een gefingeerde naam"
_FICTION_RE = re.compile(
    r"(?i)(?<![\w])(?:" + _CASE_MATERIAL + r"|fictie(?:f|ve)|verzonnen|gefingeerde?"
    r"|denkbeeldige?|schuilnaam|pseudoniem|oefencasus|voorbeeldcasus|rollenspel|rollenspellen"
    r"|rollenspelen)(?![\w])"
)  # fmt: skip
# a text headed by a fiction label ("Oefencasus 'de familie Jansen': …", "Casus (fictief): …"):
# the whole text is the exercise
_FICTION_HEAD_RE = re.compile(r"[^\n:]{0,60}?:")


def _fictional(text: str, pos: int) -> bool:
    """Is the person at ``pos`` made up: a fiction marker in the sentence (or in the clause after
    a semicolon: "De casus van 'Mo' is gebruikt; het is een fictieve naam")?"""
    start, end = _sentence_bounds(text, pos)
    if end < len(text) and text[end] == ";":
        _, end = _sentence_bounds(text, end + 1)
    head = _FICTION_HEAD_RE.match(text)
    for lo, hi in ((max(0, start - 2), end), (0, head.end() if head else 0)):
        for m in _FICTION_RE.finditer(text, lo, hi):
            if not _AFTER_FICTION_RE.search(text, max(0, m.start() - 12), m.start()):
                return True
    return False


# "Na het rollenspel vertelde een docent: Milan uit mijn klas …": a time, not made up
_AFTER_FICTION_RE = re.compile(
    r"(?i)(?<![\w])(?:na|buiten|sinds|vóór)[ \u00a0]+(?:het|de|afloop[ \u00a0]+van[ \u00a0]+het)"
    r"[ \u00a0]+$"
)


_COUNT_LIST_RE = re.compile(r"[^\W\d_]+[ \u00a0]?\([ \u00a0]?[0-9]{1,4}[ \u00a0]?\)")


# "Sem (groep 7)", "Bram, klas 2b,", "Noor (3 havo)": a school class right after the name
_CLASS_AFTER_RE = re.compile(
    r"(?i)[ \u00a0]*[(,][ \u00a0]*(?:(?:uit|in|van|zit[ \u00a0]+in)[ \u00a0]+)?(?:de[ \u00a0]+)?"
    r"(?:(?:groep|klas)[ \u00a0]*[0-9]|[1-6][ \u00a0]?(?:havo|vwo|vmbo|mavo|kader|basis|gym)"
    r"|brugklas|[1-6][a-f](?![\w]))"
)


def _decide_listed(
    text: str, parts: list[_Part], first: bool, sur: bool, common: bool
) -> tuple[int, int] | None:
    """A listed first name, possibly with a surname: is it a person's name here?"""
    word = parts[0][3]
    if not first:
        # unlisted or surname-only: a name only in reverse apposition ("X Y, de stiefbroer,")
        named = _trim_name(parts)
        if not named or named[0][0] != "word":
            return None
        s, e = _span_of(named)
        words = [p for p in named if p[0] == "word"]
        if (
            _REVERSE_APPOSITION_RE.match(text[e : e + 60])
            and (len(words) >= 2 or (sur and not common))
            and not _org_context(text, s, e, named)
        ):
            return s, e
        # "Tesfalem Kidane": an unlisted first name before a listed, non-Dutch-word surname
        if len(named) == 2 and len(words) == 2 and not common and word not in _PLACES:
            last = words[1][3]
            l_first, l_sur, l_common = _word_cls(last)
            if (
                l_sur
                and not l_common
                and last not in _PLACES
                and not _org_context(text, s, e, named)
            ):
                return s, e
        return None
    strong_only = word.lower() in _COMMON_FIRST
    named = [parts[0]]
    rest = _trim_name(parts[1:]) if len(parts) > 1 else []
    # a surname must start right after the first name (already guaranteed by _read_parts)
    if rest and rest[0][0] == "init":
        named += rest[:1]  # "Mohammed B."
    elif rest:
        named += rest
    s, e = named[0][1], named[-1][2]
    if _org_context(text, s, e, parts[: len(named) + 1] if len(parts) > len(named) else parts):
        return None
    has_surname = len([p for p in named if p[0] in ("word", "init")]) >= 2
    start = _is_sentence_start(text, s)
    tail = text[e : e + 40]
    evidence = bool(
        re.match(r"[ \u00a0]*\([ \u00a0]?[0-9]", tail)
        or re.match(r"[ \u00a0]*,[ \u00a0]*[0-9]{1,2}(?![0-9])", tail)
        or _REVERSE_APPOSITION_RE.match(tail)
        or re.match(
            r"[ \u00a0]+(?:uit|van|in|op)[ \u00a0]+(?:de[ \u00a0]+)?(?:groep|klas)[ \u00a0]+[0-9]",
            tail,
        )
        or re.match(
            r"[ \u00a0]+uit[ \u00a0]+(?:de[ \u00a0]+)?[1-6][ \u00a0]?"
            r"(?:havo|vwo|vmbo|mavo|kader|basis|brugklas)",
            tail,
        )
        # a secondary-school class code: "Sem uit 2C", "Noor in 3B", "Bram (zit in 1A)"
        or re.match(r"[ \u00a0]+(?:uit|in|zit[ \u00a0]+in)[ \u00a0]+[1-6][a-fA-F](?![\w])", tail)
        or _CLASS_AFTER_RE.match(tail)
    )
    if has_surname:
        if strong_only and not evidence and start:
            return None
        return s, e
    # a single first name
    if word in _PLACES:
        prev = _prev_word(text, s, 1)
        if start or (prev and prev[0] in _LOCATIVE_PREPS) or not evidence:
            return None
    if strong_only and not evidence:
        return None
    if evidence:
        return s, e
    if start or text[max(0, s - 2) : s].endswith(": "):
        if not common:
            return s, e
        nxt = re.match(r"[ \u00a0]+([^\W\d_]+)", tail)
        if nxt is not None and nxt.group(1) in _PERSON_VERBS:
            return s, e
        if re.match(r"[ \u00a0]+en[ \u00a0]+(?:zijn|haar)[ \u00a0]", tail):
            return s, e
        return None
    return s, e


# --------------------------------------------------------------------------- public API


def _resolve(text: str, candidates: set[_Cand]) -> list[Finding]:
    """Keep non-overlapping candidates, longest (then most specific) first."""
    order = sorted(candidates, key=lambda c: (c[1] - c[2], _PRIORITY[c[0]], c[1]))
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[str] = []
    for kind, s, e in order:
        if s >= e or s < 0 or e > len(text):
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


def _scan_candidates(text: str) -> set[_Cand]:
    candidates: set[_Cand] = set()
    names = _find_names(text)
    candidates.update(names)
    name_spans = _Spans([(s, e) for k, s, e in names if k == "naam"])
    candidates.update(_find_bsn(text))
    for kind, s, e in _find_iban(text):
        if _iban_owner(text, s, e, name_spans) != "org":
            candidates.add((kind, s, e))
    for kind, s, e in _find_email(text):
        if _team_mailbox(text[s:e]) and _owner(text, s, e, name_spans) == "org":
            # "Buurtteam Oost ... oost@…", "Teamaccount jongerenwerk: jongerenwerk.noord@…":
            # ordinary words as mailbox, given as an organisation's or a team's
            continue
        candidates.add((kind, s, e))
    for s, e in set(_phone_candidates(text)):
        if _IBAN_HEAD_RE.search(text, max(0, s - 12), s):
            continue  # the digits of an IBAN-shaped number (an invalid one: "NL41 RABO 0345 …")
        if _owner(text, s, e, name_spans) != "org":
            candidates.add(("telefoon", s, e))
    for s, e in set(_address_candidates(text)):
        if _owner(text, s, e, name_spans) != "org":
            candidates.add(("postcode", s, e))
    candidates.update(_find_dates(text, name_spans))
    candidates.update(_find_age(text))
    for kind, s, e in _find_handles(text):
        # "het ministerie communiceert via @…"; an organisation in the sentence before does not
        # make a handle the organisation's ("School stuurde screenshots. Het account is @…")
        if _owner(text, s, e, name_spans, previous=False) != "org" and not _example_of(text, s):
            candidates.add((kind, s, e))
    candidates.update(_find_plates(text))
    candidates.update(_find_numbers(text, name_spans))
    return candidates


def scan(text: str) -> list[Finding]:
    """Find likely personal data; sorted by start and non-overlapping. Never raises on a str."""
    if not isinstance(text, str) or not text:
        return []
    window = text[:MAX_SCAN_CHARS]
    return _resolve(window, _scan_candidates(window))


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
