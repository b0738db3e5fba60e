"""Session preparation is kept once drawn and drawn again as soon as anything it
shows changes (issue 16): never older than the records, never another's page."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cairn.core.models import AuditEvent
from cairn.core.page_cache import forget_all
from cairn.journal.tests.factories import JournalEntryFactory
from cairn.progress.tests.factories import CheckInFactory
from cairn.routines.tests.factories import RoutineFactory, RoutineLogFactory
from cairn.safety.tests.factories import RiskFlagFactory, SafetyPlanFactory
from cairn.sessions import services
from cairn.sessions.models import SessionNote
from cairn.sessions.tests.factories import AgendaItemFactory, TherapySessionFactory
from tests.factories import care

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _nothing_kept():
    forget_all()


@pytest.fixture
def sessions(ana, ben):
    """A session held ten days ago, with Ana's private note, and tomorrow's."""
    earlier = TherapySessionFactory(
        client=ben,
        therapist=ana,
        held_ten_days_ago=True,
    )
    services.note_save(session=earlier, author=ana, text="Thoughts for Ana only", version=None)
    upcoming = TherapySessionFactory(
        client=ben,
        therapist=ana,
        held_on=TODAY + timedelta(days=1),
        start_time=time(10, 0),
        length_minutes=50,
    )
    return earlier, upcoming


def prep(client, session):
    return client.get(reverse("sessions:session_prep", args=[session.pk])).content.decode()


def main(page):
    """The page's own content (each response has its own nonce around it)."""
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_kept_preparation_is_the_one_drawn_and_costs_less(client, ana, sessions):
    _, upcoming = sessions
    client.force_login(ana)
    prep(client, upcoming)  # the browser's first visit (its CSRF cookie, the idle timer)
    forget_all()
    with CaptureQueriesContext(connection) as drawn:
        first = prep(client, upcoming)
    with CaptureQueriesContext(connection) as kept:
        second = prep(client, upcoming)
    assert main(second) == main(first)
    assert len(kept) < len(drawn) - 10


def test_it_changes_as_soon_as_the_record_does(client, ana, ben, sessions):
    _, upcoming = sessions
    client.force_login(ana)
    assert "Better week" not in prep(client, upcoming)
    checkin = CheckInFactory(client=ben, date=TODAY - timedelta(days=2), note="Better week")
    assert "Better week" in prep(client, upcoming)
    checkin.note = "A calmer week"
    checkin.save()
    assert "A calmer week" in prep(client, upcoming)
    checkin.delete()
    assert "A calmer week" not in prep(client, upcoming)
    entry = JournalEntryFactory(
        client=ben, title="Shared lately", shared_with_therapist=True, shared_at=timezone.now()
    )
    assert "Shared lately" in prep(client, upcoming)
    entry.shared_with_therapist = False
    entry.save()
    assert "Shared lately" not in prep(client, upcoming)
    # A new name shows at once, in the heading and wherever the client is named.
    ben.name = "Benedict Marchetti"
    ben.save()
    assert "with Benedict Marchetti" in prep(client, upcoming)


def test_each_therapist_gets_only_their_own_preparation(client, ana, cara, ben, sessions):
    _, upcoming = sessions
    care(cara, ben)  # Cara treats Ben too, as a co-therapist
    client.force_login(ana)
    assert "Thoughts for Ana only" in prep(client, upcoming)
    client.force_login(cara)
    page = prep(client, upcoming)
    assert "Thoughts for Ana only" not in page
    assert "You haven't written a private note" in page


def test_every_reading_audits_the_private_note_it_shows(client, ana, ben, sessions):
    _, upcoming = sessions
    client.force_login(ana)
    for _ in range(2):
        prep(client, upcoming)
    # Read on the page both times, kept or not.
    reads = AuditEvent.objects.filter(object_type="session_note", action="read", client_id=ben.pk)
    assert reads.count() == 2


def test_its_agenda_safety_plan_note_and_the_names_it_gives_show_at_once(
    client, ana, ben, sessions
):
    earlier, upcoming = sessions
    client.force_login(ana)
    assert "Sunday evenings still feel heavy" not in prep(client, upcoming)
    item = AgendaItemFactory(client=ben, text="Sunday evenings still feel heavy")
    assert "Sunday evenings still feel heavy" in prep(client, upcoming)
    item.text = "Mondays at work"
    item.save()
    assert "Mondays at work" in prep(client, upcoming)
    assert "No safety plan yet" in prep(client, upcoming)
    plan = SafetyPlanFactory(client=ben, written_by=ana)
    assert "No safety plan yet" not in prep(client, upcoming)
    # The plan's author is named on it: a new name of hers shows at once too.
    ana.name = "Ana Lindqvist-Reyes"
    ana.save()
    assert "by Ana Lindqvist-Reyes" in prep(client, upcoming)
    plan.delete()
    assert "No safety plan yet" in prep(client, upcoming)
    services.note_save(
        session=earlier,
        author=ana,
        text="A second thought for Ana only",
        version=SessionNote.objects.get(session=earlier).version,
    )
    assert "A second thought for Ana only" in prep(client, upcoming)
    assert "Words about not wanting to be here" not in prep(client, upcoming)
    RiskFlagFactory(client=ben)
    assert "Words about not wanting to be here" in prep(client, upcoming)


def test_a_routines_day_leaves_it_kept(client, ana, ben, sessions):
    # A routine's days are not on the preparation: marking one is no reason to draw it.
    _, upcoming = sessions
    client.force_login(ana)
    prep(client, upcoming)
    with CaptureQueriesContext(connection) as kept:
        first = prep(client, upcoming)
    RoutineLogFactory(routine=RoutineFactory(client=ben), date=TODAY)
    with CaptureQueriesContext(connection) as after_a_mark:
        second = prep(client, upcoming)
    assert main(second) == main(first)
    assert len(after_a_mark) == len(kept)
