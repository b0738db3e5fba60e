"""Drawing each client's caseload summary from their records, for one client after a
write (only the parts that write can change) or for everyone (`caseload_rebuild`),
by the same code, so the two cannot drift apart. Every query here is per batch of
clients, never per client."""

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from django.db.models import Aggregate, Max, Min, QuerySet
from django.utils import timezone

from cairn.care.access import journal_shared
from cairn.goals.achievement_window import STUCK_FOR_WORDS
from cairn.goals.models import Achievement, ChangeStatus, Goal, GoalChange, Lifecycle, Milestone
from cairn.home.models import CaseloadSummary
from cairn.home.tiers import KEPT_TIERS
from cairn.journal.models import JournalEntry
from cairn.measures.models import MeasureResponse
from cairn.measures.selectors import latest_scores_for
from cairn.progress.models import CheckIn, GoalRating
from cairn.safety.models import RiskFlag
from cairn.safety.selectors import open_risk_flags_for
from cairn.sessions.models import AgendaItem, SessionStatus, TherapySession

# How far back a rating counts towards a goal's trend on the caseload.
TREND_WINDOW = timedelta(days=60)
BATCH = 500

Ids = list[uuid.UUID]
# What one part of the record gives each client's summary.
Fields = dict[str, Any]


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


# A goal's title on a caseload card, in its reasons and its list of goals alike.
SHORT_TITLE = 60


def short_title(title: str) -> str:
    return title if len(title) <= SHORT_TITLE else title[: SHORT_TITLE - 1].rstrip() + "…"


def _risk(ids: Ids, today: date) -> dict[uuid.UUID, Fields]:
    found: dict[uuid.UUID, Fields] = defaultdict(dict)
    for client_id, flag in open_risk_flags_for(ids).items():
        found[client_id] = {
            "risk_flag": flag,
            "reasons.risk": [["risk", flag.reason, _day(flag.raised_at).isoformat()]],
        }
    return found


def _goals(ids: Ids, today: date) -> dict[uuid.UUID, Fields]:
    """Active goals (their titles, worsening or stuck) and proposed ones (waiting)."""
    found: dict[uuid.UUID, Fields] = defaultdict(
        lambda: {"goals": [], "reasons.goals": [], "waiting_on_client.goals": []}
    )
    goals = list(
        Goal.objects.filter(
            client__in=ids, lifecycle_status__in=[Lifecycle.ACTIVE, Lifecycle.PROPOSED]
        ).order_by("created_at", "pk")
    )
    active = [g for g in goals if g.lifecycle_status == Lifecycle.ACTIVE]
    for goal in active:
        found[goal.client_id]["goals"].append({"id": str(goal.pk), "title": goal.title})
    # In the order the tiers are read: worsening, then stuck, then waiting.
    for goal in active:
        if goal.achievement_status == Achievement.WORSENING:
            compares = goal.achievement_compares
            found[goal.client_id]["reasons.goals"].append(
                [
                    "worsening",
                    f"“{short_title(goal.title)}” has been harder lately: "
                    f"{compares[0].lower()}{compares[1:]}",
                    goal.status_date.isoformat(),
                ]
            )
    for goal in active:
        if goal.achievement_status == Achievement.NO_PROGRESS:
            found[goal.client_id]["reasons.goals"].append(
                [
                    "stuck",
                    f"“{short_title(goal.title)}” has stayed low for {STUCK_FOR_WORDS} or more",
                    goal.status_date.isoformat(),
                ]
            )
    for goal in goals:
        if goal.lifecycle_status != Lifecycle.PROPOSED:
            continue
        if goal.proposed_by_id == goal.client_id:
            found[goal.client_id]["reasons.goals"].append(
                [
                    "waiting",
                    f"A goal to agree: “{short_title(goal.title)}”",
                    _day(goal.created_at).isoformat(),
                ]
            )
        else:
            found[goal.client_id]["waiting_on_client.goals"].append(
                f"Your proposed goal “{short_title(goal.title)}”"
            )
    return found


def _ratings(ids: Ids, today: date) -> dict[uuid.UUID, Fields]:
    """Each active goal's ratings that can still be in the trend window from today on."""
    found: dict[uuid.UUID, Fields] = defaultdict(lambda: {"ratings": {}})
    for client_id, goal_id, day, rating in (
        GoalRating.objects.filter(
            goal__client__in=ids,
            goal__lifecycle_status=Lifecycle.ACTIVE,
            checkin__date__gte=today - TREND_WINDOW,
        )
        .order_by("checkin__date", "pk")
        .values_list("goal__client_id", "goal_id", "checkin__date", "rating")
    ):
        found[client_id]["ratings"].setdefault(str(goal_id), []).append([day.isoformat(), rating])
    return found


def _measures(ids: Ids, today: date) -> dict[uuid.UUID, Fields]:
    """The latest PHQ-9 and GAD-7 totals, and reliable deterioration on either."""
    found: dict[uuid.UUID, Fields] = {}
    for client_id, scores in latest_scores_for(ids).items():
        fields: Fields = {
            "phq9_total": scores.phq9.total if scores.phq9 else None,
            "gad7_total": scores.gad7.total if scores.gad7 else None,
        }
        worse = [s for s in scores.all if s.reliable_deterioration]
        if worse:
            words = " and ".join(
                f"{s.measure.name} {s.first_total} → {s.total} since {s.first_date:%-d %b}"
                for s in worse
            )
            since = min(s.date for s in worse).isoformat()
            fields["reasons.measures"] = [["worsening", f"Reliable deterioration: {words}", since]]
        found[client_id] = fields
    return found


def _changes(ids: Ids, today: date) -> dict[uuid.UUID, Fields]:
    found: dict[uuid.UUID, Fields] = defaultdict(
        lambda: {"reasons.changes": [], "waiting_on_client.changes": []}
    )
    for change in (
        GoalChange.objects.filter(goal__client__in=ids, status=ChangeStatus.WAITING)
        .select_related("goal")
        .order_by("created_at", "pk")
    ):
        client_id, title = change.goal.client_id, short_title(change.goal.title)
        if change.proposed_by_id == client_id:
            found[client_id]["reasons.changes"].append(
                ["waiting", f"A change to agree on “{title}”", _day(change.created_at).isoformat()]
            )
        else:
            found[client_id]["waiting_on_client.changes"].append(f"Your change to “{title}”")
    return found


def _agenda(ids: Ids, today: date) -> dict[uuid.UUID, Fields]:
    days: dict[uuid.UUID, list[date]] = defaultdict(list)
    for client_id, created in AgendaItem.objects.filter(
        client__in=ids, discussed_at__isnull=True
    ).values_list("client_id", "created_at"):
        days[client_id].append(_day(created))
    return {
        client_id: {
            "reasons.agenda": [
                [
                    "waiting",
                    f"{len(items)} thing{'s' if len(items) != 1 else ''} on their agenda",
                    min(items).isoformat(),
                ]
            ]
        }
        for client_id, items in days.items()
    }


def _one_per_client(
    rows: QuerySet[Any], aggregate: Aggregate, *, client: str = "client"
) -> Iterable[tuple[uuid.UUID, Any]]:
    """Each client with `aggregate` over their rows (the latest date, say): one query."""
    return rows.values(client).annotate(value=aggregate).values_list(client, "value")


def _checkins(ids: Ids, today: date) -> dict[uuid.UUID, Fields]:
    rows = CheckIn.objects.filter(client__in=ids)
    return {
        client_id: {"last_checkin": last} for client_id, last in _one_per_client(rows, Max("date"))
    }


def _milestones(ids: Ids, today: date) -> dict[uuid.UUID, Fields]:
    rows = Milestone.objects.open_and_dated().filter(goal__client__in=ids)
    return {
        client_id: {"first_open_due": first}
        for client_id, first in _one_per_client(rows, Min("due_date"), client="goal__client")
    }


def _journal(ids: Ids, today: date) -> dict[uuid.UUID, Fields]:
    rows = JournalEntry.objects.filter(
        journal_shared(),
        client__in=ids,
        deleted_at__isnull=True,
        shared_at__isnull=False,
    )
    return {
        client_id: {"last_shared_at": last}
        for client_id, last in _one_per_client(rows, Max("shared_at"))
    }


def _sessions(ids: Ids, today: date) -> dict[uuid.UUID, Fields]:
    """The days that can still be the last held session (the latest up to today, and
    any held one dated later) or the next planned one (from today on), sorted."""
    held: dict[uuid.UUID, set[date]] = defaultdict(set)
    planned: dict[uuid.UUID, set[date]] = defaultdict(set)
    held_by_today = TherapySession.objects.filter(
        client__in=ids, status=SessionStatus.HELD, held_on__lte=today
    )
    for client_id, last in _one_per_client(held_by_today, Max("held_on")):
        held[client_id].add(last)
    for client_id, status, day in TherapySession.objects.filter(
        client__in=ids, status__in=[SessionStatus.HELD, SessionStatus.PLANNED], held_on__gte=today
    ).values_list("client_id", "status", "held_on"):
        if status == SessionStatus.PLANNED:
            planned[client_id].add(day)
        elif day > today:
            held[client_id].add(day)
    return {
        client_id: {
            "held_days": [d.isoformat() for d in sorted(held.get(client_id, ()))],
            "planned_days": [d.isoformat() for d in sorted(planned.get(client_id, ()))],
        }
        for client_id in held.keys() | planned.keys()
    }


# Each part of the summary, and the fields it writes when a client has none of it.
PARTS: dict[str, tuple[Callable[[Ids, date], dict[uuid.UUID, Fields]], Fields]] = {
    "risk": (_risk, {"risk_flag": None, "reasons.risk": []}),
    "goals": (
        _goals,
        {"goals": [], "reasons.goals": [], "waiting_on_client.goals": []},
    ),
    "ratings": (_ratings, {"ratings": {}}),
    "measures": (_measures, {"phq9_total": None, "gad7_total": None, "reasons.measures": []}),
    "changes": (_changes, {"reasons.changes": [], "waiting_on_client.changes": []}),
    "agenda": (_agenda, {"reasons.agenda": []}),
    "checkins": (_checkins, {"last_checkin": None}),
    "milestones": (_milestones, {"first_open_due": None}),
    "journal": (_journal, {"last_shared_at": None}),
    "sessions": (_sessions, {"held_days": [], "planned_days": []}),
}
# The order reasons are told in (within a tier, the card keeps it).
REASON_PARTS = ["risk", "goals", "measures", "changes", "agenda"]


def _apply(summary: CaseloadSummary, fields: Fields) -> None:
    for name, value in fields.items():
        if "." in name:
            json_field, part = name.split(".")
            mapping = dict(getattr(summary, json_field))
            if value:
                mapping[part] = value
            else:
                mapping.pop(part, None)
            setattr(summary, json_field, mapping)
        else:
            setattr(summary, name, value)
    reasons = [r for part in REASON_PARTS for r in summary.reasons.get(part, [])]
    for tier in KEPT_TIERS:
        days = [since for code, _, since in reasons if code == tier]
        setattr(summary, f"{tier}_since", date.fromisoformat(min(days)) if days else None)
    summary.has_active_goal = bool(summary.goals)


def _is_empty(summary: CaseloadSummary) -> bool:
    return all(getattr(summary, name) in (None, False, [], {}) for name in FIELDS)


def summaries_of(
    ids: Ids, *, today: date, parts: Iterable[str] = PARTS, into: dict[uuid.UUID, CaseloadSummary]
) -> None:
    """Draws `parts` of each client's summary in `into` (added where missing)."""
    for part in parts:
        compute, empty = PARTS[part]
        found = compute(ids, today)
        for client_id in ids:
            summary = into.setdefault(client_id, CaseloadSummary(client_id=client_id))
            _apply(summary, {**empty, **found.get(client_id, {})})


def summary_refresh(*, client_id: uuid.UUID, parts: Iterable[str] = PARTS) -> None:
    """The client's summary again from their records, inside the caller's transaction:
    only `parts`, the ones the write that calls it can change."""
    existing = CaseloadSummary.objects.filter(client_id=client_id).first()
    into = {client_id: existing} if existing is not None else {}
    summaries_of([client_id], today=timezone.localdate(), parts=parts, into=into)
    summary = into[client_id]
    if _is_empty(summary):
        if existing is not None:
            summary.delete()
    else:
        summary.save(force_insert=existing is None)


def summaries_rebuild() -> int:
    """Every summary again from the records; returns how many clients have one."""
    today = timezone.localdate()
    CaseloadSummary.objects.all().delete()
    written = 0
    for ids in _batches(_clients_with_records()):
        into: dict[uuid.UUID, CaseloadSummary] = {}
        summaries_of(ids, today=today, into=into)
        kept = [s for s in into.values() if not _is_empty(s)]
        CaseloadSummary.objects.bulk_create(kept)
        written += len(kept)
    return written


def _clients_with_records() -> Iterator[uuid.UUID]:
    """Anyone with a record a summary is drawn from (each source is indexed by client)."""
    seen: set[uuid.UUID] = set()
    for model in (
        Goal,
        CheckIn,
        AgendaItem,
        TherapySession,
        JournalEntry,
        RiskFlag,
        MeasureResponse,
    ):
        for client_id in model.objects.values_list("client_id", flat=True).distinct():
            if client_id not in seen:
                seen.add(client_id)
                yield client_id


def _batches(ids: Iterator[uuid.UUID]) -> Iterator[Ids]:
    while batch := list(islice(ids, BATCH)):
        yield batch


# What a summary holds besides its client (and when it was written); equal summaries
# hold equal values.
FIELDS = [
    f.attname
    for f in CaseloadSummary._meta.concrete_fields
    if f.name not in ("client", "updated_at")
]


def summary_as_dict(summary: CaseloadSummary) -> dict[str, Any]:
    """Its fields, to compare a maintained summary with a rebuilt one."""
    return {name: getattr(summary, name) for name in FIELDS}
