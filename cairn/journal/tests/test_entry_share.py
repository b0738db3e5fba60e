"""Sharing an entry whose words hold risk: the service notes them once, and the page
offers the client support on what the service says."""

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cairn.journal.tests.factories import JournalEntryFactory
from cairn.safety.models import RiskFlag

RISKY = "Some nights I want to die."


def share(client, entry, value: str):
    return client.post(
        reverse("journal:entry_share", args=[entry.pk]), {"share": value}, follow=True
    )


def test_sharing_words_of_risk_shows_support_and_raises_one_flag(client, ana, ben):
    entry = JournalEntryFactory(client=ben, title="Tonight", body=RISKY)
    client.force_login(ben)
    assert 'id="support-now"' in share(client, entry, "1").content.decode()
    assert RiskFlag.objects.filter(client=ben).count() == 1


def test_shared_again_from_an_old_page_support_shows_and_nobody_is_told_twice(client, ana, ben):
    entry = JournalEntryFactory(client=ben, title="Tonight", body=RISKY)
    client.force_login(ben)
    share(client, entry, "1")
    # Ana has already looked at the flag, so a second telling would be a new flag.
    RiskFlag.objects.filter(client=ben).update(
        reviewed_by=ana, reviewed_at=timezone.now(), action="called"
    )
    client.post(reverse("safety:support_dismiss"))
    assert 'id="support-now"' in share(client, entry, "1").content.decode()
    assert RiskFlag.objects.filter(client=ben).count() == 1
    assert len(mail.outbox) == 1


def test_making_it_private_again_offers_no_support(client, ben):
    entry = JournalEntryFactory(client=ben, title="Tonight", body=RISKY, shared=True)
    client.force_login(ben)
    assert 'id="support-now"' not in share(client, entry, "0").content.decode()


def test_ordinary_words_shared_offer_no_support(client, ana, ben):
    entry = JournalEntryFactory(client=ben, title="Sunday", body="The walk helped.")
    client.force_login(ben)
    assert 'id="support-now"' not in share(client, entry, "1").content.decode()
    assert not RiskFlag.objects.exists()
