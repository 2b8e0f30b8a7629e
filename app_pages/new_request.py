"""Staff: register a municipality's request and issue its intake link.

When the municipality already has a request running, the page says so and links to it; a second
request stays possible (on purpose) after ticking that it is wanted."""

import streamlit as st

from app_ui import mail as mail_ui
from app_ui import session, widgets
from app_ui.widgets import md
from jep.fmt import fmt_date
from jep.workshop import invites, workshops

user = session.require_staff()
s = st.session_state
st.title("Nieuwe aanvraag")
st.write(
    "Kies de gemeente die een werkatelier aanvraagt. Er wordt een werkatelier met status "
    "**aanvraag** aangemaakt en een persoonlijke link voor het voorgesprek."
)
with session.conn() as d:
    options = widgets.municipality_options(d)
labels = dict(options)
scope = "new_request_"
k = widgets.form_prefix(scope)  # a new, empty choice after every request registered
code = st.selectbox(
    "Gemeente (typ om te zoeken)",
    [c for c, _ in options],
    index=None,
    format_func=labels.get,
    placeholder="Kies een van de 342 gemeenten…",
    key=k + "code",
)
running: list[dict] = []
if code:
    with session.conn() as d:
        running = workshops.open_requests(d, code)
if running:
    st.warning(
        f"Voor {md(labels[code])} loopt al "
        + ("een aanvraag" if len(running) == 1 else f"{len(running)} aanvragen")
        + ". Ga verder met de lopende aanvraag, of registreer bewust een tweede.",
        icon=":material/content_copy:",
    )
    for r in running:
        page = "app_pages/planning.py" if r["status"] == "gepland" else "app_pages/intake_review.py"
        when = f", gepland op {fmt_date(r['date'])}" if r["date"] else ""
        st.page_link(
            page,
            label=f"Werkatelier #{r['id']}: {widgets.status_label(r['status'])}, aangevraagd "
            f"op {fmt_date(r['requested_at'])}{when}",
            icon=":material/arrow_forward:",
            query_params={"id": str(r["id"])},
        )
    st.checkbox(
        f"Ja, ik wil toch een tweede aanvraag voor {md(labels[code])} registreren",
        key=k + "second",
    )
errors: dict[str, str] = s.get(k + "errors", {})
widgets.field_error(errors, "code")
email = mail_ui.invitation_field(k + "email")
widgets.field_error(errors, "email")
if st.button("Aanvraag registreren", type="primary", key=k + "go"):
    errors = {}
    made: tuple[int, str] | None = None
    if code is None:
        errors["code"] = "Kies eerst een gemeente."
    elif email.strip() and (problem := mail_ui.address_problem(email)):
        errors["email"] = problem  # nothing made yet
    else:
        with session.conn() as d:
            running = workshops.open_requests(d, code)  # a colleague may just have made one
            if running and not s.get(k + "second"):
                errors["code"] = (
                    "Er loopt al een aanvraag voor deze gemeente (zie hierboven). Vink aan dat u "
                    "toch een tweede wilt, of ga verder met de lopende aanvraag."
                )
            else:
                wid = workshops.create_request(d, code, user["username"])
                token = invites.issue(d, wid, user["username"])
                s["new_link"] = (wid, labels[code], token)
                made = (wid, token)
        if made and email.strip():
            mail_ui.send_invitation(*made, email.strip(), user["username"])
    if errors:
        s[k + "errors"] = errors
    else:
        widgets.clear_form(scope)
    st.rerun()

new = s.pop("new_link", None)
if new:
    wid, name, token = new
    st.success(f"Aanvraag voor {md(name)} geregistreerd (werkatelier #{wid}).")
    widgets.show_flash(f"invite{wid}")
    st.markdown(
        "**Link voor het voorgesprek.** Deze link wordt maar één keer getoond: kopieer hem nu "
        "(knop rechts in het vak) en stuur hem naar de contactpersoon van de gemeente."
    )
    st.code(f"{session.app_base_url()}/?token={token}", language=None)
    st.caption(
        f"De link is {invites.expiry_days()} dagen geldig en kan worden ingetrokken of "
        "opnieuw uitgegeven op de pagina Voorgesprek."
    )
    st.page_link(
        "app_pages/intake_review.py",
        label="Naar het voorgesprek",
        icon=":material/edit_note:",
        query_params={"id": str(wid)},
    )
