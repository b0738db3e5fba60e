#!/usr/bin/env bash
# Creates .venv with a suitable Python and installs the locked dependencies.
# Usage: scripts/setup.sh [runtime|dev]. Re-running is fast: nothing is
# reinstalled unless the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

kind="${1:-runtime}"
lock="requirements.lock"
[ "$kind" = "dev" ] && lock="requirements-dev.lock"

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    python=$(scripts/find-python.sh)
    echo "Creating .venv with $python ($("$python" --version))"
    rm -rf .venv
    "$python" -m venv .venv
    .venv/bin/python -m pip install --quiet --upgrade pip
fi

stamp=".venv/.installed-$kind-$(sha256sum "$lock" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "Installing the locked dependencies from $lock"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$lock"
    rm -f .venv/.installed-"$kind"-*
    touch "$stamp"
fi
