"""Calendar invitations (.ics, RFC 5545/5546) with the icalendar library.

One event per file. `method` is REQUEST for an invitation or an update (same UID, higher
SEQUENCE), CANCEL for a cancellation (STATUS:CANCELLED) and PUBLISH for a plain download.
Times are local Dutch times (Europe/Amsterdam) written in UTC, which every calendar reads; a
workshop without a known half-day slot is an all-day event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress

PRODID = "-//Platform JEP//Werkateliers//NL"
LOCAL = ZoneInfo("Europe/Amsterdam")
METHODS = ("REQUEST", "CANCEL", "PUBLISH")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    summary: str
    description: str
    location: str
    day: date
    start: time | None
    end: time | None
    organiser_email: str
    organiser_name: str
    attendee_email: str | None = None
    attendee_name: str | None = None


def mime_type(method: str) -> str:
    """The Content-Type of an .ics attachment (mail clients read the method from it)."""
    return f"text/calendar; method={method}; charset=UTF-8"


def build(event: CalendarEvent, method: str, stamp: datetime | None = None) -> bytes:
    """The .ics file of `event` for `method` (REQUEST, CANCEL or PUBLISH)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method}")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    ev = Event()
    ev.add("uid", event.uid)
    ev.add("sequence", event.sequence)
    ev.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0))
    if event.start and event.end:
        start = datetime.combine(event.day, event.start, LOCAL).astimezone(UTC)
        end = datetime.combine(event.day, event.end, LOCAL).astimezone(UTC)
        ev.add("dtstart", start)
        ev.add("dtend", end)
    else:
        ev.add("dtstart", event.day)
        ev.add("dtend", event.day + timedelta(days=1))
    ev.add("summary", event.summary)
    if event.description:
        ev.add("description", event.description)
    if event.location:
        ev.add("location", event.location)
    organiser = vCalAddress(f"mailto:{event.organiser_email}")
    organiser.params["cn"] = event.organiser_name
    ev.add("organizer", organiser)
    if event.attendee_email:
        attendee = vCalAddress(f"mailto:{event.attendee_email}")
        if event.attendee_name:
            attendee.params["cn"] = event.attendee_name
        attendee.params["role"] = "REQ-PARTICIPANT"
        attendee.params["rsvp"] = "FALSE"
        ev.add("attendee", attendee)
    ev.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    ev.add("transp", "OPAQUE")
    cal.add_component(ev)
    return cal.to_ical()
