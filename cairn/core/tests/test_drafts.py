"""Drafts kept in the browser: the server says when one may go, and only then."""

from django.contrib.sessions.models import Session
from django.urls import reverse

from cairn.journal.models import JournalEntry

DRAFT = "journal-entry./journal/new/"


def test_a_saved_form_names_its_draft_for_removal(client, ben):
    client.force_login(ben)
    page = client.get(reverse("journal:entry_create")).content.decode()
    assert 'data-draft="journal-entry"' in page
    response = client.post(
        reverse("journal:entry_create"), {"body": "A long day, a good walk.", "cairn_draft": DRAFT}
    )
    assert response.status_code == 302
    assert JournalEntry.objects.filter(client=ben).exists()
    assert response.cookies["cairn_draft_saved"].value == DRAFT


def test_a_form_with_errors_keeps_its_draft(client, ben):
    client.force_login(ben)
    response = client.post(reverse("journal:entry_create"), {"body": "", "cairn_draft": DRAFT})
    assert response.status_code == 200
    assert "cairn_draft_saved" not in response.cookies


def test_an_expired_session_keeps_the_draft_and_comes_back_to_the_form(client, ben):
    client.force_login(ben)
    Session.objects.all().delete()  # the idle limit passed
    response = client.post(
        reverse("journal:entry_create"), {"body": "Words to keep", "cairn_draft": DRAFT}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("account_login") + "?next=" + reverse("journal:entry_create")
    )
    assert "cairn_draft_saved" not in response.cookies
    assert not JournalEntry.objects.exists()


def test_pages_know_who_is_signed_in_and_the_idle_limit(client, ben):
    client.force_login(ben)
    page = client.get(reverse("home:home")).content.decode()
    assert f'data-user="{ben.pk}"' in page
    assert 'data-idle-seconds="1800"' in page
    assert "data-sign-out" in page
    client.logout()
    assert "data-user=" not in client.get(reverse("account_login")).content.decode()


def test_keep_me_signed_in_renews_the_session(client, ben):
    client.force_login(ben)
    assert client.get(reverse("accounts:keep_alive")).status_code == 204
