from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cairn.measures.models import MeasureAssignment
from cairn.measures.selectors import measures_due_for
from cairn.measures.tests.factories import MeasureAssignmentFactory, response
from cairn.reminders.schedule import send_due_reminders
from tests.page import headings, words

DAY = date(2026, 3, 2)


def assign(ben, ana, schedule, **fields):
    """Ana asks Ben for a questionnaire (PHQ-9 unless `measure` says) from DAY."""
    return MeasureAssignmentFactory(
        client=ben, assigned_by=ana, schedule=schedule, **({"starts_on": DAY} | fields)
    )


def due_on(ben, day, next_session_on=None):
    return [
        (d.assignment.measure, d.since)
        for d in measures_due_for(ben, day, next_session_on=next_session_on)
    ]


def test_once_until_done(ben, ana):
    assign(ben, ana, "once")
    assert due_on(ben, DAY - timedelta(days=1)) == []  # not started yet
    assert due_on(ben, DAY + timedelta(days=5)) == [("phq9", DAY)]
    response(ben, "phq9", DAY + timedelta(days=5), 7)
    assert due_on(ben, DAY + timedelta(days=60)) == []


def test_every_two_weeks(ben, ana):
    assign(ben, ana, "every_weeks", every_weeks=2)
    assert due_on(ben, DAY) == [("phq9", DAY)]
    response(ben, "phq9", DAY + timedelta(days=1), 7)
    assert due_on(ben, DAY + timedelta(days=14)) == []
    assert due_on(ben, DAY + timedelta(days=15)) == [("phq9", DAY + timedelta(days=15))]


def test_answers_before_the_assignment_do_not_count(ben, ana):
    response(ben, "gad7", DAY - timedelta(days=3), 7)
    assign(ben, ana, "once", measure="gad7")
    assert due_on(ben, DAY) == [("gad7", DAY)]


def test_before_each_session(ben, ana):
    assign(ben, ana, "before_session")
    session = DAY + timedelta(days=10)
    assert due_on(ben, DAY, next_session_on=None) == []
    assert due_on(ben, session - timedelta(days=4), next_session_on=session) == []
    opens = session - timedelta(days=3)
    assert due_on(ben, opens, next_session_on=session) == [("phq9", opens)]
    response(ben, "phq9", opens + timedelta(days=1), 7)
    assert due_on(ben, session, next_session_on=session) == []


def test_an_ended_assignment_is_not_due(ben, ana):
    assignment = assign(ben, ana, "once")
    assignment.ended_at = timezone.now()
    assignment.save()
    assert due_on(ben, DAY) == []


def test_it_shows_on_the_clients_home(client, ben, ana):
    assign(ben, ana, "once", starts_on=timezone.localdate())
    client.force_login(ben)
    home = client.get(reverse("home:home"))
    assert "A short questionnaire is waiting" in headings(home)
    assert "Fill in the PHQ-9" in words(home)
    assert reverse("measures:response_create", args=["phq9"]) in home.content.decode()


def test_a_gentle_reminder_without_clinical_words(ben, ana):
    assign(ben, ana, "once")
    evening = datetime.combine(DAY, time(19, 30), tzinfo=ZoneInfo(ben.time_zone or "UTC"))
    send_due_reminders(evening)
    send_due_reminders(evening + timedelta(minutes=5))  # never twice
    sent = [m for m in mail.outbox if "questionnaire" in m.subject]
    assert len(sent) == 1
    words = (sent[0].subject + sent[0].body).lower()
    for clinical in ("phq", "gad", "depress", "anxi", "mood", "score", "measure"):
        assert clinical not in words


def test_when_care_ends_the_client_is_no_longer_asked(
    ben, ana, ana_and_ben, django_capture_on_commit_callbacks
):
    from cairn.care.services import care_end

    assign(ben, ana, "once")
    with django_capture_on_commit_callbacks(execute=True):
        care_end(relationship=ana_and_ben, by=ana, reason="Finished")
    assert due_on(ben, DAY + timedelta(days=1)) == []
    assert MeasureAssignment.objects.get(client=ben).ended_at is not None
