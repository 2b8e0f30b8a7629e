"""Tailored recommendations and the report (verslag) to the municipality.

In import order (each module uses only those above it):

- `rules`: the recommendation rules of data/recommendations.toml;
- `facts`: one snapshot of a workshop read from the database, and the `Facts` the engine reads;
- `engine`: `evaluate(facts, rules)`, the proposals with their reasons;
- `review`: staff's decisions (accept, reject, reword, own recommendations);
- `texts`: the report's texts of data/report.toml;
- `content`: everything the report shows, collected once from the snapshot;
- `charts`: the PDF's matplotlib charts; `pdf`: the layout with fpdf2;
- `versions`: building, storing, handing out and marking as sent;
- `sending`: mailing a stored version to the contact, and recording it as sent once delivered.
"""
