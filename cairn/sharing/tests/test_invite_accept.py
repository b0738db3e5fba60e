from django.urls import reverse
from django.utils import timezone

from cairn.sharing.models import SupportGrant
from tests.page import headings


def test_a_forwarded_supporter_link_does_not_open_for_another_account(
    client, dana, pending_invitation
):
    client.force_login(dana)
    response = client.post(reverse("sharing:invite_accept", args=[pending_invitation]))
    assert response.status_code == 403
    assert "This invitation was sent to another address" in headings(response)
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
