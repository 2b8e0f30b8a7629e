"""The follow-up (terugblik) some months after the report was sent: did the recommendations land,
did the knelpunten shrink? Above `report` (it reads the sent report version), beside `programme`.

In import order (each module uses only those above it):

- `questionnaire`: timing and wording of data/followup.toml, validated when loaded;
- `due`: when a follow-up is due and overdue (from when the report was first sent);
- `answers`: the municipality's follow-up: what it looks back on (the recommendations as sent,
  the intake's knelpunten), its answers, drafts, submission and its link;
- `participants`: the participants' anonymous short follow-up, its link and its results (small
  numbers hidden);
- `results`: the Terugblik of one workshop, for the screen and the report alike;
- `programme`: figures over many workshops (per rule, per domain, per knelpunt, response rate,
  the due list) and each rule's track record for the report review;
- `charts`: plotly figures and the report's matplotlib chart, with text alternatives;
- `addendum`: the report's section "Terugblik" and storing the report with it as a new version;
- `mail`: the follow-up's invitation and reminder as e-mail (where the outgoing mail plugs in).
"""
