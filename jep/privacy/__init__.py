"""Privacy: what keeps personal data out, and what removes it in time.

- `guard`: the privacy guard that flags personal data in free text before it is saved;
- `redaction`: finding and redacting personal data that was saved anyway (data/free_text.toml);
- `retention`: the retention periods of data/retention.toml and the daily erasure run;
- `rights`: access (export) and erasure/anonymisation of one municipality's data.
"""
