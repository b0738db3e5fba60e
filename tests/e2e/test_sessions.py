"""A client brings something to the session; the therapist prepares, notes and summarises."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_page, follow_links

pytestmark = pytest.mark.e2e


def test_agenda_preparation_private_note_and_shared_summary(new_page):
    client = new_page("client@example.org")
    follow_links(client, "To talk about with my therapist", "Add something")
    client.get_by_label("What would you like to talk about?").fill("Christmas with my family")
    client.get_by_role("button", name="Add it to my list").click()
    expect(client.get_by_text("Christmas with my family")).to_be_visible()

    therapist = new_page("therapist@example.org", totp=True)
    check_page(therapist, "caseload")
    expect(therapist.locator(".caseload__row").first).to_contain_text(
        "Tamsin Holloway"
    )  # worsening comes first
    therapist.get_by_role("link", name="Sessions with Robin Ashgrove").click()
    therapist.get_by_role("link", name="Add a session").click()
    # Planned for late today: prepared now, held, then summarised and signed.
    therapist.get_by_label("Start time").fill("23:59")
    therapist.get_by_role("button", name="Save the session").click()
    therapist.get_by_role("link", name=re.compile("Prepare")).click()
    expect(therapist.get_by_text("Christmas with my family")).to_be_visible()
    check_page(therapist, "session-prep")
    therapist.get_by_role(
        "button", name=re.compile("Mark discussed.*Christmas with my family")
    ).click()

    therapist.get_by_role("link", name="← The session").click()
    therapist.get_by_role("link", name="Change the time or status").click()
    therapist.get_by_label("Held").check()
    therapist.get_by_role("button", name="Save the session").click()
    therapist.get_by_role("link", name="Write a private note").click()
    therapist.get_by_label("Your private note").fill(
        "Family tension; revisit boundaries. Tangerine-owl."
    )
    therapist.get_by_role("button", name="Save my note").click()
    therapist.get_by_role("link", name=re.compile("Write a summary")).click()
    therapist.get_by_label("Summary for your client").fill(
        "We planned how to pace the family visit."
    )
    therapist.get_by_label(re.compile("Something to try")).fill(
        "Take one short walk on Christmas Day."
    )
    therapist.get_by_role("button", name="Sign and share").click()
    expect(therapist.get_by_text("Tangerine-owl")).to_be_visible()

    client.goto("/")
    expect(client.get_by_text("We planned how to pace the family visit.")).to_be_visible()
    expect(client.get_by_text("Take one short walk on Christmas Day.")).to_be_visible()
    assert "Tangerine" not in client.content()
    client.get_by_role("link", name="To talk about with my therapist").click()
    expect(
        client.get_by_role("listitem").filter(has_text="Christmas with my family")
    ).to_contain_text("Discussed")
    check_page(client, "agenda-discussed")
