"""The caseload's order, worked out in SQL: one page of a therapist's current clients
in the order of attention (cairn.home.caseload_rows.attention_order) and how many
are in each tier, in one query from each client's summary and today, whatever the
number of clients.
"""

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, cast

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import care_writable_by
from cairn.care.models import Membership
from cairn.home.models import CaseloadSummary
from cairn.home.tiers import KEPT_TIERS, TIERS
from cairn.progress.models import IN_TOUCH_FOR, TrackingPause, pauses_covering

QUIET_AFTER = IN_TOUCH_FOR
PER_PAGE = 50


def page_of[T](shown: Page[Any], items: list[T]) -> Page[T]:
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


def ranked_page(
    therapist: User, *, today: date, query: str, tier: str, page: str | None
) -> tuple[Page[dict[str, Any]], dict[str, int]]:
    """The `CARD_INPUTS` of one page of the therapist's current clients (of `tier`,
    if given), in the order of `attention_order`, and how many there are in each
    tier. One query: the tier and the order are worked out in SQL from each client's
    summary and today (a second only for a `page` past the end, which gives the first)."""
    counts = dict.fromkeys(TIERS, 0)
    current = care_writable_by(therapist).order_by().values("id", "client_id", "started_on")
    try:
        current_sql, current_params = _named("current", current)
    except EmptyResultSet:  # not a therapist (now): no one to list
        return page_of(Paginator([], PER_PAGE).page(1), []), counts
    paused = TrackingPause.objects.filter(pauses_covering(today)).order_by().values("client_id")
    paused_sql, paused_params = _named("paused", paused)
    params = {
        **current_params,
        **paused_params,
        "quiet_before": connection.ops.adapt_datefield_value(today - QUIET_AFTER),
        "tier": TIERS[tier].rank if tier else -1,
        "per_page": PER_PAGE,
        "search": "%" + connection.ops.prep_for_like_query(query) + "%",
    }
    sql = _ranked_page_sql(searching=bool(query)).format(current=current_sql, paused=paused_sql)
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


def _named(prefix: str, rows: QuerySet[Any, Any]) -> tuple[str, dict[str, Any]]:
    """A queryset's own SQL (an access rule's, a model's rule's), its parameters named
    `<prefix>_<n>` like the others' so that it can stand inside the ranking's SQL."""
    sql, values = rows.query.sql_with_params()
    assert "%%" not in sql
    names = [f"{prefix}_{n}" for n in range(len(values))]
    return sql % tuple(f"%({name})s" for name in names), dict(zip(names, values, strict=True))


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
    """The SQL of `ranked_page`, built once from the models' own table and column
    names (never from input; every value is a parameter): the ORM spent longer
    building its CASEs on each request than the database spends answering them. The
    current care relationships ({current}) come from cairn.care.access.

    One page of the chosen clients, ordered on their tiers, dates and names alone, then
    what their cards need, only for them; and, in the same answer, how many clients
    there are in each tier. At 2,000 clients a third cheaper than ranking them twice
    and reading every name (docs/scaling.md, "The caseload of 2,000 clients"). The
    clients whose tracking rests today ({paused}) come from progress's pauses_covering."""
    user = User._meta.db_table
    membership = Membership._meta.db_table
    summary = CaseloadSummary._meta.db_table
    # A check-in is expected while there is an active goal and no pause. The pause
    # is asked last: the database asks it only of the few who are quiet.
    quiet = (
        "(s.has_active_goal AND COALESCE(s.last_checkin, r.started_on) <= %(quiet_before)s "
        "AND NOT EXISTS (SELECT 1 FROM ({paused}) p WHERE p.client_id = r.client_id))"
    )
    # Each tier with the test that puts a client in it and since when: the first test
    # passed gives the tier (the order of TIERS), read from the columns of `facts`.
    since_of_tier = {
        code: (f"{code}_since IS NOT NULL", f"{code}_since")
        if tier.kept
        else ("is_quiet = 1", "quiet_since")
        for code, tier in TIERS.items()
        if code != "none"
    }
    tier_rank = " ".join(
        f"WHEN {test} THEN {TIERS[code].rank}" for code, (test, _) in since_of_tier.items()
    )
    tier_rank = f"CASE {tier_rank} ELSE {TIERS['none'].rank} END"
    since = " ".join(f"WHEN {test} THEN {column}" for test, column in since_of_tier.values())
    since = f"CASE {since} END"
    kept_since = ", ".join(f"s.{code}_since" for code in KEPT_TIERS)
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
        SELECT r.id, r.client_id, r.started_on, {kept_since},
            COALESCE(s.last_checkin, r.started_on) AS quiet_since,
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
