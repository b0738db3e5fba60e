"""The practice's crisis settings (the admin's) and the list of risk phrases in use."""

from django.urls import reverse, reverse_lazy

from cairn.core.models import AuditEvent
from cairn.core.risk import RISK_PHRASES, WHERE_SEEN
from cairn.safety.models import CrisisSettings
from cairn.safety.tests.factories import CrisisSettingsFactory
from tests.page import words

URL = reverse_lazy("safety:crisis_settings")


def test_the_admin_sees_the_defaults_and_the_phrases(client, ed):
    client.force_login(ed)
    page = client.get(URL).content.decode()
    assert 'value="GB" selected' in page
    assert 'value="samaritans" id="id_national_lines_0" checked' in page
    assert 'value="shout" id="id_national_lines_1" checked' in page
    assert 'value="988" id="id_national_lines_2">' in page
    for phrase in RISK_PHRASES:
        assert phrase.words.replace("'", "&#x27;") in page


def test_the_admin_reads_every_place_a_flag_can_name(client, ed):
    # The places come from the list the flags use, so a new place (routines were
    # missing from a list written by hand) is never left out.
    client.force_login(ed)
    page = words(client.get(URL), within="main")
    for place in WHERE_SEEN.values():
        assert f"\u201c{place}\u201d" in page


def test_the_admin_sets_the_lines_and_clients_see_them(client, ed, ben, practice):
    client.force_login(ed)
    response = client.post(
        URL,
        {
            "country": "US",
            "phone": "+1 555 0100",
            "hours": "Weekdays 8 to 6",
            "national_lines": ["988"],
            "version": 0,
        },
    )
    assert response.status_code == 302
    saved = CrisisSettings.objects.get(practice=practice)
    assert (saved.country, saved.phone, saved.national_lines) == ("US", "+1 555 0100", ["988"])
    assert AuditEvent.objects.filter(object_type="crisis_settings", actor_id=ed.pk).exists()
    client.force_login(ben)
    page = client.get(reverse("progress:checkin")).content.decode()
    assert "+1 555 0100" in page and 'href="tel:911"' in page


def test_a_bad_number_is_named_and_nothing_is_saved(client, ed, practice):
    client.force_login(ed)
    response = client.post(URL, {"country": "GB", "phone": "call Jo", "version": 0})
    assert response.status_code == 200
    assert "Enter a phone number" in response.content.decode()
    assert not CrisisSettings.objects.exists()


def test_an_unknown_country_or_line_is_refused(client, ed):
    client.force_login(ed)
    response = client.post(URL, {"country": "XX", "national_lines": ["nope"], "version": 0})
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert not CrisisSettings.objects.exists()


def test_a_stale_form_does_not_overwrite(client, ed, practice):
    CrisisSettingsFactory(practice=practice, country="GB", phone="0161 496 0000", version=2)
    client.force_login(ed)
    response = client.post(URL, {"country": "GB", "phone": "0161 496 0999", "version": 1})
    assert response.status_code == 409
    assert CrisisSettings.objects.get().phone == "0161 496 0000"


def test_therapists_and_clients_may_not(client, ana, ben):
    for person in (ana, ben):
        client.force_login(person)
        assert client.post(URL, {"country": "US", "version": 0}).status_code == 403
    assert not CrisisSettings.objects.exists()


def test_the_admin_writes_what_to_do_in_urgent_need_and_every_page_says_it(
    client, ed, ben, practice
):
    client.force_login(ed)
    words_saved = "Out of hours, call the Harbour crisis team on 01632 960 555."
    client.post(URL, {"country": "GB", "urgent_help": words_saved, "version": 0})
    assert CrisisSettings.objects.get(practice=practice).urgent_help == words_saved
    assert AuditEvent.objects.filter(object_type="crisis_settings", actor_id=ed.pk).exists()
    client.force_login(ben)
    # At the foot of every page, signed in or out.
    page = words(client.get(reverse("home:home")))
    assert f"If you need urgent help: {words_saved}" in page
    client.logout()
    page = words(client.get(reverse("account_login")))
    assert f"If you need urgent help: {words_saved}" in page


def test_too_many_words_are_named_and_nothing_is_saved(client, ed):
    client.force_login(ed)
    response = client.post(URL, {"country": "GB", "urgent_help": "x" * 501, "version": 0})
    assert response.status_code == 200
    assert "Ensure this value has at most 500 characters" in words(response, within="main")
    assert not CrisisSettings.objects.exists()


def test_a_conflict_shows_the_words_saved_since(client, ed, practice):
    CrisisSettingsFactory(practice=practice, urgent_help="Call the duty team.", version=2)
    client.force_login(ed)
    response = client.post(URL, {"country": "GB", "urgent_help": "Call 999.", "version": 1})
    assert response.status_code == 409
    assert "as saved now: Call the duty team." in words(response, within="main")
    assert CrisisSettings.objects.get().urgent_help == "Call the duty team."
