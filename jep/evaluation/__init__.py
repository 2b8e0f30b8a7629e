"""The anonymous evaluation by participants.

- `questionnaire`: the versioned questionnaire of data/evaluation.toml;
- `links`: the evaluation link of a workshop, when it is open, its QR code;
- `responses`: validating and storing answers (online, anonymously, or typed in from paper);
- `drafts`: the phone form's answers kept per section under an anonymous respondent key, sent
  once (a second send corrects);
- `abuse`: the cap on new respondents per link and the per-client rate limits;
- `completion`: how the room is filling in (counts for staff, small counts hidden);
- `paper`: the printable paper form (A4 PDF) from the same questionnaire;
- `stats`: every aggregate as DataFrames (small cells suppressed), per workshop or programme;
- `kept`: figures over every workshop kept in memory, brought up to date per workshop (the
  programme's evaluation per year and province, the reports' comparison with the others);
- `charts`: plotly figures and text alternatives of those aggregates.
"""
