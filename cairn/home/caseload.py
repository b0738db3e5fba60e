"""The therapist's caseload: who needs attention first, and why, in plain words.

The ordering is a small table of weights (see FLAGS) so that it can be read,
tested and argued with. The whole page runs a constant number of queries.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import clients_writable_by
from cairn.care.models import CareRelationship
from cairn.goals.models import Achievement, Goal, Lifecycle, Milestone
from cairn.journal.models import JournalEntry
from cairn.progress.models import CheckIn, GoalRating
from cairn.safety.models import RiskFlag
from cairn.safety.selectors import open_risk_flags_for
from cairn.sessions.models import TherapySession

QUIET_AFTER = timedelta(days=14)
TREND_WINDOW = timedelta(days=60)


@dataclass(frozen=True)
class Flag:
    code: str
    weight: int
    words: str


FLAGS = {
    # A sign of risk outweighs everything else together: always first.
    "risk": Flag("risk", 1000, "May need your attention now"),
    "worsening": Flag("worsening", 4, "A goal has been harder lately"),
    "quiet": Flag("quiet", 3, "No check-in for 14 days or more"),
    "shared": Flag("shared", 2, "A journal entry newly shared with you"),
    "overdue": Flag("overdue", 2, "A step is past its date"),
    "proposed": Flag("proposed", 1, "A goal is waiting for agreement"),
}


def flags_for(
    *,
    worsening: bool,
    last_checkin: date | None,
    today: date,
    overdue: int,
    proposed: int,
    newly_shared: int,
) -> list[Flag]:
    found = []
    if worsening:
        found.append(FLAGS["worsening"])
    if last_checkin is None or today - last_checkin >= QUIET_AFTER:
        found.append(FLAGS["quiet"])
    if newly_shared:
        found.append(FLAGS["shared"])
    if overdue:
        found.append(FLAGS["overdue"])
    if proposed:
        found.append(FLAGS["proposed"])
    return found


@dataclass
class GoalTrend:
    goal: Goal
    ratings: list[int] = field(default_factory=list)

    @property
    def latest(self) -> int | None:
        return self.ratings[-1] if self.ratings else None

    @property
    def direction(self) -> str:
        if len(self.ratings) < 2:
            return "new"
        difference = self.ratings[-1] - self.ratings[0]
        return "up" if difference > 0 else "down" if difference < 0 else "steady"


@dataclass
class CaseloadRow:
    client: User
    since: date
    goals: list[GoalTrend]
    last_checkin: date | None
    flags: list[Flag]
    risk_flag: RiskFlag | None = None

    @property
    def score(self) -> int:
        return sum(f.weight for f in self.flags)

    @property
    def attention(self) -> str:
        """The card's tier, for `data-attention` (issue 11 refines the others)."""
        codes = {f.code for f in self.flags}
        for tier, code in [
            ("risk", "risk"),
            ("worsening", "worsening"),
            ("quiet", "quiet"),
            ("stuck", "overdue"),
            ("waiting", "proposed"),
        ]:
            if code in codes:
                return tier
        return "none"


def attention_order(rows: list[CaseloadRow]) -> list[CaseloadRow]:
    """Most weight first; ties by name, so the list is stable from day to day."""
    return sorted(rows, key=lambda row: (-row.score, row.client.display_name.lower()))


def caseload_for(
    therapist: User, *, today: date, query: str = "", attention_only: bool = False
) -> list[CaseloadRow]:
    found = CareRelationship.objects.filter(
        therapist=therapist, ended_at__isnull=True, client__in=clients_writable_by(therapist)
    ).select_related("client")
    if query:
        found = found.filter(Q(client__name__icontains=query) | Q(client__email__icontains=query))
    relationships = list(found)
    clients = [r.client for r in relationships]
    ids = [c.pk for c in clients]

    goals = list(
        Goal.objects.filter(
            client__in=ids, lifecycle_status__in=[Lifecycle.ACTIVE, Lifecycle.PROPOSED]
        ).order_by("created_at")
    )
    trends = {g.pk: GoalTrend(goal=g) for g in goals if g.lifecycle_status == Lifecycle.ACTIVE}
    for goal_id, rating in (
        GoalRating.objects.filter(goal__in=list(trends), checkin__date__gte=today - TREND_WINDOW)
        .order_by("checkin__date")
        .values_list("goal_id", "rating")
    ):
        trends[goal_id].ratings.append(rating)
    last_checkins = dict(
        CheckIn.objects.filter(client__in=ids)
        .values("client")
        .annotate(last=Max("date"))
        .values_list("client", "last")
    )
    overdue = dict(
        Milestone.objects.filter(
            goal__client__in=ids,
            goal__lifecycle_status=Lifecycle.ACTIVE,
            done_at__isnull=True,
            due_date__lt=today,
        )
        .values("goal__client")
        .annotate(n=Count("pk"))
        .values_list("goal__client", "n")
    )
    last_sessions = dict(
        TherapySession.objects.filter(client__in=ids)
        .values("client")
        .annotate(last=Max("held_on"))
        .values_list("client", "last")
    )
    shared: dict[uuid.UUID, list[datetime]] = defaultdict(list)
    for client_id, shared_at in JournalEntry.objects.filter(
        client__in=ids,
        shared_with_therapist=True,
        deleted_at__isnull=True,
        shared_at__gte=timezone.now() - TREND_WINDOW,
    ).values_list("client", "shared_at"):
        if shared_at is not None:
            shared[client_id].append(shared_at)

    risk = open_risk_flags_for(ids)

    rows = []
    for relationship in relationships:
        client = relationship.client
        client_goals = [g for g in goals if g.client_id == client.pk]
        last_session = last_sessions.get(client.pk)
        since = (
            timezone.make_aware(datetime.combine(last_session, time.max)) if last_session else None
        )
        newly_shared = [s for s in shared.get(client.pk, []) if since is None or s > since]
        rows.append(
            CaseloadRow(
                client=client,
                since=relationship.started_on,
                goals=[trends[g.pk] for g in client_goals if g.pk in trends],
                last_checkin=last_checkins.get(client.pk),
                risk_flag=risk.get(client.pk),
                flags=([FLAGS["risk"]] if client.pk in risk else [])
                + flags_for(
                    worsening=any(
                        g.achievement_status == Achievement.WORSENING for g in client_goals
                    ),
                    last_checkin=last_checkins.get(client.pk),
                    today=today,
                    overdue=overdue.get(client.pk, 0),
                    proposed=sum(
                        1 for g in client_goals if g.lifecycle_status == Lifecycle.PROPOSED
                    ),
                    newly_shared=len(newly_shared),
                ),
            )
        )
    if attention_only:
        rows = [row for row in rows if row.flags]
    return attention_order(rows)
