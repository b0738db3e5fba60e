"""A progress report for a chosen period: for a session, a referral or a GP letter.

Everything on it comes from the record of a client the caller has already opened
through care/access.py. Charts are embedded as SVG data, so the report is one
document that prints and turns into a PDF without any further request.
"""

import base64
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.care_team import lead_of
from cairn.care.models import Practice
from cairn.care.roles import membership_of
from cairn.goals import selectors as goal_selectors
from cairn.goals.models import Goal, Milestone
from cairn.measures import charts as measure_charts
from cairn.measures.models import MeasureResponse
from cairn.measures.scoring import MEASURES, change_between
from cairn.measures.selectors import History, Point
from cairn.progress import charts as progress_charts
from cairn.progress.achievement import RELIABLE_CHANGE
from cairn.progress.models import GoalRating
from cairn.routines.selectors import HelpfulPlan, helpful_plans

PARTS = {
    "goals": "Goals, with their charts and steps",
    "measures": "PHQ-9 and GAD-7",
    "plans": "The plans that helped most",
}


def svg_data(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@dataclass
class GoalPart:
    goal: Goal
    chart: str
    chart_text: str
    ratings: list[tuple[date, int]]
    milestones: list[Milestone]


@dataclass
class MeasurePart:
    name: str
    chart: str
    chart_text: str
    first: Point
    latest: Point
    count: int
    reliable_change: int
    finding: str


@dataclass
class Report:
    client: User
    practice: Practice | None
    therapist: User | None
    starts: date
    ends: date
    made_on: date
    reference: str
    parts: set[str]
    goals: list[GoalPart] = field(default_factory=list)
    measures: list[MeasurePart] = field(default_factory=list)
    plans: list[HelpfulPlan] = field(default_factory=list)
    comment: str = ""
    # How far a goal's rating must move to count as real change (CLINICAL.md).
    goal_reliable_change: int = RELIABLE_CHANGE


def _finding(point: Point) -> str:
    return point.change.finding or "no reliable change"


def report_build(
    *,
    client: User,
    starts: date,
    ends: date,
    parts: set[str],
    goal_ids: set[uuid.UUID] | None = None,
    comment: str = "",
) -> Report:
    membership = membership_of(client)
    # The lead therapist now, or the last one once care has ended; never a co-therapist.
    lead = lead_of(client, membership.practice, or_last=True) if membership else None
    report = Report(
        client=client,
        practice=membership.practice if membership else None,
        therapist=lead.therapist if lead else None,
        starts=starts,
        ends=ends,
        made_on=timezone.localdate(),
        # The practice's reference for the client, as the caseload gives it; without one
        # (a client of no practice), the start of their id.
        reference=(membership.reference if membership else "")
        or str(client.pk).split("-")[0].upper(),
        parts=parts,
        comment=comment,
    )
    if "goals" in parts:
        goals = [
            g
            # The goals the report's form offers: what it shows and what it offers agree.
            for g in goal_selectors.goals_to_pick(client, to="link")
            .order_by("created_at")
            .prefetch_related("milestones")
            if goal_ids is None or g.pk in goal_ids
        ]
        ratings: dict[uuid.UUID, list[tuple[date, int]]] = defaultdict(list)
        for goal_id, day, value in (
            GoalRating.objects.filter(
                goal__in=goals, checkin__date__gte=starts, checkin__date__lte=ends
            )
            .order_by("checkin__date")
            .values_list("goal_id", "checkin__date", "rating")
        ):
            ratings[goal_id].append((day, value))
        for goal in goals:
            points = ratings[goal.pk]
            milestones = sorted(goal.milestones.all(), key=lambda m: (m.position, m.created_at))
            marks = [
                (timezone.localtime(m.done_at).date(), m.title) for m in milestones if m.done_at
            ]
            report.goals.append(
                GoalPart(
                    goal=goal,
                    chart=svg_data(progress_charts.rating_chart(points, marks)),
                    chart_text=progress_charts.describe_ratings(points),
                    ratings=points,
                    milestones=milestones,
                )
            )
    if "measures" in parts:
        for code, spec in MEASURES.items():
            responses = list(
                MeasureResponse.objects.filter(
                    client=client,
                    measure=code,
                    completed_at__isnull=False,
                    date__gte=starts,
                    date__lte=ends,
                ).order_by("date", "completed_at")
            )
            if not responses or responses[0].total is None:
                continue
            baseline = responses[0].total
            measured = [
                Point(
                    response=r,
                    total=r.total,
                    change=change_between(spec, baseline=baseline, current=r.total),
                )
                for r in responses
                if r.total is not None
            ]
            history = History(measure=spec, points=measured)
            report.measures.append(
                MeasurePart(
                    name=spec.name,
                    chart=svg_data(measure_charts.measure_chart(history)),
                    chart_text=measure_charts.describe(history),
                    first=measured[0],
                    latest=measured[-1],
                    count=len(measured),
                    reliable_change=spec.reliable_change,
                    finding=_finding(measured[-1]),
                )
            )
    if "plans" in parts:
        report.plans = helpful_plans(client, limit=5, starts=starts, ends=ends)
    return report
