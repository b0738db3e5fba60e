#!/usr/bin/env bash
# Sets up like `make run`, finds a Chromium for the browser tests, runs the whole suite.
# Extra arguments go to pytest. DATABASE_URL switches the suite to PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev

if [ -z "${CAIRN_CHROMIUM:-}" ]; then
    for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
        if [ -x "$candidate" ]; then export CAIRN_CHROMIUM="$candidate"; break; fi
    done
fi
if [ -z "${CAIRN_CHROMIUM:-}" ]; then
    echo "No system Chromium found; fetching Playwright's own browser."
    .venv/bin/python -m playwright install chromium
fi

export DJANGO_ALLOW_ASYNC_UNSAFE=true
exec .venv/bin/python -m pytest "$@"
