"""The People page: search, pages, invitations sent again or withdrawn (issue 11, item 9)."""

import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cairn.care.models import Invitation, Role
from tests.factories import client_invited, member
from tests.page import words


def test_it_searches_by_name_email_or_reference(client, ed, ben, dana):
    client.force_login(ed)
    by_name = client.get(reverse("care:people"), {"q": "marchetti"}).content.decode()
    assert "ben@example.test" in by_name and "dana@" not in by_name
    by_reference = client.get(
        reverse("care:people"), {"q": dana.membership.reference}
    ).content.decode()
    assert "dana@" in by_reference and "ben@example.test" not in by_reference


def test_the_search_keeps_a_hundred_characters_as_its_box_says(client, ed):
    client.force_login(ed)
    page = client.get(reverse("care:people"), {"q": "a" * 99 + "bc"}).content.decode()
    assert f'name="q" value="{"a" * 99}b" maxlength="100"' in page


def test_it_shows_fifty_people_a_page(client, ed, practice):
    for n in range(55):
        member(practice, Role.CLIENT, name=f"Client {n:02}", email=f"c{n:02}@example.test")
    client.force_login(ed)
    first = client.get(reverse("care:people")).content.decode()
    assert "Page 1 of 2" in first
    assert first.count("@example.test</td>") == 50


def test_the_next_page_of_a_search_keeps_the_search(client, ed, practice):
    for n in range(55):
        member(practice, Role.CLIENT, name=f"Client {n:02}", email=f"c{n:02}@example.test")
    client.force_login(ed)
    first = client.get(reverse("care:people"), {"q": "client"}).content.decode()
    assert '<a href="?q=client&amp;page=2">Next</a>' in first
    second = client.get(reverse("care:people"), {"q": "client", "page": 2}).content.decode()
    assert '<a href="?q=client&amp;page=1">Previous</a>' in second
    assert "Page 2 of 2" in second


def test_the_admin_sends_an_invitation_again_with_a_fresh_link(client, ed, ana, practice):
    first = client_invited(ana)
    old_link = re.search(r"/invitations/[\w-]+/", mail.outbox[-1].body).group(0)
    client.force_login(ed)
    response = client.post(reverse("care:invitation_resend", args=[first.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    first.refresh_from_db()
    assert first.withdrawn_at is not None  # the old link no longer works
    fresh = Invitation.objects.exclude(pk=first.pk).get()
    assert fresh.is_pending and fresh.email == "orla@example.test"
    client.logout()
    assert client.get(old_link).status_code == 410


def test_an_expired_invitation_can_be_sent_again(client, ed, ana, practice):
    old = client_invited(ana)
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now())
    client.force_login(ed)
    assert "Invitations that ran out" in client.get(reverse("care:people")).content.decode()
    client.post(reverse("care:invitation_resend", args=[old.pk]))
    assert (
        Invitation.objects.filter(email="orla@example.test", withdrawn_at__isnull=True)
        .get()
        .is_pending
    )


def test_the_admin_withdraws_an_invitation(client, ed, ana, practice):
    invitation = client_invited(ana)
    client.force_login(ed)
    client.post(reverse("care:invitation_revoke", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert not invitation.is_pending
    page = client.get(reverse("care:people")).content.decode()
    assert "orla@example.test as client" not in page


def test_an_accepted_invitation_cannot_be_withdrawn(client, ed, ana, practice):
    invitation = client_invited(ana)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    client.force_login(ed)
    # Once accepted it is a person, not an invitation: there is nothing to withdraw.
    assert client.post(reverse("care:invitation_revoke", args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


def test_another_therapist_cannot_touch_anas_invitation(client, cara, ana, practice):
    invitation = client_invited(ana)
    client.force_login(cara)
    assert client.post(reverse("care:invitation_revoke", args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_only_clients_have_a_reference_to_change(client, ed, ana, ben):
    client.force_login(ed)
    text = words(client.get(reverse("care:people")), within="main")
    assert "Change Ben Marchetti's reference" in text
    assert "Change Ana Thornbury's reference" not in text
    assert "Change Ed" not in text
