"""A PHQ-9 from assignment to answers: the therapist assigns, the client answers on
a phone in two goes, question 9 brings the support panel; the therapist's chart."""

import re

import pytest
from playwright.sync_api import expect

from cairn.accounts.models import User
from tests.e2e.conftest import check_page, expect_chart_drawn, sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_assigned_answered_in_two_goes_with_support(new_page, phone):
    robin = User.objects.get(email="client@example.org")
    therapist = new_page("therapist@example.org", totp=True)
    therapist.goto(f"/clients/{robin.pk}/measures/")
    therapist.get_by_role("link", name="Assign a measure").click()
    therapist.get_by_label("PHQ-9").check()
    therapist.get_by_label("Once").check()
    check_page(therapist, "measure-assign")
    therapist.get_by_role("button", name="Assign").click()
    expect(therapist.get_by_text("PHQ-9, once")).to_be_visible()
    sign_out(therapist)

    sign_in(phone, "client@example.org")
    expect(phone.locator("#measures-due")).to_be_visible()
    phone.get_by_role("link", name="Fill in the PHQ-9").click()
    check_page(phone, "measure-form-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    for number, answer in enumerate([1, 2, 1, 1, 0, 1, 0, 0], start=1):
        phone.locator(f'input[name="q{number}"][value="{answer}"]').check()
    phone.get_by_role("button", name="Save my answers").click()
    expect(phone.get_by_text("Question 9 is left").first).to_be_visible()
    phone.get_by_role("link", name="Carry on with the PHQ-9").click()
    expect(phone.locator('input[name="q2"][value="2"]')).to_be_checked()
    phone.locator('input[name="q9"][value="1"]').check()
    phone.get_by_role("button", name="Save my answers").click()
    expect(phone.get_by_role("heading", name="Your score: 7 out of 27")).to_be_visible()
    expect(phone.locator("#support-now")).to_be_visible()
    check_page(phone, "measure-result-phone")


def test_the_therapist_sees_the_relapse_on_the_chart(page):
    tamsin = User.objects.get(email="client2@example.org")
    sign_in(page, "therapist@example.org", totp=True)
    page.goto(f"/clients/{tamsin.pk}/")
    expect(page.locator("#measure-scores")).to_contain_text("reliable deterioration")
    check_page(page, "client-overview-measures")
    page.get_by_role("link", name=re.compile("All measures")).click()
    expect_chart_drawn(page, page.get_by_role("img", name=re.compile("PHQ-9: 13 totals")))
    page.get_by_text("See the totals as a table").first.click()
    expect(page.get_by_role("cell", name="Reliable deterioration").first).to_be_visible()
    check_page(page, "measures-therapist")
