"""Router: page config, who is this user, and the navigation of that role. Nothing else."""

import streamlit as st

from app_pages import ui

st.set_page_config(page_title="Werkateliers – Platform JEP", page_icon="🤝", layout="wide")
ui.startup()
role = ui.role()

if role == "contact":
    pages = [
        st.Page(
            "app_pages/contact_intake.py",
            title="Voorgesprek",
            icon="📝",
            url_path="intake",
            default=True,
        ),
        st.Page(
            "app_pages/contact_workshop.py",
            title="Werkatelier en deelnemers",
            icon=":material/event:",
            url_path="werkatelier",
        ),
    ]
elif role == "respondent":
    pages = [
        st.Page(
            "app_pages/evaluation_form.py",
            title="Evaluatie",
            icon="📝",
            url_path="evaluatie",
            default=True,
        )
    ]
elif role == "invalid-link":
    pages = [
        st.Page(
            "app_pages/link_invalid.py", title="Link niet geldig", url_path="link", default=True
        )
    ]
elif role in ui.STAFF_ROLES:
    if st.session_state["staff"].get("must_change_password"):
        pages = [st.Page("app_pages/account.py", title="Account", icon="👤", default=True)]
    else:
        pages = {
            "Programma": [
                st.Page(
                    "app_pages/dashboard.py",
                    title="Overzicht",
                    icon=":material/dashboard:",
                    url_path="overzicht",
                    default=True,
                ),
                st.Page("app_pages/workshops.py", title="Werkateliers", icon="📋"),
                st.Page(
                    "app_pages/evaluation_programme.py",
                    title="Evaluaties programma",
                    icon=":material/insights:",
                ),
            ],
            "Werkatelier": [
                st.Page("app_pages/new_request.py", title="Nieuwe aanvraag", icon="➕"),
                st.Page("app_pages/intake_review.py", title="Voorgesprek", icon="📝"),
                st.Page("app_pages/planning.py", title="Planning", icon=":material/event:"),
                st.Page(
                    "app_pages/participants.py", title="Deelnemers en mix", icon=":material/groups:"
                ),
                st.Page(
                    "app_pages/evaluation.py", title="Evaluatie", icon=":material/bar_chart:"
                ),
                st.Page("app_pages/notes.py", title="Notities van de dag", icon=":material/forum:"),
                st.Page("app_pages/report.py", title="Verslag", icon=":material/description:"),
            ],
            "Beheer": [
                st.Page("app_pages/audit.py", title="Auditlog", icon=":material/history:"),
                *(
                    [
                        st.Page(
                            "app_pages/admin_staff.py",
                            title="Medewerkers",
                            icon=":material/manage_accounts:",
                        ),
                        st.Page(
                            "app_pages/admin_privacy.py",
                            title="Privacy en bewaartermijnen",
                            icon=":material/privacy_tip:",
                        ),
                    ]
                    if role == "admin"
                    else []
                ),
            ],
            "Account": [
                st.Page("app_pages/account.py", title="Account en afmelden", icon="👤"),
            ],
        }
else:
    pages = [st.Page("app_pages/signin.py", title="Aanmelden", icon="🔑", default=True)]

st.navigation(pages).run()
