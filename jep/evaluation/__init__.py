"""The anonymous evaluation by participants.

- `questionnaire`: the versioned questionnaire of data/evaluation.toml;
- `links`: the evaluation link of a workshop, when it is open, its QR code;
- `responses`: validating and storing answers (online, anonymously, or typed in from paper);
- `stats`: every aggregate as DataFrames (small cells suppressed), per workshop or programme;
- `charts`: plotly figures and text alternatives of those aggregates.
"""
