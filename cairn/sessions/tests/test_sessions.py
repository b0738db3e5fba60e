from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.journal.tests.factories import JournalEntryFactory
from cairn.progress.tests.factories import CheckInFactory, GoalRatingFactory, WinFactory
from cairn.safety.models import Action
from cairn.safety.tests.factories import RiskFlagFactory
from cairn.sessions.models import AgendaItem, TherapySession
from cairn.sessions.tests.factories import TherapySessionFactory
from tests.page import words

TODAY = timezone.localdate()


def tomorrow_at_ten(client, therapist):
    """A fifty-minute session planned for tomorrow at 10:00."""
    return TherapySessionFactory(
        client=client, therapist=therapist, held_on=TODAY + timedelta(days=1), start_time=time(10)
    )


def test_the_therapist_logs_a_session(client, ana, ben):
    client.force_login(ana)
    response = client.post(
        reverse("sessions:session_create", args=[ben.pk]),
        {
            "held_on": TODAY.isoformat(),
            "start_time": "00:00",
            "length_minutes": "50",
            "kind": "video",
            "status": "held",
        },
    )
    session = TherapySession.objects.get()
    assert response.url == reverse("sessions:session_detail", args=[session.pk])
    assert (session.client, session.therapist, session.kind) == (ben, ana, "video")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"held_on": (TODAY + timedelta(days=400)).isoformat()}, "more than a year ahead"),
        ({"length_minutes": "-5"}, "A session lasts at least a minute."),
        ({"length_minutes": "601"}, "longer than ten hours"),
        ({"length_minutes": "fifty"}, "Please enter the length in whole minutes"),
        ({"kind": "<script>"}, "Select a valid choice"),
    ],
)
def test_bad_session_details_get_a_message(client, ana, ben, data, message):
    client.force_login(ana)
    values = {
        "held_on": TODAY.isoformat(),
        "start_time": "10:00",
        "length_minutes": "50",
        "kind": "in_person",
        "status": "planned",
    } | data
    response = client.post(reverse("sessions:session_create", args=[ben.pk]), values)
    assert message in response.content.decode()
    assert not TherapySession.objects.exists()


def test_the_client_sees_the_summary_and_homework_on_their_home_page(
    client, ana, ben, therapy_session
):
    client.force_login(ana)
    client.post(
        reverse("sessions:session_summary", args=[therapy_session.pk]),
        {
            "summary": "We talked about Sunday evenings.",
            "homework": "Try the walk plan once.",
            "version": therapy_session.version,
            "sign": "1",
        },
    )
    client.force_login(ben)
    page = client.get(reverse("home:home")).content.decode()
    assert "We talked about Sunday evenings." in page and "Try the walk plan once." in page
    assert (
        client.get(reverse("sessions:session_summary", args=[therapy_session.pk])).status_code
        == 403
    )


def test_two_edits_of_a_summary_conflict_and_nothing_is_lost(client, ana, therapy_session):
    client.force_login(ana)
    seen = therapy_session.version
    client.post(
        reverse("sessions:session_summary", args=[therapy_session.pk]),
        {"summary": "First words", "homework": "", "version": seen},
    )
    response = client.post(
        reverse("sessions:session_summary", args=[therapy_session.pk]),
        {"summary": "Second words", "homework": "", "version": seen},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "First words" in page and "Second words" in page
    therapy_session.refresh_from_db()
    assert therapy_session.summary == "First words"


def test_script_in_a_summary_gets_a_message(client, ana, therapy_session):
    client.force_login(ana)
    response = client.post(
        reverse("sessions:session_summary", args=[therapy_session.pk]),
        {"summary": "<script>alert(1)</script>", "homework": "", "version": 1},
    )
    assert "Please use plain words here" in response.content.decode()
    therapy_session.refresh_from_db()
    assert therapy_session.summary == ""


def test_the_client_adds_agenda_items_and_the_therapist_marks_them_discussed(
    client, ana, ben, goal
):
    therapy_session = tomorrow_at_ten(ben, ana)
    client.force_login(ben)
    client.post(reverse("sessions:agenda_create"), {"text": "Work deadlines", "goal": str(goal.pk)})
    item = AgendaItem.objects.get()
    client.force_login(ana)
    prep = client.get(reverse("sessions:session_prep", args=[therapy_session.pk])).content.decode()
    assert "Work deadlines" in prep
    client.post(
        reverse("sessions:agenda_discussed", args=[item.pk]), {"session": str(therapy_session.pk)}
    )
    item.refresh_from_db()
    assert item.discussed_in == therapy_session
    client.force_login(ben)
    assert (
        "Discussed" in client.get(reverse("sessions:agenda_list", args=[ben.pk])).content.decode()
    )


def test_preparation_gathers_everything_since_the_last_session(client, ana, ben, goal, milestone):
    from cairn.goals.services.goal_changes import goal_revise
    from cairn.goals.services.milestones import milestone_complete

    earlier = TherapySessionFactory(
        client=ben,
        therapist=ana,
        held_ten_days_ago=True,
    )
    old = CheckInFactory(client=ben, date=TODAY - timedelta(days=12))
    GoalRatingFactory(checkin=old, goal=goal, rating=3)
    new = CheckInFactory(client=ben, date=TODAY - timedelta(days=2), note="Better week")
    GoalRatingFactory(checkin=new, goal=goal, rating=6)
    WinFactory(client=ben, text="Went swimming", happened_on=TODAY - timedelta(days=3))
    WinFactory(client=ben, text="Old win", happened_on=TODAY - timedelta(days=20))
    milestone_complete(milestone=milestone, by=ben)
    goal_revise(
        goal=goal,
        by=ben,
        data={"title": "Walk twice a week"},
        version=goal.version,
        reason="out_of_reach",
    )
    # An agreed goal's new title waits for the other side (issue 11, item 7): Ana agrees.
    from cairn.goals.models import GoalChange
    from cairn.goals.services.goal_changes import goal_change_agree

    goal_change_agree(change=GoalChange.objects.get(goal=goal), by=ana)
    JournalEntryFactory(client=ben, title="Shared lately", body="x", shared=True)
    today_session = tomorrow_at_ten(ben, ana)

    client.force_login(ana)
    page = client.get(reverse("sessions:session_prep", args=[today_session.pk])).content.decode()
    assert f"from the last session on {earlier.held_on:%-d %B %Y}" in page
    assert "Walk twice a week: 3 → 6" in page
    assert "Went swimming" in page and "Old win" not in page
    assert "Step reached: Walk once this week" in page
    assert "It feels out of reach" in page
    assert "Shared lately" in page
    assert "Better week" in page


def test_preparation_shows_the_flags_waiting_for_review_and_not_those_reviewed(client, ana, ben):
    RiskFlagFactory(client=ben, reason="Words of risk in an agenda item: “end it all”")
    RiskFlagFactory(
        client=ben,
        reason="Mood “Very low” in a check-in",
        reviewed_by=ana,
        reviewed_at=timezone.now(),
        action=Action.CALLED,
    )
    session = tomorrow_at_ten(ben, ana)

    client.force_login(ana)
    page = words(client.get(reverse("sessions:session_prep", args=[session.pk])), within="main")
    assert "May need your attention now Words of risk in an agenda item" in page
    # Ana already called Ben about the low mood: the record keeps it, the preparation
    # does not raise it again.
    assert "Mood “Very low” in a check-in" not in page
