"""The iCalendar feeds. A client's: step due dates, routines and therapy sessions,
with generic titles unless the client chose to show their own. A therapist's: their
own sessions, always with generic titles and never a client's name. No clinical
text in either."""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings

from cairn.accounts.models import User
from cairn.accounts.time import local_today, zone_of
from cairn.goals.models import Milestone
from cairn.routines.models import Period, Routine
from cairn.sessions.models import SessionStatus, TherapySession
from cairn.sessions.selectors import sessions_of_therapist

if TYPE_CHECKING:
    from icalendar import Calendar, Event

# icalendar takes seconds to import (its time zones), and every start of Cairn would
# pay for it (each manage.py command loads the URLs): it is imported by the feeds.


def feed_for(client: User, *, show_titles: bool) -> bytes:
    from icalendar import Event, vRecur

    calendar = _calendar("Cairn")
    host = _host()
    zone = zone_of(client)

    for milestone in Milestone.objects.open_and_dated().filter(goal__client=client):
        event = Event()
        event.add("uid", f"step-{milestone.pk}@{host}")
        event.add("summary", milestone.title if show_titles else "A step on your way")
        event.add("dtstart", milestone.due_date)
        event.add("dtend", milestone.due_date + timedelta(days=1) if milestone.due_date else None)
        event.add("dtstamp", milestone.updated_at)
        calendar.add_component(event)

    for routine in Routine.objects.filter(
        client=client, archived_at__isnull=True, paused_at__isnull=True
    ):
        event = Event()
        event.add("uid", f"routine-{routine.pk}@{host}")
        event.add("summary", routine.name if show_titles else "Your routine")
        start_day = routine.created_at.astimezone(zone).date()
        if routine.time_of_day:
            start = datetime.combine(start_day, routine.time_of_day, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=30))
        else:
            event.add("dtstart", start_day)
        event.add("rrule", vRecur(recurrence(routine)))
        event.add("dtstamp", routine.updated_at)
        calendar.add_component(event)

    for session in (
        TherapySession.objects.filter(client=client)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("therapist")
    ):
        calendar.add_component(_session_event(session, host, "Therapy session"))
    # Timed routines name their zone; the zone's definition travels with the feed.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def therapist_feed_for(therapist: User) -> bytes:
    """The therapist's own sessions from a year back: "Session", never a name."""
    calendar = _calendar("Cairn sessions")
    host = _host()
    since = local_today(therapist) - timedelta(days=365)
    for session in sessions_of_therapist(therapist, since=since):
        calendar.add_component(_session_event(session, host, "Session"))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _calendar(name: str) -> "Calendar":
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//Cairn//Private calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _host() -> str:
    """This Cairn's host name, which makes each event's id unique to it."""
    return settings.CAIRN_SITE_URL.split("//")[-1].split("/")[0] or "cairn.local"


def _session_event(session: TherapySession, host: str, title: str) -> "Event":
    from icalendar import Event

    event = Event()
    event.add("uid", f"session-{session.pk}@{host}")
    event.add("summary", title)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("dtstamp", session.updated_at)
    return event


SPREAD = ["MO", "WE", "FR", "TU", "TH", "SA", "SU"]
WEEK_ORDER = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def recurrence(routine: Routine) -> dict[str, object]:
    """The routine's rhythm as an RRULE: three times a week is Monday, Wednesday, Friday."""
    if routine.period == Period.DAY:
        return {"freq": "DAILY"}
    if routine.period == Period.WEEK:
        if routine.times >= 7:
            return {"freq": "DAILY"}
        days = sorted(SPREAD[: routine.times], key=WEEK_ORDER.index)
        return {"freq": "WEEKLY", "byday": days}
    if routine.times <= 4:
        return {"freq": "MONTHLY", "bymonthday": [1, 8, 15, 22][: routine.times]}
    per_week = min(7, -(-routine.times // 4))
    return {"freq": "WEEKLY", "byday": sorted(SPREAD[:per_week], key=WEEK_ORDER.index)}
