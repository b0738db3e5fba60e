#!/usr/bin/env bash
# Sets up like `make run`, makes sure there is a Chromium for the browser tests,
# runs the whole suite on every core (pytest-xdist, one test database per worker)
# and says how long it took. Extra arguments go to pytest. DATABASE_URL switches
# the suite to PostgreSQL; CAIRN_TEST_WORKERS sets the number of workers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev

find_chromium() {
    for candidate in "${CAIRN_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
    done
    return 1
}

playwright_has_chromium() {
    .venv/bin/python - <<'PY' 2>/dev/null
import os, sys
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    sys.exit(0 if os.path.exists(p.chromium.executable_path) else 1)
PY
}

# The browser tests need a Chromium: the system's, else one installed here with apt
# (as root, as CI runs), else Playwright's download; without any, stop before
# running anything rather than half-way through.
if [[ " $* " != *"not e2e"* ]]; then
    if ! chromium=$(find_chromium); then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "No Chromium found; installing Debian's with apt-get."
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; } >/dev/null 2>&1 || true
        fi
        chromium=$(find_chromium) || chromium=""
    fi
    if [ -n "$chromium" ]; then
        export CAIRN_CHROMIUM="$chromium"
    elif ! playwright_has_chromium; then
        echo "No Chromium found; trying Playwright's download."
        .venv/bin/python -m playwright install chromium >/dev/null 2>&1 || true
        if ! playwright_has_chromium; then
            echo "The browser tests need Chromium: install it (sudo apt-get install chromium, or python -m playwright install chromium) and run make test again, or run make test-fast to leave them out." >&2
            exit 1
        fi
    fi
fi

export DJANGO_ALLOW_ASYNC_UNSAFE=true
# Every worker imports every module: cached bytecode (and pytest's rewritten test
# modules) saves each of them compiling it all again on the next run.
unset PYTHONDONTWRITEBYTECODE
workers="${CAIRN_TEST_WORKERS:-$(nproc 2>/dev/null || echo 2)}"
start=$(date +%s)
status=0
# A few tests at a time to whichever worker is free (the longest come first, see
# conftest.py), so that both finish at about the same moment.
.venv/bin/python -m pytest -n "$workers" --dist load --maxschedchunk 8 "$@" || status=$?
elapsed=$(( $(date +%s) - start ))
# CPU time (user and system) of pytest and its workers: unlike the wall time it
# hardly depends on what else the machine is doing, so it is what to compare.
cpu_file=$(mktemp)
times > "$cpu_file"
read -r cpu_user cpu_system < <(tail -1 "$cpu_file")
rm -f "$cpu_file"
printf 'The suite took %dm %02ds on %s workers (CPU: %s user, %s system).\n' \
    $((elapsed / 60)) $((elapsed % 60)) "$workers" "$cpu_user" "$cpu_system"
exit $status
