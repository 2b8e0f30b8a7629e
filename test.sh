#!/usr/bin/env bash
# Install what is needed (first time only) and run the whole test suite: unit tests, AppTest
# screen tests and real-browser tests (Playwright + Debian's Chromium), on JEP_TEST_WORKERS (2)
# processes. Extra arguments go to pytest.
JEP_REQUIREMENTS=requirements-dev.txt source "$(dirname "$0")/scripts/setup.sh"
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "› Chromium installeren voor de browsertests (apt-get)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "› Let op: geen chromium gevonden; de browsertests worden overgeslagen." >&2
    fi
fi
if [ ! -f node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null 2>&1; then
        echo "› axe-core installeren voor de toegankelijkheidstest (npm ci)"
        npm ci --no-audit --no-fund --silent
    else
        echo "› Let op: geen npm gevonden; de toegankelijkheidscontrole (axe-core) wordt overgeslagen." >&2
    fi
fi
set +e
python -m pytest -n "${JEP_TEST_WORKERS:-2}" "$@"
rc=$?
if [ "$rc" = 5 ]; then
    echo "pytest vond geen tests: dat telt als mislukt." >&2
    exit 1
fi
exit "$rc"
