import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.models import CareRelationship, Invitation
from tests.factories import client_invited


@pytest.fixture
def link(ana, practice) -> str:
    client_invited(ana)
    return re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[-1].body).group(1)


GOOD = {
    "email": "Orla@example.test",
    "name": "Orla Quickfall",
    "password1": "tide-pool-heron-gate",
    "password2": "tide-pool-heron-gate",
}


def test_the_link_lets_the_person_set_a_password_and_join_in_the_right_role(client, link, ana):
    page = client.get(link)
    assert page.status_code == 200
    # The page does not say the address: the holder of the link must know it.
    assert "orla@example.test" not in page.content.decode()

    response = client.post(link, GOOD)
    assert response.status_code == 302
    orla = User.objects.get(email="orla@example.test")
    assert orla.check_password("tide-pool-heron-gate")
    assert orla.membership.role == "client"
    assert CareRelationship.objects.current().filter(therapist=ana, client=orla).exists()
    assert "Hello, Orla Quickfall" in client.get(reverse("home:home")).content.decode()


def test_a_used_link_gets_a_clear_page(client, link):
    client.post(link, GOOD)
    client.logout()
    response = client.get(link)
    assert response.status_code == 410
    assert "This invitation has already been used" in response.content.decode()
    assert client.post(link, GOOD | {"name": "Someone Else"}).status_code == 410
    assert User.objects.get(email="orla@example.test").name == "Orla Quickfall"


def test_an_expired_link_gets_a_clear_page(client, link):
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.get(link)
        assert response.status_code == 410
        assert "This invitation has expired" in response.content.decode()
        client.post(link, GOOD)
    assert not User.objects.filter(email="orla@example.test").exists()


def test_a_tampered_link_gets_a_clear_page(client, link):
    response = client.get(link[:-5] + "XXXX/")
    assert response.status_code == 404
    assert "We couldn't find this invitation" in response.content.decode()


def test_a_newer_invitation_replaces_the_older_one(client, link, ana, practice):
    client_invited(ana)
    assert client.get(link).status_code == 410
    assert Invitation.objects.filter(email="orla@example.test", withdrawn_at=None).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            GOOD | {"password2": "something-different-entirely"},
            "The two passwords are not the same",
        ),
        (
            GOOD | {"password1": "password123", "password2": "password123"},
            "This password is too common",
        ),
        (GOOD | {"password1": "orla-quickfall", "password2": "orla-quickfall"}, "too similar"),
        (GOOD | {"name": ""}, "Please tell us your name."),
    ],
)
def test_bad_answers_get_a_message_and_nothing_is_saved(client, link, data, message):
    response = client.post(link, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="orla@example.test").exists()
    assert Invitation.objects.get(email="orla@example.test").accepted_at is None


def test_a_signed_in_person_is_asked_to_sign_out_first(client, link, ben):
    client.force_login(ben)
    response = client.get(link)
    assert response.status_code == 409
    assert "You're already signed in" in response.content.decode()


def test_the_link_alone_does_not_make_an_account(client, link):
    """Someone holding a forwarded or overseen link must also know the address."""
    response = client.post(link, GOOD | {"email": "someone.else@example.test"})
    assert response.status_code == 200
    assert "That is not the address this invitation was sent to" in response.content.decode()
    assert not User.objects.filter(email="orla@example.test").exists()
    assert client.get(link).status_code == 200  # still unused
