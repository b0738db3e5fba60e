from django.urls import reverse

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
