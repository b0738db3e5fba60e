"""The therapist's caseload, ordered by real need, in tiers (issue 11):

risk › worsening or reliable deterioration › quiet › stuck › waiting on the therapist › none.

A client sits in the highest tier any of their reasons reaches; within a tier, whoever
has waited longest comes first. Every reason is said in words. Something waiting on
the client is shown, but is no flag.

The page reads each client's summary (home.models.CaseloadSummary, kept up to date
with every write), never their history: the tier and the order are worked out in SQL
from the summary's dates and today, and only the 50 cards of the page are built. The
query count is the same for 3 clients or 2,000.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Case, Count, DateField, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Lower
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from cairn.accounts.models import User
from cairn.care.access import care_writable_by
from cairn.care.models import CareRelationship
from cairn.core.page_cache import Key, key_for, parts_for
from cairn.home.models import CaseloadSummary
from cairn.home.summary import REASON_PARTS, TREND_WINDOW
from cairn.progress.models import TrackingPause
from cairn.safety.models import RiskFlag

QUIET_AFTER = timedelta(days=14)
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
    title: str
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


@dataclass
class Caseload:
    page: Page[CaseloadRow]
    counts: dict[str, int]

    @property
    def rows(self) -> list[CaseloadRow]:
        return list(self.page.object_list)


def caseload_for(
    therapist: User, *, today: date, query: str = "", tier: str = "", page: str | None = None
) -> Caseload:
    """One page of the current clients of `therapist`, with tier and reasons, in the
    order of attention, and how many are in each tier. Reads the summaries, so it
    costs the same for 20 or 2,000 clients. `tier` narrows to one tier (the caller
    checks it is one of TIERS); a `page` that is not a page there is gives the first."""
    found, counts = _found_and_counts(therapist, today=today, query=query, tier=tier)
    shown = _page(found.select_related(*ROW_RELATED), counts=counts, tier=tier, page=page)
    return Caseload(
        page=_page_of(shown, [_row(r, today=today) for r in shown.object_list]), counts=counts
    )


@dataclass(frozen=True)
class Card:
    client_id: uuid.UUID
    html: SafeString


@dataclass
class CaseloadCards:
    page: Page[Card]
    counts: dict[str, int]

    @property
    def cards(self) -> list[Card]:
        return list(self.page.object_list)


def caseload_cards_for(
    therapist: User, *, today: date, query: str = "", tier: str = "", page: str | None = None
) -> CaseloadCards:
    """The page `caseload_for` gives, as each client's card in HTML. A card is drawn
    again only when something it shows has changed (its client's summary, name,
    reference or care, or the day); otherwise this process's copy is shown."""
    found, counts = _found_and_counts(therapist, today=today, query=query, tier=tier)
    shown = _page(found.values(*CARD_INPUTS), counts=counts, tier=tier, page=page)
    inputs = list(shown.object_list)
    fresh_after = timezone.now() - TREND_WINDOW
    keys: dict[Key, dict[str, Any]] = {
        key_for(
            "caseload card",
            *(values[name] for name in CARD_INPUTS),
            # The one thing on a card that moves within a day: a newly shared entry.
            (shared := values[SUMMARY + "last_shared_at"]) is not None and shared >= fresh_after,
            viewer_id=therapist.pk,
            today=today,
        ): values
        for values in inputs
    }

    def draw(missing: list[Key]) -> dict[Key, str]:
        quiet = {keys[key]["pk"]: keys[key]["is_quiet"] for key in missing}
        relationships = CareRelationship.objects.filter(pk__in=quiet).select_related(*ROW_RELATED)
        rows = {}
        for relationship in relationships:
            relationship.is_quiet = quiet[relationship.pk]  # type: ignore[attr-defined]
            rows[relationship.pk] = _row(relationship, today=today)
        return {
            key: render_to_string(CARD_TEMPLATE, {"row": rows[keys[key]["pk"]]}) for key in missing
        }

    html = parts_for(keys, draw)
    return CaseloadCards(
        page=_page_of(
            shown, [Card(values["client_id"], html[key]) for key, values in keys.items()]
        ),
        counts=counts,
    )


CARD_TEMPLATE = "home/therapist_home.html#caseload-card"
ROW_RELATED = ("client__membership", "client__caseload_summary__risk_flag")


def _found_and_counts(
    therapist: User, *, today: date, query: str, tier: str
) -> tuple[QuerySet[Any], dict[str, int]]:
    found = _in_attention_order(therapist, today=today, query=query)
    counts = dict.fromkeys(TIERS, 0)
    by_rank = {t.rank: t.code for t in TIERS.values()}
    for rank, count in found.order_by().values_list("tier_rank").annotate(n=Count("pk")):
        counts[by_rank[rank]] = count
    if tier:
        found = found.filter(tier_rank=TIERS[tier].rank)
    return found, counts


def _page(
    found: QuerySet[Any], *, counts: dict[str, int], tier: str, page: str | None
) -> Page[Any]:
    paginator = Paginator(found, PER_PAGE)
    # The counts by tier already say how many there are: no second pass to count them.
    paginator.__dict__["count"] = counts[tier] if tier else sum(counts.values())
    try:
        return paginator.page(page or 1)
    except (InvalidPage, TypeError, ValueError):
        return paginator.page(1)


def _page_of[T](shown: Page[Any], items: list[T]) -> Page[T]:
    """The same page of the same list, holding `items`."""
    return Page(items, shown.number, cast(Paginator[T], shown.paginator))


SUMMARY = "client__caseload_summary__"
# Everything a card shows comes from these and the day: the summary is written again
# (and `updated_at` moves) whenever anything it holds may have changed.
CARD_INPUTS = (
    "pk",
    "client_id",
    "started_on",
    "is_quiet",
    "client__name",
    "client__email",
    "client__membership__reference",
    SUMMARY + "updated_at",
    SUMMARY + "last_shared_at",
)


def _in_attention_order(therapist: User, *, today: date, query: str) -> QuerySet[Any]:
    """The therapist's current care relationships, each with its tier worked out in
    SQL from the client's summary and today, in the order of `attention_order`."""
    found = care_writable_by(therapist)
    if query:
        found = found.filter(
            Q(client__name__icontains=query)
            | Q(client__email__icontains=query)
            | Q(client__membership__reference__icontains=query)
        )
    pauses = TrackingPause.objects.filter(client=OuterRef("client_id"), starts_on__lte=today)
    found = found.annotate(
        paused=Exists(pauses.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))),
        quiet_since=Coalesce(F(SUMMARY + "last_checkin"), F("started_on")),
    ).annotate(
        # A check-in is expected while there is an active goal and no pause. The
        # pause is asked last: the database asks it only of the few who are quiet.
        is_quiet=Case(
            When(
                Q(**{SUMMARY + "has_active_goal": True})
                & Q(quiet_since__lte=today - QUIET_AFTER)
                & Q(paused=False),
                then=Value(True),
            ),
            default=Value(False),
        )
    )
    since_of_tier = [
        ("risk", Q(**{SUMMARY + "risk_since__isnull": False}), F(SUMMARY + "risk_since")),
        (
            "worsening",
            Q(**{SUMMARY + "worsening_since__isnull": False}),
            F(SUMMARY + "worsening_since"),
        ),
        ("quiet", Q(is_quiet=True), F("quiet_since")),
        ("stuck", Q(**{SUMMARY + "stuck_since__isnull": False}), F(SUMMARY + "stuck_since")),
        ("waiting", Q(**{SUMMARY + "waiting_since__isnull": False}), F(SUMMARY + "waiting_since")),
    ]
    found = found.annotate(
        tier_rank=Case(
            *[When(test, then=Value(TIERS[code].rank)) for code, test, _ in since_of_tier],
            default=Value(TIERS["none"].rank),
        ),
        waiting_since=Case(
            *[When(test, then=since) for _, test, since in since_of_tier],
            default=None,
            output_field=DateField(),
        ),
        sort_name=Lower(
            Case(When(client__name="", then=F("client__email")), default=F("client__name"))
        ),
    )
    return found.order_by(
        "tier_rank", F("waiting_since").asc(nulls_last=True), "sort_name", "client_id"
    )


def _row(relationship: CareRelationship, *, today: date) -> CaseloadRow:
    """The card of one client shown, from their summary and today."""
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
    if getattr(relationship, "is_quiet", False):
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
