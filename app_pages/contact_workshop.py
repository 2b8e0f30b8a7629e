"""Municipality contact (invite link): the planned workshop and its participants; while the
workshop is 'gepland' the contact can register participants too, within the same seat cap."""

import streamlit as st

from app_ui import mail as mail_ui
from app_ui import session
from app_ui.participant_form import add_form, display_table, participant_list, seat_metrics
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.reference.toml import CatalogError
from jep.workshop import mix, participants, planning, workshops

invite = session.require_contact()
wid = invite.workshop_id  # every query below is scoped by the invite, never by the page
actor = f"gemeente:{invite.municipality_code}"
cat = session.cat()

st.title(f"Werkatelier – gemeente {md(invite.municipality_name)}")
with session.conn() as d:
    w = workshops.get(d, wid)
    df = participant_list(d, wid)
    seats = participants.seats(d, wid, cat)
    desired = planning.desired(d, wid)

if w is None or w["status"] in ("aanvraag", "intake"):
    st.info(
        "Het werkatelier is nog niet gepland. Zodra Platform JEP de datum en de locatie met u "
        "heeft vastgelegd, ziet u ze hier en kunt u hier de deelnemers aanmelden. Vragen? Bel "
        f"Platform JEP: {session.JEP_PHONE}."
    )
    st.stop()
if w["status"] == "geannuleerd":
    st.warning(f"Dit werkatelier is geannuleerd. Vragen? Bel Platform JEP: {session.JEP_PHONE}.")
    st.stop()

try:
    slot = planning.config().time_slots.get(w["time_slot"] or "")
except CatalogError:
    slot = None
facts = [
    ("Datum", fmt_date(w["date"])),
    ("Dagdeel", slot.label if slot else (w["time_slot"] or "—")),
    ("Locatie", w["location"] or "—"),
    ("Adres", w["address"] or "—"),
    ("Begeleiding", " en ".join(x for x in (w["facilitator_1"], w["facilitator_2"]) if x) or "—"),
]
st.markdown("\n".join(f"- **{md(label)}:** {md(value)}" for label, value in facts))
mail_ui.ics_download(wid, w["date"])

st.subheader("Aangemelde deelnemers")
seat_metrics(seats)
if df.empty:
    st.info("Er zijn nog geen deelnemers aangemeld.")
else:
    st.dataframe(
        display_table(df, cat, with_email=False),
        hide_index=True,
        width="stretch",
        placeholder="—",
    )

if w["status"] == "gepland":
    try:
        tips = mix.suggestions(df, desired, cat)
    except CatalogError:
        tips = []
    if tips:
        st.markdown(
            "**Tips voor de uitnodigingen** — het werkatelier werkt het best als jeugd, onderwijs "
            "en veiligheid samen aan tafel zitten:\n\n" + "\n".join(f"- {md(t)}" for t in tips)
        )
    st.subheader("Deelnemer aanmelden")
    st.caption(
        f"Er zijn {seats.cap} plaatsen. Is alles bezet, dan komt een nieuwe deelnemer op de "
        "wachtlijst en schuift door zodra er een plaats vrijkomt. Wilt u iemand afmelden of "
        f"iets wijzigen? Bel Platform JEP: {session.JEP_PHONE}."
    )
    add_form(wid, actor, by_contact=True)
else:
    st.caption("Het werkatelier heeft plaatsgevonden; aanmelden kan niet meer.")
