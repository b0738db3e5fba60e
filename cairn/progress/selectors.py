"""Reads of check-ins, ratings, wins and pauses. Client data only through care/access.py."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum, Window
from django.db.models.functions import Lag, RowNumber

from cairn.accounts.models import User
from cairn.accounts.time import zone_of
from cairn.care.selectors import care_started_on
from cairn.goals.models import Goal, Milestone, Plan, Revision
from cairn.goals.selectors import goals_to_pick
from cairn.progress.achievement import RELIABLE_CHANGE
from cairn.progress.charts import GAP, MeasureScale, RatingSummary
from cairn.progress.models import CheckIn, GoalRating, MeasureValue, TrackingPause, Win

# A check-in (or a routine's day) can be back-dated this far: a missed evening or a
# busy week, not a history written afterwards.
CHECKIN_BACKDATE_DAYS = 14


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
    window = today - timedelta(days=CHECKIN_BACKDATE_DAYS)
    return max(window, records_begin_on(client, for_day=for_day))


@dataclass
class GoalSeries:
    """One goal's history in numbers, oldest first."""

    goal: Goal
    ratings: list[tuple[date, int]] = field(default_factory=list)
    values: list[tuple[date, Decimal]] = field(default_factory=list)

    @property
    def first(self) -> int | None:
        return self.ratings[0][1] if self.ratings else None

    @property
    def latest(self) -> int | None:
        return self.ratings[-1][1] if self.ratings else None

    @property
    def latest_value(self) -> Decimal | None:
        return self.values[-1][1] if self.values else None

    @property
    def change(self) -> int | None:
        if len(self.ratings) < 2:
            return None
        return self.ratings[-1][1] - self.ratings[0][1]

    @property
    def trend(self) -> str:
        """up, down or steady: the last three ratings against the three before."""
        if len(self.ratings) < 2:
            return "new"
        recent = [r for _, r in self.ratings[-3:]]
        earlier = [r for _, r in self.ratings[-6:-3]] or [self.ratings[0][1]]
        difference = sum(recent) / len(recent) - sum(earlier) / len(earlier)
        if difference >= 1:
            return "up"
        if difference <= -1:
            return "down"
        return "steady"

    @property
    def reliable(self) -> bool:
        return self.change is not None and abs(self.change) >= RELIABLE_CHANGE


def _numbers_by_day(model: Any, name: str, goal_ids: list[uuid.UUID]) -> Any:
    """(goal, check-in day, number) for each of the goals' check-ins, oldest first."""
    return (
        model.objects.filter(goal__in=goal_ids)
        .values_list("goal_id", "checkin__date", name)
        .order_by("checkin__date")
    )


def series_for(goals: list[Goal]) -> dict[uuid.UUID, GoalSeries]:
    """Every goal's ratings and measure values, in two queries whatever their number."""
    series = {goal.pk: GoalSeries(goal=goal) for goal in goals}
    for goal_id, day, rating in _numbers_by_day(GoalRating, "rating", list(series)):
        series[goal_id].ratings.append((day, rating))
    for goal_id, day, value in _numbers_by_day(MeasureValue, "value", list(series)):
        series[goal_id].values.append((day, value))
    return series


RECENT = 6  # the ratings `GoalSeries.trend` compares


def recent_series_for(goals: list[Goal]) -> dict[uuid.UUID, GoalSeries]:
    """Each goal's first rating, its last six and its latest measure value: enough for
    latest, change, trend and reliable change, in two queries that read at most eight
    rows a goal however long the history (the ranking happens in the database).
    """
    series = {goal.pk: GoalSeries(goal=goal) for goal in goals}
    ratings = (
        GoalRating.objects.filter(goal__in=[g.pk for g in goals])
        .annotate(
            newest=Window(
                RowNumber(), order_by=F("checkin__date").desc(), partition_by=F("goal_id")
            ),
            oldest=Window(
                RowNumber(), order_by=F("checkin__date").asc(), partition_by=F("goal_id")
            ),
        )
        .filter(Q(newest__lte=RECENT) | Q(oldest=1))
        .values_list("goal_id", "checkin__date", "rating")
    )
    for goal_id, day, rating in sorted(ratings, key=lambda row: row[1]):
        series[goal_id].ratings.append((day, rating))
    values = (
        MeasureValue.objects.filter(goal__in=[g.pk for g in goals])
        .annotate(
            newest=Window(
                RowNumber(), order_by=F("checkin__date").desc(), partition_by=F("goal_id")
            )
        )
        .filter(newest=1)
        .values_list("goal_id", "checkin__date", "value")
    )
    for goal_id, day, value in values:
        series[goal_id].values.append((day, value))
    return series


TABLE_ROWS = 90  # the latest ratings and values the progress page lists


def latest_series_for(goal: Goal, *, limit: int = TABLE_ROWS) -> GoalSeries:
    """The goal's latest ratings and measure values, oldest first: the rows a page lists."""
    ratings = (
        GoalRating.objects.filter(goal=goal)
        .order_by("-checkin__date")
        .values_list("checkin__date", "rating")[:limit]
    )
    values = (
        MeasureValue.objects.filter(goal=goal)
        .order_by("-checkin__date")
        .values_list("checkin__date", "value")[:limit]
    )
    return GoalSeries(goal=goal, ratings=list(ratings)[::-1], values=list(values)[::-1])


def measure_count(goal: Goal) -> int:
    return MeasureValue.objects.filter(goal=goal).count()


def rating_summary(goal: Goal) -> RatingSummary | None:
    """The words under the rating chart, counted in the database (five small queries)."""
    ratings = GoalRating.objects.filter(goal=goal)
    totals = ratings.aggregate(n=Count("id"), high=Max("rating"), low=Min("rating"))
    if not totals["n"]:
        return None
    dated = ratings.values_list("checkin__date", "rating")
    first = dated.order_by("checkin__date").first()
    last = dated.order_by("-checkin__date").first()
    assert first is not None and last is not None
    setbacks = (
        ratings.annotate(previous=Window(Lag("rating"), order_by=F("checkin__date").asc()))
        .filter(rating__lte=F("previous") - 2)
        .count()
    )
    gaps = (
        ratings.annotate(previous=Window(Lag("checkin__date"), order_by=F("checkin__date").asc()))
        .filter(checkin__date__gt=F("previous") + GAP)
        .count()
    )
    return RatingSummary(
        count=totals["n"],
        first=first,
        last=last,
        highest=totals["high"],
        lowest=totals["low"],
        setbacks=setbacks,
        gaps=gaps,
    )


def rating_chart_version(goal: Goal) -> tuple[object, ...]:
    """What the goal's rating chart draws, in one row: it changes whenever a rating,
    a check-in or a reached milestone does, so a cached chart is drawn again only then.
    """
    row = GoalRating.objects.filter(goal=goal).aggregate(
        n=Count("id"), last=Max("id"), total=Sum("rating"), edited=Max("checkin__updated_at")
    )
    steps = Milestone.objects.filter(goal=goal, done_at__isnull=False).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    return (*row.values(), *steps.values())


def measure_chart_version(goal: Goal) -> tuple[object, ...]:
    row = MeasureValue.objects.filter(goal=goal).aggregate(
        n=Count("id"), last=Max("id"), total=Sum("value"), edited=Max("checkin__updated_at")
    )
    return (*row.values(), goal.measure_baseline, goal.measure_target, goal.measure_unit)


def mood_chart_version(client: User, *, since: date) -> tuple[object, ...]:
    row = CheckIn.objects.filter(client=client, date__gte=since).aggregate(
        n=Count("id"), total=Sum("mood"), edited=Max("updated_at")
    )
    return (since, *row.values())


def checkin_on(client: User, day: date) -> CheckIn | None:
    return (
        CheckIn.objects.filter(client=client, date=day)
        .prefetch_related("ratings", "measures", "plan_uses")
        .first()
    )


def checkins_of(client: User, *, limit: int = 60) -> list[CheckIn]:
    return list(
        CheckIn.objects.filter(client=client)
        .prefetch_related("ratings__goal", "measures__goal", "plan_uses__plan")
        .order_by("-date")[:limit]
    )


def mood_points(client: User, *, since: date) -> list[tuple[date, int]]:
    rows = CheckIn.objects.filter(client=client, date__gte=since, mood__isnull=False).order_by(
        "date"
    )
    return [(day, mood) for day, mood in rows.values_list("date", "mood") if mood is not None]


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
    paused = next((p for p in pauses if p.ends_on is None or p.ends_on >= today), None)
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
    pk: uuid.UUID
    text: str
    day: date
    goal: Goal | None
    from_milestone: bool
    reward: str = ""


def wins_of(client: User, *, limit: int | None = None) -> list[WinRow]:
    """Logged wins and reached milestones together, newest first."""
    logged = [
        WinRow(pk=w.pk, text=w.text, day=w.happened_on, goal=w.goal, from_milestone=False)
        for w in Win.objects.filter(client=client)
        .select_related("goal")
        .order_by("-happened_on", "-created_at")[: limit or None]
    ]
    reached = [
        WinRow(
            pk=m.pk,
            text=m.title,
            day=_day(m.done_at, zone_of(client)),
            goal=m.goal,
            from_milestone=True,
            reward=m.reward,
        )
        for m in Milestone.objects.filter(goal__client=client, done_at__isnull=False)
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


def measure_scale_of(goal: Goal) -> MeasureScale:
    """The goal's measure as its chart and its words read it."""
    return MeasureScale(
        unit=goal.measure_unit,
        baseline=goal.measure_baseline,
        target=goal.measure_target,
        target_steps=target_steps(goal),
    )


def target_steps(goal: Goal, name: str = "measure_target") -> list[tuple[date, Decimal | None]]:
    """The agreed target as it stood from each date on, oldest first: one step per
    agreed change (a change waiting for agreement is not in force, so not here)."""
    steps: list[tuple[date, Decimal | None]] = []
    zone = zone_of(goal.client)
    revisions = (
        Revision.objects.filter(goal=goal, object_type="goal")
        .order_by("created_at")
        .values_list("created_at", "changes")
    )
    for at, changes in revisions:
        if name not in changes:
            continue
        before, after = changes[name]
        if not steps and before:
            steps.append((goal.start_date, _number(before)))
        steps.append((at.astimezone(zone).date(), _number(after)))
    if not steps:
        current = getattr(goal, name)
        return [(goal.start_date, Decimal(current) if current is not None else None)]
    return steps


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except ArithmeticError:
        return None


def active_goals_and_plans(client: User) -> tuple[list[Goal], list[Plan]]:
    """What a check-in asks about: the active goals and their if-then plans."""
    goals = list(goals_to_pick(client, to="rate").order_by("created_at"))
    plans = list(Plan.objects.filter(goal__in=goals).order_by("goal__created_at", "created_at"))
    return goals, plans


def goal_titles(goal_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    return {g.pk: g.title for g in Goal.objects.filter(pk__in=goal_ids)}


def milestones_done(goal: Goal) -> list[Milestone]:
    return list(Milestone.objects.filter(goal=goal, done_at__isnull=False).order_by("done_at"))


def checkins_of_clients(clients: list[User], *, since: date | None = None) -> QuerySet[CheckIn]:
    """The check-ins of these clients (already checked and audited), from `since`."""
    checkins = CheckIn.objects.filter(client__in=clients)
    return checkins if since is None else checkins.filter(date__gte=since)


def checkin_with_answers(checkin: CheckIn) -> CheckIn:
    """The check-in as saved, with its ratings and measures."""
    return CheckIn.objects.prefetch_related("ratings", "measures").get(pk=checkin.pk)


def checkin_of_day(client: User, day: date) -> CheckIn | None:
    return CheckIn.objects.filter(client=client, date=day).first()


def wins_of_clients(clients: list[User]) -> QuerySet[Win]:
    return Win.objects.filter(client__in=clients).order_by("-happened_on", "-created_at")
