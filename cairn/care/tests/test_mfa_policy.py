import pytest
from django.urls import reverse

from cairn.care.models import Role
from tests.factories import TEST_PASSWORD, care, member


@pytest.mark.parametrize("role", [Role.THERAPIST, Role.ADMIN])
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, practice, role):
    member(practice, role, mfa=False, email="newcomer@example.test")
    client.post(
        reverse("account_login"), {"login": "newcomer@example.test", "password": TEST_PASSWORD}
    )
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # allauth asks for the password again before any change to sign-in methods.
    reauthenticate = client.get(reverse("mfa_activate_totp"))
    assert reauthenticate.url.startswith(reverse("account_reauthenticate"))
    response = client.post(reauthenticate.url, {"password": TEST_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert "Authenticator" in response.content.decode()


def test_a_therapist_without_an_authenticator_cannot_open_a_record(client, practice, ben):
    newcomer = member(practice, Role.THERAPIST, mfa=False, email="newcomer@example.test")
    care(newcomer, ben)
    client.force_login(newcomer)
    assert client.get(reverse("home:client_overview", args=[ben.pk])).status_code == 302


def test_clients_are_not_made_to_enrol(client, ben):
    client.force_login(ben)
    assert client.get(reverse("home:home")).status_code == 200


@pytest.mark.parametrize("role", [Role.THERAPIST, Role.ADMIN])
def test_staff_without_an_authenticator_invite_nobody(client, practice, role):
    # Inviting brings people into the practice: a password alone must not do it.
    newcomer = member(practice, role, mfa=False, email="newcomer@example.test")
    client.force_login(newcomer)
    response = client.get(reverse("care:invitation_create"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_staff_without_an_authenticator_may_still_accept_an_invitation_page(client, practice):
    # The link someone was sent stays open (it says it is used or has run out).
    newcomer = member(practice, Role.ADMIN, mfa=False, email="newcomer@example.test")
    client.force_login(newcomer)
    response = client.get(reverse("care:invitation_accept", args=["no-such-token"]))
    assert response.status_code != 302
    assert client.get(reverse("core:healthz")).status_code != 302
