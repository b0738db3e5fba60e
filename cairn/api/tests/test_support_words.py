"""The API's "support" answer: where help is, in the words of the page's support panel
(both from safety/crisis.py places_to_turn)."""

from django.urls import reverse
from django.utils import timezone

from cairn.api.tests.calls import api, post
from cairn.care.selectors import practice_of
from cairn.core.risk import SUPPORT_SESSION_KEY
from cairn.safety.models import CrisisSettings
from tests.page import words


def test_the_api_names_the_places_to_turn_in_the_words_of_the_pages_panel(client, ben, bearer):
    CrisisSettings.objects.create(
        practice=practice_of(ben), country="GB", phone="01632 960 123", national_lines=["shout"]
    )
    body = {"date": timezone.localdate().isoformat(), "mood": 1}
    support = post(client, api("checkin_create"), body, bearer(ben)).json()["support"]
    client.force_login(ben)
    session = client.session
    session[SUPPORT_SESSION_KEY] = timezone.now().isoformat()
    session.save()
    panel = words(client.get(reverse("home:home")), within="support-now")
    sentence, places = support.split(": ", 1)
    assert f"{sentence}:" in panel
    assert [place for place in places.split("; ") if place not in panel] == []
    assert "Shout: text SHOUT to 85258" in places and "call 999" in places


def test_without_a_number_the_api_says_the_practices_own_words(client, ben, bearer, urgent_help):
    body = {"date": timezone.localdate().isoformat(), "mood": 1}
    support = post(client, api("checkin_create"), body, bearer(ben)).json()["support"]
    # The practice gave no number of its own: its words stand first, by its name.
    assert f"there for you: Willowbank Therapy: {urgent_help}; " in support
