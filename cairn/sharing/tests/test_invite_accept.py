import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.sharing.models import SupportGrant
from cairn.sharing.services import GrantUnusable, grant_accept_existing
from tests.factories import UserFactory
from tests.page import headings


def test_a_forwarded_supporter_link_does_not_open_for_another_account(
    client, dana, pending_invitation
):
    client.force_login(dana)
    response = client.post(reverse("sharing:invite_accept", args=[pending_invitation]))
    assert response.status_code == 403
    assert "This invitation was sent to another address" in headings(response)
    assert "It was sent to hal@example.test." in response.content.decode()
    assert SupportGrant.objects.get(email="hal@example.test").accepted_at is None


def test_a_withdrawn_supporter_link_says_it_is_no_longer_open(client, pending_invitation):
    # Withdrawn reads as "expired", as the accepting service refuses it: one rule, one answer.
    SupportGrant.objects.filter(email="hal@example.test").update(revoked_at=timezone.now())
    response = client.get(reverse("sharing:invite_accept", args=[pending_invitation]))
    assert response.status_code == 410
    assert "This invitation is no longer open" in headings(response)


def test_a_used_supporter_link_says_it_has_been_used(client, pending_invitation):
    SupportGrant.objects.filter(email="hal@example.test").update(accepted_at=timezone.now())
    response = client.get(reverse("sharing:invite_accept", args=[pending_invitation]))
    assert response.status_code == 410
    assert "This invitation has already been used" in headings(response)


def test_the_accepting_service_refuses_another_persons_acceptance(dana, pending_invitation):
    # The rule is the service's, not only the page's: any caller that skips the page is refused.
    grant = SupportGrant.objects.get(email="hal@example.test")
    with pytest.raises(GrantUnusable) as refused:
        grant_accept_existing(grant=grant, supporter=dana)
    assert refused.value.reason == "other_email"
    grant.refresh_from_db()
    assert grant.accepted_at is None and grant.supporter is None


def test_the_accepting_service_takes_it_up_for_the_address_it_was_sent_to(pending_invitation):
    hal = UserFactory(email="Hal@Example.test", name="Hal Brennan")
    grant = SupportGrant.objects.get(email="hal@example.test")
    grant_accept_existing(grant=grant, supporter=hal)
    grant.refresh_from_db()
    assert grant.supporter == hal and grant.accepted_at is not None


def test_the_client_cannot_take_up_their_own_supporter_link(client, ben, pending_invitation):
    client.force_login(ben)
    response = client.post(reverse("sharing:invite_accept", args=[pending_invitation]))
    assert response.status_code == 403
    assert "This invitation isn't for this account" in headings(response)
    assert SupportGrant.objects.get(email="hal@example.test").accepted_at is None
