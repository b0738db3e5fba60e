"""A goal's history in numbers (GoalSeries: its trend and reliable change), a client's
moods, and what each progress chart draws and is versioned by. Client data only
through care/access.py: callers pass goals and clients they were given by it.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, Min, Q, Sum, Window
from django.db.models.functions import Lag, RowNumber

from cairn.accounts.models import User
from cairn.accounts.time import local_today, zone_of
from cairn.goals.models import Goal, Milestone, Revision
from cairn.progress.achievement import RELIABLE_CHANGE
from cairn.progress.charts import GAP, MeasureScale, RatingSummary
from cairn.progress.models import CheckIn, GoalRating, MeasureValue


@dataclass(frozen=True)
class TrendShown:
    arrow: str
    words: str


# How every page shows a trend_of: the caseload's cards, the client's overview.
TREND_SHOWN = {
    "up": TrendShown("↗", "going up"),
    "down": TrendShown("↘", "a harder patch"),
    "steady": TrendShown("→", "steady"),
    "new": TrendShown("→", "steady"),
}


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
        return trend_of([r for _, r in self.ratings])

    @property
    def trend_shown(self) -> TrendShown:
        return TREND_SHOWN[self.trend]

    @property
    def reliable(self) -> bool:
        return self.change is not None and abs(self.change) >= RELIABLE_CHANGE


# How many ratings a trend averages: the last TREND_RUN against the TREND_RUN before.
TREND_RUN = 3
# The newest ratings `trend_of` looks at (besides the first).
RECENT = 2 * TREND_RUN


def trend_of(ratings: Sequence[int]) -> str:
    """A goal's direction from its ratings, oldest first, wherever a page shows one:
    "up" or "down" when the mean of the last three is a point or more above or below
    the mean of the three before (or of the first rating, with fewer than six);
    otherwise "steady"; "new" with fewer than two."""
    if len(ratings) < 2:
        return "new"
    recent = ratings[-TREND_RUN:]
    earlier = ratings[-RECENT:-TREND_RUN] or ratings[:1]
    difference = sum(recent) / len(recent) - sum(earlier) / len(earlier)
    if difference >= 1:
        return "up"
    if difference <= -1:
        return "down"
    return "steady"


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


def recent_series_for(goals: list[Goal]) -> dict[uuid.UUID, GoalSeries]:
    """Each goal's first rating, its last RECENT and its latest measure value: enough for
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


def period_covered(series: GoalSeries, summary: RatingSummary | None) -> tuple[date, date] | None:
    """The days a progress page speaks of (what a printed copy says at the top): from the
    first to the last rating of the whole history, and the measure values it lists."""
    days = [day for day, _ in series.values]
    if summary is not None:
        days += [summary.first[0], summary.last[0]]
    return (min(days), max(days)) if days else None


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


# The days the mood page and its chart show ("the last four months", as the page says).
MOOD_DAYS = 120


def mood_since(client: User) -> date:
    """The first day the mood page and its chart show, in the client's own calendar."""
    return local_today(client) - timedelta(days=MOOD_DAYS)


def mood_chart_version(client: User, *, since: date) -> tuple[object, ...]:
    row = CheckIn.objects.filter(client=client, date__gte=since).aggregate(
        n=Count("id"), total=Sum("mood"), edited=Max("updated_at")
    )
    return (since, *row.values())


def mood_points(client: User, *, since: date) -> list[tuple[date, int]]:
    rows = CheckIn.objects.filter(client=client, date__gte=since, mood__isnull=False).order_by(
        "date"
    )
    return [(day, mood) for day, mood in rows.values_list("date", "mood") if mood is not None]


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


def milestones_done(goal: Goal) -> list[Milestone]:
    return list(Milestone.objects.filter(goal=goal, done_at__isnull=False).order_by("done_at"))
