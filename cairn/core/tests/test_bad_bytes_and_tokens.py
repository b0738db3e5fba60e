"""Bytes no database can store are bad input; tokens in links are never written down."""

import logging

import pytest
from django.urls import reverse

from cairn.core.masking import MaskTokens, mask_tokens
from cairn.core.models import AuditEvent


def test_a_nul_in_the_address_is_bad_input(client, db):
    # On PostgreSQL this reached the query and answered 500.
    response = client.get("/calendar/%00.ics")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_in_a_form_field_is_refused_naming_the_field(client, ben):
    client.force_login(ben)
    response = client.post(reverse("journal:entry_create"), {"title": "A\x00B", "body": "Fine"})
    assert response.status_code == 400
    assert "The title held a character Cairn cannot store" in response.content.decode()
    assert not ben.journal_entries.exists()


def test_a_nul_in_the_query_string_is_refused(client, ben):
    client.force_login(ben)
    assert client.get("/?q=%00").status_code == 400


@pytest.mark.parametrize(
    ("path", "masked"),
    [
        ("/calendar/Zx8-_secret.ics", "/calendar/[token].ics"),
        ("/unsubscribe/eyJ1c2VyIjoiNyJ9:1vQx:abc/", "/unsubscribe/[token]/"),
        ("/invitations/s3cr3t/", "/invitations/[token]/"),
        ("/support/s3cr3t/", "/support/[token]/"),
        ("/goals/8d5c/", "/goals/8d5c/"),
    ],
)
def test_tokens_are_masked_in_paths(path, masked):
    assert mask_tokens(f'"GET {path} HTTP/1.1" 200') == f'"GET {masked} HTTP/1.1" 200'


def test_the_audit_log_stores_the_path_without_the_token(client, calendar_feed):
    client.get(reverse("interop:calendar_feed", args=[calendar_feed.token]))
    client.get("/calendar/not-a-real-token.ics")
    paths = list(AuditEvent.objects.values_list("path", flat=True))
    assert paths and all(path == "/calendar/[token].ics" for path in paths)


def test_log_lines_are_masked(calendar_feed):
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        "",
        0,
        '"GET %s HTTP/1.1" 200',
        (calendar_feed.token,),
        None,
    )
    record.args = (reverse("interop:calendar_feed", args=[calendar_feed.token]),)
    MaskTokens().filter(record)
    assert calendar_feed.token not in record.getMessage()
    assert "/calendar/[token].ics" in record.getMessage()


def test_the_not_found_warning_carries_no_token(client, db, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/invitations/a-guessed-token-123/")
    assert "Not Found: /invitations/[token]/" in caplog.text
    assert "a-guessed-token-123" not in caplog.text


def test_a_forged_forwarded_address_is_ignored_without_a_trusted_proxy(client, ben, settings):
    settings.CAIRN_TRUSTED_PROXIES = 0
    client.force_login(ben)
    client.get(reverse("goals:goal_list", args=[ben.pk]), HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert AuditEvent.objects.filter(ip="203.0.113.9").count() == 0
    assert AuditEvent.objects.filter(ip="127.0.0.1").exists()


def test_behind_one_proxy_the_address_it_saw_is_used(client, ben, settings):
    settings.CAIRN_TRUSTED_PROXIES = 1
    client.force_login(ben)
    # The client wrote the first entry itself; the proxy appended the real one.
    client.get(
        reverse("goals:goal_list", args=[ben.pk]), HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9"
    )
    assert AuditEvent.objects.filter(ip="203.0.113.9").exists()
    assert not AuditEvent.objects.filter(ip="198.51.100.1").exists()


def test_a_nul_in_the_session_cookie_is_refused_and_the_cookie_dropped(client, db):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    response = client.get(reverse("home:home"))
    assert response.status_code == 400
    assert response.cookies["sessionid"].value == ""
