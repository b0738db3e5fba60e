from datetime import time, timedelta

from django.utils import timezone
from icalendar import Calendar


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
    response = client.get(f"/calendar/{calendar_feed.token}.ics")
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
    text = client.get(f"/calendar/{calendar_feed.token}.ics").content.decode()
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
    text = client.get(f"/calendar/{calendar_feed.token}.ics").content.decode()
    assert milestone.title in text and routine.name in text
    assert goal.title not in text and barrier.description not in text


def test_a_wrong_or_reset_address_reveals_nothing(client, ben, calendar_feed):
    old = calendar_feed.token
    assert client.get(f"/calendar/{old[:-2]}xx.ics").status_code == 404
    client.force_login(ben)
    client.post("/calendar/", {"action": "reset"})
    client.logout()
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    calendar_feed.refresh_from_db()
    assert client.get(f"/calendar/{calendar_feed.token}.ics").status_code == 200
