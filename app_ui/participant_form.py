"""Shared UI of the participant screens (staff and municipality contact). Not a page itself.

The add form keeps what was typed after an error and shows each message under its field.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_ui import session, widgets
from app_ui.cache import Connection, cached_by
from jep.reference.catalog import Catalog
from jep.workshop import participants


def sector_label(cat: Catalog, sid: str) -> str:
    sector = cat.sectors.get(sid)
    if sector is None:
        return sid
    domain = cat.domains[sector.domain].name
    return sector.name if domain == sector.name else f"{sector.name} · {domain}"


def seat_metrics(seats: participants.Seats, attended: int | None = None) -> None:
    cols = st.columns(4 if attended is not None else 3)
    cols[0].metric("Aangemeld", f"{seats.registered} van {seats.cap}", border=True)
    cols[1].metric("Vrije plaatsen", seats.free, border=True)
    cols[2].metric("Wachtlijst", seats.waiting, border=True)
    if attended is not None:
        cols[3].metric("Aanwezig", attended, border=True)


@cached_by("participants", max_entries=64)
def participant_list(d: Connection, wid: int) -> pd.DataFrame:
    """The participants of a workshop (`participants.list_df`), read once per change of the
    participants (for screens that only show them)."""
    return participants.list_df(d, wid)


def display_table(df: pd.DataFrame, cat: Catalog, with_email: bool = True) -> pd.DataFrame:
    """The participant list for reading: Dutch headings, sector names, waiting-list place."""
    out = pd.DataFrame(
        {
            "Naam": df["name"],
            "Organisatie": df["organisation"],
            "Sector": [sector_label(cat, s) for s in df["sector_id"]],
            "Beroep": df["profession"],
        }
    )
    if with_email:
        out["E-mail"] = df["email"]
    out["Status"] = [
        "aangemeld" if s == "aangemeld" else f"wachtlijst ({int(n)})"
        for s, n in zip(df["status"], df["waitlist_no"].fillna(0), strict=True)
    ]
    return out


def add_form(wid: int, actor: str, by_contact: bool) -> None:
    """One participant at a time: name, organisation, sector, profession (catalogue), e-mail."""
    cat = session.cat()
    s = st.session_state
    scope = f"pa{wid}_"
    p = widgets.form_prefix(scope)  # a new set of empty widgets after every add
    errors: dict[str, str] = s.get(p + "errors", {})
    widgets.show_flash(scope)
    summary = widgets.notice_slot()
    if errors:
        summary.error("De deelnemer is nog niet toegevoegd; zie de melding(en) bij de velden.")
    c1, c2 = st.columns(2)
    with c1:
        st.text_input("Naam", key=p + "name", max_chars=participants.NAME_MAX)
        widgets.field_error(errors, "name")
        st.selectbox(
            "Sector",
            list(cat.sectors),
            index=None,
            key=p + "sector",
            format_func=lambda sid: sector_label(cat, sid),
            placeholder="Kies een sector…",
        )
        widgets.field_error(errors, "sector_id")
        st.text_input(
            "E-mailadres (optioneel)",
            key=p + "email",
            max_chars=participants.EMAIL_MAX,
            help="Alleen voor berichten over dit werkatelier: de bevestiging met een "
            "agenda-uitnodiging, wijzigingen en een eventuele annulering.",
        )
        widgets.field_error(errors, "email")
    with c2:
        st.text_input("Organisatie", key=p + "organisation", max_chars=participants.ORG_MAX)
        widgets.field_error(errors, "organisation")
        sector = s.get(p + "sector")
        professions = list(cat.sectors[sector].professions) if sector in cat.sectors else []
        if s.get(p + "profession") not in professions:
            s[p + "profession"] = None
        st.selectbox(
            "Beroep (optioneel)",
            professions,
            index=None,
            key=p + "profession",
            placeholder="Kies eerst de sector…" if not sector else "Kies een beroep…",
            disabled=not professions,
        )
        widgets.field_error(errors, "profession")
    if st.button("Deelnemer toevoegen", type="primary", key=p + "submit"):
        raw = {
            "name": s.get(p + "name"),
            "organisation": s.get(p + "organisation"),
            "sector_id": s.get(p + "sector"),
            "profession": s.get(p + "profession"),
            "email": s.get(p + "email"),
        }
        try:
            with session.conn() as d:
                errors, added = participants.add(d, wid, raw, actor, cat, by_contact=by_contact)
        except participants.ParticipantError as exc:
            widgets.flash(scope, str(exc), kind="error")
            st.rerun()
        s[p + "errors"] = errors
        if added:
            widgets.clear_form(scope)
            if added.status == "aangemeld":
                widgets.flash(scope, f"{added.name} is aangemeld.")
            else:
                widgets.flash(
                    scope,
                    f"Alle plaatsen zijn bezet: {added.name} staat op de wachtlijst "
                    "en schuift door zodra er een plaats vrijkomt.",
                    kind="warning",
                )
        st.rerun()
