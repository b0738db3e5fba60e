"""The caseload keeps each card it drew and draws it again as soon as anything on it
changes (issue 16): what a therapist sees is never older than the records."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cairn.care.models import CareRelationship, Role
from cairn.core.page_cache import forget_all
from cairn.progress.models import TrackingPause, pauses_covering
from cairn.progress.tests.factories import TrackingPauseFactory
from cairn.sessions import services as sessions
from tests.factories import care, goal_for, member


@pytest.fixture(autouse=True)
def _nothing_kept():
    forget_all()


def caseload(client):
    return client.get(reverse("home:home")).content.decode()


def card_of(page, text):
    return next(chunk for chunk in page.split('<li class="card caseload__row')[1:] if text in chunk)


def test_a_kept_card_is_the_card_drawn_without_drawing_it_again(client, ana, ben):
    client.force_login(ana)
    with CaptureQueriesContext(connection) as drawn:
        first = caseload(client)
    with CaptureQueriesContext(connection) as kept:
        second = caseload(client)
    assert card_of(second, "Ben") == card_of(first, "Ben")
    # The kept card needs no read of the client's records.
    assert len(kept) < len(drawn)


def test_a_card_changes_as_soon_as_its_client_record_does(client, ana, ben):
    client.force_login(ana)
    assert "on their agenda" not in card_of(caseload(client), "Ben")
    sessions.agenda_add(client=ben, text="Talk about work", goal=None)
    assert "1 thing on their agenda" in card_of(caseload(client), "Ben")
    ben.name = "Benedict Marchetti"
    ben.save()
    assert "Benedict Marchetti" in card_of(caseload(client), "Ben")
    membership = ben.membership
    membership.reference = "C-0042"
    membership.save()
    assert "C-0042" in card_of(caseload(client), "Ben")


def test_a_pause_takes_a_quiet_client_out_of_gone_quiet_at_once(client, ana, ben):
    relationship = CareRelationship.objects.get(therapist=ana, client=ben)
    relationship.started_on = timezone.localdate() - timedelta(days=60)
    relationship.save()
    goal_for(ben, by=ben, agreed_by=ana)
    client.force_login(ana)
    assert 'data-attention="quiet"' in card_of(caseload(client), "Ben")
    TrackingPauseFactory(client=ben, starts_on=timezone.localdate() - timedelta(days=1))
    assert 'data-attention="none"' in card_of(caseload(client), "Ben")


@pytest.mark.parametrize(
    ("starts", "ends", "attention"),
    [
        (0, None, "none"),  # paused from today, open-ended
        (-9, 0, "none"),  # the pause ends today: still resting
        (-9, -1, "quiet"),  # it ended yesterday: a check-in is expected again
        (1, None, "quiet"),  # it starts tomorrow
    ],
)
def test_a_pause_rests_the_caseload_from_its_first_day_to_its_last(
    client, ana, ben, starts, ends, attention
):
    relationship = CareRelationship.objects.get(therapist=ana, client=ben)
    relationship.started_on = timezone.localdate() - timedelta(days=60)
    relationship.save()
    goal_for(ben, by=ben, agreed_by=ana)
    today = timezone.localdate()
    TrackingPauseFactory(
        client=ben,
        starts_on=today + timedelta(days=starts),
        ends_on=None if ends is None else today + timedelta(days=ends),
    )
    client.force_login(ana)
    assert f'data-attention="{attention}"' in card_of(caseload(client), "Ben")
    assert TrackingPause.objects.filter(pauses_covering(today)).exists() is (attention == "none")


def test_one_therapist_never_gets_another_therapists_card(client, ana, cara, ben, dana):
    # Cara works with Ben too, since a later day: the same client, another card.
    shared = care(cara, ben)
    shared.started_on = timezone.localdate() - timedelta(days=3)
    shared.save()
    CareRelationship.objects.filter(therapist=ana, client=ben).update(
        started_on=timezone.localdate() - timedelta(days=400)
    )
    client.force_login(ana)
    anas = caseload(client)
    client.force_login(cara)
    caras = caseload(client)
    since = "In care since {:%-d %b %Y}"
    assert since.format(timezone.localdate() - timedelta(days=400)) in card_of(anas, "Ben")
    assert since.format(timezone.localdate() - timedelta(days=3)) in card_of(caras, "Ben")
    assert "Dana" in caras and "Dana" not in anas
    # Another therapist, whose client has Ben's name, sees only their own client.
    other = member(ana.membership.practice, Role.THERAPIST, mfa=True, name="Olu Other")
    namesake = member(ana.membership.practice, Role.CLIENT, name=ben.name, email="b2@x.test")
    care(other, namesake)
    client.force_login(other)
    page = caseload(client)
    assert page.count('data-attention="') == 1
    assert str(namesake.pk) in page and str(ben.pk) not in page
