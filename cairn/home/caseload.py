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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cache
from typing import Any, cast

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from cairn.accounts.models import User
from cairn.care.access import care_writable_by
from cairn.care.models import CareRelationship, Membership
from cairn.core.page_cache import Key, key_for, parts_for
from cairn.home.models import CaseloadSummary
from cairn.home.summary import REASON_PARTS, TREND_WINDOW
from cairn.progress.models import IN_TOUCH_FOR, TrackingPause
from cairn.safety.models import RiskFlag

QUIET_AFTER = IN_TOUCH_FOR
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
class Caseload[T]:
    """One page of a therapist's caseload (each client's row, or its card in HTML) and
    how many clients are in each tier."""

    page: Page[T]
    counts: dict[str, int]

    @property
    def on_page(self) -> list[T]:
        return list(self.page.object_list)


def caseload_for(
    therapist: User, *, today: date, query: str = "", tier: str = "", page: str | None = None
) -> Caseload[CaseloadRow]:
    """One page of the current clients of `therapist`, with tier and reasons, in the
    order of attention, and how many are in each tier. Reads the summaries, so it
    costs the same for 20 or 2,000 clients. `tier` narrows to one tier (the caller
    checks it is one of TIERS); a `page` that is not a page there is gives the first."""
    shown, counts = _ranked_page(therapist, today=today, query=query, tier=tier, page=page)
    found = shown.object_list
    rows = _rows_of(found, today=today)
    return Caseload(page=_page_of(shown, [rows[values["pk"]] for values in found]), counts=counts)


@dataclass(frozen=True)
class Card:
    client_id: uuid.UUID
    html: SafeString


def caseload_cards_for(
    therapist: User, *, today: date, query: str = "", tier: str = "", page: str | None = None
) -> Caseload[Card]:
    """The page `caseload_for` gives, as each client's card in HTML. A card is drawn
    again only when something it shows has changed (its client's summary, name,
    reference or care, or the day); otherwise this process's copy is shown."""
    shown, counts = _ranked_page(therapist, today=today, query=query, tier=tier, page=page)
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
        rows = _rows_of([keys[key] for key in missing], today=today)
        return {
            key: render_to_string(CARD_TEMPLATE, {"row": rows[keys[key]["pk"]]}) for key in missing
        }

    html = parts_for(keys, draw)
    return Caseload(
        page=_page_of(
            shown, [Card(values["client_id"], html[key]) for key, values in keys.items()]
        ),
        counts=counts,
    )


def _rows_of(ranked: Iterable[dict[str, Any]], *, today: date) -> dict[uuid.UUID, CaseloadRow]:
    """The row of each ranked care relationship (`_ranked_page`'s `CARD_INPUTS`), by
    its id: one query for them all."""
    quiet = {values["pk"]: values["is_quiet"] for values in ranked}
    relationships = CareRelationship.objects.filter(pk__in=quiet).select_related(*ROW_RELATED)
    rows = {}
    for relationship in relationships:
        relationship.is_quiet = quiet[relationship.pk]  # type: ignore[attr-defined]
        rows[relationship.pk] = _row(relationship, today=today)
    return rows


CARD_TEMPLATE = "home/therapist_home.html#caseload-card"
ROW_RELATED = ("client__membership", "client__caseload_summary__risk_flag")


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


def _ranked_page(
    therapist: User, *, today: date, query: str, tier: str, page: str | None
) -> tuple[Page[dict[str, Any]], dict[str, int]]:
    """The `CARD_INPUTS` of one page of the therapist's current clients (of `tier`,
    if given), in the order of `attention_order`, and how many there are in each
    tier. One query: the tier and the order are worked out in SQL from each client's
    summary and today (a second only for a `page` past the end, which gives the first)."""
    counts = dict.fromkeys(TIERS, 0)
    current = care_writable_by(therapist).order_by().values("id", "client_id", "started_on")
    try:
        current_sql, current_params = current.query.sql_with_params()
    except EmptyResultSet:  # not a therapist (now): no one to list
        return _page_of(Paginator([], PER_PAGE).page(1), []), counts
    # The access rule's own SQL, its parameters named like the others'.
    assert "%%" not in current_sql
    named = {f"current_{n}": value for n, value in enumerate(current_params)}
    params = {
        **named,
        "quiet_before": connection.ops.adapt_datefield_value(today - QUIET_AFTER),
        "today": connection.ops.adapt_datefield_value(today),
        "tier": TIERS[tier].rank if tier else -1,
        "per_page": PER_PAGE,
        "search": "%" + connection.ops.prep_for_like_query(query) + "%",
    }
    sql = _ranked_page_sql(searching=bool(query)).format(
        current=current_sql % tuple(f"%({name})s" for name in named)
    )
    number = _page_number(page)
    found = _ranked(sql, _skipping(params, (number - 1) * PER_PAGE))
    for row in found:
        if row[0] is None:  # how many in a tier
            counts[TIERS_BY_RANK[row[-2]]] = int(row[-1])
    total = counts[tier] if tier else sum(counts.values())
    if number > 1 and (number - 1) * PER_PAGE >= total:
        number = 1  # there is no such page: the first
        found = _ranked(sql, _skipping(params, 0))
    paginator = Paginator(list[dict[str, Any]](), PER_PAGE)
    # The counts by tier already say how many there are: no second pass to count them.
    paginator.__dict__["count"] = total
    shown = sorted((row for row in found if row[0] is not None), key=lambda row: row[-2])
    return Page([_card_inputs(row) for row in shown], number, paginator), counts


def _skipping(params: dict[str, Any], skipped: int) -> dict[str, Any]:
    """The parameters of the page after the first `skipped` clients."""
    return {**params, "skipped": skipped, "last": skipped + PER_PAGE - 1}


TIERS_BY_RANK = {t.rank: t.code for t in TIERS.values()}


def _ranked(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _page_number(page: str | None) -> int:
    """The page asked for, as Paginator reads it; 1 for anything else."""
    try:
        number = float(page or 1)
    except ValueError:
        return 1
    return int(number) if number.is_integer() and 1 <= number < 1e9 else 1


# What the database gives, made what the ORM would give: `CARD_INPUTS` are part of
# each card's key.
_CONVERTED: dict[str, Callable[[Any], Any]] = {
    "pk": lambda value: _uuid(value),
    "client_id": lambda value: _uuid(value),
    "started_on": lambda value: _date(value),
    "is_quiet": bool,
    SUMMARY + "updated_at": lambda value: _moment(value),
    SUMMARY + "last_shared_at": lambda value: _moment(value),
}


def _card_inputs(row: tuple[Any, ...]) -> dict[str, Any]:
    return {
        name: _CONVERTED[name](value) if name in _CONVERTED else value
        for name, value in zip(CARD_INPUTS, row, strict=False)
    }


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _moment(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return timezone.make_aware(moment, UTC) if timezone.is_naive(moment) else moment


@cache
def _ranked_page_sql(*, searching: bool) -> str:
    """The SQL of `_ranked_page`, built once from the models' own table and column
    names (never from input; every value is a parameter): the ORM spent longer
    building its CASEs on each request than the database spends answering them. The
    current care relationships ({current}) come from cairn.care.access.

    One page of the chosen clients, ordered on their tiers, dates and names alone, then
    what their cards need, only for them; and, in the same answer, how many clients
    there are in each tier. At 2,000 clients a third cheaper than ranking them twice
    and reading every name (docs/scaling.md, "The caseload of 2,000 clients")."""
    user = User._meta.db_table
    membership = Membership._meta.db_table
    summary = CaseloadSummary._meta.db_table
    pauses = TrackingPause._meta.db_table
    # A check-in is expected while there is an active goal and no pause. The pause
    # is asked last: the database asks it only of the few who are quiet.
    quiet = (
        "(s.has_active_goal AND COALESCE(s.last_checkin, r.started_on) <= %(quiet_before)s "  # noqa: S608
        f"AND NOT EXISTS (SELECT 1 FROM {pauses} p WHERE p.client_id = r.client_id "
        "AND p.starts_on <= %(today)s AND (p.ends_on IS NULL OR p.ends_on >= %(today)s)))"
    )
    # Each tier with the test that puts a client in it and since when: the first test
    # passed gives the tier (the order of TIERS), read from the columns of `facts`.
    since_of_tier = {
        "risk": ("risk_since IS NOT NULL", "risk_since"),
        "worsening": ("worsening_since IS NOT NULL", "worsening_since"),
        "quiet": ("is_quiet = 1", "quiet_since"),
        "stuck": ("stuck_since IS NOT NULL", "stuck_since"),
        "waiting": ("waiting_since IS NOT NULL", "waiting_since"),
    }
    assert list(since_of_tier) == [code for code in TIERS if code != "none"]
    tier_rank = " ".join(
        f"WHEN {test} THEN {TIERS[code].rank}" for code, (test, _) in since_of_tier.items()
    )
    tier_rank = f"CASE {tier_rank} ELSE {TIERS['none'].rank} END"
    since = " ".join(f"WHEN {test} THEN {column}" for test, column in since_of_tier.values())
    since = f"CASE {since} END"
    searched = (
        f"LEFT JOIN {membership} m ON m.user_id = r.client_id WHERE "
        + " OR ".join(
            f"UPPER({column}) LIKE UPPER(%(search)s) ESCAPE '\\'"
            for column in ("c.name", "c.email", "m.reference")
        )
        if searching
        else ""
    )
    # Names are read to search them, or else only for the few clients the page can hold.
    named = f"JOIN {user} c ON c.id = r.client_id" if searching else ""
    dated = "CASE WHEN since IS NULL THEN 1 ELSE 0 END"
    chosen = "(%(tier)s < 0 OR tier_rank = %(tier)s)"
    order = f"tier_rank, {dated}, since, sort_name, client_id"
    placed = "r.tier_rank, r.since IS NULL, r.since, r.sort_name, r.client_id"
    # `ranked` is worked out once (MATERIALIZED) and read twice: for the page, and for
    # how many there are in each tier. The clients ordered by tier and date alone up to
    # the page's last (`edge`) are the only ones it can hold: only their names are read,
    # to order those of the same tier and date.
    return f"""
WITH ranked AS MATERIALIZED (
    SELECT id, client_id, started_on, is_quiet, {tier_rank} AS tier_rank, {since} AS since
    FROM (
        SELECT r.id, r.client_id, r.started_on, s.risk_since, s.worsening_since,
            s.stuck_since, s.waiting_since, COALESCE(s.last_checkin, r.started_on) AS quiet_since,
            CASE WHEN {quiet} THEN 1 ELSE 0 END AS is_quiet
        FROM ({{current}}) r {named}
        LEFT JOIN {summary} s ON s.client_id = r.client_id {searched}
    ) facts
),
edge AS (
    SELECT tier_rank, since FROM ranked WHERE {chosen}
    ORDER BY tier_rank, {dated}, since LIMIT 1 OFFSET %(last)s
),
placed AS (
    SELECT ranked.*, c.name, c.email,
        LOWER(CASE WHEN c.name = '' THEN c.email ELSE c.name END) AS sort_name
    FROM ranked JOIN {user} c ON c.id = ranked.client_id
    WHERE {chosen} AND (
        NOT EXISTS (SELECT 1 FROM edge)
        OR tier_rank < (SELECT tier_rank FROM edge)
        OR tier_rank = (SELECT tier_rank FROM edge)
        AND (since <= (SELECT since FROM edge) OR (SELECT since IS NULL FROM edge))
    )
    ORDER BY {order} LIMIT %(per_page)s OFFSET %(skipped)s
)
SELECT r.id, r.client_id, r.started_on, r.is_quiet,
    r.name, r.email, m.reference, s.updated_at, s.last_shared_at,
    ROW_NUMBER() OVER (ORDER BY {placed}), NULL
FROM placed r
LEFT JOIN {membership} m ON m.user_id = r.client_id
LEFT JOIN {summary} s ON s.client_id = r.client_id
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, tier_rank, COUNT(*)
FROM ranked
GROUP BY tier_rank
"""  # noqa: S608


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
