"""Nothing typed is lost: a journal entry survives an expired session in the browser."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from tests.e2e.conftest import check_page, sign_in, sign_out

pytestmark = pytest.mark.e2e

WORDS = "A long entry about the walk by the river, and how the week felt lighter after it."


DRAFT_KEYS = "Object.keys(localStorage).filter(k => k.startsWith('cairn.draft.'))"


def draft_keys(page):
    return page.evaluate(DRAFT_KEYS)


def draft_kept(page):
    """Waits until the page has kept a draft (a moment after typing stops)."""
    page.wait_for_function(f"() => {DRAFT_KEYS}.length > 0")


def test_a_journal_draft_survives_an_expired_session(page):
    sign_in(page, "client2@example.org")
    page.goto("/journal/new/")
    page.get_by_label("What's on your mind?").fill(WORDS)
    draft_kept(page)
    assert len(draft_keys(page)) == 1

    Session.objects.all().delete()  # the idle limit passed while they wrote
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))

    page.get_by_label("Email").fill("client2@example.org")
    page.get_by_label("Password").fill("demo-pass-cairn")
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/journal/new/"))
    offer = page.locator(".draft-offer")
    expect(offer).to_contain_text("wasn't saved")
    check_page(page, "journal-draft-offered")
    page.get_by_role("button", name="Put it back").click()
    expect(page.locator("textarea").first).to_have_value(WORDS)

    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/journal/[0-9a-f-]+/$"))
    assert draft_keys(page) == []  # saved, so the draft is gone


def test_sign_out_removes_drafts_and_another_person_never_sees_them(page):
    sign_in(page, "client2@example.org")
    page.goto("/journal/new/")
    page.locator("textarea").first.fill("Private words")
    draft_kept(page)
    assert len(draft_keys(page)) == 1
    sign_out(page)
    assert draft_keys(page) == []

    # A draft left by someone whose session simply expired is not offered to the next person.
    sign_in(page, "client2@example.org")
    page.goto("/journal/new/")
    page.locator("textarea").first.fill("Still private")
    draft_kept(page)
    Session.objects.all().delete()
    page.context.clear_cookies()
    sign_in(page, "client4@example.org")
    page.goto("/journal/new/")
    assert page.locator(".draft-offer").count() == 0
    assert draft_keys(page) == []


def test_a_minute_before_the_idle_limit_a_kind_warning_keeps_them_signed_in(page):
    page.clock.install()
    sign_in(page, "client2@example.org", fresh=True)  # the idle timer starts now
    page.goto("/journal/new/")
    page.clock.fast_forward("28:30")
    assert page.locator(".idle-warning").count() == 0
    page.clock.fast_forward("01:00")  # 29:30: a minute or less to go
    warning = page.get_by_role("alertdialog")
    expect(warning).to_contain_text("Still there?")
    check_page(page, "idle-warning")
    with page.expect_response(re.compile(r"/accounts/keep-alive/")) as renewed:
        page.get_by_role("button", name="Keep me signed in").click()
    assert renewed.value.status == 204
    expect(page.locator(".idle-warning")).to_have_count(0)
