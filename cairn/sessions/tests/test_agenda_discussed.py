import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.care.models import CareRelationship
from cairn.sessions.tests.factories import TherapySessionFactory
from tests.factories import care
from tests.page import words


def test_marking_discussed_never_redirects_off_site_or_fails_on_a_bad_session(
    client, ana, agenda_item
):
    client.force_login(ana)
    response = client.post(
        reverse("sessions:agenda_discussed", args=[agenda_item.pk]),
        {"session": "not-a-uuid", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response.url == reverse("home:home")


def _as_read_only_co_therapist(ana, cara, ben):
    co = care(cara, ben)
    co.may_write = False
    co.save()
    return cara


def _as_former_therapist(ana, cara, ben):
    practice = ana.membership.practice
    practice.therapist_read_after_care_ends = True
    practice.save()
    CareRelationship.objects.filter(therapist=ana).update(ended_at=timezone.now())
    return ana


@pytest.mark.parametrize(
    ("who", "may_mark", "answer"),
    [
        (lambda ana, cara, ben: ana, True, 302),
        # Those who may not write the record do not find the item; the client finds
        # their own, but marking it is their therapist's part.
        (_as_read_only_co_therapist, False, 404),
        (_as_former_therapist, False, 404),
        (lambda ana, cara, ben: ben, False, 403),
    ],
    ids=["therapist", "read-only co-therapist", "former therapist", "the client"],
)
def test_the_mark_discussed_button_shows_only_to_who_may_mark(
    client, ana, cara, ben, agenda_item, therapy_session, who, may_mark, answer
):
    person = who(ana, cara, ben)
    client.force_login(person)
    page = client.get(reverse("sessions:agenda_list", args=[ben.pk])).content.decode()
    assert agenda_item.text in page
    assert ("Mark discussed" in page) == may_mark
    response = client.post(
        reverse("sessions:agenda_discussed", args=[agenda_item.pk]),
        {"session": str(therapy_session.pk)},
    )
    agenda_item.refresh_from_db()
    assert (agenda_item.discussed_at is not None) == may_mark
    assert response.status_code == answer


def test_marked_discussed_from_the_list_it_goes_with_the_session_held_not_the_next(
    client, ana, ben, agenda_item
):
    today = timezone.localdate()
    held = TherapySessionFactory(
        client=ben, therapist=ana, held_on=today - timedelta(days=7), status="held"
    )
    planned = TherapySessionFactory(client=ben, therapist=ana, held_on=today + timedelta(days=7))
    client.force_login(ana)
    page = client.get(reverse("sessions:agenda_list", args=[ben.pk])).content.decode()
    # The list's button, as the browser sends it.
    form = re.search(r'<form method="post" action="([^"]+)".*?name="session" value="([^"]*)"', page)
    assert form is not None
    client.post(form[1], {"session": form[2]})
    talked_about = "Talked about " + agenda_item.text
    detail = reverse("sessions:session_detail", args=[held.pk])
    assert talked_about in words(client.get(detail), within="main")
    # Next week's session has not happened: nothing was talked about in it yet.
    detail = reverse("sessions:session_detail", args=[planned.pk])
    assert "Talked about" not in words(client.get(detail), within="main")
