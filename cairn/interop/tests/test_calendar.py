from datetime import time, timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cairn.goals.models import Lifecycle
from cairn.goals.tests.factories import MilestoneFactory
from tests.factories import goal_for


def url(feed) -> str:
    return reverse("interop:calendar_feed", args=[feed.token])


def events(response):
    calendar = Calendar.from_ical(response.content)
    return [component for component in calendar.walk() if component.name == "VEVENT"]


def test_the_feed_parses_and_holds_steps_routines_and_sessions(
    client, ben, goal, milestone, routine, therapy_session, calendar_feed
):
    milestone.due_date = timezone.localdate() + timedelta(days=5)
    milestone.save()
    routine.time_of_day = time(7, 30)
    routine.save()
    response = client.get(url(calendar_feed))
    assert response["Content-Type"].startswith("text/calendar")
    summaries = sorted(str(e["SUMMARY"]) for e in events(response))
    assert summaries == ["A step on your way", "Therapy session", "Your routine"]
    routine_event = next(e for e in events(response) if str(e["SUMMARY"]) == "Your routine")
    assert routine_event["RRULE"]["FREQ"] == ["WEEKLY"]


def test_no_clinical_text_unless_the_client_chose_titles(
    client, ben, goal, milestone, routine, calendar_feed, barrier, plan
):
    milestone.due_date = timezone.localdate() + timedelta(days=5)
    milestone.save()
    text = client.get(url(calendar_feed)).content.decode()
    for private in (
        goal.title,
        milestone.title,
        routine.name,
        barrier.description,
        plan.then_action,
    ):
        assert private not in text
    calendar_feed.show_titles = True
    calendar_feed.save()
    text = client.get(url(calendar_feed)).content.decode()
    assert milestone.title in text and routine.name in text
    assert goal.title not in text and barrier.description not in text


def test_a_wrong_or_reset_address_reveals_nothing(client, ben, calendar_feed):
    old = calendar_feed.token
    assert client.get(reverse("interop:calendar_feed", args=[old[:-2] + "xx"])).status_code == 404
    client.force_login(ben)
    client.post(reverse("interop:calendar_settings"), {"action": "reset"})
    client.logout()
    assert client.get(reverse("interop:calendar_feed", args=[old])).status_code == 404
    calendar_feed.refresh_from_db()
    assert client.get(url(calendar_feed)).status_code == 200


def test_the_calendar_spreads_three_a_week_and_carries_its_time_zone(
    client, ben, routine, calendar_feed
):
    routine.time_of_day = time(7, 30)
    routine.save()
    calendar = Calendar.from_ical(client.get(url(calendar_feed)).content)
    event = next(c for c in calendar.walk("VEVENT") if str(c["SUMMARY"]) == "Your routine")
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_only_dated_steps_still_to_take_on_active_goals_are_in_the_feed(
    client, ben, ana, goal, calendar_feed
):
    calendar_feed.show_titles = True
    calendar_feed.save()
    soon = timezone.localdate() + timedelta(days=5)
    MilestoneFactory(goal=goal, title="Ring the allotment society", due_date=soon)
    MilestoneFactory(goal=goal, title="Buy seed potatoes", due_date=None)
    MilestoneFactory(goal=goal, title="Dig the first bed", due_date=soon, done_at=timezone.now())
    paused = goal_for(ben, by=ben, agreed_by=ana, title="Learn the fiddle")
    paused.lifecycle_status = Lifecycle.ON_HOLD
    paused.save()
    MilestoneFactory(goal=paused, title="Find a teacher", due_date=soon)
    summaries = [str(e["SUMMARY"]) for e in events(client.get(url(calendar_feed)))]
    assert summaries == ["Ring the allotment society"]
