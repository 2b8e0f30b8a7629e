"""The few HTML pages the routes render themselves: Dutch, every value escaped, no scripts (the
Content-Security-Policy allows none), styled like the application's theme."""

from __future__ import annotations

from html import escape

JEP_PHONE = "070 - 333 4558"
STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:"Source Sans Pro",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#111;background:#fff;line-height:1.5;font-size:1rem}
main{max-width:30rem;margin:0 auto;padding:4rem 1.25rem 3rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 .25rem;font-weight:700}
.caption{color:#444;margin:0 0 1.5rem;font-size:.95rem}
label{display:block;font-size:.9rem;margin:1rem 0 .3rem}
input[type=text],input[type=password]{width:100%;font:inherit;padding:.5rem .75rem;
border:1px solid #8a8f98;border-radius:.5rem;background:#f0f2f6}
input:focus{outline:2px solid #1f5f8b;outline-offset:1px;background:#fff}
input[aria-invalid=true]{border-color:#b3261e}
button,.button{display:inline-block;font:inherit;font-weight:600;margin-top:1.25rem;
padding:.5rem 1rem;border-radius:.5rem;cursor:pointer;text-decoration:none;text-align:center}
button{background:#1f5f8b;border:1px solid #1f5f8b;color:#fff}
button:hover,button:focus{background:#174a6c}
.button{border:1px solid #1f5f8b;color:#1f5f8b;background:#fff;width:100%}
.alert{border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.error{background:#fdecea;color:#7d1a14}
.info{background:#e8f1fa;color:#123c5a}
.or{margin:1.5rem 0 0;color:#444;font-size:.9rem}
.help{color:#444;font-size:.95rem;margin-top:2rem}
"""


def page(title: str, body: str) -> str:
    """A whole HTML document around `body` (which the caller built with escaped values)."""
    return (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} – Werkateliers Platform JEP</title>"
        f'<link rel="icon" href="data:,"><style>{STYLE}</style></head>'
        f"<body><main>{body}</main></body></html>"
    )


def signin_page(
    *,
    next_url: str,
    csrf: str,
    username: str = "",
    error: str | None = None,
    notice: str | None = None,
    sso_label: str | None = None,
) -> str:
    """The staff sign-in page: the form (and a single sign-on button when configured)."""
    invalid = ' aria-invalid="true" aria-describedby="signin-error"' if error else ""
    parts = [
        "<h1>Werkateliers informatie delen</h1>",
        '<p class="caption">Platform JEP · aanmelden voor medewerkers</p>',
    ]
    if notice:
        parts.append(f'<div class="alert info" role="status">{escape(notice)}</div>')
    if sso_label:
        parts.append(
            f'<a class="button" href="/aanmelden/sso?next={escape(_query(next_url))}">'
            f"{escape(sso_label)}</a>"
            '<p class="or">Of meld u aan met een account van het werkatelier-dashboard:</p>'
        )
    parts.append(
        '<form method="post" action="/aanmelden">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        f'<input type="hidden" name="next" value="{escape(next_url)}">'
        '<label for="username">Gebruikersnaam</label>'
        '<input type="text" id="username" name="username" autocomplete="username" '
        f'maxlength="64" required value="{escape(username)}"{invalid}>'
        '<label for="password">Wachtwoord</label>'
        '<input type="password" id="password" name="password" autocomplete="current-password" '
        f'maxlength="1024" required{invalid}>'
    )
    if error:
        parts.append(
            f'<div class="alert error" id="signin-error" role="alert">{escape(error)}</div>'
        )
    parts.append('<button type="submit">Aanmelden</button></form>')
    parts.append(
        '<p class="help">Bent u contactpersoon van een gemeente? Gebruik dan de persoonlijke link '
        "uit de uitnodiging van Platform JEP. Geen link ontvangen? Bel "
        f"{escape(JEP_PHONE)}.</p>"
    )
    return page("Aanmelden", "".join(parts))


def message_page(title: str, text: str, link: tuple[str, str] | None = None) -> str:
    """A plain page with one message (and optionally one link: (href, label))."""
    body = f"<h1>{escape(title)}</h1><p>{escape(text)}</p>"
    if link:
        body += f'<p><a href="{escape(link[0])}">{escape(link[1])}</a></p>'
    return page(title, body)


def _query(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")
