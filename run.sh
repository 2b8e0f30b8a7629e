#!/usr/bin/env bash
# Install what is needed (first time only) and start the application on http://localhost:8501.
# The database is data/jep.db (or $JEP_DB), created on first start.
source "$(dirname "$0")/scripts/setup.sh"
exec python -m streamlit run app.py "$@"
