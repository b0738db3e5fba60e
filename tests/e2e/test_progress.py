"""Checking in on a phone, the journal shared and unshared, and the charts with their words."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_page, expect_chart_drawn, sign_in

pytestmark = pytest.mark.e2e


def test_a_check_in_on_a_phone(phone):
    sign_in(phone, "client2@example.org")
    phone.get_by_role("button", name=re.compile("^Menu")).click()  # one-row header on a phone
    phone.get_by_role("link", name="Check in", exact=True).first.click()
    check_page(phone, "checkin-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_text("Good", exact=True).click()
    group = phone.get_by_role("group", name=re.compile("Screens off by 10:30pm"))
    group.get_by_text("7", exact=True).click()
    phone.get_by_role("button", name="Save my check-in").click()
    expect(phone.get_by_text("Done for today.")).to_be_visible()
    check_page(phone, "home-after-checkin-phone")


def test_a_journal_entry_shared_and_unshared(new_page):
    client = new_page("client@example.org")
    client.get_by_role("link", name="Journal").first.click()
    client.get_by_role("link", name="Write an entry").click()
    client.get_by_label("What's on your mind?").fill(
        "Today I walked past the *pond* and felt calm."
    )
    client.get_by_label("Tags (optional)").fill("walking, calm")
    client.get_by_role("button", name="Save").click()
    expect(client.locator(".prose em")).to_have_text("pond")
    entry_url = client.url
    client.get_by_role("button", name="Share with my therapist").click()
    expect(client.get_by_role("button", name="Stop sharing")).to_be_visible()
    check_page(client, "journal-entry")

    therapist = new_page("therapist@example.org", totp=True)
    assert therapist.goto(entry_url).status == 200
    expect(therapist.locator(".prose")).to_contain_text("felt calm")

    client.get_by_role("button", name="Stop sharing").click()
    assert therapist.goto(entry_url).status == 404


def test_the_charts_show_with_their_text_alternative(page):
    sign_in(page, "client@example.org")
    page.get_by_role("link", name=re.compile("See progress on Walk round the park")).click()
    chart = page.get_by_role("img", name=re.compile("ratings from .* It started at"))
    expect(chart).to_be_visible()
    src = chart.get_attribute("src")
    response = page.request.get(src)
    assert response.status == 200, response.text()[:500]
    expect_chart_drawn(page, chart)
    page.get_by_text("See the numbers as a table").click()
    expect(page.get_by_role("columnheader", name="Rating (0 to 10)")).to_be_visible()
    check_page(page, "goal-progress")
