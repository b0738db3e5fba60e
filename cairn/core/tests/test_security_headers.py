import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


def test_pages_carry_a_strict_content_security_policy_with_a_nonce(client, db):
    response = client.get(reverse("account_login"))
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    # Every script on the page carries the nonce; none is inline without it.
    html = response.content.decode()
    assert html.count("<script") == html.count(f'nonce="{nonce}"')
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_with_client_data_are_never_cached(client, ben):
    client.force_login(ben)
    response = client.get(reverse("home:home"))
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_an_unknown_page_gets_a_friendly_404_without_internals(client, ben):
    client.force_login(ben)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "We couldn't find that page" in text
    assert "Traceback" not in text and "urlpatterns" not in text


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CAIRN_", "PYTEST"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        CAIRN_TESTING="false",
        DEBUG="false",
        SECRET_KEY="a-long-random-production-key-0f8e7d6c5b4a39281706f5e4d3c2b1a0",
        ALLOWED_HOSTS="cairn.example.org",
        EMAIL_URL="smtp+tls://cairn:mail-password@mail.example.org:587",
        CAIRN_NOTE_KEYS="p1zJq3n0JwQ6E0i1d5V9Bq2c8e4Yh7Tg3Ls6Kx0Rm9U=",
        CAIRN_TRUSTED_PROXIES="1",
    )
    env.update(extra)
    return {key: value for key, value in env.items() if value is not None}


def deploy_check(**extra):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


# On SQLite runs the two would be the same check: the configured database is SQLite.
@pytest.mark.parametrize(
    "database", ["sqlite", "configured"] if os.environ.get("DATABASE_URL") else ["sqlite"]
)
def test_deploy_checks_pass_with_production_settings(database, tmp_path):
    extra = {"CAIRN_VAR_DIR": str(tmp_path)}
    if database == "configured" and os.environ.get("DATABASE_URL"):
        extra["DATABASE_URL"] = os.environ["DATABASE_URL"]
    result = deploy_check(**extra)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# The checks themselves, in this process (a subprocess costs seconds each): the one
# above shows they run under `check --deploy`, the one below that production stops.
KEY = "p1zJq3n0JwQ6E0i1d5V9Bq2c8e4Yh7Tg3Ls6Kx0Rm9U="


def check_ids(settings, **overrides):
    from cairn.core.checks import note_key_messages, proxy_messages

    for name, value in overrides.items():
        setattr(settings, name, value)
    return {message.id for message in note_key_messages() + proxy_messages()}


def test_deploy_checks_fail_when_the_note_keys_are_generated_beside_the_data(settings, tmp_path):
    ids = check_ids(
        settings,
        VAR_DIR=tmp_path,
        CAIRN_NOTE_KEYS_GENERATED=True,
        CAIRN_NOTE_KEYS_FILE=tmp_path / "note_keys",
        CAIRN_TRUSTED_PROXIES=1,
    )
    assert ids == {"cairn.E001"}


def test_deploy_checks_fail_when_the_key_file_is_in_the_database_folder(settings, tmp_path):
    keys = tmp_path / "keys"
    keys.write_text(KEY)
    keys.chmod(0o644)
    ids = check_ids(
        settings,
        VAR_DIR=tmp_path,
        CAIRN_NOTE_KEYS_GENERATED=False,
        CAIRN_NOTE_KEYS_FILE=keys,
        CAIRN_TRUSTED_PROXIES=1,
    )
    assert ids == {"cairn.E002", "cairn.W001"}  # beside the database, readable by others


def test_a_key_file_apart_from_the_data_passes(settings, tmp_path):
    (tmp_path / "var").mkdir()
    keys = tmp_path / "keys"
    keys.write_text(KEY)
    keys.chmod(0o600)
    ids = check_ids(
        settings,
        VAR_DIR=tmp_path / "var",
        CAIRN_NOTE_KEYS_GENERATED=False,
        CAIRN_NOTE_KEYS_FILE=keys,
        CAIRN_TRUSTED_PROXIES=1,
    )
    assert ids == set()


@pytest.mark.parametrize(
    ("proxies", "expected"), [(0, "cairn.W002"), (5, "cairn.W003"), (-1, "cairn.E003")]
)
def test_deploy_checks_warn_when_the_proxy_count_looks_wrong(settings, proxies, expected):
    ids = check_ids(
        settings,
        HTTPS=True,
        CAIRN_NOTE_KEYS_GENERATED=False,
        CAIRN_NOTE_KEYS_FILE=None,
        CAIRN_TRUSTED_PROXIES=proxies,
    )
    assert ids == {expected}


def test_production_refuses_to_start_with_generated_note_keys(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=ROOT,
        env=production_env(CAIRN_VAR_DIR=str(tmp_path), CAIRN_NOTE_KEYS=None),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "CAIRN_NOTE_KEYS" in result.stderr


def test_files_in_var_are_private(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=ROOT,
        env=production_env(
            CAIRN_VAR_DIR=str(tmp_path), CAIRN_NOTE_KEYS=None, SECRET_KEY=None, DATABASE_URL=None
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # The demo's note key is written (0600) when the first note is saved, not at start.
    for name in ("cairn.sqlite3", "secret_key"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600, name
