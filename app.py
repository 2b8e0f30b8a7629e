"""Router: page config and house style, who is this user, and the navigation of that role.

It runs as the Streamlit script of every browser session (served by server.py, which adds the
application's routes and middleware; also under AppTest).

The page lists per role are data in app_pages/nav.py.
"""

from __future__ import annotations

import streamlit as st

from app_server import logs

logs.setup()  # also here: AppTest runs this file without server.py


def main() -> None:
    from app_pages import nav
    from app_ui import session, widgets

    # An emoji icon: a Material icon here is fetched from Google's font CDN (CSP, privacy)
    st.set_page_config(page_title="Werkateliers – Platform JEP", page_icon="🤝", layout="wide")
    widgets.house_style()
    session.startup()
    role = session.role()
    user = st.session_state.get("staff") or {}
    specs = nav.pages_for(role, must_change_password=bool(user.get("must_change_password")))
    default = next(s for s in specs if s.default)
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
    # Every other page path of the application leads somewhere for this user too: to the
    # sign-in page, the invalid-link page or this role's first page (never "Page not found").
    mine = {nav.url_path(s) for s in specs}
    for spec in nav.every_page():
        path = nav.url_path(spec)
        if path in mine or spec.default:
            continue
        mine.add(path)
        if role == "anonymous" and spec in nav.LINK_PAGES:  # a link lost its token
            target = st.Page(
                nav.INVALID_LINK[0].path, title=spec.title, url_path=path, visibility="hidden"
            )
        elif role in ("anonymous", "invalid-link"):
            target = st.Page(default.path, title=spec.title, url_path=path, visibility="hidden")
        else:
            target = st.Page(
                session.elsewhere(role, default.path),
                title=spec.title,
                url_path=path,
                visibility="hidden",
            )
        pages.setdefault(default.section, []).append(target)
    hidden = role == "contact"
    # expanded: the hidden pages above would otherwise count towards "View N more"
    page = st.navigation(pages, position="hidden" if hidden else "sidebar", expanded=True)
    if hidden:
        session.contact_sidebar(specs, st.session_state["invite_token"])
    changed = st.session_state.get("_page") not in (None, page.url_path)
    st.session_state["_page"] = page.url_path
    if role in session.STAFF_ROLES:
        session.staff_footer()
        if session.is_idle():
            session.reauth_panel()
            if changed:
                st.stop()
        session.reauth_notice()
        target = session.sso_next()
        if target is not None:
            path, params = target
            for spec in specs:
                if nav.url_path(spec) == path and not spec.default:
                    st.switch_page(spec.path, query_params=params or None)
    session.run_page(page, changed)


main()
