"""The HTTP side of the application: what `st.App` adds to Streamlit's own server.

`server.py` is what `streamlit run server.py` (./run.sh) serves: an ASGI application
(`app = st.App("app.py", ...)`) that runs app.py as the Streamlit script of every browser session.
This package supplies that application's routes, middleware and start-up; it imports `jep`, the
navigation data of `app_pages/nav.py` and the few `app_ui` pieces a route needs, never a page.

- `routes`: the one list of routes (`ROUTES`); add a feature's routes here;
- `cookies`: how cookies are set (HttpOnly, SameSite, Secure over HTTPS) and the session cookie;
- `signin`: `/aanmelden` — the staff sign-in page and form (CSRF token, throttling, session
  cookie), `/aanmelden/sso` — the start of single sign-on;
- `health`: `/healthz` for monitoring (database reachable, migrations current);
- `middleware`: security headers on every response, `/_stcore/metrics` closed, signed-out visitors
  of staff pages sent to the sign-in page, unknown page paths sent to the main page;
- `html`: the small HTML pages the routes render (Dutch, escaped, no scripts);
- `logs`: logging set-up and the one-line-per-error reports (no personal data);
- `lifespan`: what the server does once at start, before the first request;
- `tcp`: TCP_NODELAY on the listening socket (else every response waits ~40 ms).
"""
