"""Practice references: people of the same name can be told apart (issue 11, item 3)."""

from django.urls import reverse

from cairn.care.models import Membership, Role
from tests.factories import care, client_invited, invitation_token, member
from tests.page import words


def url(person):
    return reverse("care:client_reference", args=[person.pk])


def test_clients_get_a_generated_reference(ben, dana):
    references = {ben.membership.reference, dana.membership.reference}
    assert references == {"C-1001", "C-1002"}


def test_an_accepted_invitation_gets_the_next_reference(client, ana, ben):
    client_invited(ana)
    token = invitation_token()
    client.post(
        reverse("care:invitation_accept", args=[token]),
        {
            "email": "orla@example.test",
            "name": "Orla Byrne",
            "password1": "a-long-walk-by-the-river",
            "password2": "a-long-walk-by-the-river",
        },
    )
    assert Membership.objects.get(user__email="orla@example.test").reference == "C-1002"


def test_the_admin_sets_a_reference(client, ed, ben):
    client.force_login(ed)
    response = client.post(url(ben), {"reference": "WB-77"})
    assert response.status_code == 302
    ben.membership.refresh_from_db()
    assert ben.membership.reference == "WB-77"


def test_a_duplicate_reference_is_refused_with_a_clear_message(client, ed, ben, dana):
    client.force_login(ed)
    response = client.post(url(ben), {"reference": dana.membership.reference.lower()})
    assert response.status_code == 200
    assert f"{dana.membership.reference.lower()} is already the reference of another client." in (
        response.content.decode()
    )
    ben.membership.refresh_from_db()
    assert ben.membership.reference == "C-1001"  # nothing saved


def test_a_malformed_reference_is_refused(client, ed, ben):
    client.force_login(ed)
    response = client.post(url(ben), {"reference": "=HYPERLINK()"})
    assert "A reference is up to 20 letters" in response.content.decode()
    ben.membership.refresh_from_db()
    assert ben.membership.reference == "C-1001"


def test_an_empty_reference_generates_one(client, ed, ben, dana):
    client.force_login(ed)
    client.post(url(ben), {"reference": ""})
    ben.membership.refresh_from_db()
    assert ben.membership.reference == "C-1003"


def test_other_practices_clients_are_hidden(client, ed, other_practice):
    stranger = member(other_practice, Role.CLIENT, name="Ben Marchetti")
    client.force_login(ed)
    assert client.get(url(stranger)).status_code == 404


def test_only_admins_set_references(client, ana, ben):
    client.force_login(ana)
    assert client.post(url(ben), {"reference": "X-1"}).status_code == 403
    ben.membership.refresh_from_db()
    assert ben.membership.reference == "C-1001"  # unchanged


def test_two_clients_of_the_same_name_are_told_apart_in_the_caseload_and_pickers(
    client, ana, ed, ben, practice
):
    namesake = member(practice, Role.CLIENT, name="Ben Marchetti", email="ben2@example.test")
    care(ana, namesake)
    client.force_login(ana)
    caseload = client.get(reverse("home:home")).content.decode()
    assert "C-1001" in caseload and namesake.membership.reference in caseload
    client.force_login(ed)
    picker = client.get(reverse("care:care_start")).content.decode()
    assert "Ben Marchetti (C-1001)" in picker
    assert f"Ben Marchetti ({namesake.membership.reference})" in picker
    people = client.get(reverse("care:people")).content.decode()
    assert "C-1001" in people and namesake.membership.reference in people


def test_the_page_says_what_a_reference_may_be_as_a_refusal_does(client, ed, ben):
    # Dots and slashes are allowed: the page says so before anyone is refused.
    client.force_login(ed)
    shape = "up to 20 letters, digits, dashes, dots or slashes, like C-1042"
    assert f"{shape[0].upper()}{shape[1:]}." in words(client.get(url(ben)), within="main")
    refused = words(client.post(url(ben), {"reference": "=1+1"}), within="main")
    assert f"A reference is {shape}." in refused
    client.post(url(ben), {"reference": "WB/7.2"})
    ben.membership.refresh_from_db()
    assert ben.membership.reference == "WB/7.2"
