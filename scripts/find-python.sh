#!/usr/bin/env bash
# Prints the path of a Python 3.12+ interpreter, or explains what to install.
# Looks on PATH first, then in pyenv's versions, so a machine whose default
# python3 is older still works without changing anything global.
set -euo pipefail

is_suitable() {
    "$1" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

candidates=()
for name in python3.14 python3.13 python3.12 python3 python; do
    if path=$(command -v "$name" 2>/dev/null); then candidates+=("$path"); fi
done
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
if [ -d "$pyenv_root/versions" ]; then
    for path in $(ls -d "$pyenv_root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
        candidates+=("$path")
    done
fi
for path in /usr/bin/python3.14 /usr/bin/python3.13 /usr/bin/python3.12 /usr/local/bin/python3.13 /usr/local/bin/python3.12; do
    [ -x "$path" ] && candidates+=("$path")
done

for path in "${candidates[@]}"; do
    if is_suitable "$path"; then
        echo "$path"
        exit 0
    fi
done

cat >&2 <<'MSG'
Cairn needs Python 3.12 or newer, and none was found on PATH or in pyenv.
Install one of these, then run the command again:
  Debian/Ubuntu:  sudo apt-get install python3.13 python3.13-venv
  macOS:          brew install python@3.13
  pyenv:          pyenv install 3.13
MSG
exit 1
