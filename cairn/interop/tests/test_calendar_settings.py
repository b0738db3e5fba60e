from django.urls import reverse

from cairn.core.models import AuditEvent
from cairn.interop.models import CalendarFeed


def url():
    return reverse("interop:calendar_settings")


def test_opening_the_page_makes_no_address(client, ben):
    # A GET writes nothing: the address is made when the person asks for it.
    client.force_login(ben)
    response = client.get(url())
    assert response.status_code == 200
    assert "Get my calendar address" in response.content.decode()
    assert not CalendarFeed.objects.filter(client=ben).exists()


def test_asking_makes_the_address_and_shows_it(client, ben):
    client.force_login(ben)
    client.post(url(), {"action": "create"})
    feed = CalendarFeed.objects.get(client=ben)
    assert f"/calendar/{feed.token}.ics" in client.get(url()).content.decode()


def test_a_therapist_gets_their_own_diary_address(client, ana):
    client.force_login(ana)
    client.post(url(), {"action": "create"})
    assert CalendarFeed.objects.filter(client=ana).exists()


def test_making_an_address_is_audited_naming_a_client_only_for_their_own(client, ana, ben):
    # A therapist's diary is theirs: its address names no client's record.
    for person in (ana, ben):
        client.force_login(person)
        client.post(url(), {"action": "create"})
    made = AuditEvent.objects.filter(object_type="calendar_feed", action="write")
    assert set(made.values_list("actor_id", "client_id")) == {(ana.pk, None), (ben.pk, ben.pk)}
