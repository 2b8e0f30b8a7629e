"""One werkatelier from request to the day itself.

- `workshops`: the workshop row, its status pipeline and `HELD` (the one definition of "took
  place"), the overview of all workshops;
- `invites`: personal links (hashed tokens with expiry and revocation) for contacts and respondents;
- `intake`: the intake questionnaire (voorgesprek): answers, validation, drafts, submission;
- `planning`: date, slot, location, facilitators, the status rules and the agenda;
- `uploads`: reading an uploaded table safely (CSV in four encodings, .xlsx streamed with limits);
- `participants`: participants, seat cap and waiting list, attendance, import and export;
- `mix`: the participant mix by domain and sector, its warnings and suggestions;
- `notes`: the facilitators' notes of the day (dilemmas, legal questions, knelpunten, solutions);
- `charts`: plotly figures of the mix;
- `messages`: what is mailed about a workshop and to whom (intake invitation, reminders, staff
  notifications, participants' confirmations with calendar invitations, updates, cancellations).
"""
