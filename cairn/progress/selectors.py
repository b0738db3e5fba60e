"""Reads of check-ins, wins and pauses (a goal's numbers over time and what the charts
read: series.py). Client data only through care/access.py."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Q, QuerySet

from cairn.accounts.models import User
from cairn.accounts.time import zone_of
from cairn.care.care_team import care_started_on
from cairn.goals.models import Goal, Lifecycle, Milestone, Plan
from cairn.goals.selectors import goals_of, goals_to_pick
from cairn.progress.models import CheckIn, TrackingPause, Win, pauses_covering
from cairn.progress.series import GoalSeries, recent_series_for

# A check-in (or a routine's day) can be back-dated this far: a missed evening or a
# busy week, not a history written afterwards.
CHECKIN_BACKDATE_DAYS = 14


def backdate_limit(today: date) -> date:
    """The earliest day a check-in (or a routine's day) may be back-dated to, whoever
    the client: CHECKIN_BACKDATE_DAYS before today."""
    return today - timedelta(days=CHECKIN_BACKDATE_DAYS)


def records_begin_on(client: User, *, for_day: date | None = None) -> date:
    """The first day a client may record anything for: the day they joined, or the
    day their care began if that was earlier (a therapist may start care before the
    client has an account). A client who joined before their care began, or who has
    no care yet, was already using Cairn: their days from joining are theirs to record.

    For a day on or after joining the day care began cannot make it too early, so it
    is not read (marking today needs no query for it) and the day they joined is the
    answer, which decides the check the same way."""
    joined = client.date_joined.astimezone(zone_of(client)).date()
    if for_day is not None and for_day >= joined:
        return joined
    started = care_started_on(client)
    return min(started, joined) if started else joined


def earliest_checkin_day(client: User, today: date, *, for_day: date | None = None) -> date:
    """The earliest day the client may check in for, on the web and through the API:
    up to CHECKIN_BACKDATE_DAYS back, and not before their records begin."""
    return max(backdate_limit(today), records_begin_on(client, for_day=for_day))


@dataclass(frozen=True)
class DayWords:
    """What a feature says of a day past each limit. `records_begin` is formatted with
    `earliest`, the first day the client may choose."""

    future: str
    backdate: str
    records_begin: str


def day_refusal(
    day: date, *, today: date, earliest: date, backdate_from: date, words: DayWords
) -> str:
    """What is wrong with recording something for `day`, or "" when nothing is: one
    ladder for check-ins, questionnaires and routines, each in its own words. `earliest` is the
    later of `backdate_from` (the feature's back-dating limit) and records_begin_on;
    when it is `backdate_from`, that is the limit the client needs to hear of."""
    if day > today:
        return words.future
    if day >= earliest:
        return ""
    if earliest == backdate_from:
        return words.backdate
    return words.records_begin.format(earliest=earliest)


CHECKIN_DAY_WORDS = DayWords(
    future="That day hasn't happened yet. Please choose today or an earlier day.",
    backdate=f"Check-ins can go back up to {CHECKIN_BACKDATE_DAYS} days. Please choose a later day.",
    records_begin="You can check in from {earliest:%A} {earliest.day} {earliest:%B}, when you "
    "started here. Please choose that day or a later one.",
)


def day_out_of_range(day: date, *, today: date, earliest: date) -> str:
    """What is wrong with checking in for `day`, or "" when nothing is. `earliest` is
    earliest_checkin_day above."""
    return day_refusal(
        day,
        today=today,
        earliest=earliest,
        backdate_from=backdate_limit(today),
        words=CHECKIN_DAY_WORDS,
    )


def says_nothing(*, mood: int | None, note: str | None, answers: dict[str, Any]) -> bool:
    """Whether a check-in gives no answer at all: no mood, no note, and nothing in
    `answers` (ratings, measures, plans used). Such a day is not saved, on the page or
    through the API, and both say SAYS_NOTHING."""
    return mood is None and not (note or "").strip() and not any(answers.values())


SAYS_NOTHING = (
    "Choose at least one answer: how you're feeling, a rating or a note. "
    "Nothing has been saved yet."
)


def checkin_on(client: User, day: date) -> CheckIn | None:
    return (
        CheckIn.objects.filter(client=client, date=day)
        .prefetch_related("ratings", "measures", "plan_uses")
        .first()
    )


@dataclass(frozen=True)
class Answers:
    mood: int | None
    note: str
    ratings: dict[uuid.UUID, int]
    measures: dict[uuid.UUID, Decimal]
    plan_uses: dict[uuid.UUID, int]


def checkin_answers(checkin: CheckIn) -> Answers:
    """The check-in's answers by goal and plan (its ratings, measures and plan uses
    prefetched, or read here)."""
    return Answers(
        mood=checkin.mood,
        note=checkin.note,
        ratings={r.goal_id: r.rating for r in checkin.ratings.all()},
        measures={m.goal_id: m.value for m in checkin.measures.all()},
        plan_uses={u.plan_id: u.helped for u in checkin.plan_uses.all()},
    )


def checkins_of(client: User, *, limit: int = 60) -> list[CheckIn]:
    return list(
        CheckIn.objects.filter(client=client)
        .prefetch_related("ratings__goal", "measures__goal", "plan_uses__plan")
        .order_by("-date")[:limit]
    )


@dataclass(frozen=True)
class Rhythm:
    days_this_week: int
    checked_in_today: bool
    welcome_back: bool
    paused: TrackingPause | None
    last_checkin: date | None


WELCOME_BACK_AFTER = timedelta(days=4)


def rhythm_of(client: User, today: date) -> Rhythm:
    """This week's check-ins and whether to say welcome back. Never a streak to break."""
    week_start = today - timedelta(days=today.weekday())
    since = today - timedelta(days=60)
    recent = list(
        CheckIn.objects.filter(client=client, date__gte=since, date__lte=today)
        .order_by("-date")
        .values_list("date", flat=True)[:60]
    )
    before_today = [d for d in recent if d < today]
    # The pauses of the same sixty days, in one query: the current one and the days
    # paused since the last check-in both come from them.
    pauses = list(
        TrackingPause.objects.filter(client=client, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=since))
        .order_by("-starts_on")
    )
    paused = next((p for p in pauses if p.covers(today)), None)
    welcome_back = False
    if before_today and paused is None:
        gap_start = before_today[0]
        paused_days = _paused_days(pauses, gap_start, today)
        welcome_back = (today - gap_start) - timedelta(days=paused_days) >= WELCOME_BACK_AFTER
    return Rhythm(
        days_this_week=sum(1 for d in recent if d >= week_start),
        checked_in_today=bool(recent) and recent[0] == today,
        welcome_back=welcome_back,
        paused=paused,
        last_checkin=recent[0] if recent else None,
    )


def tracking_rests_on(client: User, day: date) -> bool:
    """The client paused tracking over `day`: nothing is expected of them (no reminders)."""
    return TrackingPause.objects.filter(pauses_covering(day), client=client).exists()


def _paused_days(pauses: list[TrackingPause], start: date, end: date) -> int:
    days = 0
    for pause in pauses:
        if pause.ends_on is not None and pause.ends_on < start:
            continue
        first = max(pause.starts_on, start)
        last = min(pause.ends_on or end, end)
        days += max((last - first).days + 1, 0)
    return days


@dataclass(frozen=True)
class WinRow:
    """A win (DESIGN.md): a small win the client logged, or a milestone they reached."""

    pk: uuid.UUID
    client_id: uuid.UUID
    text: str
    day: date
    goal: Goal | None
    from_milestone: bool
    reward: str = ""

    @property
    def kind(self) -> Literal["logged", "milestone"]:
        return "milestone" if self.from_milestone else "logged"


def wins_of(client: User, *, limit: int | None = None) -> list[WinRow]:
    """Logged wins and reached milestones together, newest first."""
    return wins_of_clients([client], limit=limit)


def wins_of_clients(clients: list[User], *, limit: int | None = None) -> list[WinRow]:
    """The wins of these clients (already checked and audited), logged and reached
    together, newest first: the wins page's, the API's and the export's, in two queries."""
    zones = {client.pk: zone_of(client) for client in clients}
    logged = [
        WinRow(
            pk=w.pk,
            client_id=w.client_id,
            text=w.text,
            day=w.happened_on,
            goal=w.goal,
            from_milestone=False,
        )
        for w in Win.objects.filter(client__in=clients)
        .select_related("goal")
        .order_by("-happened_on", "-created_at")[: limit or None]
    ]
    reached = [
        WinRow(
            pk=m.pk,
            client_id=m.goal.client_id,
            text=m.title,
            day=_day(m.done_at, zones[m.goal.client_id]),
            goal=m.goal,
            from_milestone=True,
            reward=m.reward,
        )
        for m in Milestone.objects.filter(goal__client__in=clients, done_at__isnull=False)
        .select_related("goal")
        .order_by("-done_at")[: limit or None]
        if m.done_at is not None
    ]
    rows = sorted(logged + reached, key=lambda row: row.day, reverse=True)
    return rows[:limit] if limit else rows


def _day(moment: datetime | None, zone: tzinfo) -> date:
    """The day something happened, as the client lived it."""
    assert moment is not None
    return moment.astimezone(zone).date()


def active_goals_and_plans(client: User) -> tuple[list[Goal], list[Plan]]:
    """What a check-in asks about: the active goals and their if-then plans."""
    goals = list(goals_to_pick(client, to="rate").order_by("created_at"))
    plans = list(Plan.objects.filter(goal__in=goals).order_by("goal__created_at", "created_at"))
    return goals, plans


def journey_of(client: User) -> list[GoalSeries]:
    """How far each goal has come (the wins page): every goal but those still waiting
    for agreement, which have no distance travelled yet, in the goals page's order."""
    goals = [g for g in goals_of(client) if g.lifecycle_status != Lifecycle.PROPOSED]
    series = recent_series_for(goals)
    return [series[g.pk] for g in goals]


def goal_titles(goal_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    return {g.pk: g.title for g in Goal.objects.filter(pk__in=goal_ids)}


def checkins_of_clients(clients: list[User], *, since: date | None = None) -> QuerySet[CheckIn]:
    """The check-ins of these clients (already checked and audited), from `since`."""
    checkins = CheckIn.objects.filter(client__in=clients)
    return checkins if since is None else checkins.filter(date__gte=since)


def checkin_with_answers(checkin: CheckIn) -> CheckIn:
    """The check-in as saved, with its ratings and measures."""
    return CheckIn.objects.prefetch_related("ratings", "measures").get(pk=checkin.pk)


def checkin_of_day(client: User, day: date) -> CheckIn | None:
    return CheckIn.objects.filter(client=client, date=day).first()
