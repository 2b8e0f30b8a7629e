"""Outgoing mail, low in the house: imports only `jep.store` and `jep.reference`.

It knows how to queue, keep, build and deliver a message, never what a message says about a
workshop: the concerns above compose their messages (`jep.workshop.messages`,
`jep.report.sending`) and `jep.outgoing` wires them into the worker.

- `errors`: `MailError` and `MailSettingsError` (Dutch, safe to show);
- `addresses`: one valid address per field, header values without line breaks (no injection);
- `settings`: SMTP server, TLS, sign-in and sender from the environment or
  .streamlit/secrets.toml (no server: everything stays in the outbox);
- `templates`: the Dutch message texts of data/messages.toml, validated when loaded, rendered
  with placeholders;
- `ics`: calendar invitations (.ics) with icalendar: REQUEST, CANCEL, PUBLISH;
- `outbox`: the queue in the database: states, claims with a lease, retries with back-off,
  staff actions, listing;
- `eml`: a stored message as RFC 5322 bytes (the .eml download and what goes over SMTP);
- `delivery`: smtplib with STARTTLS or SSL, a two-phase DATA step, one delivery round;
- `worker`: the background loop that runs the rounds.
"""
