"""Domain core of the JEP werkatelier dashboard: plain Python, no Streamlit.

Packages by concern, imports only downwards: `store` and `reference` at the bottom; `mail` (the
outbox and its delivery, knowing nothing of workshops) just above them; `privacy`; `workshop`;
`evaluation`; `report`; `followup` (the terugblik months later, above `report`) and `programme`
at the top; `demo` seeds all of them. Beside them: `auth` (staff accounts), `errors`
(`UserError`), `fmt` and `text` (formatting and cleaning), `outgoing` (the rounds of outgoing
mail: what each concern queues, delivery, the background worker), `startup` (what a start does)
and `__main__` (the command line).
"""
