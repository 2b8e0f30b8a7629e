"""Domain core of the JEP werkatelier dashboard: plain Python, no Streamlit.

Packages by concern, imports only downwards: `store` and `reference` at the bottom; `mail` (the
outbox and its delivery, knowing nothing of workshops) and `access` (staff sessions, sign-in
throttling, single sign-on settings) just above them; `privacy`; `workshop`; `evaluation`;
`report`; `followup` (the terugblik months later, above `report`) and `programme` at the top;
`demo` seeds all of them. Beside them: `auth` (staff accounts), `errors` (`UserError`), `fmt` and
`text` (formatting and cleaning), `dates` (calendar months: retention, follow-up, the picker),
`outgoing` (the rounds of outgoing mail: what each concern
queues, delivery, the background worker), `startup` (what a start does) and `__main__` (the
command line).

`__version__` is the application's version: shown in the footer of staff pages, written into
every PDF's metadata and every backup, printed by `python -m jep --version`; CHANGELOG.md says
what changed.
"""

__version__ = "0.2.0"
