import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.progress.tests.factories import CheckInFactory
from tests.page import headings, words


@pytest.mark.parametrize(
    ("person", "heading", "links"),
    [
        ("ben", "Hello, Ben Marchetti", ["Check in", "My goals", "Journal", "Wins"]),
        ("ana", "My clients", ["Invite a client"]),
        # The practice's name heads Ed's home (the footer of every page names it too).
        ("ed", "Willowbank Therapy", ["People", "Audit log"]),
        ("fay", "Hello, Fay Lindqvist", []),
    ],
)
def test_each_role_has_its_own_home_and_navigation(client, everyone, person, heading, links):
    client.force_login(everyone[person])
    response = client.get(reverse("home:home"))
    assert headings(response)[0] == heading
    page = response.content.decode()
    nav = page[page.index('<nav class="site-nav"') : page.index("</nav>")]
    for link in links:
        assert link in nav
    if person != "ed":
        assert "Audit log" not in nav


def test_a_supporter_with_nothing_shared_is_told_so(client, fay):
    client.force_login(fay)
    assert "Nothing has been shared with you yet." in words(
        client.get(reverse("home:home")), within="main"
    )


def test_the_admin_home_shows_therapists_and_no_clinical_content(client, ed, ana, ben):

    CheckInFactory(client=ben, date=timezone.localdate())
    client.force_login(ed)
    page = client.get(reverse("home:home")).content.decode()
    assert "Ana Thornbury" in page
    # Ana's one client checked in this fortnight.
    assert "100% (1 of 1)" in page
    assert f'href="{reverse("home:client_overview", args=[ben.pk])}' not in page


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/"
