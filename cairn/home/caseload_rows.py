"""The caseload's rows: the tiers in their order, each client's reasons said in words,
the trend of their goals, and the row itself, built from the client's summary
(home.models.CaseloadSummary) and today, never from their history.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.models import CareRelationship
from cairn.home.models import CaseloadSummary
from cairn.home.summary import REASON_PARTS, TREND_WINDOW, short_title
from cairn.home.tiers import TIERS, Tier
from cairn.progress.series import TREND_SHOWN, TrendShown, trend_of
from cairn.safety.models import RiskFlag


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
    title: str
    ratings: list[int] = field(default_factory=list)

    @property
    def short_title(self) -> str:
        return short_title(self.title)

    @property
    def latest(self) -> int | None:
        return self.ratings[-1] if self.ratings else None

    @property
    def direction(self) -> str:
        """Over the ratings of the trend window, by the rule the client's overview uses."""
        return trend_of(self.ratings)

    @property
    def shown(self) -> TrendShown:
        return TREND_SHOWN[self.direction]


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


def rows_of(ranked: Iterable[dict[str, Any]], *, today: date) -> dict[uuid.UUID, CaseloadRow]:
    """The row of each ranked care relationship (`ranked_page`'s `CARD_INPUTS`), by
    its id: one query for them all."""
    quiet = {values["pk"]: values["is_quiet"] for values in ranked}
    relationships = CareRelationship.objects.filter(pk__in=quiet).select_related(*ROW_RELATED)
    rows = {}
    for relationship in relationships:
        rows[relationship.pk] = _row(relationship, today=today, is_quiet=quiet[relationship.pk])
    return rows


ROW_RELATED = ("client__membership", "client__caseload_summary__risk_flag")


def _row(relationship: CareRelationship, *, today: date, is_quiet: bool) -> CaseloadRow:
    """The card of one client shown, from their summary and today; whether they have
    gone quiet comes from the ranking, which asks it in SQL."""
    client = relationship.client
    try:
        summary = client.caseload_summary
    except CaseloadSummary.DoesNotExist:
        summary = CaseloadSummary(client=client)  # nothing recorded yet
    reasons = [
        Reason(tier, words, date.fromisoformat(since))
        for part in REASON_PARTS
        for tier, words, since in summary.reasons.get(part, [])
    ]
    if is_quiet:
        last_checkin = summary.last_checkin
        quiet_since = last_checkin or relationship.started_on
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
    last_session = max(
        (day for day in map(date.fromisoformat, summary.held_days) if day <= today), default=None
    )
    next_session = next(
        (day for day in map(date.fromisoformat, summary.planned_days) if day >= today), None
    )
    notes = []
    if summary.first_open_due is not None and summary.first_open_due < today:
        notes.append("A step is past its date")
    shared = summary.last_shared_at
    if shared is not None and shared >= timezone.now() - TREND_WINDOW:
        after = (
            timezone.make_aware(datetime.combine(last_session, time.max)) if last_session else None
        )
        if after is None or shared > after:
            notes.append("A journal entry newly shared with you")
    window_starts = today - TREND_WINDOW
    return CaseloadRow(
        client=client,
        since=relationship.started_on,
        goals=[
            GoalTrend(
                title=goal["title"],
                ratings=[
                    n
                    for day, n in summary.ratings.get(goal["id"], [])
                    if date.fromisoformat(day) >= window_starts
                ],
            )
            for goal in summary.goals
        ],
        last_checkin=summary.last_checkin,
        reasons=reasons,
        waiting_on_client=[
            *summary.waiting_on_client.get("goals", []),
            *summary.waiting_on_client.get("changes", []),
        ],
        notes=notes,
        last_session=last_session,
        next_session=next_session,
        risk_flag=summary.risk_flag,
    )
