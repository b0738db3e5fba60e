"""A client sees who can see their record; a co-therapist adds to a signed summary
only by addendum; a therapist finds past clients."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_page

pytestmark = pytest.mark.e2e


def test_who_can_see_my_record_signed_summaries_and_past_clients(new_page):
    client = new_page("client2@example.org")
    client.get_by_role("link", name="Who can see my record").first.click()
    expect(client.get_by_text(re.compile("Dr Idris Fenwick: your therapist"))).to_be_visible()
    expect(client.get_by_text(re.compile("Saoirse Quennell: your co-therapist"))).to_be_visible()
    check_page(client, "who-can-see")

    therapist = new_page("therapist@example.org", totp=True)
    therapist.get_by_role("link", name="Sessions with Robin Ashgrove").click()
    expect(therapist.get_by_text(re.compile("Next session:"))).to_be_visible()
    therapist.locator("a", has_text=re.compile(r"\d{4}, \d\d:\d\d")).last.click()
    expect(therapist.get_by_text(re.compile("Signed by Dr Idris Fenwick"))).to_be_visible()
    expect(therapist.get_by_text(re.compile("^Addendum, .* by Dr Idris Fenwick"))).to_be_visible()
    check_page(therapist, "session-signed")
    therapist.get_by_role("link", name="Past clients").click()
    check_page(therapist, "past-clients")
