#!/usr/bin/env bash
# Install what is needed (first time only) and run the whole test suite: unit tests, AppTest
# screen tests and real-browser tests (Playwright + Debian's Chromium), on JEP_TEST_WORKERS (2)
# processes. Extra arguments go to pytest.
JEP_REQUIREMENTS=requirements-dev.txt source "$(dirname "$0")/scripts/setup.sh"
missing=""  # Debian packages: the browser, pdftoppm (report pages), Caddy (deployment), node and npm
for tool in chromium:chromium pdftoppm:poppler-utils caddy:caddy node:nodejs npm:npm; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || missing="$missing ${tool#*:}"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "› Installeren voor de browser-, deployment- en SSO-tests (apt-get):$missing"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
        echo "› Let op: niet gevonden:$missing; de tests die dat nodig hebben worden overgeslagen." >&2
    fi
fi
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/oidc-provider/package.json ]; then
    if command -v npm >/dev/null 2>&1; then
        echo "› axe-core en oidc-provider installeren voor de tests (npm ci)"
        npm ci --no-audit --no-fund --silent
    else
        echo "› Let op: geen npm gevonden; de toegankelijkheids- en SSO-tests worden overgeslagen." >&2
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
