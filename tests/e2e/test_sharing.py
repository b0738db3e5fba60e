"""A supporter sees exactly what was shared, sends a cheer, and loses access at once on revoke."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import accept_invitation, check_page, follow_links

pytestmark = pytest.mark.e2e


def test_invite_cheer_and_revoke(new_page):
    client = new_page("client@example.org")
    follow_links(client, "Sharing with people I trust", "Invite someone")
    client.get_by_label("Their email address").fill("marlowe.finch@example.org")
    client.get_by_label(re.compile("Speak up once")).check()
    client.get_by_role("button", name="Send the invitation").click()
    expect(client.get_by_text("Invitation to marlowe.finch@example.org queued")).to_be_visible()

    link = re.search(r"https?://\S+(/support/\S+/)", mail.outbox[-1].body).group(1)
    supporter = new_page()
    accept_invitation(
        supporter,
        link,
        newcomer="Marlowe Finch <marlowe.finch@example.org>",
        password="harbour-finch-lantern-2",
        button="Accept",
    )
    expect(
        supporter.get_by_role("heading", level=2, name=re.compile("Speak up once"))
    ).to_be_visible()
    assert "Walk round the park" not in supporter.content()  # not shared with Marlowe
    assert "Three lines" not in supporter.content()
    check_page(supporter, "supporter-view")
    shared_url = supporter.url

    supporter.get_by_text(re.compile("Send a cheer")).first.click()
    supporter.get_by_label("A few words of encouragement").first.fill("You've got this, Robin!")
    supporter.get_by_role("button", name="Send").first.click()
    expect(supporter.get_by_text("Sent.")).to_be_visible()

    client.goto("/")
    expect(client.get_by_text("You've got this, Robin!")).to_be_visible()

    client.goto("/sharing/")
    client.get_by_role("button", name="Stop sharing with Marlowe Finch").click()
    response = supporter.goto(shared_url)
    assert response.status == 404
    expect(supporter.get_by_role("heading", level=1)).to_have_text("We couldn't find that page")
