#!/usr/bin/env bash
# Install what is needed (first time only) and start the application on http://localhost:8501.
# The database is data/jep.db (or $JEP_DB), created on first start.
source "$(dirname "$0")/scripts/setup.sh"
python -m jep init   # checks data/, creates data/jep.db, prints the first admin's password
exec python -m streamlit run app.py "$@"
