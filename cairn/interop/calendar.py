"""The iCalendar feed: step due dates, routines and therapy sessions. Titles are
generic unless the client chose to show their own; no clinical text otherwise."""

from datetime import datetime, timedelta

from django.conf import settings
from icalendar import Calendar, Event, vRecur

from cairn.accounts.models import User
from cairn.accounts.time import zone_of
from cairn.goals.models import Lifecycle, Milestone
from cairn.routines.models import Period, Routine
from cairn.sessions.models import TherapySession


def feed_for(client: User, *, show_titles: bool) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Cairn//Private calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Cairn")
    host = settings.CAIRN_SITE_URL.split("//")[-1].split("/")[0] or "cairn.local"
    zone = zone_of(client)

    for milestone in Milestone.objects.filter(
        goal__client=client,
        goal__lifecycle_status=Lifecycle.ACTIVE,
        done_at__isnull=True,
        due_date__isnull=False,
    ):
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

    for session in TherapySession.objects.filter(client=client):
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("summary", "Therapy session")
        event.add("dtstart", session.held_on)
        event.add("dtend", session.held_on + timedelta(days=1))
        event.add("dtstamp", session.updated_at)
        calendar.add_component(event)
    # Timed routines name their zone; the zone's definition travels with the feed.
    calendar.add_missing_timezones()
    return calendar.to_ical()


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
