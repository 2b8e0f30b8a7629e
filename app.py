"""Router: page config and house style, who is this user, and the navigation of that role.
Nothing else.

The page lists per role are data in app_pages/nav.py.
"""

import streamlit as st

from app_pages import nav
from app_ui import session, widgets

st.set_page_config(
    page_title="Werkateliers – Platform JEP", page_icon=":material/handshake:", layout="wide"
)
widgets.house_style()
session.startup()
role = session.role()
user = st.session_state.get("staff") or {}
specs = nav.pages_for(role, must_change_password=bool(user.get("must_change_password")))
pages: dict[str, list] = {}
for spec in specs:
    pages.setdefault(spec.section, []).append(
        st.Page(
            spec.path,
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.default,
        )
    )
st.navigation(pages).run()
