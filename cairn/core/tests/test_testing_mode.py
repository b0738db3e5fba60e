"""Testing mode comes from the test runner (CAIRN_TESTING), never from guessing."""

import os
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def test_the_test_run_is_in_testing_mode():
    # Set by the root conftest.py before the settings loaded: plain HTTP, source statics.
    assert settings.TESTING
    assert not settings.HTTPS


def test_cairn_run_outside_the_tests_is_not_in_testing_mode():
    # What `manage.py runserver` and `make run` see: an environment without
    # CAIRN_TESTING, even when pytest happens to be importable or imported.
    env = {key: value for key, value in os.environ.items() if not key.startswith("CAIRN_")}
    env["CAIRN_VAR_DIR"] = os.environ.get("CAIRN_VAR_DIR", str(ROOT / "var"))
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import pytest, django; django.setup(); from django.conf import settings; "
            "print(settings.TESTING, settings.HTTPS)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["False", "True"]
