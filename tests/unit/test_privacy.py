"""Tests for the privacy guard (guard.py, to become jep/privacy/guard.py).

Adapted from tests/test_privacy.py: behaviour that is still right is kept; expectations the issue
calls wrong are changed (event, meeting and deadline dates are no longer a date of birth; an
organisation's general number or mailbox is not personal). The timed performance tests are gone:
speed is measured by bench_guard.py. New: name lists, apposition, lower-case names, BSN
groupings, handles, licence plates (side-codes 1-14), student and case numbers, "(m, 14)" ages,
birth cues, organisation contact details, the evaluation module and the corpora.
"""

from __future__ import annotations

import html
import os
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import example as hyp_example
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
try:  # inside the project
    from jep.privacy import evaluate as ev
    from jep.privacy import guard
    from jep.privacy.guard import (
        KINDS,
        LABELS,
        MAX_SCAN_CHARS,
        PLACEHOLDERS,
        SUMMARY_NAMES,
        Finding,
        check_fields,
        highlight_html,
        is_valid_bsn,
        is_valid_iban,
        redact,
        scan,
        summary,
    )
except ImportError:  # in the development folder, next to guard.py
    sys.path.insert(0, str(HERE))
    import evaluate as ev  # type: ignore[no-redef]
    import guard  # type: ignore[no-redef]
    from guard import (  # type: ignore[no-redef]
        KINDS,
        LABELS,
        MAX_SCAN_CHARS,
        PLACEHOLDERS,
        SUMMARY_NAMES,
        Finding,
        check_fields,
        highlight_html,
        is_valid_bsn,
        is_valid_iban,
        redact,
        scan,
        summary,
    )


def _first_existing(*candidates: Path | str | None) -> Path | None:
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    return None


# tests/data/ in the project (this file in tests/ or tests/unit/), data/ in the development folder
DATA = next(
    (d for d in (HERE / "data", HERE.parent / "data") if any(d.glob("guard_probe*.tsv"))),
    HERE / "data",
)
# The development four fifths of the independent corpus, and the held-out fifth. The held-out
# file is read only by the test run in the project (tests/data/privacy_heldout.tsv or
# $PRIVACY_HELDOUT_TSV); it was never used while building the guard.
DEV_TSV = _first_existing(
    os.environ.get("PRIVACY_DEV_TSV"), DATA / "privacy_dev.tsv", "/work/guard-corpus/dev.tsv"
)
HELDOUT_TSV = _first_existing(os.environ.get("PRIVACY_HELDOUT_TSV"), DATA / "privacy_heldout.tsv")
# A second independent corpus, written later by someone else (527 sentences, 11 categories). Its
# first run gave precision 0.945, recall 0.934; since then it has been used for development.
CORPUS2_TSV = _first_existing(os.environ.get("PRIVACY_CORPUS2_TSV"), DATA / "privacy_corpus2.tsv")
# A third independent corpus (535 sentences, another writer). Its first run gave precision 0.919,
# recall 0.936; since then it has been used for development.
CORPUS3_TSV = _first_existing(os.environ.get("PRIVACY_CORPUS3_TSV"), DATA / "privacy_corpus3.tsv")
# A fourth independent corpus (502 sentences, another writer). Its first run gave precision 0.920,
# recall 0.956; since then it has been used for development.
CORPUS4_TSV = _first_existing(os.environ.get("PRIVACY_CORPUS4_TSV"), DATA / "privacy_corpus4.tsv")
# A fifth independent corpus (500 sentences, another writer). Its first run gave precision 0.941,
# recall 0.892: the last clean held-out estimate; since then it has been used for development.
CORPUS5_TSV = _first_existing(os.environ.get("PRIVACY_CORPUS5_TSV"), DATA / "privacy_corpus5.tsv")
OLD_CORPUS = _first_existing(HERE / "privacy_corpus.toml", DATA / "privacy_corpus.toml")
PROBES = sorted(DATA.glob("guard_probe*.tsv"))


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in scan(text)]


def kinds(text: str) -> list[str]:
    return [f.kind for f in scan(text)]


def assert_well_formed(text: str, findings: list[Finding]) -> None:
    previous_end = 0
    for f in findings:
        assert f.kind in KINDS
        assert 0 <= previous_end <= f.start < f.end <= len(text)
        assert f.text == text[f.start : f.end]
        assert f.label == LABELS[f.kind]
        previous_end = f.end


# --------------------------------------------------------------------------- module contract


def test_guard_imports_no_project_module() -> None:
    source = Path(guard.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(?:from|import)\s+(?:jep|app_pages|app_ui)\b", source, re.M)


def test_name_data_is_loaded() -> None:
    assert len(guard._FIRST) > 10_000 and len(guard._SUR) > 10_000
    assert len(guard._PLACES) > 5_000 and len(guard._WORDS) > 300_000
    assert guard._is_word("hoop") and guard._is_word("Roos") and not guard._is_word("Youssef")
    for name in ["Youssef", "Fatima", "Zeynep", "Piotr", "Abdirahman", "Semhar", "Mursal", "Sem"]:
        assert name in guard._FIRST, name
    for name in ["Yılmaz", "Nowak", "Warsame", "Jagessar", "Tesfamariam", "Haidari", "Bakker"]:
        assert name in guard._SUR, name


# --------------------------------------------------------------------------- BSN


@pytest.mark.parametrize(
    ("text", "bsn"),
    [
        ("BSN 123456782 graag", "123456782"),
        ("bsn: 111222333.", "111222333"),
        ("nummer 123.456.782 van moeder", "123.456.782"),
        ("nummer 123 456 782 van moeder", "123 456 782"),
        ("nummer 1234 56 782 van moeder", "1234 56 782"),
        ("(908301662)", "908301662"),
        ("BSN 1234.56.782 graag", "1234.56.782"),
        ("bsn 12.34.56.782 van de jongen", "12.34.56.782"),
        ("burgerservicenummer 1922.85.142, zie aanmelding", "1922.85.142"),
        ("BSN: 123-456-782", "123-456-782"),  # hyphens only right after the word BSN
        ("bsn 1234 567 82 (jongen)", "1234 567 82"),
        ("BSN 12345672", "12345672"),  # eight digits: a leading zero dropped (0123 45 672)
        ("sofinummer zoon 178598835", "178598835"),
    ],
)
def test_bsn_hits(text: str, bsn: str) -> None:
    assert found(text) == [("bsn", bsn)]


@pytest.mark.parametrize(
    "text",
    [
        "nummer 123456789 klopt niet",  # fails the 11-proef
        "nummer 000000000",  # all zeros
        "dossier 1234567820",  # ten digits, not a BSN (and no phone: no leading 0)
        "ordernummer 12345678",  # eight digits
        "een bedrag van € 123.456.782",  # an amount
        "Het bedrag van 843.228.175 euro in de begroting",  # an amount, euro after it
        "de reeks 123 456 782 901",  # a run of digit groups
        "code 123-456-782",  # unusual separator without the word BSN
        "Ordernummer 123456782 is nog niet geleverd.",  # another kind of number
        "Factuurnummer 821556201 is nog niet betaald.",
        "Video's zijn 582.594.300 keer bekeken.",
    ],
)
def test_bsn_near_misses(text: str) -> None:
    assert "bsn" not in kinds(text)


def test_elfproef() -> None:
    assert is_valid_bsn("123456782")
    assert is_valid_bsn("111222333")
    assert is_valid_bsn("123.456.782")
    assert is_valid_bsn("1234.56.782")
    assert is_valid_bsn("12.34.56.782")
    assert not is_valid_bsn("123456789")
    assert not is_valid_bsn("000000000")
    assert not is_valid_bsn("12345678")
    assert not is_valid_bsn("1234567890")
    assert not is_valid_bsn("abcdefghi")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Hij is op 12-03-2009 geboren.", "12-03-2009"),
        ("op 3 maart 2009 geboren", "3 maart 2009"),
        ("Zij is geboren in 2009.", "2009"),
        ("geb. 12-03-09, woont bij oma", "12-03-09"),
        ("geboren: 12.03.09", "12.03.09"),
        ("geboren in maart 2015", "maart 2015"),
        ("Geboortedatum 2008-11-23.", "2008-11-23"),
        ("Ze is jarig op 17 november.", "17 november"),
        ("geb. 4/7/11, zit in groep 8", "4/7/11"),
        ("Hij is op 3 maart jarig en wordt dan 16.", "3 maart"),
        ("Zijn verjaardag is 7 juli; moeder plant dan niets.", "7 juli"),
        ("Moeder noemde zijn verjaardag, 12 oktober.", "12 oktober"),
        ("gebdat 19-06-2007, m, ROC", "19-06-2007"),
        ("geboren d.d. 12-03-2010", "12-03-2010"),
        ("DOB: 03/04/2011", "03/04/2011"),
        ("Emma, * 12-05-2014, heeft vaak buikpijn.", "12-05-2014"),
        ("'Jarig 16/8' staat in de klassenlijst.", "16/8"),
        ("Hij wordt op 9 mei 18; dan stopt de OTS.", "9 mei"),
        ("Het meisje is van 23 juni 2010 en zit in de brugklas.", "23 juni 2010"),
        ("Leerling (18-3-2012) uit groep 8.", "18-3-2012"),  # beside a person, makes a minor
    ],
)
def test_date_hits(text: str, date: str) -> None:
    assert ("geboortedatum", date) in found(text)
    assert kinds(text).count("geboortedatum") == 1


def test_dates_beside_a_name() -> None:
    assert found("Amin (21-9-2009) zit in 3 havo.") == [
        ("naam", "Amin"),
        ("geboortedatum", "21-9-2009"),
    ]
    assert ("geboortedatum", "2012-03-09") in found("Dochter (2012-03-09) woont bij vader.")


def test_list_of_birth_dates() -> None:
    text = "De kinderen zijn geboren op 05-02-2011, 14-08-2013 en 22-10-2016."
    assert kinds(text) == ["geboortedatum"] * 3


@pytest.mark.parametrize(
    "text",
    [
        # the issue: event, meeting and deadline dates are not dates of birth
        "Op 12 maart 2026 vond het werkatelier plaats.",
        "De deadline is 2026-02-15.",
        "deadline 2026-02-15",
        "intake op 14-02-2024",
        "De intake vond plaats op 14-02-2024 met beide ouders.",
        "datum 12/3/2009 genoteerd",
        "op 1 okt. 2010 verhuisd",
        "Het intakegesprek is verzet naar 03-03-2026, 09:30 uur.",
        "De subsidie loopt van 1-1-2025 tot en met 31-12-2027.",
        "De verjaardag van het Veiligheidshuis wordt gevierd op 25 september.",
        "Zij is sinds 01-09-2019 werkzaam bij het wijkteam.",
        "Pilot gestart op 2024-09-01, tussenevaluatie op 2025-03-01.",
        "Het tweede werkatelier in Zwolle (24-04) was vol.",
        "Geboortedatum niet in het verslag opnemen.",
        # kept from before
        "In 2023 hebben we drie bijeenkomsten gehad.",
        "De volgende bijeenkomst is op 12 maart.",
        "Sinds mei 2018 geldt de AVG.",
        "Paragraaf 7.3.10 van het convenant.",
        "Schooljaar 2024-2025.",
        "Het 10-jarig bestaan in 2020.",
        "Op 32-13-2009 kan niet.",
        "Geboren en getogen in Utrecht. In 2023 begon hij.",
        "Score 12/3 op de toets.",
    ],
)
def test_date_near_misses(text: str) -> None:
    assert "geboortedatum" not in kinds(text)


def test_date_with_time_is_not_a_phone_number() -> None:
    assert found("geboren op 01-02-2009 10:00 uur") == [("geboortedatum", "01-02-2009")]
    assert "telefoon" not in kinds("op 01-02-2009 10:00 uur")


# --------------------------------------------------------------------------- age


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Een jongen van 15 kwam binnen.", "jongen van 15"),
        ("Het meisje (14) belde.", "meisje (14)"),
        ("Een 16-jarige jongen.", "16-jarige jongen"),
        ("Het meisje uit 3 havo meldde zich.", "meisje uit 3 havo"),
        ("Een leerling van groep 8 vertelde het.", "leerling van groep 8"),
        ("De 15-jarige leerling is geschorst.", "15-jarige leerling"),
        ("Zorgen over haar zoon van 12.", "zoon van 12"),
        ("Zijn dochter, 9 jaar, logeert daar.", "dochter, 9 jaar"),
        ("Zij is 13 jaar.", "Zij is 13 jaar"),
        ("Hij zit in de brugklas.", "Hij zit in de brugklas"),
        ("een jongen van 15 en een meisje van 14", "jongen van 15"),
        # new: gender/age notations and pronoun ages
        ("Aanmelding: jongen (m, 15), 3 vmbo-t.", "jongen (m, 15)"),
        ("De jongere (v, 17) wil geen hulp.", "jongere (v, 17)"),
        ("cliënt (m 20) woont begeleid", "cliënt (m 20)"),
        ("Het kind (jongen, 10 jr) vertelt over oorlog.", "kind (jongen, 10 jr)"),
        ("M/17, zit op het Grafisch Lyceum.", "M/17"),
        ("M, 15 jaar, vmbo-t, woont bij moeder.", "M, 15 jaar"),
        ("Ze is 15 en woont in een pleeggezin.", "Ze is 15"),
        ("Hij is net 18 geworden.", "Hij is net 18"),
        ("De oudste zoon is 19 en woont op zichzelf.", "zoon is 19"),
        ("Leeftijd: 15. Geslacht: man.", "Leeftijd: 15"),
        ("Hij (17) is twee keer geschorst.", "Hij (17)"),
        ("De broers (14 en 17) gaan samen.", "broers (14 en 17)"),
        ("Vader (45) is werkloos.", "Vader (45)"),
        ("Een vijftienjarige jongen uit Noord.", "vijftienjarige jongen"),
        ("Het gaat om een meisje van veertien.", "meisje van veertien"),
        ("Het betreft een 14-jarige met een beperking.", "14-jarige"),
        ("Meid van 18, mbo-4 zorg.", "Meid van 18"),
        ("Een jonge vrouw van 21 deelt veel.", "vrouw van 21"),
    ],
)
def test_age_hits(text: str, age: str) -> None:
    assert ("leeftijd", age) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jongeren tot 23 jaar vallen onder de regeling.",
        "Er waren 15 deelnemers.",
        "Een kind van 12 jaar of ouder moet zelf toestemming geven.",
        "Een jongere van 16 mag zelf beslissen.",
        "Een 16-jarige mag zelf een hulpverleningsrelatie aangaan.",
        "Een moeder van 3 kinderen.",
        "meisjes tussen 14 en 17 jaar",
        "De jongere van de casus zat in de bovenbouw.",
        "Zij is 20 jaar werkzaam als jeugdarts.",
        "In groep 8 wordt het schooladvies gegeven.",
        "de 10-jarige samenwerking tussen school en wijkteam",
        # new hard negatives
        "Stel: een leerling van 15 vertelt je iets in vertrouwen.",
        "Bij de oefening kregen deelnemers een fictieve casus: een jongen van 16 die zwijgt.",
        "40% van de deelnemers was man, 60% vrouw.",
        "De WGBO geeft 12- tot 16-jarigen een eigen positie.",
        "Het aantal 16- en 17-jarigen in de PGA is gestegen.",
        "De doelgroep is 12-15 jaar.",
        "Een vijftienjarige mag zelf een arts bezoeken.",
        "Uit de evaluatie: de gemiddelde leeftijd van de deelnemers was 41.",
        "Je moet minimaal 16 jaar zijn om mee te doen.",
    ],
)
def test_age_near_misses(text: str) -> None:
    assert "leeftijd" not in kinds(text)


# --------------------------------------------------------------------------- telephone


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 1234 5678",
        "06 12 34 56 78",
        "+31 6 12345678",
        "+31612345678",
        "0031 6 12345678",
        "+31 (0)6 12345678",
        "0612345678",
        "070-3334558",
        "010 123 4567",
        "(010) 123 4567",
        "0318-123456",
        "06 - 12 34 56 78",
        "+32 478 55 21 90",
        "+49 1520 3348127",
        "+597 8812345",
    ],
)
def test_phone_hits(phone: str) -> None:
    assert found(f"Bel {phone} na vijf uur.") == [("telefoon", phone)]


@pytest.mark.parametrize(
    "text",
    [
        "Veilig Thuis: 0800-2000.",
        "Bel 0800 123456 gratis.",
        "Bel 0900 1234567.",
        "Bel bij acuut gevaar 112.",
        "Het dossier 0000000000.",
        "tussen 2020 en 2024",
        "06-1234567 (te kort)",
        "NLXX ABCD 0123 4567 89 is het voorbeeld",  # 012 is no Dutch area code
        # the issue: organisations' general numbers are not personal
        "bel Platform JEP op 070 - 333 4558",
        "Bel voor vragen het algemene nummer van Platform JEP, 070 - 333 4558.",
        "De receptie van het ROC is bereikbaar op 010 - 789 4400.",
        "Ons algemene nummer 020 - 555 7000 wordt doorgeschakeld.",
        "Telefoon school: 070-3334558",
        "Aanmelden kan ook telefonisch bij het Servicepunt, 088 - 127 1000, optie 3.",
        "Zorgmeldpunt: zorgmeldpunt@zvh-rijnmond.nl, tel. 010 - 498 1200.",
        "Aanmelden via info@platformjep.nl of bel 070 - 333 4558.",
    ],
)
def test_phone_near_misses(text: str) -> None:
    assert "telefoon" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Moeder is bereikbaar op 06-41872293.",
        "Je kunt oma bellen op 010-4127785.",
        "Tel. gezin: 020-6893124 (vaste lijn)",
        "Het privénummer van collega Inge (06-28730019) circuleert.",
        "Het nummer van de wijkagent, 06-12345678, mag je niet doorgeven.",
        "Het mobiele nummer van de jongen: +31 6 2874 1106.",
    ],
)
def test_personal_phone_numbers(text: str) -> None:
    assert "telefoon" in kinds(text)


# --------------------------------------------------------------------------- e-mail


@pytest.mark.parametrize(
    "email",
    [
        "p.jansen@gmail.com",
        "kevin2009@hotmail.nl",
        "fatima.el-amrani@outlook.com",
        "a+b@x.co.uk",
        "a.bakker@kinderopvangdezon.nl",  # a person's work address
        "fam.dekker@kpnmail.nl",
        "info@gmail.com",  # a consumer provider: always personal
    ],
)
def test_email_hits(email: str) -> None:
    assert found(f"Mail naar {email}.") == [("email", email)]


@pytest.mark.parametrize(
    "text",
    [
        "mail jan@",
        "@platformjep op sociale media",
        "a@b",
        "x@.nl",
        # the issue: role mailboxes of organisations are not personal
        "Mail je aanmelding naar info@platformjep.nl.",
        "Mail je aanmelding naar werkateliers@platformjep.nl.",
        "Stuur facturen naar crediteuren@gemeente-voorbeeld.nl.",
        "secretariaat@zvhutrecht.nl",
        "noreply@magister.net verstuurt de meldingen.",
        "De functionele mailbox van leerplicht is leerplicht@gemeenteede.nl.",
        "Persvragen graag naar woordvoering@gemeentedenhaag.nl.",
    ],
)
def test_email_near_misses(text: str) -> None:
    assert "email" not in kinds(text)


# --------------------------------------------------------------------------- postcode / address


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("Woont op 1234 AB 12.", "1234 AB 12"),
        ("Adres 1234AB, nr 5 achter.", "1234AB, nr 5"),
        ("Stationsstraat 12, 1234 AB Utrecht", "Stationsstraat 12, 1234 AB"),
        ("aan de Kerkweg 45a bij", "Kerkweg 45a"),
        ("postcode 2514 GL", "2514 GL"),
        ("bij zijn tante aan de Burgemeester de Withstraat 112.", "Burgemeester de Withstraat 112"),
        ("adres: Van Limburg Stirumstraat 14hs (West)", "Van Limburg Stirumstraat 14hs"),
        ("Zijn woonadres is Slotermeerlaan 68-II.", "Slotermeerlaan 68-II"),
        ("Oma woont in Hoogvliet, Binnenban 211, vierde etage.", "Binnenban 211"),
        ("De melding kwam van de buren van Kerkpad 3.", "Kerkpad 3"),
    ],
)
def test_postcode_hits(text: str, match: str) -> None:
    assert found(text) == [("postcode", match)]


@pytest.mark.parametrize(
    "text",
    [
        "In 2000 EU-breed",
        "een bestand van 1500 KB",
        "1500 km fietsen",
        "in 2023 en 2024",
        "0123 AB",
        # organisations' addresses
        "Het werkatelier is in het gemeentehuis, Stationsplein 1.",
        "Postbus 16200, 3500 CE Utrecht is het postadres van de gemeente.",
        "Bezoekadres Veilig Thuis regio: Europalaan 30, 3526 KS Utrecht.",
        "De basisschool aan de Julianalaan 2 is ook de locatie van het spreekuur.",
        "Het werkatelier in Oss wordt gehouden in de bibliotheek, Raadhuislaan 10.",
        "In de wijken met postcode 1102 en 1103 is het team versterkt.",
    ],
)
def test_postcode_near_misses(text: str) -> None:
    assert "postcode" not in kinds(text)


# --------------------------------------------------------------------------- IBAN


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164300",
        "NL91 ABNA 0417 1643 00",
        "BE68539007547034",
        "NL44RABO0123456789",
        "nl83rbrb0544446347",  # typed in lower case
    ],
)
def test_iban_hits(iban: str) -> None:
    assert is_valid_iban(iban)
    assert found(f"Overmaken op {iban} svp.") == [("iban", iban)]


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164301",
        "NL92ABNA0417164300",
        "NL91ABNA041716430",
        "NL91ABNA04171643000",
        "RF18 5390 0754 7034",  # a creditor reference, not an IBAN (no country RF)
        "NL00 TEST 0000 0000 00",
    ],
)
def test_iban_near_misses(iban: str) -> None:
    assert not is_valid_iban(iban)
    assert "iban" not in kinds(f"Overmaken op {iban} svp.")


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # after a cue (kept)
        ("Een jongen genaamd Ahmed kwam langs.", "Ahmed"),
        ("Mijn cliënt Jan de Vries belde.", "Jan de Vries"),
        ("cliënt Fatima wil dat niet", "Fatima"),
        ("Leerling Sanne verzuimt.", "Sanne"),
        ("De jongere Mohammed B. is aangehouden.", "Mohammed B."),
        ("Hij heet Kevin.", "Kevin"),
        ("de naam van de jongen is Tim.", "Tim"),
        ("Zijn moeder Petra werkt.", "Petra"),
        ("Mijn client Lucas van den Berg.", "Lucas van den Berg"),
        ("De familie El Amrani verhuisde.", "El Amrani"),
        ("mevr. J. de Vries", "J. de Vries"),
        ("cliënt van Dijk", "van Dijk"),
        ("Jongere: Kevin", "Kevin"),
        ("genaamd 'Ahmed'", "Ahmed"),
        ("mijn cliënte Özlem", "Özlem"),
        ("leerling Jan-Willem kwam niet", "Jan-Willem"),
        ("De familie Van der Meulen vroeg hulp.", "Van der Meulen"),
        ("Mevr. Tahiri-de Vries tekende.", "Tahiri-de Vries"),
        ("Achternaam jongere: Kaddouri, voornaam: Ilias.", "Kaddouri"),
        # the issue: full names in apposition, without a cue word
        ("Zijn broer, Youssef El Amrani, zit thuis.", "Youssef El Amrani"),
        ("De stiefmoeder, Ingrid de Wit, belde.", "Ingrid de Wit"),
        ("De pleegmoeder, Annelies Hoogendoorn, wil betrokken blijven.", "Annelies Hoogendoorn"),
        ("Ook Dewayne Richardson-Pinas, de stiefbroer, woont er.", "Dewayne Richardson-Pinas"),
        # the issue: first name + class + school
        ("Sem uit groep 8b van de Piet Heinschool tekent hakenkruizen.", "Sem"),
        ("Bram uit groep 7 van De Regenboog zei dat.", "Bram"),
        # names from the lists, anywhere
        ("Thijs Mulder stuurde de leerkracht een appje.", "Thijs Mulder"),
        ("Samira Ouali wil dat niet.", "Samira Ouali"),
        ("Ayaan Warsame Farah zit op het ROC.", "Ayaan Warsame Farah"),
        ("Semhar Tesfamariam kwam in 2022 naar Nederland.", "Semhar Tesfamariam"),
        ("Na de les sprak Mohamed Al-Khatib de docent aan.", "Mohamed Al-Khatib"),
        ("Daarnaast is Milan Jovanović in beeld.", "Milan Jovanović"),
        ("Gisteren belde Tesfalem Kidane met een vraag.", "Tesfalem Kidane"),
        ("Omar Haidari vertelt over zijn vader.", "Omar Haidari"),
        ("Ayoub zit pas een paar weken bij ons.", "Ayoub"),
        ("Elif, de jongste dochter, zit in groep 6.", "Elif"),
        # lower case
        ("ik heb met jaimy de graaf gesproken", "jaimy de graaf"),
        ("het gesprek met rayan en zijn vader abdelkader bouzid", "abdelkader bouzid"),
        ("leerling daan v. (2B) stuurde het rond", "daan v."),
    ],
)
def test_name_hits(text: str, name: str) -> None:
    assert ("naam", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        # kept
        "mijn cliënt was bang",
        "De cliënt. De jongere wilde niet.",
        "cliënt De jongere",
        "Het heet Veilig Thuis.",
        "naar het Zorg- en Veiligheidshuis met mijn cliënt Zorg- en Veiligheidshuis",
        "leerling Jeugdwet",
        "cliënt AVG",
        "jongere PGA",
        "mijn cliënt Platform JEP",
        "jongere X en jongere Y.",
        "jongere van Marokkaanse afkomst",
        "leerling van De Regenboog",
        "de cliënt\nDe volgende dag",
        "Deelnemers (15)",
        "Familie en netwerk",
        "Het project heet Samen Sterk.",
        "De methode heet Signs of Safety.",
        # the issue: initials and pseudonyms are not identifying
        "Moeder M. werd uitgenodigd.",
        "Jongen Z. uit de casusbeschrijving.",
        "Meisje Y uit het voorbeeld.",
        # professionals' roles, organisation, school, street and place names
        "Trainer Marieke Jansen van VanMontfoort lichtte het toe.",
        "De trainer van VanMontfoort, Ruud Hendriks, sloot af.",
        "De lezing van Beatrice de Graaf werd genoemd.",
        "Het Anne Frank Huis verzorgde een workshop.",
        "Het Erasmus MC en de GGD leverden een functionaris.",
        "De Maria Montessorischool in Delft sloot aan.",
        "De Prins Willem-Alexanderschool heeft een aandachtsfunctionaris.",
        "De Willem de Zwijgerlaan is afgesloten.",
        "Stichting Jan Pieter Heije organiseert kampen.",
        "In Best, Putten en Ede zijn de werkateliers gehouden.",
        "Oss en Sluis hebben een convenant.",
        "Epe heeft geen eigen Veiligheidshuis.",
        "Van Dale omschrijft radicaliseren anders.",
        "De Van der Hoeven Kliniek werd genoemd.",
        "Deelnemers van de GGD, ROC Mondriaan en de gemeente.",
        "Het leerlingvolgsysteem heet ParnasSys.",
        "De app heet Signal en is versleuteld.",
        "Mevrouw de voorzitter opende de vergadering.",
        "Het afwegingskader, genaamd de Werkwijze, staat online.",
        # common words that are also first names, at the start of a sentence
        "Roos en distels stonden op tafel.",
        "Hoop en vertrouwen zijn belangrijk.",
        "Mark je agenda voor juni.",
        "Wil je het formulier invullen?",
        # public figures
        "Na de moord op Theo van Gogh veranderde het debat.",
        "We keken een fragment met Andrew Tate.",
        "Wij danken Ilse, Marco en Jeroen van het organiserend team.",
    ],
)
def test_name_near_misses(text: str) -> None:
    assert "naam" not in kinds(text)


def test_name_with_age_in_brackets() -> None:
    assert found("Sanne (14) is weggelopen.") == [("naam", "Sanne"), ("leeftijd", "(14)")]
    assert found("casus Fatma Kılıç (17, Schiedam)")[:1] == [("naam", "Fatma Kılıç")]


# --------------------------------------------------------------------------- social-media handles


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Hij post als @naam_010 op TikTok.", "@naam_010"),
        ("Snapchat: naam.x", "naam.x"),
        ("Op Discord noemt hij zich shadowwolf#4471.", "shadowwolf#4471"),
        ("Hij zit op Instagram als yassin.nkl_010 en post filmpjes.", "yassin.nkl_010"),
        ("Haar TikTok is @lina_xo2009.", "@lina_xo2009"),
        ("Zijn nieuwe Discord-gebruikersnaam is ironcross_nl.", "ironcross_nl"),
        ("Een Telegram-kanaal, t.me/waarheid_van_mo, met volgers.", "t.me/waarheid_van_mo"),
        ("Hij schreef op Reddit als u/lonely_wolf_nl.", "u/lonely_wolf_nl"),
        ("Zijn gamertag op Xbox is Ryan0Dutch.", "Ryan0Dutch"),
        ("snap: ayaaan.x", "ayaaan.x"),
        ("discord user: .nachtwacht.", ".nachtwacht."),
        ("facebook.com/sjaak.pronk.79", "facebook.com/sjaak.pronk.79"),
    ],
)
def test_handle_hits(text: str, handle: str) -> None:
    assert ("handle", handle) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Volg @PlatformJEP voor aankondigingen.",
        "De politie waarschuwt via @politie voor nepprofielen.",
        "Het account @NCTV_NL plaatste het dreigingsbeeld.",
        "Het account @gemeenteutrecht deelde de oproep.",
        "@allen: de presentatie staat in Teams.",
        "@iedereen graag je evaluatie invullen",
        "Gebruik de hashtag #JEPwerkatelier.",
        "Zie J. Koster, 'Privacy@School', Tijdschrift voor Onderwijsrecht.",
        "De school heeft een Telegram-groep voor ouders.",
        "Veel jongeren zitten op TikTok en Snapchat.",
        "Zie youtube.com/watch?v=abc123 voor het filmpje van de gemeente.",
        "Het bestand heet verslag_2026.pdf en staat in Teams.",
    ],
)
def test_handle_near_misses(text: str) -> None:
    assert "handle" not in kinds(text)


# --------------------------------------------------------------------------- licence plates

SIDE_CODES = [
    "JH-47-92",  # 1  XX-99-99
    "12-34-BD",  # 2  99-99-XX
    "12-BD-34",  # 3  99-XX-99
    "RP-48-ZH",  # 4  XX-99-XX
    "BD-GH-12",  # 5  XX-XX-99
    "21-PN-DB",  # 6  99-XX-XX
    "52-KLN-7",  # 7  99-XXX-9
    "5-TXS-88",  # 8  9-XXX-99
    "GX-318-B",  # 9  XX-999-X
    "S-582-HN",  # 10 X-999-XX
    "BDG-12-B",  # 11 XXX-99-X
    "B-12-BDG",  # 12 X-99-XXX
    "3-KT-256",  # 13 9-XX-999
    "123-BD-4",  # 14 999-XX-9
]


@pytest.mark.parametrize("plate", SIDE_CODES)
def test_plate_hits(plate: str) -> None:
    assert found(f"De auto van vader, {plate}, staat bij school.") == [("kenteken", plate)]


def test_plate_with_cue_may_lack_dashes() -> None:
    assert found("kenteken 12ABC3 zwarte audi") == [("kenteken", "12ABC3")]


@pytest.mark.parametrize(
    "text",
    [
        "Zie art. 7:457 BW.",
        "De bijeenkomst is in lokaal B-12.",
        "Module PRK-201-B is verplicht.",
        "De boeken staan onder 302-RAD-4.",
        "Het bouwnummer is BN-14-A.",
        "De cursuscode is JEP-101-V.",
        "De code van dit werkatelier is WA-2026-03.",
        "Artikel A-12-bis van het reglement.",
        "Kamer 2-B-14 is de spreekkamer.",
        "Post gaat naar B-1000 Brussel.",
        "Lesblok 3-HV-2 is voor havo 3.",
        "Het schema ISO-27001-A.8 gaat over informatie.",
    ],
)
def test_plate_near_misses(text: str) -> None:
    assert "kenteken" not in kinds(text)


# --------------------------------------------------------------------------- student / case numbers


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Het leerlingnummer van Jesse is 318402, volgens Magister.", "318402"),
        ("Studentnummer 1098342 (Ayoub, ROC) staat op de lijst.", "1098342"),
        ("leerlingnr 5521 (klas 2c)", "5521"),
        ("Zijn leerlingnummer (s1047729) staat in de mail.", "s1047729"),
        ("Zaaknummer 2025-00871 gaat over de broer van de jongere.", "2025-00871"),
        ("Het parketnummer tegen de vader is 13/247881-24.", "13/247881-24"),
        ("Onder zaaknummer C/09/612345 loopt de gezagszaak van de ouders.", "C/09/612345"),
        ("Het Wmo-dossier 2024-3381 van moeder is gekoppeld.", "2024-3381"),
        ("Dossiernummer ZVH-2025-0442, jongere: Kevin de Groot.", "ZVH-2025-0442"),
        ("ROC meldt verzuim van student 2210473 (m, 19).", "2210473"),
        ("Zijn V-nummer bij de IND, 2745118903, staat op het formulier.", "2745118903"),
        ("Zaak 2024-113 (Sem de Vries) is gesloten.", "2024-113"),
    ],
)
def test_number_hits(text: str, number: str) -> None:
    assert ("nummer", number) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Projectnummer 2024-209 van de gemeente gaat over de herinrichting.",
        "Werkatelier nr. 14 vond plaats in Amersfoort.",
        "Het convenant heeft kenmerk 2023/ZVH/0045.",
        "Subsidiebeschikking nr. 2025-0098 is afgegeven aan de stichting.",
        "Het zaaknummer wordt automatisch aangemaakt.",
        "Offerte 2025-34 van VanMontfoort betreft drie werkateliers.",
        "Het registratienummer van onze functionaris gegevensbescherming is FG001234.",
        "Factuurnummer F2026-0031, ter attentie van de afdeling Veiligheid.",
        "Ticketnummer INC-2026-0173 (storing VPN) is opgelost.",
        "Het ISBN van de handreiking is 978-90-5830-123-4.",
        "Besluit nr. 2026/117 van het college.",
        "Zet het leerlingnummer nooit in een e-mail.",
    ],
)
def test_number_near_misses(text: str) -> None:
    assert "nummer" not in kinds(text)


# --------------------------------------------------------------------------- scan: offsets, overlap


def test_offsets_are_exact() -> None:
    text = "Moeder (06-23456789) vroeg of BSN 123456782 klopt; mail p@x.nl."
    findings = scan(text)
    assert [(f.kind, f.start, f.end) for f in findings] == [
        ("telefoon", 8, 19),
        ("bsn", 34, 43),
        ("email", 56, 62),
    ]
    assert_well_formed(text, findings)


def test_overlap_keeps_the_longer_finding() -> None:
    text = "Stationsstraat 12, 1234 AB; leerling p.jansen@gmail.com; NL91 ABNA 0417 1643 00"
    findings = scan(text)
    assert [f.kind for f in findings] == ["postcode", "email", "iban"]
    assert findings[0].text == "Stationsstraat 12, 1234 AB"
    assert_well_formed(text, findings)


def test_empty_and_odd_input() -> None:
    assert scan("") == []
    for text in [
        "\x00\x01\x02\x1b[31m",
        "😀👨‍👩‍👧 06-12345678 😀",
        "مرحبا 06-12345678 שלום",
        "\u202eBSN 123456782\u202c",
        "\ud800 losse surrogaat",
        "x" * 10 + "\n" * 10 + "\t",
    ]:
        assert_well_formed(text, scan(text))
    assert kinds("😀👨‍👩‍👧 06-12345678 😀") == ["telefoon"]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 20_000,
        "0 " * 10_000,
        "Jan de " * 3_000,
        "Sanne (14) " * 2_000,
        "instagram: x_1 " * 1_500,
        "woont Aaaa 1 " * 1_500,
        "(" * 20_000,
        "geboren 12-03-2010, " * 1_000,
        "poolauto 52-KLN-7 " * 1_000,
    ],
    ids=lambda t: repr(t[:12]),
)
def test_adversarial_input_is_well_formed(text: str) -> None:
    # speed is measured in bench_guard.py; here only that odd long input gives sane findings
    assert_well_formed(text, scan(text))


def test_scan_cap() -> None:
    assert scan("x" * MAX_SCAN_CHARS + " 06-12345678") == []
    text = "x " * 10 + "06-12345678" + "y" * (2 * MAX_SCAN_CHARS)
    assert kinds(text) == ["telefoon"]


# --------------------------------------------------------------------------- redact, highlight


def test_redact() -> None:
    text = "Cliënt Fatima (bsn 123456782) belt 06-12345678."
    assert (
        redact(text)
        == "Cliënt [naam verwijderd] (bsn [BSN verwijderd]) belt [telefoonnummer verwijderd]."
    )
    assert redact("niets aan de hand") == "niets aan de hand"
    assert redact("") == ""
    only_bsn = [f for f in scan(text) if f.kind == "bsn"]
    assert redact(text, only_bsn) == "Cliënt Fatima (bsn [BSN verwijderd]) belt 06-12345678."
    assert redact(text, []) == text


def test_redact_new_kinds() -> None:
    text = "Snapchat: naam.x, kenteken 52-KLN-7, leerlingnummer 318402."
    assert redact(text) == (
        "Snapchat: [gebruikersnaam verwijderd], kenteken [kenteken verwijderd], "
        "leerlingnummer [nummer verwijderd]."
    )


def test_placeholders_cover_all_kinds() -> None:
    for kind in ("handle", "kenteken", "nummer"):
        assert kind in KINDS
    for kind in KINDS:
        assert kind in LABELS and kind in PLACEHOLDERS and kind in SUMMARY_NAMES
        assert PLACEHOLDERS[kind].endswith("verwijderd")


def test_highlight_escapes_everything() -> None:
    text = '<script>alert("x")</script> BSN 123456782 & <b>06-12345678</b>'
    out = highlight_html(text, scan(text))
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out
    assert '<mark title="BSN (burgerservicenummer)">123456782</mark>' in out
    assert '<mark title="telefoonnummer">06-12345678</mark>' in out
    assert "&amp;" in out
    assert highlight_html("", []) == ""


def test_highlight_escapes_finding_text_and_label() -> None:
    text = "a<b>c"
    bogus = [Finding("naam", 1, 4, "<b>", 'label "with" <tags>')]
    out = highlight_html(text, bogus)
    assert out == 'a<mark title="label &quot;with&quot; &lt;tags&gt;">&lt;b&gt;</mark>c'


def test_highlight_and_redact_tolerate_bad_findings() -> None:
    text = "abcdef"
    bad = [
        Finding("naam", 4, 99, "x", "x"),
        Finding("naam", 3, 3, "", "x"),
        Finding("naam", 1, 3, "bc", "x"),
        Finding("bsn", 2, 5, "cde", "x"),
    ]
    assert redact(text, bad) == "a[naam verwijderd]def"
    assert highlight_html(text, bad) == 'a<mark title="x">bc</mark>def'


def test_summary() -> None:
    assert summary([]) == ""
    text = "BSN 123456782, bel 06-12345678 of 070-3334558."
    assert summary(scan(text)) == "Mogelijk persoonsgegevens gevonden: BSN (1), telefoonnummer (2)."
    text = "@naam_010 en 52-KLN-7"
    assert summary(scan(text)) == (
        "Mogelijk persoonsgegevens gevonden: gebruikersnaam (1), kenteken (1)."
    )


def test_check_fields() -> None:
    out = check_fields({"a": "niets", "b": "Zijn broer, Youssef El Amrani, zit thuis.", "c": ""})
    assert list(out) == ["b"]
    assert "naam (1)" in out["b"] and "‘Youssef El Amrani’" in out["b"]


# --------------------------------------------------------------------------- evaluation module


def test_read_tsv_layouts(tmp_path: Path) -> None:
    with_header = tmp_path / "a.tsv"
    with_header.write_text("label\tcategory\ttext\n1\tbsn\tBSN 123456782\n0\tbsn\tgeen\n")
    rows = ev.read_tsv(with_header)
    assert [(r.label, r.category, r.text) for r in rows] == [
        (1, "bsn", "BSN 123456782"),
        (0, "bsn", "geen"),
    ]
    reordered = tmp_path / "b.tsv"
    reordered.write_text("text\tlabel\nBel 06-12345678\t1\n")
    assert [(r.label, r.text) for r in ev.read_tsv(reordered)] == [(1, "Bel 06-12345678")]
    bare = tmp_path / "c.tsv"
    bare.write_text("1\tBel 06-12345678\n# comment\n\n0\tniets\n")
    assert [(r.label, r.text, r.category) for r in ev.read_tsv(bare)] == [
        (1, "Bel 06-12345678", ""),
        (0, "niets", ""),
    ]
    broken = tmp_path / "d.tsv"
    broken.write_text("x\tBel\n")
    with pytest.raises(ev.TsvError):
        ev.read_tsv(broken)


def test_evaluate_and_report() -> None:
    rows = [
        ev.Row(1, "BSN 123456782", "bsn"),
        ev.Row(1, "een zin zonder iets", "bsn"),
        ev.Row(0, "Bel 06-12345678", "telefoon_email"),
        ev.Row(0, "niets", "telefoon_email"),
    ]
    report = ev.evaluate(rows)
    assert (report.total.tp, report.total.fn, report.total.fp, report.total.tn) == (1, 1, 1, 1)
    assert report.precision == 0.5 and report.recall == 0.5
    assert report.categories["bsn"].recall == 0.5
    assert [r.text for r in report.misses] == ["een zin zonder iets"]
    assert report.false_alarms[0][1][0].kind == "telefoon"
    text = ev.format_report(report)
    assert "precision 0.500  recall 0.500" in text
    assert "[bsn] een zin zonder iets" in text
    assert "gemarkeerd: telefoon: '06-12345678'" in text
    assert ev.evaluate([(1, "BSN 123456782")]).total.tp == 1


def test_evaluate_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "x.tsv"
    f.write_text("label\ttext\tcategory\n1\tBSN 123456782\tbsn\n")
    assert ev.main([str(f)]) == 0
    assert "precision 1.000  recall 1.000" in capsys.readouterr().out
    assert ev.main([str(tmp_path / "missing.tsv")]) == 2


# --------------------------------------------------------------------------- corpora


def _report_line(name: str, report: ev.Report) -> str:
    t = report.total
    return (
        f"privacy guard on {name}: precision {report.precision:.3f}, recall {report.recall:.3f} "
        f"({t.positives} positive / {t.negatives} negative sentences; "
        f"TP {t.tp}, FP {t.fp}, FN {t.fn})"
    )


def _run_tsv(
    name: str,
    path: Path,
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, object], None],
) -> ev.Report:
    report = ev.evaluate(ev.read_tsv(path))
    line = _report_line(name, report)
    record_property("summary", line)  # printed at the end of the run (see conftest.py)
    with capsys.disabled():
        print("\n" + line)
        if report.misses or report.false_alarms:
            detail = ev.format_report(report).split("\n\n", 2)[-1]
            print(detail)
    return report


@pytest.mark.skipif(DEV_TSV is None, reason="development corpus not found")
def test_dev_corpus_precision_recall(
    capsys: pytest.CaptureFixture[str], record_property: Callable[[str, object], None]
) -> None:
    assert DEV_TSV is not None
    report = _run_tsv("development corpus (4/5)", DEV_TSV, capsys, record_property)
    assert report.rows >= 400
    assert report.precision >= 0.95
    assert report.recall >= 0.95


@pytest.mark.skipif(HELDOUT_TSV is None, reason="held-out corpus not present here")
def test_heldout_corpus_precision_recall(
    capsys: pytest.CaptureFixture[str], record_property: Callable[[str, object], None]
) -> None:
    assert HELDOUT_TSV is not None
    report = _run_tsv("held-out corpus (1/5)", HELDOUT_TSV, capsys, record_property)
    assert report.precision >= 0.95
    assert report.recall >= 0.95


@pytest.mark.parametrize("path", PROBES, ids=lambda p: p.name)
def test_probe_corpora(
    path: Path, capsys: pytest.CaptureFixture[str], record_property: Callable[[str, object], None]
) -> None:
    # sentences written by the guard's developer to check that the rules generalise
    report = _run_tsv(path.name, path, capsys, record_property)
    assert report.precision >= 0.95 and report.recall >= 0.95


@pytest.mark.skipif(OLD_CORPUS is None, reason="old corpus not found")
def test_old_corpus_precision_recall(
    capsys: pytest.CaptureFixture[str], record_property: Callable[[str, object], None]
) -> None:
    assert OLD_CORPUS is not None
    corpus = tomllib.loads(OLD_CORPUS.read_text(encoding="utf-8"))
    positives, negatives = corpus["positive"], corpus["negative"]
    assert len(positives) >= 60 and len(negatives) >= 60
    tp = fp = fn = 0
    misses: list[str] = []
    for example in positives:
        assert set(example["kinds"]) <= set(KINDS), example
        expected = Counter(example["kinds"])
        got = Counter(kinds(example["text"]))
        tp += sum((expected & got).values())
        fp += sum((got - expected).values())
        fn += sum((expected - got).values())
        if got != expected:
            misses.append(f"  + {example['text']!r}: expected {dict(expected)}, got {dict(got)}")
    for example in negatives:
        got_neg = found(example["text"])
        fp += len(got_neg)
        if got_neg:
            misses.append(f"  - {example['text']!r}: unexpected {got_neg}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    line = (
        f"privacy guard on the old corpus: precision {precision:.2f}, recall {recall:.2f} on "
        f"{len(positives)} positives / {len(negatives)} negatives (TP {tp}, FP {fp}, FN {fn})"
    )
    record_property("summary", line)
    with capsys.disabled():
        print("\n" + line)
        if misses:
            print("privacy guard old-corpus differences:\n" + "\n".join(misses))
    assert precision >= 0.95
    assert recall >= 0.95


# --------------------------------------------------------------------------- properties

_TAG = re.compile(r'<mark title="[^"<>]*">|</mark>')

# Pieces that exercise the detectors more than uniformly random text does.
_PIECES = st.sampled_from(
    [
        " ", "  ", "\n", ".", ",", "-", "/", "(", ")", ":", "'", "@", "+", "€", "<", ">", "&",
        "#", "_", "0", "06", "31", "9", "12", "123", "2009", "123456782", "AB", "NL91", "ABNA",
        "jongen", "meisje", "van", "de", "De", "cliënt", "heet", "genaamd", "geboren", "geb.",
        "maart", "jarige", "Sanne", "Jan", "B.", "straat", "Kerkstraat", "havo", "groep",
        "jaar", "x@y.nl", "😀", "\u202e", "\x00", "Youssef", "El", "Amrani", "broer", "m",
        "v", "kenteken", "KLN", "52", "Snapchat", "insta", "leerlingnummer", "zaaknummer",
        "woont", "info@", "Platform", "JEP", "bel", "op",
    ]
)  # fmt: skip
_TEXTS = st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=80).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_scan_never_raises_and_is_well_formed(text: str) -> None:
    assert_well_formed(text, scan(text))


@st.composite
def _bsns(draw: st.DrawFn) -> str:
    digits = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    if check == 10 or (not any(digits) and check == 0):
        digits[0] = (digits[0] + 1) % 10
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    if check == 10:
        digits[1] = (digits[1] + 1) % 10
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    plain = "".join(map(str, digits)) + str(check)
    # numbers from 999 990 000 on are test numbers, never issued, and deliberately not flagged
    assume(not plain.startswith("99999"))
    style = draw(st.sampled_from(["plain", "dots", "spaces", "4-2-3", "4.2.3", "2.2.2.3"]))
    if style == "dots":
        return f"{plain[:3]}.{plain[3:6]}.{plain[6:]}"
    if style == "spaces":
        return f"{plain[:3]} {plain[3:6]} {plain[6:]}"
    if style == "4-2-3":
        return f"{plain[:4]} {plain[4:6]} {plain[6:]}"
    if style == "4.2.3":
        return f"{plain[:4]}.{plain[4:6]}.{plain[6:]}"
    if style == "2.2.2.3":
        return f"{plain[:2]}.{plain[2:4]}.{plain[4:6]}.{plain[6:]}"
    return plain


_OTHER_NUMBER_WORD_RE = re.compile(
    r"(?i)(?<![\w])(?:[\w-]*(?:nummer|nr|code|referentie|kenmerk|id)|rsin|kostenplaats|kostendrager"
    r"|grootboek[\w-]*|budget[\w-]*|btw[\w-]*|kvk[\w-]*|fiscaa?le?|ean|gln)(?![\w])[^0-9\n]*$"
)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), _bsns(), st.text(max_size=80))
# "nep", "test" inside a word or far from the number are no example cue; a person near the
# number overrides one ("als voorbeeld" with "de jongere")
@hyp_example(prefix="Nepal", bsn="111222333", suffix="")
@hyp_example(prefix="contest", bsn="111222333", suffix="")
@hyp_example(prefix="test. Daarna", bsn="111222333", suffix="")
@hyp_example(prefix="Als voorbeeld: van de jongere het", bsn="111222333", suffix="")
def test_redact_removes_generated_bsn(prefix: str, bsn: str, suffix: str) -> None:
    if not is_valid_bsn(bsn):  # the rare draws that stay invalid after the nudges
        return
    # a prefix that names another kind of number ("0CODE nummer …", "RSIN …") makes it one
    # (found by this property on main too, where it failed now and then)
    assume(not _OTHER_NUMBER_WORD_RE.search(prefix))
    text = f"{prefix} nummer {bsn}, {suffix}"
    # a number introduced as an example is deliberately kept (test_test_and_example_bsns): a
    # prefix ending in "nep"/"test"/"dummy"/"oefen"/"voorbeeld" joins the template's "nummer"
    # into one ("Nep nummer …"), and so does "als voorbeeld" in the suffix's first sentence;
    # rare draws, but they made this property fail now and then
    digits = "".join(c for c in bsn if c.isdigit())
    assume(not guard._example_bsn(text, len(prefix) + len(" nummer "), digits))
    assert bsn not in redact(text)


@pytest.mark.parametrize(
    ("prefix", "suffix"), [("Nep", ""), ("een dummy", ""), ("x", "als voorbeeld")]
)
def test_redact_keeps_a_bsn_the_text_gives_as_an_example(prefix: str, suffix: str) -> None:
    # the draws the property above leaves out: kept on purpose, unless a person is near
    text = f"{prefix} nummer 111222333, {suffix}"
    assert "111222333" in redact(text)
    assert "111222333" not in redact(f"{text} De jongere had het op zijn pas staan.")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.emails(), st.text(max_size=80))
def test_redact_removes_generated_email(prefix: str, email: str, suffix: str) -> None:
    if not guard._is_personal_email(email):
        return  # a role mailbox of an organisation ("info@...") is deliberately kept
    text = f"{prefix} mail {email} {suffix}"
    assert email not in redact(text)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_highlight_never_lets_input_html_through(text: str) -> None:
    out = highlight_html(text, scan(text))
    bare = _TAG.sub("", out)
    assert "<" not in bare and ">" not in bare
    assert html.unescape(bare) == text


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="<>&\"'ab", max_size=40),
    st.lists(st.tuples(st.integers(-5, 50), st.integers(-5, 50)), max_size=6),
)
def test_highlight_with_arbitrary_findings(text: str, spans: list[tuple[int, int]]) -> None:
    findings = [Finding("naam", s, e, text[s:e] if s >= 0 else "", "<naam>") for s, e in spans]
    out = highlight_html(text, findings)
    assert "<" not in _TAG.sub("", out)
    redact(text, findings)  # must not raise either


@pytest.mark.parametrize(
    "text", ["Antwoord 8", "Bijlage 3 en Antwoord 12 gaan over de werkwijze", "Vraag 4: Antwoord 2"]
)
def test_ordinary_word_and_number_is_no_address(text: str) -> None:
    assert not scan(text)  # found in the evaluation's open answers ("Antwoord 8")


@pytest.mark.parametrize(
    "text",
    [
        "De gemeente zet de uitnodiging op Instagram onder @gemeentedemo.",
        "Het ministerie deelt de nieuwe richtlijn via @MinDemo.",
        "In de Teams-chat: @Notulist, wil je de actiepunten rondsturen?",
        "Relatienummer van de school bij de leverancier: 4418 2207 9931.",
    ],
)
def test_organisations_accounts_and_numbers_and_role_mentions_are_not_personal(text: str) -> None:
    assert not scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Zijn zus plaatst filmpjes op TikTok onder @noor_demo2010.",
        "Het lidnummer van vader bij de sportclub is 7731 0042.",
        "De zaak van de twee kinderen loopt onder rolnummer C/13/7421.",
    ],
)
def test_the_same_details_of_a_person_are(text: str) -> None:
    assert scan(text)


# --------------------------------------------------------------------------- second corpus rules
# General rules added after the second independent corpus (tests/data/privacy_corpus2.tsv) showed
# what the guard missed or flagged wrongly on text it had not seen; each with its near misses.


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("ruben (°17-02-2009) komt uit België", "17-02-2009"),  # the Belgian birth sign
        ("Sara (° 3/5/2010) woont in Antwerpen", "3/5/2010"),
        ("º 21/11/2008, Belgische nationaliteit", "21/11/2008"),
    ],
)
def test_belgian_birth_sign(text: str, date: str) -> None:
    assert ("geboortedatum", date) in found(text)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        (
            "Geboortedatum van de jongere klopt niet in Magister: daar staat 11-11-2008 in "
            "plaats van 11-12-2008.",
            ["11-11-2008", "11-12-2008"],
        ),
        ("In de BRP is als geboortedatum 09-10-2009 opgenomen, school heeft 10-09-2009.",
         ["09-10-2009", "10-09-2009"]),
        ("De geboortedatum van moeder staat in het dossier als 14-07-1983.", ["14-07-1983"]),
    ],
)  # fmt: skip
def test_birth_noun_in_the_sentence_makes_its_dates_dates_of_birth(
    text: str, dates: list[str]
) -> None:
    assert [t for k, t in found(text) if k == "geboortedatum"] == dates


@pytest.mark.parametrize(
    "text",
    [
        "Geboortedata van jongeren worden na de evaluatie op 01-02-2026 verwijderd.",
        "De geboortedatum staat in de brief van 12-03-2024.",
        "Geboortedatum en adres horen niet in de app, deadline voor opschonen 2025-02-15.",
        "De stichting werd op 17-02-2009 opgericht en viert dit jaar haar jubileum.",
    ],
)
def test_event_dates_beside_a_birth_noun_are_not(text: str) -> None:
    assert "geboortedatum" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Het gezin heeft een sociale huurwoning gekregen aan de Akkerwinde 3 in Almere.",
         "Akkerwinde 3"),
        ("Moeder heeft een flat gekregen aan de Rododendron 44, derde etage.", "Rododendron 44"),
        ("De woning aan de Dotterbloem 18 staat op naam van de stiefvader.", "Dotterbloem 18"),
        ("Ze zijn verhuisd naar een eengezinswoning aan de Meidoorn 7 in Houten.", "Meidoorn 7"),
        ("Politie is langs geweest bij het huis aan de Burgemeester Roelenweg 17.",
         "Burgemeester Roelenweg 17"),
        ("Oma's adres: Zonnedauw 14, Lelystad.", "Zonnedauw 14"),
    ],
)  # fmt: skip
def test_home_addresses_without_a_street_suffix(text: str, address: str) -> None:
    assert ("postcode", address) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "De sessie met sleutelfiguren was in de moskee aan de Rijswijkseweg 6.",
        "De bijeenkomst voor ouders was in de kerk aan de Hoofdweg 12.",
        "De sporthal aan de Burgemeester Damenweg 3 wordt gebruikt voor de jongerenavond.",
        "De training vond plaats in het wijkcentrum aan de Zonnebloem 4.",
        "Het nieuwe kantoor van het wijkteam ligt aan de Akkerwinde 10.",
        "Hij woont in de Schilderswijk 2 straten van school.",
        "Huurwoningen aan de rand van de wijk gaan vaak naar jonge gezinnen.",
        "De training is op 3 maart. Adres: Kerkstraat 3, Utrecht.",
    ],
)
def test_venues_are_organisations_and_homes_need_a_number(text: str) -> None:
    assert "postcode" not in kinds(text)


def test_an_activity_in_the_sentence_before_owns_no_address() -> None:
    text = "ik zit vast in een training. adres is 2622 AB 14, bel even aan bij de achterdeur."
    assert found(text) == [("postcode", "2622 AB 14")]


@pytest.mark.parametrize(
    "text",
    [
        "Het telefoonnummer op de hand-out (070 - 333 4558) is van het steunpunt.",
        "Het nummer op de poster (088-1234567) is van de GGD, niet van de school.",
        "Buurtteam Oost is bereikbaar op 030-7410200 of via oost@buurtteamsutrecht.nl.",
    ],
)
def test_owner_named_after_the_contact_detail(text: str) -> None:
    assert not scan(text)


def test_owner_named_after_a_personal_number() -> None:
    assert kinds("Het nummer (06-12345678) is van zijn moeder.") == ["telefoon"]


def test_an_organisation_in_the_sentence_before_does_not_own_a_handle() -> None:
    text = (
        "Update: school heeft de screenshots doorgestuurd. Het account waarvan de berichten "
        "komen is @vikingbloed_2008 op TikTok."
    )
    assert found(text) == [("handle", "@vikingbloed_2008")]


@pytest.mark.parametrize(
    "text",
    [
        "Het voorbeeld-BSN 999999990 in de e-learning is een testnummer.",
        "Het BSN 999990019 uit de proefomgeving is van een testpersoon.",  # the test range
        "In de e-learning wordt het test-BSN 123456782 gebruikt.",
        "Het BSN 111222333 wordt vaak als voorbeeld gebruikt in trainingen.",
    ],
)
def test_test_and_example_bsns(text: str) -> None:
    assert "bsn" not in kinds(text)


def test_an_example_word_does_not_hide_a_persons_bsn() -> None:
    assert "bsn" in kinds("Als voorbeeld: het BSN van de jongere is 123456782.")


@pytest.mark.parametrize(
    "text",
    [
        "Klantnummer 100234567 bij de drukkerij, voor de flyers van de ouderavond.",
        "Het documentnummer in Corsa is 240019231, daar staat de getekende versie.",
        "Het verslag staat in Corsa onder documentnummer 24.0019231.",
    ],
)
def test_shared_number_cues_need_a_person(text: str) -> None:
    assert not scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het documentnummer van zijn paspoort is NX4B21K93.",
        "Documentnummer ID-kaart: IR7781234",
        "Het klantnummer van moeder bij de energieleverancier is 100234567.",
    ],
)
def test_shared_number_cues_with_a_person_or_id_document(text: str) -> None:
    assert "nummer" in kinds(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Rekestnummer ondertoezichtstelling: C/13/745612 / JE RK 24-312.", "C/13/745612"),
        ("rekestnr C/09/661204 JE RK 23-1902, machtiging uithuisplaatsing is verlengd",
         "C/09/661204"),
        ("Zaaknummer bij de Raad voor de Kinderbescherming is 1120-2023-0456.", "1120-2023-0456"),
        ("Dossiernr. jeugdbescherming: JB/2023/44871, de gezinsvoogd kent de casus.",
         "JB/2023/44871"),
        ("Dossiernr. Veilig Thuis: VT/2024/5512, de melding is onderzocht.", "VT/2024/5512"),
    ],
)  # fmt: skip
def test_case_numbers_in_child_protection_context(text: str, number: str) -> None:
    assert ("nummer", number) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het zaaknummer van de gemeente voor het hele programma is Z/22/004512.",
        "Kamerstukken 29754, nr. 650 gaat over de ondertoezichtstelling.",
        "Motie nr. 36410 vraagt om meer gezinsvoogden.",
    ],
)
def test_case_numbers_without_a_child_are_not(text: str) -> None:
    assert "nummer" not in kinds(text)


def test_abbreviations_ending_in_nr_do_not_end_a_sentence() -> None:
    assert guard._sentence_bounds("Dossiernr. jeugdbescherming: JB/2023/44871.", 0)[1] > 12


@pytest.mark.parametrize(
    "text",
    [
        "De poolauto van de gemeente, 8-TGF-12, is deze week in onderhoud.",
        "Teamoverleg: de poolauto van het wijkteam (4-SBN-67) is weer beschikbaar.",
        "Het dienstvoertuig van de handhavers, 12-HTV-8, is in reparatie.",
        "Bestelcode van de tafelvlaggen: VL-88-RT.",
        "SKU 31-DPL-6 (whiteboardmarkers, set van vier) is uitverkocht.",
        "Het dossiertype JZ-23-RV in het registratiesysteem is voor jeugdreclassering.",
    ],
)
def test_organisations_vehicles_and_plate_shaped_codes(text: str) -> None:
    assert "kenteken" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het bedrijfsbusje waarmee hij wordt opgehaald, VZ-456-F, staat op naam van zijn neef.",
        "Het voertuig met nummer 52-KLN-7 stond voor de deur van de familie.",
        "De poolauto 3-KLT-55 werd door de broer gebruikt.",
    ],
)
def test_vehicles_of_people_keep_their_plates(text: str) -> None:
    assert "kenteken" in kinds(text)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("ik schat hem een jaar of 15 maar op zijn ID staat 17", "schat hem een jaar of 15"),
        ("De jongen is een jaar of 16 en hangt vaak rond bij het station.",
         "jongen is een jaar of 16"),
        ("een jongen van een jaar of 14 stond voor de deur", "jongen van een jaar of 14"),
        ("Hij wordt in april 16, daarna wil hij van school af.", "Hij wordt in april 16"),
        ("Zij wordt volgende maand 18.", "Zij wordt volgende maand 18"),
        ("leeftijd jongere: 13 / klas 1B / woont bij moeder", "leeftijd jongere: 13"),
        ("Leeftijd van de jongere: 17 jaar", "Leeftijd van de jongere: 17 jaar"),
    ],
)  # fmt: skip
def test_approximate_coming_and_form_ages(text: str, age: str) -> None:
    assert ("leeftijd", age) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wat neem je mee? Dat ook een kind van 10 al in aanraking kan komen met extreme content.",
        "Zelfs een jongen van 12 kan al online geronseld worden.",
        "Elk kind van 12 krijgt op school les over mediawijsheid.",
        "Een leerling van 16 mag zelf beslissen over het delen van zijn gegevens.",
        "Het ging om een verzonnen jongen van 16 uit een middelgrote gemeente.",
        "Overleg gaat over een denkbeeldige jongen van 16 die online wordt geronseld.",
        "Leeftijdsgrens: 16 jaar voor de training.",
        "Het project is een jaar of 3 geleden gestart.",
    ],
)
def test_generic_and_made_up_persons_have_no_age(text: str) -> None:
    assert "leeftijd" not in kinds(text)


def test_also_a_specific_person_keeps_the_age() -> None:
    assert "leeftijd" in kinds("Ook een meisje van 14 uit de klas was erbij.")


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("TT-account van de neef: dawitt_asm, zelfde filmpjes", "dawitt_asm"),
        ("YT-kanaal van de broer: jihadi_vlogs_nl, veel kijkers", "jihadi_vlogs_nl"),
        ("een meisje met Snapchat lotje.x.nl, zou de stickers hebben besteld", "lotje.x.nl"),
    ],
)
def test_platform_abbreviations_and_one_letter_labels(text: str, handle: str) -> None:
    assert ("handle", handle) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "@teamjeugd kunnen jullie de casus van vrijdag voorbereiden?",
        "@wijkteamoost graag terugkoppeling",
        "Kijk op www.jep.nl voor de agenda.",
    ],
)
def test_team_mentions_and_domains_are_no_handles(text: str) -> None:
    assert "handle" not in kinds(text)


def test_a_compound_handle_that_is_no_team_is_a_handle() -> None:
    assert kinds("Hij stuurde het door aan @stormwolf in de groepsapp.") == ["handle"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Sem uit 2C van het Lindenborgh Lyceum heeft een tekening gemaakt.", "Sem"),
        ("Sem uit 1A vertelde zijn mentor over de filmpjes.", "Sem"),
        ("Roos in 3B wil niet meer naar gym.", "Roos"),
    ],
)
def test_a_class_code_after_a_first_name(text: str, name: str) -> None:
    assert ("naam", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Een leerling noemde Mohammed B. als voorbeeld, wat veel onrust gaf in de klas.",
        "Na de aanslag werd Volkert van der G. in de klas genoemd als voorbeeld.",
        "De regio Hart van Brabant neemt deel aan het netwerk.",
        "Casus (fictief): Yara, 15 jaar, deelt filmpjes van een haatprediker.",
        "De casus van 'Mo' is in het werkatelier gebruikt; het is een fictieve naam.",
    ],
)
def test_press_forms_places_and_made_up_names_are_not_names(text: str) -> None:
    assert not scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Leerling Mohammed B. (15) heeft een dreigbrief geschreven.",
        "Zijn broer, Mohammed B., zit thuis.",
        "Ahmed A. zit sinds de zomer thuis.",  # only convicts are known by the press form
    ],
)
def test_press_forms_of_clients_are_names(text: str) -> None:
    assert "naam" in kinds(text)


def test_list_of_birth_dates_is_well_formed_and_complete() -> None:
    # a long list after one birth cue (was quadratic in the number of dates)
    text = "geboren op " + ", ".join(f"{d:02d}-03-2010" for d in range(1, 29))
    assert kinds(text) == ["geboortedatum"] * 28


@pytest.mark.skipif(CORPUS2_TSV is None, reason="second corpus not found")
def test_second_corpus_precision_recall(
    capsys: pytest.CaptureFixture[str], record_property: Callable[[str, object], None]
) -> None:
    assert CORPUS2_TSV is not None
    report = _run_tsv(
        "second corpus, used for development after its first run 0.945/0.934",
        CORPUS2_TSV,
        capsys,
        record_property,
    )
    assert report.rows >= 500
    assert report.precision >= 0.95
    assert report.recall >= 0.95


@pytest.mark.parametrize(
    "text",
    [
        "De bijeenkomst is in kamer 2 van het stadskantoor, Stadsplateau 1.",
        "De training is op de tweede etage van het ROC, Vondellaan 202.",
    ],
)
def test_rooms_and_floors_of_an_organisation_are_not_homes(text: str) -> None:
    assert "postcode" not in kinds(text)


# --------------------------------------------------------------------------- third corpus rules
# General rules added after the third independent corpus (tests/data/privacy_corpus3.tsv) showed
# what the guard missed or flagged wrongly on text it had not seen; each with its near misses.


@pytest.mark.skipif(CORPUS3_TSV is None, reason="third corpus not found")
def test_third_corpus_precision_recall(
    capsys: pytest.CaptureFixture[str], record_property: Callable[[str, object], None]
) -> None:
    assert CORPUS3_TSV is not None
    report = _run_tsv(
        "third corpus, used for development after its first run 0.919/0.936",
        CORPUS3_TSV,
        capsys,
        record_property,
    )
    assert report.rows >= 500
    assert report.precision >= 0.95
    assert report.recall >= 0.95


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("gb datum zus: 5-2-2006", "5-2-2006"),
        ("gb. datum: 3-4-2010, nog navragen bij de school", "3-4-2010"),
        ("geb datum broer 12-12-2012", "12-12-2012"),
        ("gb.datum jongere 07-11-2010", "07-11-2010"),
    ],
)
def test_abbreviated_birth_date_cues(text: str, date: str) -> None:
    assert ("geboortedatum", date) in found(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Volgens het inschrijfformulier is de leerling geboren op eenentwintig september "
         "tweeduizend negen.", "eenentwintig september tweeduizend negen"),
        ("geboren op zeventien maart tweeduizend elf, volgens het paspoort",
         "zeventien maart tweeduizend elf"),
        ("Geboortedatum: eenendertig januari tweeduizend tien.",
         "eenendertig januari tweeduizend tien"),
        ("geboren op de eenentwintigste maart negentienhonderd achtennegentig",
         "eenentwintigste maart negentienhonderd achtennegentig"),
        ("Hij is geboren op de twaalfde juni 2009 in Kabul.", "twaalfde juni 2009"),
        ("Het meisje (drieëntwintig mei tweeduizend twaalf) zit in groep 8.",
         "drieëntwintig mei tweeduizend twaalf"),
    ],
)  # fmt: skip
def test_written_out_dates_of_birth(text: str, date: str) -> None:
    assert ("geboortedatum", date) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het werkatelier is op vijftien maart tweeduizend vijfentwintig.",
        "De brief is gedateerd op eenentwintig juni, zonder jaartal.",
        "geboren op negenenveertig mei, zei hij als grap",  # no such day
    ],
)
def test_written_out_dates_that_are_not_of_birth(text: str) -> None:
    assert "geboortedatum" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("de oudste is van '05, 18-05-2005 om precies te zijn", "'05"),
        ("zijn zus is van '08, de jongste van 2012", "'08"),
        ("Ze is van 2010 en zit in groep 8 van de Regenboog.", "2010"),
        ("Haar broer is van '02 en zit inmiddels in detentie.", "'02"),
    ],
)
def test_a_persons_birth_year(text: str, year: str) -> None:
    assert ("geboortedatum", year) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ik ben van 1985 en ken TikTok alleen via mijn eigen kinderen.",  # the writer
        "Het pand is van 1923 en wordt volgend jaar gerenoveerd.",
        "De wet is van 2015 en wordt nu geëvalueerd.",
        "Mijn auto is van 2012 en doet het nog prima.",
    ],
)
def test_years_of_things_and_of_the_writer_are_not_birth_years(text: str) -> None:
    assert "geboortedatum" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het jongerencentrum is jarig op 3 juni en viert dan zijn tienjarig bestaan.",
        "Het wijkteam is jarig op 1 maart: dan bestaat het vijf jaar.",
        "De stichting is op 4 april jarig, dan is er taart op kantoor.",
        "Het ZVH viert op 12 mei zijn verjaardag met een open dag.",
    ],
)
def test_an_organisations_birthday_is_no_date_of_birth(text: str) -> None:
    assert "geboortedatum" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hij is jarig op 4 april, dan wordt hij 15.",
        "Zijn zus, die op school zit, is jarig op 3 mei.",  # a school in the sentence
        "Het jongerencentrum geeft een feest, want Yara is jarig op 3 juni.",
    ],
)
def test_a_persons_birthday_still_is(text: str) -> None:
    assert "geboortedatum" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "In de oefencasus is 'Sam' jarig op 1 april; gebruik dat in de rollenoefening.",
        "De casus uit het werkboek: 'Mila' is geboren op 2 februari 2010 en zit in 2 vwo.",
        "Wat mist er? Meer tijd voor de casus van de 15-jarige uit het werkboek.",
        "In de casus uit het werkboek is de jongen 16 en woont hij bij zijn oma.",
        "In de rollenoefening speelt een deelnemer een vader van 45 die boos is op school.",
        "Gebruik bij de casus alleen de namen uit het werkboek, zoals Sami en Lisa.",
        "In het voorbeeld uit de handreiking heet de jongen 'Tom'.",
    ],
)
def test_training_material_is_made_up(text: str) -> None:
    assert not scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "De jongen van 13 uit de casus van vanmiddag woont bij zijn opa.",  # a real case
        "In de casus van Youssef El Khatib (15) is school al betrokken.",
        "Ik vond de rollenoefening leerzaam. Na afloop sprak ik Dwayne, de jongen van de "
        "Schiedamseweg.",  # the exercise is in the sentence before
    ],
)
def test_real_cases_beside_training_are_personal(text: str) -> None:
    assert scan(text)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Neefje van 11 speelt mee in dezelfde Roblox-groep als de jongere.", "Neefje van 11"),
        ("De buurman van 67 die de melding deed, wil anoniem blijven.", "buurman van 67"),
        ("Buurjongen van 16 zou hem de filmpjes hebben gestuurd.", "Buurjongen van 16"),
        ("Kleinzoon van 17 woont sinds de zomer bij opa en oma in.", "Kleinzoon van 17"),
        ("haar vriendje van 19 haalt haar elke dag op bij school", "vriendje van 19"),
        ("de jongen (12!) uit groep 8 zei dat hij 'martelaar' wil worden", "jongen (12!)"),
        ("het meisje (14?) zat de hele les achterin", "meisje (14?)"),
        ("Nichtje (11) wordt door de oudere neven gepest.", "Nichtje (11)"),
    ],
)
def test_ages_of_relatives_neighbours_and_with_punctuation(text: str, age: str) -> None:
    assert ("leeftijd", age) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Als een kind van 11 zoiets roept, is dat dan een signaal of gewoon stoer doen?",
        "Wanneer een leerling van 14 dreigt met geweld, wat is dan de eerste stap?",
        "Als er een meisje van 13 bij je komt met zo'n verhaal, wie bel je dan?",
        "Hoe reageer je als een 15-jarige zoiets post?",
    ],
)
def test_an_indefinite_person_in_a_condition_is_no_one(text: str) -> None:
    assert "leeftijd" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Als de jongen van 15 weer dreigt, bellen we direct de wijkagent.",  # a definite person
        "Toen een jongen van 13 binnenkwam, was hij helemaal overstuur.",  # it happened
    ],
)
def test_a_person_in_a_condition_or_event_still_is(text: str) -> None:
    assert "leeftijd" in kinds(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("mentor belde over ilias bouzid, hij deelt filmpjes in de klassenapp", "ilias bouzid"),
        ("wijkagent kent florin stan nog van de overlast bij de snackbar", "florin stan"),
        ("hodan uit 1c zat vandaag weer alleen in de pauze", "hodan"),
        ("yara uit groep 7 wil niet meer mee naar gym", "yara"),
        ("gesprek met sem de jong en zijn vader verzet naar donderdag", "sem de jong"),
        ("mentor maakt zich zorgen over bram de wit uit 3 havo", "bram de wit"),
        ("kan iemand nagaan of dewi kartosen uit 2a al een gesprek heeft gehad?",
         "dewi kartosen"),
        ("daan z'n achternaam is verhoeven toch?", "verhoeven"),
        ("zijn achternaam is bakker, de voornaam weet ik niet meer", "bakker"),
        ("voornaam van de jongen is sven, achternaam volgt nog", "sven"),
        ("hij zegt dat zijn achternaam el idrissi is", "el idrissi"),
        ("Wat neem je mee? Dat ik met Ioana Dumitru uit mijn mentorklas had moeten praten.",
         "Ioana Dumitru"),
    ],
)  # fmt: skip
def test_lower_case_names_and_names_of_more_origins(text: str, name: str) -> None:
    assert ("naam", name) in found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("buurvrouw mevr. de haan belde de wijkagent over geschreeuw", "de haan"),
        ("meneer bakker van hiernaast belde over de jongens", "bakker"),
        ("familie el amrani is verhuisd", "el amrani"),
    ],
)
def test_lower_case_surnames_after_a_title(text: str, name: str) -> None:
    assert ("naam", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "mevrouw zei dat ze het niet wist",
        "mevrouw van de gemeente belt terug",
        "Mevrouw de burgemeester tekende het convenant namens de gemeente Oss.",
        "de familie heeft geen contact meer met de school",
    ],
)
def test_titles_before_words_and_roles_are_not_names(text: str) -> None:
    assert "naam" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "belde over de planning van dinsdag, graag terugbellen",
        "gesprek met de mentor en zijn vader verzet naar donderdag",
        "we hebben het over hoop en vertrouwen gehad",
        "de naam is anders dan in het dossier",
        "de naam van de app is signal, daar zitten ze in een groep",
        "De naam van de app is Signal, daar zitten ze in een groep.",
        "kan iemand nagaan of de zaal uit 2a al vrij is?",
    ],
)
def test_lower_case_words_that_are_not_names(text: str) -> None:
    assert "naam" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Collega Marieke Smit ligt in het ziekenhuis na een zware operatie.", "Marieke Smit"),
        ("Collega Sanne de Vries is met zwangerschapsverlof tot januari.", "Sanne de Vries"),
        ("Onze collega Pieter Janssen zit overspannen thuis.", "Pieter Janssen"),
        ("Trainer Mark Visser is vorige week geopereerd aan zijn knie.", "Mark Visser"),
        ("Trainer Ruud de Bruin is door een hernia uitgeschakeld.", "Ruud de Bruin"),
    ],
)
def test_a_named_colleague_with_private_details_is_personal(text: str, name: str) -> None:
    assert ("naam", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Collega Marieke Smit geeft de training over privacy in november.",
        "Trainer Anouk Smit sprak over ziekteverzuim als vroeg signaal.",
        "Collega Bas van Dam is onze contactpersoon voor het ziekenhuis.",
        "Jeugdarts Karin Mulder gaf een heldere uitleg over depressie bij pubers.",
        "Trainer Ruud de Bruin besprak de rol van scheiding en loyaliteit in gezinnen.",
        "Bel Sandra van het secretariaat, 070-3334500.",  # staff by first name
    ],
)
def test_professionals_at_work_are_not(text: str) -> None:
    assert "naam" not in kinds(text)


def test_a_titled_professional_of_an_organisation_keeps_the_old_behaviour() -> None:
    # the old corpus expects this one flagged; only a bare first name is read as staff
    assert "naam" in kinds("Ik sprak mevrouw Jansen van het wijkteam over de casus.")
    assert "naam" in kinds("Noor van de basisschool vertelde het aan haar juf.")


@pytest.mark.parametrize(
    "text",
    [
        "Het trapmodel hielp me, net als de casus van 'Sami'.",
        "Gebruik de namen uit de casusbeschrijving, zoals 'Daan' en 'Fatima'.",
        "Bij de casus over 'Youssef' ontstond een goed gesprek over loyaliteit.",
        "Het lokaal heet 'Mandela', de andere zaal 'Gandhi'.",
    ],
)
def test_a_quoted_single_name_is_a_label(text: str) -> None:
    assert "naam" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Zijn broer 'Karim' zit thuis.",  # a kin word: a real brother
        "'Sanne' (14) zit in groep 8.",  # an age after it
    ],
)
def test_a_quoted_name_of_a_person_still_is(text: str) -> None:
    assert "naam" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "de jongen kijkt veel filmpjes van andrew tate en citeert hem letterlijk",
        "Hij droeg een shirt met Che Guevara erop.",
        "De jongen heeft een poster van Mohammed Ali boven zijn bed.",
        "Spreker verwees naar Hannah Arendt en de banaliteit van het kwaad.",
        "In de les ging het over Malcolm X en de burgerrechtenbeweging.",
        "Ze noemde Anwar al-Awlaki als haar inspiratie.",
        "Hij had een poster van Bob Marley in zijn kamer hangen.",
        "Hij had het over Geert Wilders in de klas.",
        "Een deelnemer verwees naar Marc Sageman en zijn theorie.",
        "Ze kijkt veel interviews met Jordan Peterson.",
        "In zijn betoog noemde de leerling Geert Wilders als voorbeeld.",
    ],
)
def test_public_figures_and_cultural_references_are_not_persons(text: str) -> None:
    assert "naam" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "De school draagt de naam van Pieter Zeeman.",
        "Onze school is vernoemd naar Jacobus van 't Hoff.",
        "De sporthal is vernoemd naar Fanny Blankers-Koen.",
        "Het college draagt de naam van Ludger Duintjer, een oud-directeur.",
    ],
)
def test_eponyms_are_not_persons(text: str) -> None:
    assert "naam" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mohammed Ali (14) uit groep 8 heeft een mes meegenomen.",  # an age
        "Zijn neef Mohamed Salah (19) nam hem mee naar een bijeenkomst.",  # kin and age
        "Mohammed Ali zit sinds de zomer thuis.",  # a common name, no cultural context
        "De jongen kijkt filmpjes van zijn neef Karim Haddad uit Brussel.",
        "Hij verspreidt foto's van Lisa Jansen in de groepsapp.",  # pictures of a classmate
        "Hij deelt filmpjes van Lisa Jansen.",
        "Het kind is vernoemd naar zijn opa Ahmed Tahiri.",  # not a building
    ],
)
def test_namesakes_of_public_figures_and_relatives_are_persons(text: str) -> None:
    assert "naam" in kinds(text)


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("Het YouTube-kanaal van de jongere (AbdiWarsameVlogs) heeft ruim 2.000 volgers.",
         "AbdiWarsameVlogs"),
        ("Hij heeft een YouTube-kanaal (SamirGamesNL) waar hij oorlogsgames streamt.",
         "SamirGamesNL"),
        ("Zijn TikTok-account (yassin.official010) is inmiddels verwijderd.",
         "yassin.official010"),
    ],
)  # fmt: skip
def test_user_names_in_brackets_after_an_account(text: str, handle: str) -> None:
    assert ("handle", handle) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het YouTube-kanaal van de gemeente (GemeenteUtrecht) zendt de raad uit.",
        "Het Instagram-account van de bibliotheek (BiebNoord) deelt het programma.",
        "Het YouTube-kanaal (Rijksoverheid) heeft een filmpje over radicalisering.",
        "Zijn Insta-account (afgeschermd) is niet te bekijken.",
        "Het TikTok-account van de jongen (zie bijlage) is privé.",
        "Graag @zorgcoördinatoren taggen in Teams als het over schoolverzuim gaat.",
        "Graag @mentoren en @zorgcoördinatoren even taggen.",
        "Volg @politie_official voor updates.",
    ],
)
def test_organisations_words_and_teams_are_no_user_names(text: str) -> None:
    assert "handle" not in kinds(text)


def test_a_mention_with_diacritics_is_read_whole() -> None:
    text = "Hij zit op Discord als @søren_nl en deelt daar memes."
    assert ("handle", "@søren_nl") in found(text)


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("tante rijdt in een oude opel, zl-90-ht, daar is hij mee weg geweest", "zl-90-ht"),
        ("de auto van opa (44-nbk-9) staat vaak bij de moskee", "44-nbk-9"),
        ("Het busje van zijn vader, GT-718-B, wordt gebruikt om spullen te vervoeren.",
         "GT-718-B"),
        ("De politie zag een auto met kenteken 12-BDF-3 voor de deur.", "12-BDF-3"),
        ("De politie heeft busje VN-412-D van de oom in beslag genomen.", "VN-412-D"),
        ("De politie heeft busje VN-412-D in beslag genomen.", "VN-412-D"),  # enforcement
        ("De camera bij de school registreerde 12-BDF-3 drie keer.", "12-BDF-3"),  # no label
    ],
)  # fmt: skip
def test_plates_in_lower_case_beside_a_vehicle(text: str, plate: str) -> None:
    assert ("kenteken", plate) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "laptop hp-204-k ligt bij de receptie om op te halen",  # lower case, no vehicle
        "Printer KP-212-D op de tweede verdieping is weer kapot.",
        "Kopieerapparaat KM-415-B staat op de eerste verdieping.",
        "Sleutel van kluisje LK-07-3 ligt bij de receptie.",
        "Het busbedrijf heeft touringcar BX-920-T ingezet voor het uitje van de jongerenraad.",
        "De vervoerder zet lijnbus TR-882-G in voor de excursie.",
        "Het taxibedrijf stuurt busje VN-412-D voor het leerlingenvervoer.",
        "De lijnbus van Arriva (BX-204-P) rijdt door de wijk van de school.",
    ],
)
def test_devices_and_an_organisations_named_vehicles_are_no_plates(text: str) -> None:
    assert "kenteken" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het stadskantoor is verhuisd naar Croeselaan 15, de oude locatie is dicht.",
        "Het politiebureau is verhuisd naar de Kanaalweg 3.",
        "De rechtbank zit aan de Prins Clauslaan 60, de zitting is in zaal 3.",
        "De kantonrechter zit aan de Rijnkade 4.",
        "Het Huis van de Wijk aan de Kastanjelaan 1 is het vaste inlooppunt voor ouders.",
        "Het Huis van het Kind aan de Dorpsstraat 14 organiseert een ouderavond.",
        "Verzendadres werkboeken: Industrieweg 12-14, 4104 AR Culemborg.",
        "Factuuradres: Stadhuisplein 1, 5038 TC Tilburg.",
    ],
)
def test_an_organisation_as_subject_owns_the_address(text: str) -> None:
    assert "postcode" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het gezin is verhuisd naar Croeselaan 150, driehoog achter.",
        "Moeder is sinds kort verhuisd naar de Vaartweg 12.",
        "Ze zijn verhuisd naar Parkweg 27A, 2271 AJ Voorburg.",
        "Huis van oom: Kerkstraat 1, Utrecht.",  # a home noun starting the sentence
    ],
)
def test_a_family_that_moves_owns_the_address(text: str) -> None:
    assert "postcode" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het KvK-nummer van de stichting is 41178932, het RSIN 802314764.",
        "Kostenplaats 640118203 gebruiken voor de catering van de werkateliers.",
        "Grootboekrekening 162275869 gebruiken voor de werkateliers.",
        "Het budgetnummer voor preventie is 192285142.",
        "Het fiscaal nummer van de stichting is 725763863.",
    ],
)
def test_an_organisations_numbers_are_no_bsn(text: str) -> None:
    assert "bsn" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Fiscaal nummer van de vader: 864623112.",  # a person's fiscal number is the BSN
        "Nummer 864623112 hoort bij de moeder, volgens de BRP.",
    ],
)
def test_a_persons_fiscal_number_is_a_bsn(text: str) -> None:
    assert "bsn" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Teamaccount jongerenwerk: jongerenwerk.noord@welzijnwijzer.nl, wordt dagelijks gelezen.",
        "Mail het team via jeugdverpleegkundigen.west@ggdregio.nl.",
        "De teammailbox van het jongerenwerk is jongerenwerk.oost@welzijnplus.nl.",
    ],
)
def test_team_mailboxes_are_not_personal(text: str) -> None:
    assert "email" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Teammailbox: sanne.bakker@school.nl",  # a first name: someone's own mailbox
        "Mail de tante via noor.vandijk@live.nl, zij regelt de tolk.",
    ],
)
def test_personal_mailboxes_given_as_a_teams_still_are(text: str) -> None:
    assert "email" in kinds(text)


def test_an_invalid_iban_is_no_phone_number() -> None:
    text = "Op het formulier stond NL41 RABO 0345 1298 67, maar de bank meldt dat dit niet klopt."
    assert not scan(text)
    assert kinds("Moeder: 0345 1298 67") == ["telefoon"]
    assert kinds("Vader gaf zijn rekening door: NL91 ABNA 0417 1643 00.") == ["iban"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Cliënt 77-30912 bij het wijkteam is de moeder van de jongere.", "77-30912"),
        ("Leerling 24-7781 is al drie weken afwezig zonder bericht.", "24-7781"),
        ("Dossiernummer Veilig Thuis VT-24-08815, de melding gaat over het hele gezin.",
         "VT-24-08815"),
        ("Zaaknummer Raad voor de Kinderbescherming 2024/118273 betreft de jongste dochter.",
         "2024/118273"),
    ],
)  # fmt: skip
def test_client_and_case_numbers_with_dashes_or_an_organisation(text: str, number: str) -> None:
    assert ("nummer", number) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dossiernummer Gemeente Utrecht GU-24-0017 gaat over de subsidie van de stichting.",
        "Leerlingen 2023-2024 kregen allemaal de vragenlijst.",
        "Het jaarverslag leerling 2024-2025 is klaar.",
    ],
)
def test_numbers_of_an_organisation_or_a_school_year_are_not(text: str) -> None:
    assert "nummer" not in kinds(text)


# --------------------------------------------------------------------------- fourth corpus rules
# General rules added after the fourth independent corpus (tests/data/privacy_corpus4.tsv) showed
# what the guard missed or flagged wrongly on text it had not seen; each with its near misses.


@pytest.mark.skipif(CORPUS4_TSV is None, reason="fourth corpus not found")
def test_fourth_corpus_precision_recall(
    capsys: pytest.CaptureFixture[str], record_property: Callable[[str, object], None]
) -> None:
    assert CORPUS4_TSV is not None
    report = _run_tsv(
        "fourth corpus, used for development after its first run 0.920/0.956",
        CORPUS4_TSV,
        capsys,
        record_property,
    )
    assert report.rows >= 500
    assert report.precision >= 0.95
    assert report.recall >= 0.95


@pytest.mark.parametrize(
    "text",
    [
        "Deelnamekosten (€ 95) overmaken naar NL30BNGH0285132478 t.n.v. Gemeente Oost.",
        "Graag betalen op NL36INGB0007654321 t.n.v. Cateringbedrijf De Zon B.V.",
        "Giften kunnen naar NL72TRIO0254789321 ten name van Stichting Wijk en Welzijn.",
        "Leges graag op NL43ABNA0241386905 t.n.v. Zorg- en Veiligheidshuis Regio Noord.",
        "De vader maakt de ouderbijdrage over naar NL34RABO0183205574 t.n.v. Stichting VO West.",
        # no holder named: a payment to an organisation, no person in the sentence
        "Donaties voor het buurtproject kunnen naar NL72TRIO0254789321.",
        "De contributie van de sportclub gaat naar NL34RABO0183205574, o.v.v. het lidnummer.",
    ],
)
def test_an_account_held_by_an_organisation_is_not_personal(text: str) -> None:
    assert "iban" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "De bijstand wordt overgemaakt op NL60 SNSB 0911 2750 84 t.n.v. mevr. Chaoui.",
        "Factuur: graag betalen op NL36INGB0007654321 t.n.v. J. Koolhuis.",  # initials
        "Factuur: graag betalen op NL36INGB0007654321 t.n.v. Jan Koolhuis.",  # a first name
        "Terugbetaling eigen bijdrage naar NL17 KNAB 0606 8831 06 t.n.v. familie Pranoto.",
        "Zakgeld gaat naar NL20 SNSB 0947 2261 38 ten name van de pleegmoeder.",
        "De ouderbijdrage van de moeder komt van NL34RABO0183205574.",  # a person in the sentence
        "Het tikkie kwam van NL32 KNAB 0258 6634 09, op naam van zijn neef.",
    ],
)
def test_an_account_held_by_a_person_still_is(text: str) -> None:
    assert "iban" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Module JB-12-RT van de e-learning gaat over signaleren, JB-13-RT over bespreken.",
        "Draaiboek versie 24-DT-03 is de meest recente, oudere versies graag weggooien.",
        "Artikelnummers van de posters: HB-220-S (A2) en HB-221-S (A3).",
        "Hoofdstuk KL-14-T van de reader gaat over groepsdruk.",
        "In het lesmateriaal staat als voorbeeld het kenteken AB-12-CD, dat niet bestaat.",
        "Een verzonnen kenteken zoals GT-718-B is genoeg voor de oefening.",
        "De auto van het wijkteam staat op naam van de gemeente; kenteken 7-TKB-92 graag "
        "doorgeven aan de parkeerwachter.",
    ],
)
def test_codes_examples_and_registered_org_vehicles_are_no_plates(text: str) -> None:
    assert "kenteken" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "De auto staat op naam van de vader; kenteken 7-TKB-92 graag doorgeven.",
        "Kun je via de RDW checken of 52-PTV-8 nog op naam van de vader staat?",
        "Vader rijdt in de GT-718-B, zijn broer in de GT-719-B.",  # a series of cars: plates
        "Module JB-12-RT gaat over signaleren; de auto van vader, JB-13-RT, stond er ook.",
        "Als voorbeeld noemde de moeder de auto van haar ex, GT-718-B.",  # a person: real
    ],
)
def test_plates_near_codes_examples_or_holders_that_still_are(text: str) -> None:
    assert "kenteken" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het account @GGDregioUtrecht deelde een campagne over online weerbaarheid.",
        "Het schoolaccount @csdewaterlinie plaatst nooit foto's van leerlingen.",
        "@teamleider_zvh graag agenderen voor het volgende casusoverleg.",
        "Vraag het even aan @coordinator_JGZ voor het overleg.",
        "Voorbeeld in de slides: '@gebruiker123 schrijft: ...' is een verzonnen account.",
    ],
)
def test_organisations_roles_and_made_up_accounts_are_no_user_names(text: str) -> None:
    assert "handle" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Zijn schoolaccount is @ahmet.k07, daar stuurt hij de berichten mee.",  # his account
        "In de oefening gebruikte hij zijn echte account @ahmet.k07.",  # a person: real
        "Op Threads volgt ze @vera.dewolf_ en die deelt al weken ronselvideo's.",
    ],
)
def test_personal_accounts_beside_those_words_still_are(text: str) -> None:
    assert "handle" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het algemene nummer van het schoolsecretariaat is 020-5671200, daar kunnen ouders "
        "terecht.",
        "Bij storing: functioneel beheer, 088-1204400 of beheer@zvh-regio.nl.",
        "Polisnummer van de collectieve aansprakelijkheidsverzekering van de gemeente: 774109324.",
    ],
)
def test_an_organisations_general_number_and_policy_number_are_not_personal(text: str) -> None:
    assert not scan(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Het nummer van de moeder is 020-5671200.", "telefoon"),
        ("Bij storing: 088-1204400 of sanne.devries@zvh-regio.nl.", "telefoon"),  # a person's
        ("heb tantes nummer 0638 491 027 als iemand haar nodig heeft", "telefoon"),
        ("Het polisnummer ontbreekt, maar de moeder gaf haar nummer: 774109324.", "bsn"),
        ("Polisnummer van de zorgverzekering van de moeder: 774109324.", "nummer"),
    ],
)
def test_personal_numbers_beside_those_words_still_are(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "De casus 'Sophie en de complotvideo's' was heel herkenbaar voor mijn brugklas.",
        'We keken de film "Layla en haar broers" in de les.',
        "Mooi dat er een fragment van Abdelkader Benali in zat over opgroeien.",
        "We lazen een gedicht van Mustafa Stitou over thuis zijn.",
        "Niet iedere Jan en alleman hoeft dit verslag te lezen.",
        "Joost mag het weten waarom het overleg niet doorging.",
        "Het moet ook voor Jan Modaal te begrijpen zijn.",
    ],
)
def test_titles_written_works_and_idioms_are_no_persons(text: str) -> None:
    assert "naam" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hij zei: 'Sophie en ik gaan samen naar de moskee.'",  # speech, no title noun
        "De casus van Sophie en haar broer was herkenbaar.",  # not quoted
        "Hij deelt filmpjes van Lisa Jansen.",  # clips may show a classmate
        "Joost mag niet meer naar school.",  # not the idiom
        "Jan en zijn broer Piet zitten thuis.",
    ],
)
def test_names_beside_titles_works_and_idioms_still_are(text: str) -> None:
    assert "naam" in kinds(text)


# fourth corpus, recall: the rules below were written for the sentences the guard missed; the
# tests use other sentences, and each rule has its near misses.


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Zijn oma woont in Kraków, ul. Długa 5, vlak bij het centrum.", "ul. Długa 5"),
        ("Het gezin woonde eerder in Istanbul, Bağdat Caddesi 214.", "Bağdat Caddesi 214"),
        ("De moeder verblijft nu bij haar zus, str. Florilor 8, in Cluj.", "str. Florilor 8"),
        ("Het meisje logeert bij haar tante, rue de la Paix 12 in Lille.", "rue de la Paix 12"),
    ],
)
def test_a_foreign_street_with_a_living_cue_or_a_person_is_an_address(
    text: str, street: str
) -> None:
    assert any(f.kind == "postcode" and street in f.text for f in scan(text))


@pytest.mark.parametrize(
    "text",
    [
        "De jongen kreeg via Instagram 3 berichten van een onbekende.",  # "via" is Dutch
        "Het meisje hoorde via Teams 2 keer dat ze moest komen.",
        "De conferentie was in Parijs, rue de Rivoli 12, met veertig deelnemers.",  # nobody's
        "Het moduleboek staat op str. 12 van de handleiding.",
    ],
)
def test_foreign_street_words_without_a_person_or_a_street_are_not(text: str) -> None:
    assert "postcode" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("De wijkagent heeft de woning Eikenlaantje 4 bezocht.", "Eikenlaantje 4"),
        ("Het huis Meidoorn 7 staat leeg sinds de familie er niet meer woont.", "Meidoorn 7"),
        ("Zijn huurwoning Berkenhof 22 is te klein voor het gezin.", "Berkenhof 22"),
        ("Ze woont nu bij haar vader, op Zonnebloem 4.", "Zonnebloem 4"),
        ("Nieuw adres: Zonnedauw 12/4, sinds maart bij de moeder.", "Zonnedauw 12/4"),  # a flat
    ],
)
def test_a_home_named_with_its_street_is_an_address(text: str, street: str) -> None:
    assert any(f.kind == "postcode" and street in f.text for f in scan(text))


@pytest.mark.parametrize(
    "text",
    [
        "De woning Fase 2 wordt in 2026 opgeleverd.",
        "Het appartement Type B 3 heeft twee slaapkamers.",
        "In het huis Oranje 3 zaten vroeger de Bonaparte-kinderen.",  # a word, no living cue
        "Hij woont in Utrecht en zit op Judo 2 avonden per week.",  # "op" + word, no address
        "Hij woont al jaren in de wijk, op Pagina 12 van het rapport staat meer.",
        "Het pand aan de Kerkstraat 5 is een gemeentekantoor.",
    ],
)
def test_homes_phases_and_pages_with_numbers_are_not_addresses(text: str) -> None:
    assert "postcode" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "In de groepsapp heet hij 'Yassin 010'.",
        "Op WhatsApp staat zijn zus opgeslagen als 'Fatima B.'",
        "In de klassenchat heet hij 'Kowalski NL'.",
    ],
)
def test_a_display_name_in_an_app_is_a_handle(text: str) -> None:
    assert "handle" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "In de groepsapp staat de groep als 'Moeders 3B'.",  # a group, no name
        "In de app heet de buurtwacht 'Buurtpreventie Noord'.",  # an organisation's
        "De app heet 'Veilig Thuis' en is gratis.",
        "Hij heet in de klas 'de professor'.",  # no app, no name
    ],
)
def test_group_and_organisation_display_names_are_not_handles(text: str) -> None:
    assert "handle" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Het leerplichtdossier van de jongen, LP-2023-1142, ging naar het RMC.", "LP-2023-1142"),
        ("Dossiernr. Raad voor de Kinderbescherming van dit gezin: RvdK 2022/0417-A.", "0417"),
        ("Jeugdreclassering: cliënt 31-20985, hij meldt zich morgen.", "31-20985"),
        ("De cliënt 58213, een jongen uit Zuid, kwam niet opdagen.", "58213"),
    ],
)
def test_case_numbers_of_compulsory_education_probation_and_an_organisation(
    text: str, number: str
) -> None:
    assert any(f.kind == "nummer" and number in f.text for f in scan(text))


@pytest.mark.parametrize(
    "text",
    [
        "Het beleidsstuk leerplicht, versie 2024-03, is vastgesteld.",
        "Dossiernr. Raad voor de Kinderbescherming, zie jaarverslag 2023, pagina 12.",
        "De jeugdreclassering had in 2023, 1187 cliënten.",
        "De cliënt 40 jaar oud kwam binnen.",
        "De cliënt 3,5 uur per week begeleiden kost te veel.",
    ],
)
def test_policy_versions_counts_and_years_are_not_case_numbers(text: str) -> None:
    assert "nummer" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "gd broer 21/04/2009, nog navragen bij school",  # "gd": geboortedatum in notes
        "Personalia: vrouw, 02-09-2007, Syrische nationaliteit.",
    ],
)
def test_gd_and_personalia_give_a_date_of_birth(text: str) -> None:
    assert "geboortedatum" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "GD 03/11/2010 vergadering over vaccinaties.",  # the health service, upper case
        "De gd-regio had op 03/11/2024 overleg.",
        "Personalia bijgewerkt op 14-06-2024 door de mentor.",  # an event date
        "Het formulier personalia moet voor 14-06-2026 binnen zijn.",  # a deadline
    ],
)
def test_other_gd_and_personalia_dates_are_not_dates_of_birth(text: str) -> None:
    assert "geboortedatum" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mijn mentorleerling is net achttien geworden.",
        "Haar pleegdochter is inmiddels 15.",
        "Een jongere van zestien is door de politie aangehouden.",
        "Een meisje van veertien werd gisteren van school gehaald.",
    ],
)
def test_compound_person_nouns_and_word_ages_of_one_person_are_ages(text: str) -> None:
    assert "leeftijd" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het gemiddelde schoolkind is 8 uur per dag op school.",
        "Een kind van acht begrijpt dat nog niet.",  # a general statement
        "Een kind van acht is gebaat bij duidelijke regels.",
        "Een kind van acht heeft geleerd om te lezen, volgens de methode.",
        "Een jongere van zestien mag nog geen alcohol kopen.",
    ],
)
def test_general_statements_about_an_age_are_not(text: str) -> None:
    assert "leeftijd" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "mentor 3C zei dat bilal vaak te laat komt in de les",
        "De mentor zei dat fatima niet in de les was.",
    ],
)
def test_a_lower_case_first_name_as_a_pupil_in_a_school_clause_is_a_name(text: str) -> None:
    assert "naam" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "mentor 2B gaf aan dat wiskunde steeds vaker uitvalt in de les",
        "De mentor zei dat roos de kleur van de klas is.",  # a word, "is" is no person's verb
    ],
)
def test_lower_case_words_in_a_school_clause_are_not_names(text: str) -> None:
    assert "naam" not in kinds(text)


# --------------------------------------------------------------------------- round 4 (after the
# fifth corpus's first run): general rules, each tested on invented sentences and near misses.
# The full invented sets are tests/data/guard_probe12.tsv.


@pytest.mark.skipif(CORPUS5_TSV is None, reason="fifth corpus not found")
def test_fifth_corpus_precision_recall(
    capsys: pytest.CaptureFixture[str], record_property: Callable[[str, object], None]
) -> None:
    assert CORPUS5_TSV is not None
    report = _run_tsv(
        "fifth corpus, used for development after its first run 0.941/0.892",
        CORPUS5_TSV,
        capsys,
        record_property,
    )
    assert report.rows >= 500
    assert report.precision >= 0.95
    assert report.recall >= 0.95


def _dates_of_birth(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text) if f.kind == "geboortedatum"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("gebdat 20090314 uit het LVS gekopieerd", "20090314"),
        ("geb. 14032009, klas 2b", "14032009"),
        ("Geboortedatum: 20110922 (zie Magister)", "20110922"),
        ("dob 19991231 staat verkeerd in het systeem", "19991231"),
    ],
)
def test_compact_dates_after_a_birth_cue(text: str, date: str) -> None:
    assert _dates_of_birth(text) == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("GD 14-11-2009, verder geen gegevens bekend", "14-11-2009"),
        ("G.D. 01-02-2007", "01-02-2007"),
        ("Datum van geboorte: 4 april 2010", "4 april 2010"),
        ("datum van geboorte oudste 2009-08-17", "2009-08-17"),
        ("geboorte dochter: 22 juni 2014", "22 juni 2014"),
    ],
)
def test_gd_and_datum_van_geboorte_are_birth_cues(text: str, date: str) -> None:
    assert _dates_of_birth(text) == [date]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("vader is van 3 maart 1979, volgens de gegevens van school", ["3 maart 1979"]),
        ("De jongste is van 14-02-2016 en zit in groep 5.", ["14-02-2016"]),
        ("oma is van 07-07-1958 en zorgt vaak voor de kinderen", ["07-07-1958"]),
        ("Sanne is van 21 mei 2011.", ["21 mei 2011"]),
        ("kind 1: 03-04-2010, kind 2: 19-09-2013", ["03-04-2010", "19-09-2013"]),
        ("Zoon: 12-12-2008; dochter: 30-01-2012", ["12-12-2008", "30-01-2012"]),
        ("broer 2: 08-10-2014", ["08-10-2014"]),
    ],
)
def test_a_person_is_van_a_date_or_labels_it(text: str, dates: list[str]) -> None:
    assert _dates_of_birth(text) == dates


@pytest.mark.parametrize(
    "text",
    [
        "het verslag is van 12 augustus 2025, dus nog vrij recent",
        "de melding is van 12-03-2025 en ligt bij het wijkteam",
        "Het protocol is van 1 januari 2019.",
        "Deze afspraak is van 12-06-2026 verzet naar later.",
        "het team is van 2015, toen is het opgericht",
        "Overleg 1: 04-02-2026; overleg 2: 18-02-2026",
        "Agenda: 12-03-2026 werkatelier, 19-03-2026 evaluatie",
        "Ordernummer 20240615 is verzonden.",
        "Versie 20230901 van het beleidsplan is verouderd.",
        "Datum van de training: 4 april 2026",
        "de GGD 12-03-2026 gebeld",
        "Op 13/4 hadden we geen verjaardag maar een teamdag.",
        "GD 12-05-2026 overleg met de wijkteams over de campagne",
        "Het feest op 5/6 was voor het jubileum, niet voor een verjaardag.",
    ],
)
def test_dates_of_things_and_denied_birthdays_are_not_dates_of_birth(text: str) -> None:
    assert _dates_of_birth(text) == []


def _ages(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text) if f.kind == "leeftijd"]


@pytest.mark.parametrize(
    "text",
    [
        "de jongen is nauwelijks veertien jaar oud en zit al in een groepje dat overvalt",
        "Het meisje is nog maar dertien en heeft een vriend van 22.",
        "De leerling is ruim zestien en wil stoppen met school.",
        "De jongen met wie ze omgaat is 21 en heeft een auto.",  # a relative clause
        "Het neefje dat bij hen inwoont is 15.",
        "De vriendin waar ze mee chat is 19 en woont in Duitsland.",
    ],
)
def test_an_age_after_is_with_adverbs_or_a_relative_clause(text: str) -> None:
    assert _ages(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nu is hij vijftien en hij zit steeds vaker op straat.",
        "Inmiddels is ze 17 en woont ze op kamers.",
        "Toen hij negen was verhuisde het gezin naar Rotterdam.",
        "sinds ze 12 is, heeft ze geen contact meer met haar vader",
        "Toen het meisje 13 jaar oud was, kwam ze in beeld bij de jeugdbescherming.",
    ],
)
def test_an_age_in_inverted_order_or_in_a_clause(text: str) -> None:
    assert _ages(text)


@pytest.mark.parametrize(
    "text",
    [
        "Buurmeisje, een jaar of 14, past soms op.",
        "de broer, zo'n jaar of 20, is vaak aanwezig",
        "Vriend van hem, ergens rond de 18, haalt hem op na school.",
        "Zoon van 9 – slaapt slecht sinds de scheiding",  # a dash before words is no range
        "jgn 16jr vertelt over een groepsapp met geweldsfilmpjes",
        "Moeder is eind dertig en werkt in de zorg.",
        "de stiefvader is begin 40 en heeft een strafblad",
    ],
)
def test_approximate_ages_decades_and_abbreviated_nouns(text: str) -> None:
    assert _ages(text)


@pytest.mark.parametrize(
    "text",
    [
        "Als moeder van twee tieners weet ik hoe lastig dit is.",  # a plural of persons
        "Ik ben moeder van drie pubers en docent.",
        "Een jongere van 17 is juridisch nog minderjarig.",  # a legal status: a rule
        "Een leerling van 16 is nog leerplichtig tot het einde van het schooljaar.",
        "Een tweeling van 11 heeft vaak dezelfde vrienden, volgens de literatuur.",  # habitual
        "Het lokaal is 24 vierkante meter groot.",
        "Het team dat het project leidt is 12 man groot.",
        "Het gebouw is begin vijftig gebouwd, in de jaren vijftig.",
        "Groep 7 - 8 werkt samen aan het project.",
        "Nu is het 15 uur en de training begint.",
        "Het protocol is ruim zestien pagina's lang.",
        "hij is ruim 20 kilo afgevallen sinds de zomer",
        "Nu is hij twee weken geschorst.",
        "toen hij 3 dagen weg was, belde de school",
        "De man is eind dertig minuten te laat gekomen.",
    ],
)
def test_age_near_misses_round_4(text: str) -> None:
    assert _ages(text) == []


def _addresses(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text) if f.kind == "postcode"]


@pytest.mark.parametrize(
    "text",
    [
        "hij woont bij zijn oom op de beukenlaan, nr 12",
        "Gezin woont aan de Kerkstraat, nummer 44a.",
        "moeder zit op de Dorpsstraat, huisnummer 7, boven de bakker",
        "ze wonen in de flat aan de Lorentzweg, 3e etage, deur 308",
        "Het gezin woont in een portiekflat op het Columbusplein, 2e verdieping, nr 17",
        "woonachtig Vondelstraat, no. 21",
    ],
)
def test_a_street_and_its_number_with_a_comma_floor_or_door_between(text: str) -> None:
    assert _addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "Huisbezoek donderdag: De Brink 4, Assen.",
        "Adres jongere: Het Hout 12, Zwolle",
        "Nieuw adres sinds mei: Oude Markt 3b, Enschede",
    ],
)
def test_a_street_without_a_street_ending_its_number_and_a_place(text: str) -> None:
    assert _addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "Intake 3 mei. Jongere woont bij vader. School belt vaak. Adres: Kastanjelaan 9.",
        "Dochter woont nu bij oma. De school heeft het dossier. Adres: Wilgenstraat 3, Breda.",
    ],
)
def test_an_organisation_in_the_sentence_before_does_not_own_a_case_notes_address(
    text: str,
) -> None:
    assert _addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "Levering materialen t.a.v. inkoop, Energieweg 14, Zwolle",
        "Facturen t.a.v. de administratie, Handelsweg 3, 3821 AB Amersfoort",
        "Het GGD-kantoor aan de Stationsweg 8 is op vrijdag dicht.",
        "De JGZ-locatie aan de Parklaan 2 verhuist in juni.",
        "Stuur de dozen naar het magazijn, Nijverheidsweg 11, Tiel.",
        "Het depot aan de Havenweg 4 bewaart de oude dossiers.",
        "De training is op 3 maart. Adres: Kerkstraat 3, Utrecht.",
        "Zaal 4, Utrecht is gereserveerd voor de training.",
        "Groep 7, Emmen heeft de workshop gevolgd.",
        "Module 3, Zwolle: de evaluatie volgt later.",
        "Het rapport, deel 2, Amsterdam 2024, staat online.",
        "Op de Kerkstraat, nummer 12 tot 40, wordt gebouwd.",
        "De nieuwe vestiging, Laan van Vollenhove 3, Zeist, opent in mei.",
    ],
)
def test_organisations_addresses_and_numbered_things_are_not_addresses(text: str) -> None:
    assert _addresses(text) == []


def _numbers(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text) if f.kind == "nummer"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Leerling-ID: 44192, graag het verzuim nakijken", "44192"),
        ("kind-id in het kindvolgsysteem 55910, het gaat om de jongste", "55910"),
        ("Kindnummer 10293 (broertje) staat nog open bij de opvang", "10293"),
        ("patiënt-ID 20331 van moeder bij de huisarts", "20331"),
        ("het inschrijvingsnummer van haar zoon bij de sportclub is 55102", "55102"),
    ],
)
def test_a_persons_id_in_a_system_is_a_personal_number(text: str, number: str) -> None:
    assert _numbers(text) == [number]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("registratienr jeugdreclassering JR-21-4471 (zoon)", "JR-21-4471"),
        ("zaaknummer leerplicht LP-22-0912 voor haar broer", "LP-22-0912"),
        ("dossiernr wijkteam WT-2023-551, het gezin is bekend", "WT-2023-551"),
        ("huurcontractnummer van moeder: 4411-2290-07, woningcorporatie dreigt", "4411-2290-07"),
        ("contractnummer van het gezin bij de energieleverancier: 88123401", "88123401"),
        ("Jeugdbescherming heeft zaaknummer 2024-8812 aangemaakt.", "2024-8812"),
    ],
)
def test_case_numbers_after_words_and_any_numbered_compound_near_a_person(
    text: str, number: str
) -> None:
    assert _numbers(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Ordernummer 88231 is verzonden naar de school.",
        "Ticketnummer 778812 bij de servicedesk is gesloten.",
        "Het contractnummer met de gemeente is 2024-0931.",
        "Registratienummer van de subsidieaanvraag: SUB-2025-0041",
        "Het inschrijvingsnummer van de stichting bij de KvK is 41178822.",
        "De zaak ging over 1500 euro subsidie.",
        "Zendingsnummer 5512093: de werkboeken zijn onderweg.",  # the verb "zijn"
        "Het huurcontractnummer van het buurthuis is 4411-2290.",
        "Jeugdbescherming organiseert op 12 maart een bijeenkomst voor 40 professionals.",
    ],
)
def test_numbers_of_organisations_things_and_shipments_are_not_personal(text: str) -> None:
    assert _numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Oefencasus 'familie De Vries': vader (44), zoon Daan (15). Daan deelt filmpjes.",
        "Casus (fictief): Noor, 14 jaar. Noor praat in de klas over een aanslag.",
        "In de rollenspellen noemden we de jongeren Milan en Ayoub, niet hun echte namen.",
        "Bij de rollenspelen kregen de deelnemers de namen Yara en Bram.",
    ],
)
def test_a_text_headed_by_a_fiction_label_and_role_plays_are_made_up(text: str) -> None:
    assert "naam" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Na het rollenspel vertelde een docent: Milan uit mijn klas doet precies hetzelfde.",
        "Verslag werkatelier: goede sessie. Mentor meldt dat Sem uit 2b zich terugtrekt.",
        "Jongerenwerker: Ilias Bakkali zit elke avond op het plein met oudere jongens.",
        "Mentor: Lotte komt sinds de kerstvakantie niet meer op school.",
    ],
)
def test_a_role_that_reports_and_a_time_after_a_role_play_do_not_hide_a_name(text: str) -> None:
    assert "naam" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Trainer: Anna de Vries, VanMontfoort",
        "Spreker: Fatima Aydin over polarisatie in de klas",
        "Gespreksleider: Karin Smit (gemeente Ede)",
        "Dagvoorzitter: Peter de Boer; notulen: Sanne Bos.",
    ],
)
def test_a_role_as_a_label_names_the_professional(text: str) -> None:
    assert "naam" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jongere woont bij oma. De school meldt 'veel verzuim'. Adres: Populierenlaan 14.",
        "Jongere woont bij oma. De school belde (boos). Adres: Eikenstraat 8.",
    ],
)
def test_a_sentence_ends_after_a_closing_quote_or_bracket(text: str) -> None:
    assert "postcode" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ticket #462518309 is aangemaakt voor het inlogprobleem.",
        "Issue 462518309 in Jira: de export werkt weer.",
        "Het voorbeeld uit de cursus, 111222333, is geen echt BSN.",
        "Dit nummer uit de training, 123456782, bestaat niet echt.",
        "Voorbeeld in de handleiding: 111222333.",
        "Het voorbeeld-IBAN uit de cursus is NL02 ABNA 0123 4567 89.",
        "In de handleiding staat als voorbeeld NL91ABNA0417164300.",
        "Het rekeningnummer in de e-learning, NL91 ABNA 0417 1643 00, is geen echte rekening.",
    ],
)
def test_tickets_and_numbers_from_training_material_are_not_personal(text: str) -> None:
    assert not {"bsn", "iban"} & set(kinds(text))


@pytest.mark.parametrize(
    "text",
    [
        "BSN #123456782 van de jongen staat in het dossier.",
        "Voorbeeld van wat misging: moeder gaf het BSN van haar dochter door, 123456782.",
        "Ticket 4411: ouder stuurde het BSN van de zoon mee, 111222333.",
        "Voorbeeld van een fout: de IBAN van de pleegmoeder, NL91 ABNA 0417 1643 00, stond erin.",
        "IBAN jongere voor het zakgeld: NL91ABNA0417164300.",
    ],
)
def test_an_example_or_a_ticket_about_a_person_still_holds_their_number(text: str) -> None:
    assert {"bsn", "iban"} & set(kinds(text))


@pytest.mark.parametrize(
    "text",
    [
        "Bel moeder even terug: 0612.88.43.71",
        "vader is bereikbaar op 010.412.34.56",
        "moeder 06.22.33.44.55 (liever appen)",
        "Oma: 0181.42.77.12",
    ],
)
def test_phone_numbers_with_dots(text: str) -> None:
    assert "telefoon" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Versie 0.12.88 van de app is uitgerold.",
        "Op 06.12.2024 is de training.",
        "Het bedrag was 0,612.88 per stuk.",
        "Hoofdstuk 06.12.4 gaat over melden.",
    ],
)
def test_dotted_versions_dates_and_amounts_are_not_phone_numbers(text: str) -> None:
    assert "telefoon" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Team Jeugd is bereikbaar via teamjeugd@gemeenteutrecht.nl",
        "Mail het zorgteam op zorgteamnoord@school.nl",
        "Vragen? jeugdteamwest@wijkteams.nl",
        "@GGDHollandsNoorden deelde de campagne.",
        "@JGZRotterdam plaatste een filmpje over online pesten.",
        "De leaseauto van de GGD (JX-81-RB) staat bij de school.",
        "De huurauto van het wijkteam, GZ-123-K, is terug.",
    ],
)
def test_organisations_mailboxes_handles_and_cars_written_as_one_word(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Zijn mail is daanvisser@gmail.com",
        "Hij volgt @DaanBakker2009 op TikTok.",
        "De leaseauto van zijn vader (JX-81-RB) stond voor de deur.",
        "Moeder rijdt in een huurauto, GZ-123-K.",
    ],
)
def test_persons_mailboxes_handles_and_cars_still_count(text: str) -> None:
    assert kinds(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ouders Bakker-Jansen willen eerst een gesprek zonder de jongen erbij.", "Bakker-Jansen"),
        ("Pleegouders De Vries belden over het verlof.", "De Vries"),
        ("Het echtpaar Yilmaz woont er al jaren en kent de jongen goed.", "Yilmaz"),
        ("is die Jayden van de Lindenschool dezelfde als vorige week?", "Jayden"),
        ("zei 'dat is toch gewoon Bilal van de Zuidpoolschool' en het werd stil", "Bilal"),
    ],
)
def test_parents_surname_and_a_first_name_of_a_school(text: str, name: str) -> None:
    assert [f.text for f in scan(text) if f.kind == "naam"] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Ouders Marokkaans, vader werkt in de bouw.",
        "ouders Turks-Nederlands, thuistaal Turks",
        "De ouders Syrië ontvlucht in 2015, sindsdien in Zwolle.",
        "Volgens het onderzoek naar ouders van Syriëgangers voelen ouders zich machteloos.",
        "Graag geen telefoonnummers van ouders in de Teams-chat zetten.",
        "Meester Bram van de Piet Heinschool gaf de training.",
    ],
)
def test_origins_after_parents_and_named_teachers_are_not_names(text: str) -> None:
    assert "naam" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Amy-Jane Gielen schreef veel over het evalueren van preventieprogramma's, zie de lijst.",
        "Marion van San beschreef in haar proefschrift hoe ouders dit beleven.",
        "Zoals Bertjan Doosje stelt in zijn artikel, speelt groepsdruk een rol.",
        "Volgens Kees van den Bos et al. is onrechtvaardigheid een sleutel.",
    ],
)
def test_authors_with_a_writing_verb_and_literature_or_et_al(text: str) -> None:
    assert "naam" not in kinds(text.replace("de lijst", "de literatuurlijst"))


@pytest.mark.parametrize(
    "text",
    [
        "Daan schreef een dreigbrief aan zijn klasgenoot.",
        "Yusuf stelde in de klas dat hij de aanslag goed vond.",
        "Lotte beschreef in haar dagboek dat ze niet meer naar huis wilde.",
        "Sem schreef in zijn werkstuk over het onderzoek naar de aanslag.",
    ],
)
def test_young_people_who_write_are_not_authors(text: str) -> None:
    assert "naam" in kinds(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schoolmaatschappelijk werk heeft nadia doorverwezen naar de POH-GGZ", True),
        ("de wijkagent heeft yusuf thuisgebracht na het incident", True),
        ("gisteren werd mohammed opgehaald door zijn oom", True),
        ("jeugdarts heeft bilal onderzocht, geen bijzonderheden", True),
        ("de school heeft rust gebracht in de klas", False),
        ("het team heeft alles doorverwezen naar de GGD", False),
        ("de trainer heeft roos gekleurde kaartjes uitgedeeld", False),
    ],
)
def test_a_lower_case_first_name_between_auxiliary_and_participle(
    text: str, expected: bool
) -> None:
    assert ("naam" in kinds(text)) is expected
