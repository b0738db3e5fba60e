"""Which reminders are due now, for whom, in their own time zone.

Run every minute or so (the `reminders_scheduler` command queues it for the task
worker). Each reminder is sent at the first run at or after its local time, never
inside the person's quiet hours, and never twice: see notify.remind_once.
"""

from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.time import zone_of
from cairn.care.selectors import clients_of_every_practice
from cairn.goals.models import Milestone
from cairn.progress.models import CheckIn
from cairn.progress.selectors import tracking_rests_on
from cairn.reminders.models import Preference, Rhythm
from cairn.reminders.notify import preference_of, remind_once
from cairn.routines.models import PERIOD_DAYS, LogStatus, Period, Routine, RoutineLog
from cairn.sessions.dates import measures_due_of


def _checkin_day(rhythm: str, weekday: int) -> bool:
    if rhythm == Rhythm.DAILY:
        return True
    if rhythm == Rhythm.WEEKDAYS:
        return weekday < 5
    if rhythm == Rhythm.WEEKLY:
        return weekday == 0
    return False


def _routine_due(routine: Routine, logs: Sequence[tuple[object, date, str]], today: date) -> bool:
    """Nothing marked today, and the period's target not yet met: a walk three
    times a week stops reminding once the third walk of the week is done."""
    mine = [(day, status) for routine_id, day, status in logs if routine_id == routine.pk]
    if any(day == today for day, _ in mine):
        return False
    window = PERIOD_DAYS[Period(routine.period)]
    done = sum(
        1
        for day, status in mine
        if status == LogStatus.DONE and day > today - timedelta(days=window)
    )
    return done < routine.times


# What each kind of reminder says, in the bell and the e-mail's subject: never a
# clinical word, nor which measure is due.
REMINDER_WORDS = {
    "checkin": "You have a check-in waiting",
    "routine": "It's time for one of your routines",
    "measure": "You have a short questionnaire waiting",
    "milestone": "A step on one of your goals is due today",
}


class Due(NamedTuple):
    """A reminder that is due now. `about` says, within its kind, what it is for: a
    reminder is sent once, ever, under its key."""

    kind: str
    about: str
    link: str
    detail: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.about}"


def reminders_for(user: User, preference: Preference, now: datetime) -> int:
    """Sends the person's reminders due `now`, each once ever; returns how many. None in
    their quiet hours, and none on a day their tracking rests (a pause they set:
    progress.selectors.tracking_rests_on): nothing is expected of them then, and nothing
    is kept to send later. Reminders start again the first day after the pause, for
    what is due that day (a questionnaire still waiting, that day's check-in)."""
    local = now.astimezone(zone_of(user))
    today, moment = local.date(), local.time()
    if preference.is_quiet(moment):
        return 0
    if tracking_rests_on(user, today):
        return 0
    due = list(_checkin_due(user, preference, today, moment))
    if preference.routine_reminders:
        due += _routines_due(user, today, moment)
    if moment >= preference.checkin_time:
        due += _questionnaires_due(user, today)
    if preference.step_reminders:
        due += _steps_due(user, today)
    return sum(
        remind_once(
            user=user,
            key=reminder.key,
            kind=reminder.kind,
            message=REMINDER_WORDS[reminder.kind],
            link=reminder.link,
            detail=reminder.detail,
        )
        for reminder in due
    )


def _checkin_due(user: User, preference: Preference, today: date, moment: time) -> Iterator[Due]:
    if (
        _checkin_day(preference.checkin_rhythm, today.weekday())
        and moment >= preference.checkin_time
        and not CheckIn.objects.filter(client=user, date=today).exists()
    ):
        yield Due("checkin", about=today.isoformat(), link=reverse("progress:checkin"))


def _routines_due(user: User, today: date, moment: time) -> Iterator[Due]:
    recent = list(
        RoutineLog.objects.filter(
            routine__client=user, date__gt=today - timedelta(days=31), date__lte=today
        ).values_list("routine_id", "date", "status")
    )
    for routine in Routine.objects.filter(
        client=user, archived_at__isnull=True, paused_at__isnull=True, time_of_day__isnull=False
    ):
        if (
            routine.time_of_day
            and moment >= routine.time_of_day
            and _routine_due(routine, recent, today)
        ):
            yield Due(
                "routine",
                about=f"{routine.pk}:{today.isoformat()}",
                link=reverse("routines:routine_list", args=[user.pk]),
                detail=routine.name,
            )


def _questionnaires_due(user: User, today: date) -> Iterator[Due]:
    """A questionnaire the therapist assigned: the words name no measure."""
    for due in measures_due_of(user, today):
        # Home shows what is due; a link naming the measure would tell too much.
        yield Due(
            "measure",
            about=f"{due.assignment.pk}:{due.since.isoformat()}",
            link=reverse("home:home"),
        )


def _steps_due(user: User, today: date) -> Iterator[Due]:
    steps = Milestone.objects.open_and_dated().filter(goal__client=user, due_date=today)
    for milestone in steps.select_related("goal"):
        yield Due(
            "milestone",
            about=str(milestone.pk),
            link=reverse("goals:goal_detail", args=[milestone.goal_id]),
            detail=milestone.title,
        )


def send_due_reminders(now: datetime | None = None) -> int:
    """Reminders for every client, now. Safe to run as often as you like."""
    now = now or timezone.now()
    clients = clients_of_every_practice().filter(is_active=True).order_by("pk")
    return sum(reminders_for(client, preference_of(client), now) for client in clients.iterator())
