"""Reads of routines and the maintenance plan, through care/access.py."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import Q

from cairn.accounts.models import User
from cairn.accounts.time import zone_of
from cairn.care.access import Capability, record_get_for
from cairn.goals.models import Achievement, Goal, Lifecycle, Plan
from cairn.progress.models import Helped, PlanUse, TrackingPause
from cairn.progress.selectors import (
    CHECKIN_BACKDATE_DAYS,
    CHECKIN_DAY_WORDS,
    DayWords,
    backdate_limit,
    day_refusal,
    earliest_checkin_day,
)
from cairn.routines.models import (
    PERIOD_DAYS,
    LogStatus,
    MaintenancePlan,
    Period,
    Routine,
    RoutineLog,
)
from cairn.routines.strength import strength

CALENDAR_WEEKS = 4
# Strength forgets: a day two years back weighs less than 0.1% of today's even for a
# monthly routine, so older days are not read (the page costs the same in year five).
STRENGTH_HISTORY = timedelta(days=730)


def routine_get_for(
    *, user: User, routine_id: uuid.UUID, write: bool = False, need: Capability | None = None
) -> Routine:
    """The routine, if `user` may see it; `need` Capability.OWN to mark its days (the
    client alone does). Unknown and hidden both raise Http404; visible without the need,
    PermissionDenied."""
    return record_get_for(
        Routine, user=user, pk=routine_id, object_type="routine", write=write, need=need
    )


MARK_DAY_WORDS = DayWords(
    future=CHECKIN_DAY_WORDS.future,
    backdate=f"A routine's days can be marked up to {CHECKIN_BACKDATE_DAYS} days back. "
    "Please choose a later day.",
    records_begin="You can mark days from {earliest:%A} {earliest.day} {earliest:%B}, "
    "when you started here. Please choose that day or a later one.",
)


def began_on(routine: Routine, client: User) -> date:
    """The day `routine` was made, on its client's calendar: its strength counts from
    it, and no day before it can be marked. (`client` is the routine's, passed in where
    the caller already holds it.)"""
    return routine.created_at.astimezone(zone_of(client)).date()


def mark_day_out_of_range(routine: Routine, day: date, *, today: date) -> str:
    """What is wrong with marking `routine` done or skipped for `day`, or "" when
    nothing is. The page (which marks today) and the API ask it, through
    routines.services.routine_log. A day can be marked as far back as a check-in can be
    for it (progress.selectors.earliest_checkin_day, the check-in's ladder in a
    routine's words), and not before the routine was made."""
    made = began_on(routine, routine.client)
    earliest = earliest_checkin_day(routine.client, today, for_day=day)
    if day <= today and day < made and made > earliest:
        return (
            f"This routine began on {made:%A} {made.day} {made:%B}. "
            "Please choose that day or a later one."
        )
    return day_refusal(
        day,
        today=today,
        earliest=earliest,
        backdate_from=backdate_limit(today),
        words=MARK_DAY_WORDS,
    )


@dataclass(frozen=True)
class Day:
    date: date
    status: str  # done, skipped, paused, none, future


@dataclass(frozen=True)
class RoutineView:
    routine: Routine
    strength: int  # percent
    today: str
    weeks: list[list[Day]]


def _paused_days(
    routine: Routine, pauses: list[tuple[date, date | None]], start: date, end: date
) -> set[date]:
    """The days in start…end that rest: the client's tracking pauses (first and last
    day, None for one still running) and the routine's own."""
    days: set[date] = set()
    spans = [(first, last or end) for first, last in pauses]
    spans += [
        (date.fromisoformat(first), date.fromisoformat(last)) for first, last in routine.pauses
    ]
    if routine.paused_at:
        spans.append((routine.paused_at, end))
    for first, last in spans:
        day = max(first, start)
        while day <= min(last, end):
            days.add(day)
            day += timedelta(days=1)
    return days


def _strength_percent(
    routine: Routine, mine: dict[date, str], paused: set[date], start: date, today: date
) -> int:
    score = strength(
        per_day=routine.per_day,
        period_days=PERIOD_DAYS[Period(routine.period)],
        times=routine.times,
        done=[d for d, s in mine.items() if s == LogStatus.DONE],
        skipped=[d for d, s in mine.items() if s == LogStatus.SKIPPED],
        paused=paused,
        start=start,
        end=today,
        open_day=today,
    )
    return round(score * 100)


# routine_strength's two reads, written by hand: every API mark done runs them, and the
# ORM took longer to build them than the database to answer (0.74 → 0.2 ms of CPU).
STRENGTH_DAYS_SQL = (
    'SELECT "date", "status" FROM "routines_routinelog" '
    'WHERE "routine_id" = %s AND "date" >= %s AND "date" <= %s'
)
PAUSES_SQL = 'SELECT "starts_on", "ends_on" FROM "progress_trackingpause" WHERE "client_id" = %s'


def routine_strength(routine: Routine, today: date) -> int:
    """One routine's strength, the number `routines_of` shows for it, without its
    calendar (marking a day answers with it): two queries, and no routine id to read
    back on every row."""
    since = today - STRENGTH_HISTORY
    start = max(began_on(routine, routine.client), since)
    day = RoutineLog._meta.get_field("date")
    with connection.cursor() as cursor:
        cursor.execute(
            STRENGTH_DAYS_SQL,
            [
                RoutineLog._meta.get_field("routine").get_db_prep_value(routine.pk, connection),
                day.get_db_prep_value(since, connection),
                day.get_db_prep_value(today, connection),
            ],
        )
        mine = {day.to_python(on): status for on, status in cursor.fetchall()}
        client = TrackingPause._meta.get_field("client")
        cursor.execute(PAUSES_SQL, [client.get_db_prep_value(routine.client_id, connection)])
        pauses = [
            (day.to_python(first), None if last is None else day.to_python(last))
            for first, last in cursor.fetchall()
        ]
    paused = _paused_days(routine, pauses, start, today)
    return _strength_percent(routine, mine, paused, start, today)


def routines_of(client: User, today: date) -> list[RoutineView]:
    """Each routine with its strength and a calendar of the last weeks, in three queries."""
    routines = list(
        Routine.objects.filter(client=client, archived_at__isnull=True).order_by("created_at")
    )
    logs: dict[uuid.UUID, dict[date, str]] = defaultdict(dict)
    since = today - STRENGTH_HISTORY
    for routine_id, day, status in RoutineLog.objects.filter(
        routine__in=routines, date__lte=today, date__gte=since
    ).values_list("routine_id", "date", "status"):
        logs[routine_id][day] = status
    pauses = list(TrackingPause.objects.filter(client=client).values_list("starts_on", "ends_on"))
    views = []
    calendar_start = today - timedelta(days=today.weekday() + 7 * (CALENDAR_WEEKS - 1))
    for routine in routines:
        start = max(began_on(routine, client), since)
        mine = logs[routine.pk]
        paused = _paused_days(routine, pauses, min(start, calendar_start), today)
        weeks = []
        for week in range(CALENDAR_WEEKS):
            row = []
            for weekday in range(7):
                day = calendar_start + timedelta(days=7 * week + weekday)
                status = (
                    "future"
                    if day > today
                    else mine.get(day) or ("paused" if day in paused else "none")
                )
                row.append(Day(day, status))
            weeks.append(row)
        views.append(
            RoutineView(
                routine=routine,
                strength=_strength_percent(routine, mine, paused, start, today),
                today=mine.get(today, ""),
                weeks=weeks,
            )
        )
    return views


def maintenance_plan_of(client: User) -> MaintenancePlan | None:
    return MaintenancePlan.objects.filter(client=client).first()


@dataclass(frozen=True)
class HelpfulPlan:
    plan: Plan
    uses: int
    helped: float  # 1 not much … 3 a lot

    @property
    def helped_words(self) -> str:
        """How much it helped on the whole, in the check-in's own answers ("a lot"):
        the mean answer to the nearest one, a half rounding up."""
        return Helped(int(self.helped + 0.5)).label.lower()


def helpful_plans(
    client: User, *, limit: int = 6, starts: date | None = None, ends: date | None = None
) -> list[HelpfulPlan]:
    """The if-then plans that helped most, from the check-ins (those from `starts` to
    `ends`, when given): carried into maintenance, and into the progress report."""
    plans = {p.pk: p for p in Plan.objects.filter(goal__client=client).select_related("goal")}
    totals: dict[uuid.UUID, list[int]] = defaultdict(list)
    uses = PlanUse.objects.filter(Q(plan__in=list(plans)))
    if starts is not None:
        uses = uses.filter(checkin__date__gte=starts)
    if ends is not None:
        uses = uses.filter(checkin__date__lte=ends)
    for plan_id, helped in uses.values_list("plan_id", "helped"):
        totals[plan_id].append(helped)
    ranked = [
        HelpfulPlan(plans[pid], len(vals), sum(vals) / len(vals)) for pid, vals in totals.items()
    ]
    ranked.sort(key=lambda h: (h.helped, h.uses), reverse=True)
    return ranked[:limit]


def goals_achieved(client: User) -> list[Goal]:
    """Goals completed or achieved (and sustained), each with its routines."""
    achieved = Goal.objects.filter(client=client).filter(
        lifecycle_status=Lifecycle.COMPLETED
    ) | Goal.objects.filter(
        client=client, achievement_status__in=[Achievement.ACHIEVED, Achievement.SUSTAINING]
    )
    return list(achieved.distinct().prefetch_related("routines"))
