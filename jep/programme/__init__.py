"""The whole programme, at the top of the house (it reads every other concern).

- `dashboard`: every programme-wide aggregate as SQL returning DataFrames, the filters and their
  URL form, the Dutch headings of each table;
- `charts`: plotly figures and text alternatives of those aggregates;
- `export`: CSV and Excel exports of the tables (audited).
"""
