"""The therapist's caseload, ordered by real need, in tiers (issue 11):

risk › worsening or reliable deterioration › quiet › stuck › waiting on the therapist › none.

A client sits in the highest tier any of their reasons reaches; within a tier, whoever
has waited longest comes first. Every reason is said in words. Something waiting on
the client is shown, but is no flag. The whole page runs a constant number of queries
whatever the number of clients.
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
from cairn.goals.models import Achievement, ChangeStatus, Goal, GoalChange, Lifecycle, Milestone
from cairn.journal.models import JournalEntry
from cairn.measures.selectors import latest_scores_for
from cairn.progress.models import CheckIn, GoalRating, TrackingPause
from cairn.safety.models import RiskFlag
from cairn.safety.selectors import open_risk_flags_for
from cairn.sessions.models import AgendaItem
from cairn.sessions.selectors import session_dates_for

QUIET_AFTER = timedelta(days=14)
TREND_WINDOW = timedelta(days=60)
PER_PAGE = 50


@dataclass(frozen=True)
class Tier:
    code: str
    rank: int
    name: str


# The order is the point: read it, test it, argue with it.
TIERS = {
    tier.code: tier
    for tier in [
        Tier("risk", 0, "Risk noted"),
        Tier("worsening", 1, "Harder lately"),
        Tier("quiet", 2, "Gone quiet"),
        Tier("stuck", 3, "Stuck low"),
        Tier("waiting", 4, "Waiting on you"),
        Tier("none", 5, "Nothing needs you now"),
    ]
}


@dataclass(frozen=True)
class Reason:
    tier: str
    words: str
    # Since when it has been waiting: the longest-waiting comes first in its tier.
    since: date

    @property
    def tier_name(self) -> str:
        return TIERS[self.tier].name


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
    reasons: list[Reason]
    # Shown for the therapist to know, never a flag: what waits on the client.
    waiting_on_client: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    last_session: date | None = None
    next_session: date | None = None
    risk_flag: RiskFlag | None = None

    @property
    def tier(self) -> Tier:
        if not self.reasons:
            return TIERS["none"]
        return min((TIERS[r.tier] for r in self.reasons), key=lambda t: t.rank)

    @property
    def waiting_since(self) -> date | None:
        mine = [r.since for r in self.reasons if r.tier == self.tier.code]
        return min(mine) if mine else None

    @property
    def top_reasons(self) -> list[Reason]:
        """The reasons of its tier first, then the others, so the card leads with why."""
        return sorted(self.reasons, key=lambda r: (TIERS[r.tier].rank, r.since))


def attention_order(rows: list[CaseloadRow]) -> list[CaseloadRow]:
    """Tier first; within it, longest-waiting first; then by name and reference."""
    far_future = date.max
    return sorted(
        rows,
        key=lambda row: (
            row.tier.rank,
            row.waiting_since or far_future,
            row.client.display_name.lower(),
            str(row.client.pk),
        ),
    )


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def open_risk_for(client_ids: list[uuid.UUID]) -> dict[uuid.UUID, RiskFlag]:
    """The risk tier: each client's newest open risk flag (the safety app, one query)."""
    return open_risk_flags_for(client_ids)


def deterioration_for(client_ids: list[uuid.UUID]) -> dict[uuid.UUID, Reason]:
    """Reliable deterioration on the PHQ-9 or GAD-7 (the measures app, constant queries)."""
    found = {}
    for client_id, scores in latest_scores_for(client_ids).items():
        worse = [s for s in scores.all if s.reliable_deterioration]
        if worse:
            words = " and ".join(
                f"{s.measure.name} {s.first_total} → {s.total} since {s.first_date:%-d %b}"
                for s in worse
            )
            found[client_id] = Reason(
                "worsening", f"Reliable deterioration: {words}", min(s.date for s in worse)
            )
    return found


@dataclass
class Caseload:
    rows: list[CaseloadRow]
    counts: dict[str, int]


def caseload_for(therapist: User, *, today: date, query: str = "", tier: str = "") -> Caseload:
    """Every current client of `therapist`, with tier and reasons, ordered. `tier`
    narrows to one tier (the caller checks it is one of TIERS)."""
    found = CareRelationship.objects.filter(
        therapist=therapist, ended_at__isnull=True, client__in=clients_writable_by(therapist)
    ).select_related("client__membership")
    if query:
        found = found.filter(
            Q(client__name__icontains=query)
            | Q(client__email__icontains=query)
            | Q(client__membership__reference__icontains=query)
        )
    relationships = list(found)
    ids = [r.client_id for r in relationships]
    rows = _rows(relationships, ids, today=today)
    counts = dict.fromkeys(TIERS, 0)
    for row in rows:
        counts[row.tier.code] += 1
    if tier:
        rows = [row for row in rows if row.tier.code == tier]
    return Caseload(rows=attention_order(rows), counts=counts)


def _rows(
    relationships: list[CareRelationship], ids: list[uuid.UUID], *, today: date
) -> list[CaseloadRow]:
    goals = list(
        Goal.objects.filter(
            client__in=ids, lifecycle_status__in=[Lifecycle.ACTIVE, Lifecycle.PROPOSED]
        ).order_by("created_at")
    )
    goals_of: dict[uuid.UUID, list[Goal]] = defaultdict(list)
    for goal in goals:
        goals_of[goal.client_id].append(goal)
    trends = {g.pk: GoalTrend(goal=g) for g in goals if g.lifecycle_status == Lifecycle.ACTIVE}
    for goal_id, rating in (
        GoalRating.objects.filter(goal__in=list(trends), checkin__date__gte=today - TREND_WINDOW)
        .order_by("checkin__date")
        .values_list("goal_id", "rating")
    ):
        trends[goal_id].ratings.append(rating)
    last_checkins: dict[uuid.UUID, date] = dict(
        CheckIn.objects.filter(client__in=ids)
        .values("client")
        .annotate(last=Max("date"))
        .values_list("client", "last")
    )
    paused = set(
        TrackingPause.objects.filter(client__in=ids, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values_list("client_id", flat=True)
    )
    overdue: dict[uuid.UUID, int] = dict(
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
    # Only a held session is "last", only a planned one "next" (sessions' rule).
    dates = session_dates_for(list(ids), today)
    last_sessions = {cid: d.last.held_on for cid, d in dates.items() if d.last is not None}
    next_sessions = {cid: d.next.held_on for cid, d in dates.items() if d.next is not None}
    agenda: dict[uuid.UUID, list[date]] = defaultdict(list)
    for client_id, created in AgendaItem.objects.filter(
        client__in=ids, discussed_at__isnull=True
    ).values_list("client_id", "created_at"):
        agenda[client_id].append(_day(created))
    changes: dict[uuid.UUID, list[GoalChange]] = defaultdict(list)
    for change in GoalChange.objects.filter(
        goal__client__in=ids, status=ChangeStatus.WAITING
    ).select_related("goal"):
        changes[change.goal.client_id].append(change)
    shared: dict[uuid.UUID, list[datetime]] = defaultdict(list)
    for client_id, shared_at in JournalEntry.objects.filter(
        client__in=ids,
        shared_with_therapist=True,
        deleted_at__isnull=True,
        shared_at__gte=timezone.now() - TREND_WINDOW,
    ).values_list("client", "shared_at"):
        if shared_at is not None:
            shared[client_id].append(shared_at)
    risks = open_risk_for(ids)
    deteriorations = deterioration_for(ids)

    rows = []
    for relationship in relationships:
        client = relationship.client
        mine = goals_of.get(client.pk, [])
        active = [g for g in mine if g.lifecycle_status == Lifecycle.ACTIVE]
        last_checkin = last_checkins.get(client.pk)
        last_session = last_sessions.get(client.pk)
        reasons: list[Reason] = []
        risk_flag = risks.get(client.pk)
        if risk_flag is not None:
            reasons.append(Reason("risk", risk_flag.reason, _day(risk_flag.raised_at)))
        for goal in active:
            if goal.achievement_status == Achievement.WORSENING:
                reasons.append(
                    Reason(
                        "worsening",
                        f"“{_short(goal.title)}” has been harder lately: "
                        f"{goal.achievement_compares[0].lower()}{goal.achievement_compares[1:]}",
                        goal.status_date,
                    )
                )
        if client.pk in deteriorations:
            reasons.append(deteriorations[client.pk])
        # A check-in is expected while there is an active goal and no pause.
        if active and client.pk not in paused:
            quiet_since = last_checkin or relationship.started_on
            if today - quiet_since >= QUIET_AFTER:
                days = (today - quiet_since).days
                reasons.append(
                    Reason(
                        "quiet",
                        f"No check-in for {days} days"
                        if last_checkin
                        else f"No check-in yet, {days} days into care",
                        quiet_since,
                    )
                )
        for goal in active:
            if goal.achievement_status == Achievement.NO_PROGRESS:
                reasons.append(
                    Reason(
                        "stuck",
                        f"“{_short(goal.title)}” has stayed low for six weeks or more",
                        goal.status_date,
                    )
                )
        waiting_on_client = []
        for goal in mine:
            if goal.lifecycle_status != Lifecycle.PROPOSED:
                continue
            if goal.proposed_by_id == client.pk:
                reasons.append(
                    Reason(
                        "waiting",
                        f"A goal to agree: “{_short(goal.title)}”",
                        _day(goal.created_at),
                    )
                )
            else:
                waiting_on_client.append(f"Your proposed goal “{_short(goal.title)}”")
        for change in changes.get(client.pk, []):
            if change.proposed_by_id == client.pk:
                reasons.append(
                    Reason(
                        "waiting",
                        f"A change to agree on “{_short(change.goal.title)}”",
                        _day(change.created_at),
                    )
                )
            else:
                waiting_on_client.append(f"Your change to “{_short(change.goal.title)}”")
        if agenda.get(client.pk):
            items = agenda[client.pk]
            reasons.append(
                Reason(
                    "waiting",
                    f"{len(items)} thing{'s' if len(items) != 1 else ''} on their agenda",
                    min(items),
                )
            )
        notes = []
        if overdue.get(client.pk):
            notes.append("A step is past its date")
        since = (
            timezone.make_aware(datetime.combine(last_session, time.max)) if last_session else None
        )
        if any(since is None or s > since for s in shared.get(client.pk, [])):
            notes.append("A journal entry newly shared with you")
        rows.append(
            CaseloadRow(
                client=client,
                since=relationship.started_on,
                goals=[trends[g.pk] for g in active if g.pk in trends],
                last_checkin=last_checkin,
                reasons=reasons,
                waiting_on_client=waiting_on_client,
                notes=notes,
                last_session=last_session,
                next_session=next_sessions.get(client.pk),
                risk_flag=risk_flag,
            )
        )
    return rows


def _short(title: str) -> str:
    return title if len(title) <= 60 else title[:59].rstrip() + "…"
