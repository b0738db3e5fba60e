import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import accept_invitation, check_page, sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_the_sign_in_page_is_accessible(page):
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_page(page, "sign-in")


@pytest.mark.parametrize(
    ("email", "totp", "heading", "name"),
    [
        ("client@example.org", False, "Hello, Robin Ashgrove", "home-client"),
        ("therapist@example.org", True, "My clients", "home-therapist"),
        ("admin@example.org", True, "Harbour Light Counselling", "home-admin"),
    ],
)
def test_each_demo_role_signs_in_sees_their_home_and_signs_out(page, email, totp, heading, name):
    sign_in(page, email, totp=totp, fresh=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    check_page(page, name)
    sign_out(page)
    page.goto("/")
    expect(page).to_have_url(re.compile("/accounts/login/"))


def test_the_therapist_opens_a_clients_record_and_the_client_sees_it(new_page):
    therapist = new_page("therapist@example.org", totp=True)
    therapist.get_by_role("link", name="Robin Ashgrove", exact=True).click()
    expect(therapist.get_by_role("heading", level=1)).to_have_text("Robin Ashgrove's record")
    check_page(therapist, "client-record-therapist")

    client = new_page("client@example.org")
    client.get_by_role("link", name="Who opened my record").first.click()
    expect(client.get_by_role("cell", name="Dr Idris Fenwick").first).to_be_visible()
    check_page(client, "who-opened-my-record")


def test_another_clients_record_is_not_found(page, django_user_model):
    other = django_user_model.objects.get(email="client3@example.org")
    sign_in(page, "client@example.org")
    response = page.goto(f"/clients/{other.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We couldn't find that page")
    check_page(page, "not-found")


def test_an_invitation_is_accepted_end_to_end(new_page):
    therapist = new_page("therapist@example.org", totp=True)
    therapist.get_by_role("link", name="Invite a client").first.click()
    check_page(therapist, "invite")
    therapist.get_by_label("Their email address").fill("wren.aldous@example.org")
    therapist.get_by_role("button", name="Send the invitation").click()
    expect(
        therapist.get_by_text("Invitation to wren.aldous@example.org queued", exact=False)
    ).to_be_visible()

    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    path = link[link.index("/invitations/") :]
    newcomer = new_page()
    accept_invitation(
        newcomer,
        path,
        newcomer="Wren Aldous <wren.aldous@example.org>",
        password="moss-lantern-quay-7",
        button="Join Cairn",
    )
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Hello, Wren Aldous")

    therapist.goto("/")
    expect(therapist.get_by_role("link", name="Wren Aldous", exact=True)).to_be_visible()

    newcomer.goto(path)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text(
        "This invitation has already been used"
    )


def test_the_home_page_works_on_a_phone(phone):
    sign_in(phone, "client@example.org")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    check_page(phone, "home-client-phone")
