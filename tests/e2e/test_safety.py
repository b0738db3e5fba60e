"""The whole path of a disclosure of risk, in a real browser: the client's check-in →
the support panel → the flag on top of the therapist's caseload → the review → the
flag cleared → the audit rows. And a private journal entry that alerts nobody."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from cairn.accounts.models import User
from cairn.core.models import AuditEvent
from cairn.reminders.models import Notification
from cairn.safety.models import RiskFlag
from tests.e2e.conftest import check_page

pytestmark = pytest.mark.e2e

RISKY = "I don't see the point any more. I've been thinking about ending it all."


def test_a_check_in_with_words_of_risk_reaches_the_therapist(new_page):
    client = new_page("client@example.org")
    client.get_by_role("link", name="Check in", exact=True).first.click()
    expect(client.get_by_text("nobody watches them as they arrive")).to_be_visible()
    client.get_by_text("Very low", exact=True).click()
    client.get_by_label(re.compile("Anything you'd like to remember")).fill(RISKY)
    client.get_by_role("button", name="Save my check-in").click()

    panel = client.locator("#support-now")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("116 123")
    expect(panel).to_contain_text("999")
    expect(panel).to_contain_text("01632 960 419")
    expect(panel.get_by_role("link", name="Open my safety plan")).to_be_visible()
    check_page(client, "support-now")
    client.get_by_role("button", name="I'm safe for now").click()
    expect(client.locator("#support-now")).to_have_count(0)

    robin = User.objects.get(email="client@example.org")
    flag = RiskFlag.objects.get(client=robin, reviewed_at__isnull=True)
    assert [m.subject for m in mail.outbox if "therapist@example.org" in m.to] == [
        "Cairn: please sign in"
    ]

    therapist = new_page("therapist@example.org", totp=True)
    first = therapist.locator(".caseload__row").first
    expect(first).to_have_attribute("data-attention", "risk")
    expect(first).to_contain_text("Robin Ashgrove")
    expect(first).to_contain_text("May need your attention now")
    expect(first).to_contain_text("thinking about ending it all")
    check_page(therapist, "caseload-with-risk")
    first.get_by_role("link", name=re.compile("Review")).click()
    therapist.get_by_label("Called the client").check()
    therapist.get_by_label(re.compile("^Note")).fill("Rang at 4pm; safe, seeing them Thursday.")
    check_page(therapist, "risk-flag-review")
    therapist.get_by_role("button", name="Record the review").click()
    expect(therapist.get_by_text("Recorded in the client's record")).to_be_visible()

    therapist.goto("/")
    expect(therapist.locator('[data-attention="risk"]')).to_have_count(0)
    flag.refresh_from_db()
    assert not flag.is_open and flag.action == "called"
    written = AuditEvent.objects.filter(object_type="risk_flag", object_id=str(flag.pk))
    assert written.filter(actor_id=robin.pk, action="write").exists()
    reviewer = User.objects.get(email="therapist@example.org")
    assert written.filter(actor_id=reviewer.pk, action="read").exists()
    assert written.filter(actor_id=reviewer.pk, action="write").exists()


def test_a_private_journal_entry_alerts_nobody(new_page):
    robin = User.objects.get(email="client@example.org")
    flags, notes, sent = RiskFlag.objects.count(), Notification.objects.count(), len(mail.outbox)
    client = new_page("client@example.org")
    client.get_by_role("link", name="Journal").first.click()
    client.get_by_role("link", name="Write an entry").click()
    client.get_by_label("What's on your mind?").fill(RISKY)
    client.get_by_role("button", name="Save").click()
    expect(client.locator("#support-now")).to_be_visible()
    expect(client.get_by_text("Private.")).to_be_visible()
    assert RiskFlag.objects.count() == flags
    assert Notification.objects.count() == notes
    assert len(mail.outbox) == sent
    assert not RiskFlag.objects.filter(client=robin, source_kind="journal.journalentry").exists()


def test_the_safety_plan_is_one_step_away_and_prints_on_one_page(new_page):
    client = new_page("client2@example.org")
    client.get_by_role("link", name="My safety plan").first.click()
    expect(client.get_by_role("heading", name="My safety plan")).to_be_visible()
    expect(client.get_by_text("Bryony keeps the spare tablets")).to_be_visible()
    check_page(client, "safety-plan")
    client.emulate_media(media="print")
    pdf = client.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
