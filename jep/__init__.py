"""Domain core of the JEP werkatelier dashboard: plain Python, no Streamlit.

Packages by concern, imports only downwards: `store` and `reference` at the bottom; `access`
(staff sessions, sign-in throttling, single sign-on settings); `privacy`; `workshop`;
`evaluation`; `report` and `programme` at the top; `demo` seeds all of them. Beside them: `auth`
(staff accounts), `errors` (`UserError`), `fmt` and `text` (formatting and cleaning), `startup`
(what a start does) and `__main__` (the command line).

`__version__` is the application's version: shown in the footer of staff pages, written into
every PDF's metadata and every backup, printed by `python -m jep --version`; CHANGELOG.md says
what changed.
"""

__version__ = "0.2.0"
