import re

from django.core import mail
from django.urls import reverse

from cairn.care import services
from cairn.care.models import CareRelationship, Invitation, Membership


def invite(client, by, email: str, *, role: str):
    """`by` fills in the invitation form and sends it."""
    client.force_login(by)
    return client.post(reverse("care:invitation_create"), {"email": email, "role": role})


def test_an_admin_invites_a_therapist_by_email(client, ed, practice):
    response = invite(client, ed, "Nell@Example.test", role="therapist")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.practice) == (
        "nell@example.test",
        "therapist",
        practice,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nell@example.test"]
    assert re.search(r"http://testserver/invitations/[\w-]{20,}/", mail.outbox[0].body)


def test_a_therapist_invites_a_client_who_will_be_in_their_care(client, ana):
    response = invite(client, ana, "orla@example.test", role="client")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.therapist) == ("client", ana)


def test_a_therapist_cannot_invite_a_therapist(client, ana):
    response = invite(client, ana, "orla@example.test", role="therapist")
    assert "You can invite clients." in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_admin_inviting_a_client_chooses_their_therapist(client, ed, ana):
    response = invite(client, ed, "orla@example.test", role="client")
    assert response.status_code == 200
    assert (
        "Please choose the therapist who will work with this client." in response.content.decode()
    )
    assert not Invitation.objects.exists()


def test_a_malformed_email_gets_a_clear_message(client, ed):
    response = invite(client, ed, "not-an-address", role="therapist")
    assert response.status_code == 200
    assert "Please enter an email address like name@example.org." in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_already_registered_email_gets_a_clear_message(client, ed, ben):
    response = invite(client, ed, "BEN@example.test", role="therapist")
    assert "There is already a Cairn account for this email address" in response.content.decode()
    assert not Invitation.objects.exists()


def test_clients_and_supporters_cannot_invite(client, ben, fay):
    for person in (ben, fay):
        client.force_login(person)
        assert client.get(reverse("care:invitation_create")).status_code == 403
        assert (
            client.post(
                reverse("care:invitation_create"), {"email": "x@example.test", "role": "client"}
            ).status_code
            == 403
        )
    assert not Invitation.objects.exists()
    assert not Membership.objects.filter(user__email="x@example.test").exists()
    assert not CareRelationship.objects.filter(client__email="x@example.test").exists()


def test_an_admin_inviting_a_client_names_their_therapist(client, ed, cara):
    client.force_login(ed)
    client.post(
        reverse("care:invitation_create"),
        {"email": "orla@example.test", "role": "client", "therapist": str(cara.pk)},
    )
    assert Invitation.objects.get().therapist == cara


def test_a_therapists_invitee_is_theirs_whoever_the_service_is_told(ana, cara):
    # The form offers a therapist no choice; the service holds to the rule all the same.
    invitation = services.invitation_create(
        practice=ana.membership.practice,
        email="orla@example.test",
        role="client",
        by=ana,
        therapist=cara,
        link_base="http://testserver/",
    )
    assert invitation.therapist == ana
