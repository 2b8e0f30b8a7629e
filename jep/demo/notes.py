"""Demo notes of the day for held demo workshops."""

from __future__ import annotations

import random
from typing import Any

from sqlite_utils import Database

from jep.reference.catalog import Catalog
from jep.workshop import notes
from jep.workshop.workshops import HELD

DEMO_DILEMMAS: list[tuple[int, str, str]] = [
    (
        1,
        "Een docent ziet dat een leerling zich terugtrekt en online filmpjes deelt met een "
        "extremistische strekking. Wat is een signaal en wat is een interpretatie?",
        "Samen de signalen feitelijk opgeschreven, met de bron erbij; ook benoemd wat er juist "
        "tegen radicalisering pleit (vriendschappen, sport).",
    ),
    (
        2,
        "Een jongerenwerker twijfelt of hij een collega van een andere organisatie mag bellen "
        "zonder de naam van de jongere te noemen.",
        "Anoniem advies vragen mag altijd; de groep noemde de aandachtsfunctionaris als eerste "
        "aanspreekpunt.",
    ),
    (
        3,
        "Een jeugdverpleegkundige vraagt zich af of een gesprek met de ouders de situatie "
        "erger kan maken.",
        "Besproken wanneer een gesprek met de jongere zelf veilig en zinvol is en hoe je dat "
        "voorbereidt.",
    ),
    (
        5,
        "Een wijkteam heeft zorgen maar geen concrete aanwijzingen voor gevaar. Is extern delen "
        "dan al nodig?",
        "Noodzaak, proportionaliteit en subsidiariteit langsgelopen; eerst lichtere middelen "
        "binnen de eigen organisatie.",
    ),
    (
        6,
        "Een jongere van boven de zestien weigert toestemming om informatie met de school te "
        "delen. Wat nu?",
        "Conflict van plichten toegelicht door de jurist; afweging en besluit vastleggen.",
    ),
    (
        7,
        "Na het delen met het Zorg- en Veiligheidshuis hoorde de melder niets meer terug.",
        "Afgesproken dat terugkoppeling onderdeel wordt van het casusoverleg.",
    ),
]
DEMO_LEGAL: list[tuple[str, str]] = [
    (
        "Mag een school zonder toestemming informatie delen met de wijkagent?",
        "Een school heeft geen beroepsgeheim, maar de AVG geldt: er is een grondslag nodig en "
        "je deelt alleen wat nodig is.",
    ),
    (
        "Valt geloofsovertuiging onder de bijzondere persoonsgegevens?",
        "Ja; daarvoor gelden strengere regels onder de AVG.",
    ),
    (
        "Wanneer is er sprake van een conflict van plichten?",
        "Als een zwaarder belang het doorbreken van het beroepsgeheim vraagt en er geen lichter "
        "middel is.",
    ),
    (
        "Is er een meldplicht bij radicalisering, zoals bij de meldcode?",
        "Nee, er is geen wettelijk meldrecht en geen officieel meldpunt; we spreken van "
        "extern delen.",
    ),
]
DEMO_SOLUTIONS: list[tuple[str, str]] = [
    (
        "Een vast telefoonnummer van het contactpunt radicalisering op de intranetten van alle "
        "partners.",
        "De gemeente zet dit uit bij de partners.",
    ),
    ("Twee keer per jaar een netwerklunch voor jeugd, onderwijs en veiligheid.", ""),
    ("Een kaartje met de stappen van de werkwijze voor in de teamkamer.", ""),
    ("Terugkoppeling standaard op de agenda van het casusoverleg.", ""),
]
DEMO_NEW_KNELPUNT = "Wisselende bezetting bij partners: contactpersonen zijn vaak onbekend."


def seed_demo(
    db: Database, rng: random.Random, workshops: list[dict[str, Any]], cat: Catalog
) -> None:
    """Plausible notes for demo workshops that took place (inside the demo transaction).

    Uses its own random generator per workshop, so other seeders' streams are unaffected."""
    steps = {s.number for s in cat.steps}
    for ws in workshops:
        if ws["status"] not in HELD:
            continue
        local = random.Random(f"jep-notes-{ws['id']}-{ws['code']}")
        day = ws.get("date")
        stamp = f"{day.isoformat()}T16:30:00+00:00" if day else None
        for step, text, detail in local.sample(DEMO_DILEMMAS, k=local.randint(2, 4)):
            if step in steps:
                clean = {"kind": "dilemma", "step": step, "knelpunt_id": None}
                clean |= {"knelpunt_status": None, "text": text, "detail": detail}
                notes.insert(db, ws["id"], clean, "demo", stamp)
        for text, detail in local.sample(DEMO_LEGAL, k=local.randint(1, 4)):
            clean = {"kind": "juridisch", "step": None, "knelpunt_id": None}
            clean |= {"knelpunt_status": None, "text": text, "detail": detail}
            notes.insert(db, ws["id"], clean, "demo", stamp)
        named = [k for k in (ws.get("answers") or {}).get("knelpunten", {}) if k in cat.knelpunten]
        for kid in sorted(named)[: local.randint(1, 2)]:
            clean = {"kind": "knelpunt", "step": None, "knelpunt_id": kid}
            clean |= {"knelpunt_status": "bevestigd", "text": "", "detail": ""}
            notes.insert(db, ws["id"], clean, "demo", stamp)
        others = sorted(set(cat.knelpunten) - set(named))
        if others and local.random() < 0.6:
            clean = {"kind": "knelpunt", "step": None, "knelpunt_id": local.choice(others)}
            clean |= {
                "knelpunt_status": "nieuw",
                "text": "Kwam in de casusbespreking naar voren.",
                "detail": "",
            }
            notes.insert(db, ws["id"], clean, "demo", stamp)
        if local.random() < 0.4:
            clean = {"kind": "knelpunt", "step": None, "knelpunt_id": None}
            clean |= {"knelpunt_status": "nieuw", "text": DEMO_NEW_KNELPUNT, "detail": ""}
            notes.insert(db, ws["id"], clean, "demo", stamp)
        for text, detail in local.sample(DEMO_SOLUTIONS, k=local.randint(1, 3)):
            clean = {"kind": "oplossing", "step": None, "knelpunt_id": None}
            clean |= {"knelpunt_status": None, "text": text, "detail": detail}
            notes.insert(db, ws["id"], clean, "demo", stamp)


DEMO_NOTE = (
    "Demo (verzonnen): gebeld met de moeder van Sanne (14), bereikbaar op 06-12345678. "
    "Zij vroeg of de school mocht delen."
)


def seed_staff_notes(db: Database, rng: Any, workshops: list[dict[str, Any]], cat: Any) -> None:
    """Demo: two staff notes that hold (fictional) personal data, so that the redaction tool on
    the privacy page has something to find. Runs inside the demo seeder's transaction."""
    chosen = [w["id"] for w in workshops if w["status"] not in ("aanvraag", "geannuleerd")][:2]
    for wid in chosen:
        db.execute("UPDATE intakes SET staff_notes = ? WHERE workshop_id = ?", [DEMO_NOTE, wid])
