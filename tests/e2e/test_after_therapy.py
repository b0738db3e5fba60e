"""The move from therapy to maintenance, in the browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_page

pytestmark = pytest.mark.e2e


def test_from_therapy_to_maintenance(new_page):
    therapist = new_page("therapist2@example.org", totp=True)
    client_row = therapist.locator(".caseload__row").filter(has_text="Emrys Calloway")
    client_row.get_by_role("link", name="Emrys Calloway", exact=True).click()
    client_url = therapist.url

    admin = new_page("admin@example.org", totp=True)
    admin.get_by_role("link", name="See and search everyone").click()
    admin.get_by_role("link", name="End care for Emrys Calloway").click()
    admin.get_by_label("Why care is ending").fill("Goals reached")
    admin.get_by_role("button", name="End care").click()
    assert therapist.goto(client_url).status == 404

    client = new_page("client3@example.org")
    expect(client.get_by_role("heading", name="Life after therapy")).to_be_visible()
    client.get_by_role("link", name="See the next steps").click()
    check_page(client, "after-therapy")
    client.get_by_role("link", name="See my routines").click()
    client.get_by_role("link", name="Add a routine").click()
    client.get_by_label("Your routine").fill("A walk by the river")
    client.get_by_label("How many times").fill("3")
    client.get_by_label("Every").select_option("week")
    client.get_by_role("button", name="Save the routine").click()
    client.get_by_role("button", name=re.compile("Done today.*A walk by the river")).click()
    expect(client.get_by_text(re.compile(r"Habit strength: \d+%"))).to_be_visible()
    check_page(client, "routines")
    client.goto("/")
    client.get_by_role("link", name="My maintenance plan").click()
    client.get_by_role("link", name="Write the plan").click()
    client.get_by_label("Warning signs to notice").fill("Sleeping badly for several nights")
    client.get_by_role("button", name="Save").click()
    expect(client.get_by_text("Sleeping badly for several nights")).to_be_visible()
    check_page(client, "maintenance-plan")
    client.goto("/preferences/")
    client.get_by_label("Check-in reminders").select_option("weekly")
    client.get_by_role("button", name="Save").click()
    expect(client.get_by_text("Saved. Reminders will follow")).to_be_visible()
    check_page(client, "preferences")
