# Sourced by run.sh and test.sh: create .venv with Python 3.11+ and install the requirements file
# given in JEP_REQUIREMENTS (requirements.txt by default; test.sh asks for requirements-dev.txt),
# again only when one of the files changed. Works on a fresh machine with python3 and pip.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
REQ="${JEP_REQUIREMENTS:-requirements.txt}"
if [ ! -x .venv/bin/python ]; then
    echo "› Virtuele omgeving maken in .venv ($("$PY" --version))"
    "$PY" -m venv .venv
fi
stamp=".venv/.requirements-$(basename "$REQ").sha256"
want="$(cat requirements*.txt | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "› Pakketten installeren ($REQ)"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r "$REQ"
    echo "$want" > "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"
