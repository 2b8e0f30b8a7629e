"""Every Streamlit piece shared by the screens in app_pages/ (imports only `jep`, never a page).

- `session`: start-up, who the user is (staff, contact, respondent), guards, sign-in state;
- `widgets`: markdown escaping of user text, flash notices, field errors, the workshop picker;
- `cache`: `cached_by(tables…)`, the one cache keyed by the write stamps of the tables it reads;
- `intake_form`, `participant_form`, `evaluation_widgets`: the big shared forms and panels;
- `respondent`: who is answering the evaluation (the anonymous key from the cookie; a test seam);
- `respondent_route`: the route /e that sets that cookie (mounted by server.py's `st.App`);
- `mail`: outgoing mail on the screens (settings notice, the intake link and the report by
  e-mail, the contact's .ics download, pieces of *Uitgaande berichten*);
- `followup`: the follow-up's questionnaire and short participants' form, the Terugblik panels,
  the programme dashboard's follow-up section and each rule's track record (cached).
"""
