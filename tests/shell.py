"""Cairn's commands as a person at a terminal runs them: each in a process of its own."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def refused_from_the_shell(*args: str) -> list[str]:
    """Runs `manage.py *args`, checks that it refused as a command should (exit status 2,
    nothing on stdout) and returns what it said on stderr, line by line."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == "", done.stdout
    return done.stderr.strip().splitlines()
