"""Sessions with a date, a start time, a length and a status; preparation that
covers exactly the time since the previous held session."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cairn.goals.services.goal_changes import goal_revise
from cairn.journal.tests.factories import JournalEntryFactory
from cairn.measures.tests.factories import MeasureAssignmentFactory
from cairn.progress.tests.factories import CheckInFactory, WinFactory
from cairn.sessions import services
from cairn.sessions.dates import measures_due_of
from cairn.sessions.models import TherapySession
from cairn.sessions.tests.factories import TherapySessionFactory
from tests.page import words

TODAY = timezone.localdate()


def add(client, ben, **overrides):
    data = {
        "held_on": TODAY.isoformat(),
        "start_time": "10:00",
        "length_minutes": "50",
        "kind": "in_person",
        "status": "planned",
    } | overrides
    return client.post(reverse("sessions:session_create", args=[ben.pk]), data)


def session(ben, ana, day, at=time(10, 0), status="held", **fields):
    return TherapySessionFactory(
        client=ben,
        therapist=ana,
        held_on=day,
        start_time=at,
        length_minutes=50,
        status=status,
        **fields,
    )


def test_a_session_next_week_is_next_never_last(client, ana, ben):
    client.force_login(ana)
    next_week = TODAY + timedelta(days=7)
    add(client, ben, held_on=next_week.isoformat(), start_time="14:30")
    planned = TherapySession.objects.get()
    assert (planned.status, planned.start_time) == ("planned", time(14, 30))
    client.force_login(ben)
    home = client.get(reverse("home:home")).content.decode()
    assert (
        f'Next session:</strong> <a href="{reverse("sessions:session_detail", args=[planned.pk])}">'
        in home
    )
    assert "Last session" not in home
    sessions = client.get(reverse("sessions:session_list", args=[ben.pk])).content.decode()
    assert "Next session:</strong>" in sessions and "Last session" not in sessions


def test_a_session_next_week_cannot_be_marked_held(client, ana, ben):
    client.force_login(ana)
    response = add(client, ben, held_on=(TODAY + timedelta(days=7)).isoformat(), status="held")
    assert "can be marked as held once its day has come" in response.content.decode()
    assert not TherapySession.objects.exists()


def test_a_held_session_is_the_last_and_a_cancelled_one_is_neither(client, ana, ben):
    held = session(ben, ana, TODAY - timedelta(days=14))
    session(ben, ana, TODAY - timedelta(days=3), status="cancelled")
    client.force_login(ben)
    home = client.get(reverse("home:home")).content.decode()
    assert (
        f'Last session:</strong> <a href="{reverse("sessions:session_detail", args=[held.pk])}">'
        in home
    )
    assert "No session planned yet." in home


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TODAY + timedelta(days=366), "more than a year ahead"),
        (TODAY - timedelta(days=366), "more than a year ago"),
    ],
)
def test_a_session_beyond_a_year_either_way_is_refused(client, ana, ben, day, message):
    client.force_login(ana)
    response = add(client, ben, held_on=day.isoformat())
    page = response.content.decode()
    assert message in page and 'id="id_held_on"' in page
    assert not TherapySession.objects.exists()


def test_overlapping_sessions_for_one_therapist_are_refused(client, ana, ben, dana, cara):
    client.force_login(ana)
    add(client, ben, start_time="10:00")
    response = add(client, ben, start_time="10:30")
    assert "overlaps another session in your diary" in response.content.decode()
    assert TherapySession.objects.count() == 1
    # Back to back is fine, and so is the same time in another therapist's diary.
    assert add(client, ben, start_time="10:50").status_code == 302
    client.force_login(cara)
    assert add(client, dana, start_time="10:15").status_code == 302
    assert TherapySession.objects.count() == 3


def test_a_cancelled_session_frees_its_time(client, ana, ben):
    first = session(ben, ana, TODAY + timedelta(days=2), status="cancelled")
    client.force_login(ana)
    assert add(client, ben, held_on=first.held_on.isoformat()).status_code == 302


def test_moving_a_session_onto_another_is_refused_and_nothing_changes(client, ana, ben):
    session(ben, ana, TODAY + timedelta(days=2), status="planned")
    moving = session(ben, ana, TODAY + timedelta(days=3), status="planned")
    client.force_login(ana)
    response = client.post(
        reverse("sessions:session_edit", args=[moving.pk]),
        {
            "held_on": (TODAY + timedelta(days=2)).isoformat(),
            "start_time": "10:20",
            "length_minutes": "50",
            "kind": "video",
            "status": "planned",
            "version": moving.version,
        },
    )
    assert "overlaps another session" in response.content.decode()
    moving.refresh_from_db()
    assert (moving.held_on, moving.kind) == (TODAY + timedelta(days=3), "in_person")


def test_the_therapist_marks_a_session_held(client, ana, ben):
    planned = session(ben, ana, TODAY, at=time(0, 0), status="planned")
    client.force_login(ana)
    client.post(
        reverse("sessions:session_edit", args=[planned.pk]),
        {
            "held_on": TODAY.isoformat(),
            "start_time": "00:00",
            "length_minutes": "50",
            "kind": "in_person",
            "status": "held",
            "version": planned.version,
        },
    )
    planned.refresh_from_db()
    assert planned.status == "held"


def test_a_planned_session_has_no_summary(client, ana, ben):
    planned = session(ben, ana, TODAY + timedelta(days=1), status="planned")
    client.force_login(ana)
    response = client.post(
        reverse("sessions:session_summary", args=[planned.pk]),
        {"summary": "Too early", "homework": "", "version": planned.version, "sign": "1"},
    )
    assert "Mark it as held first" in response.content.decode()
    planned.refresh_from_db()
    assert planned.summary == "" and planned.summary_signed_at is None


def test_preparation_for_an_old_session_holds_nothing_from_after_it(client, ana, ben, goal):
    first = session(ben, ana, TODAY - timedelta(days=40))
    old = session(ben, ana, TODAY - timedelta(days=20))
    CheckInFactory(client=ben, date=TODAY - timedelta(days=30), note="Before the old one")
    CheckInFactory(client=ben, date=TODAY - timedelta(days=5), note="Long after")
    WinFactory(client=ben, text="Later win", happened_on=TODAY - timedelta(days=4))
    JournalEntryFactory(client=ben, title="Shared later", body="x", shared=True)
    goal_revise(
        goal=goal,
        by=ben,
        data={"title": "A later title"},
        version=goal.version,
        reason="life_changed",
    )
    client.force_login(ana)
    page = client.get(reverse("sessions:session_prep", args=[old.pk])).content.decode()
    assert f"from the last session on {first.held_on.day} {first.held_on:%B %Y}" in page
    assert "Before the old one" in page
    for later in ["Long after", "Later win", "Shared later", "A later title", "Life changed"]:
        assert later not in page, later


def test_preparation_brings_the_last_homework_and_my_own_last_note(client, ana, cara, ben):
    from tests.factories import care

    care(cara, ben)
    earlier = session(ben, ana, TODAY - timedelta(days=14))
    services.summary_save(
        session=earlier, by=ana, summary="Talked", homework="Walk on Sunday", version=1, sign=True
    )
    services.note_save(session=earlier, author=ana, text="Thoughts of Ana", version=None)
    services.note_save(session=earlier, author=cara, text="Thoughts of Cara", version=None)
    upcoming = session(ben, ana, TODAY + timedelta(days=1), status="planned")
    client.force_login(ana)
    page = client.get(reverse("sessions:session_prep", args=[upcoming.pk])).content.decode()
    assert "Walk on Sunday" in page and "Thoughts of Ana" in page
    assert "Thoughts of Cara" not in page
    client.force_login(cara)
    page = client.get(reverse("sessions:session_prep", args=[upcoming.pk])).content.decode()
    assert "Thoughts of Cara" in page and "Thoughts of Ana" not in page


def test_the_therapists_calendar_lists_their_sessions_with_generic_titles(client, ana, ben):
    from cairn.interop.models import CalendarFeed

    session(ben, ana, TODAY + timedelta(days=2), at=time(15, 0), status="planned")
    client.force_login(ana)
    assert client.get(reverse("interop:calendar_settings")).status_code == 200
    # Opening the page writes nothing; the address is made when she asks for it.
    client.post(reverse("interop:calendar_settings"), {"action": "create"})
    feed = CalendarFeed.objects.get(client=ana)
    text = client.get(reverse("interop:calendar_feed", args=[feed.token])).content.decode()
    assert "SUMMARY:Session" in text and "T150000" in text
    assert "Ben" not in text and "Marchetti" not in text


def test_measures_asked_before_each_session_open_three_days_before_the_next_one(
    ana, ben, django_assert_num_queries
):
    MeasureAssignmentFactory(client=ben, assigned_by=ana, schedule="before_session")
    # A cancelled session is not the next one.
    session(ben, ana, TODAY + timedelta(days=2), status="cancelled")
    assert measures_due_of(ben, TODAY) == []
    session(ben, ana, TODAY + timedelta(days=3), status="planned")
    # The next session's day, then the assignments, answers and unfinished ones.
    with django_assert_num_queries(4):
        due = measures_due_of(ben, TODAY)
    assert [(d.assignment.measure, d.since) for d in due] == [("phq9", TODAY)]


def test_a_measure_before_each_session_is_not_due_after_todays_session_was_held(ana, ben):
    # The session page calls a session held today "last", not "next"; so do the
    # measures, which would otherwise ask the rest of the day before a session past.
    MeasureAssignmentFactory(client=ben, assigned_by=ana, schedule="before_session")
    session(ben, ana, TODAY, status="held")
    assert measures_due_of(ben, TODAY) == []
    session(ben, ana, TODAY + timedelta(days=7), status="did_not_attend")
    assert measures_due_of(ben, TODAY + timedelta(days=7)) == []


def test_the_sessions_page_counts_days_as_the_client_lives_them(client, ana, ben):
    # 09:00 on Wednesday 11 March in Sydney is still Tuesday in UTC. Ben's session at
    # 08:00 that morning has been held: it is his last session, as his home page says.
    for person in (ana, ben):
        person.time_zone = "Australia/Sydney"
        person.save()
    with time_machine.travel(datetime(2026, 3, 10, 22, 0, tzinfo=UTC), tick=False):
        session(ben, ana, date(2026, 3, 11), at=time(8, 0))
        client.force_login(ben)
        home = words(client.get(reverse("home:home")), within="main")
        page = words(client.get(reverse("sessions:session_list", args=[ben.pk])), within="main")
    assert "Last session: Wednesday 11 March" in home
    assert "Last session: Wednesday 11 March" in page
