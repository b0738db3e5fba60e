import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.progress.tests.factories import CheckInFactory


@pytest.mark.parametrize(
    ("person", "heading", "links"),
    [
        ("ben", "Hello, Ben Marchetti", ["Check in", "My goals", "Journal", "Wins"]),
        ("ana", "My clients", ["Invite a client"]),
        ("ed", "Willowbank Therapy", ["People", "Audit log"]),
        ("fay", "Nothing has been shared with you yet", []),
    ],
)
def test_each_role_has_its_own_home_and_navigation(client, everyone, person, heading, links):
    client.force_login(everyone[person])
    page = client.get(reverse("home:home")).content.decode()
    assert heading in page
    nav = page[page.index('<nav class="site-nav"') : page.index("</nav>")]
    for link in links:
        assert link in nav
    if person != "ed":
        assert "Audit log" not in nav


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
