import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_pages_carry_a_strict_content_security_policy_with_a_nonce(client, db):
    response = client.get("/accounts/login/")
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
    response = client.get("/")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_an_unknown_page_gets_a_friendly_404_without_internals(client, ben):
    client.force_login(ben)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "We couldn't find that page" in text
    assert "Traceback" not in text and "urlpatterns" not in text


def production_env(**extra: str) -> dict[str, str]:
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
        **extra,
    )
    return env


@pytest.mark.parametrize("database", ["sqlite", "configured"])
def test_deploy_checks_pass_with_production_settings(database, tmp_path):
    extra = {"CAIRN_VAR_DIR": str(tmp_path)}
    if database == "configured" and os.environ.get("DATABASE_URL"):
        extra["DATABASE_URL"] = os.environ["DATABASE_URL"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
