"""The support panel (id="support-now") after `offer_support`, and "I'm safe for now"."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cairn.core.risk import SUPPORT_SESSION_KEY, SUPPORT_SHOWN_FOR_HOURS
from cairn.safety.models import ExpectationsSeen
from cairn.safety.tests.factories import CrisisSettingsFactory
from tests.page import headings, words

# The heading of the panel offered after worrying words.
PANEL = "Thank you for writing this down"


def offered(client, at=None):
    session = client.session
    session[SUPPORT_SESSION_KEY] = (at or timezone.now()).isoformat()
    session.save()


def test_the_next_page_shows_the_panel_with_the_practice_lines(client, ben, practice):
    CrisisSettingsFactory(
        practice=practice,
        country="GB",
        phone="020 7946 0000",
        hours="weekdays 9 to 5",
        national_lines=["samaritans"],
    )
    client.force_login(ben)
    offered(client)
    home = client.get(reverse("home:home"))
    assert PANEL in headings(home)
    # The panel's own lines: every page's footer carries the practice's urgent-help words.
    panel = words(home, within="support-now")
    assert "020 7946 0000" in panel and "weekdays 9 to 5" in panel
    assert "116 123" in panel and "999" in panel
    assert "85258" not in panel  # Shout was not chosen
    assert "if you need to talk to someone now, these people are there for you" in panel
    assert reverse("safety:plan_detail", args=[ben.pk]) in home.content.decode()


def test_without_a_number_the_practices_own_words_say_where_to_turn(
    client, ben, practice, urgent_help
):
    client.force_login(ben)
    offered(client)
    panel = words(client.get(reverse("home:home")), within="support-now")
    assert f"Willowbank Therapy: {urgent_help}" in panel


def test_a_practice_without_settings_shows_its_countrys_defaults(client, ben):
    client.force_login(ben)
    offered(client)
    home = client.get(reverse("home:home"))
    panel = words(home, within="support-now")
    assert "116 123" in panel and "85258" in panel and "999" in panel
    # A tap on a line calls or texts the right number.
    page = home.content.decode()
    assert 'href="tel:116123"' in page and 'href="sms:85258"' in page


def test_im_safe_for_now_puts_it_away(client, ben):
    client.force_login(ben)
    offered(client)
    response = client.post(
        reverse("safety:support_dismiss"), {"next": reverse("journal:entry_list")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("journal:entry_list")
    assert PANEL not in headings(client.get(reverse("home:home")))


def test_the_panel_stops_showing_by_itself_after_twelve_hours(client, ben):
    # (Offered that long ago in a session still open: a session idles out sooner.)
    client.force_login(ben)
    shown_for = timedelta(hours=SUPPORT_SHOWN_FOR_HOURS)
    offered(client, at=timezone.now() - shown_for + timedelta(minutes=1))
    assert PANEL in headings(client.get(reverse("home:home")))
    offered(client, at=timezone.now() - shown_for - timedelta(minutes=1))
    assert PANEL not in headings(client.get(reverse("home:home")))


def test_no_panel_without_a_reason(client, ben):
    client.force_login(ben)
    assert PANEL not in headings(client.get(reverse("home:home")))


def test_the_first_sign_in_says_once_who_reads_what(client, ben):
    client.force_login(ben)
    who_reads = "Before you start: who reads what you write"
    assert who_reads in headings(client.get(reverse("home:home")))
    client.post(reverse("safety:expectations_seen"))
    assert ExpectationsSeen.objects.filter(user=ben).exists()
    assert who_reads not in headings(client.get(reverse("home:home")))
    client.logout()
    client.force_login(ben)
    assert 'id="expectations"' not in client.get(reverse("home:home")).content.decode()


def test_therapists_are_not_told(client, ana):
    client.force_login(ana)
    assert 'id="expectations"' not in client.get(reverse("home:home")).content.decode()
