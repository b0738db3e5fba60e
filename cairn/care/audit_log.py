"""The audit log as it is read: the practice's (the admin's page and CSV export) and
the client's own ("who opened my record"), each event with its people in plain words.
Reads, through `access.py`."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from cairn.accounts.models import User
from cairn.care.access import named_in_clients_log, private_note_events
from cairn.care.audit_words import is_calendar_app, what_happened
from cairn.care.models import Practice
from cairn.care.roles import name_with_reference
from cairn.core.audit import Action, audit_record, events_about
from cairn.core.models import AuditEvent

# The audit log's pages: the practice's (the admin's) and a client's own record's.
AUDIT_EVENTS_PER_PAGE = 50


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    actor: User | None
    client: User | None
    who: str
    what: str


def _who(event: AuditEvent, actor: User | None, *, for_client: bool) -> str:
    if is_calendar_app(event):
        return "Your calendar app" if for_client else "A calendar app"
    if actor is None:
        return "Someone not signed in"
    if for_client and not named_in_clients_log(actor, event.client_id):
        return "Someone else with an account here (your practice can tell you who)"
    return name_with_reference(actor)


def _with_people(events: list[AuditEvent], *, for_client: bool = False) -> list[AuditRow]:
    ids = {e.actor_id for e in events} | {e.client_id for e in events}
    people = {
        u.pk: u
        for u in User.objects.filter(pk__in=[i for i in ids if i]).select_related("membership")
    }
    rows = []
    for event in events:
        actor = people.get(event.actor_id) if event.actor_id else None
        rows.append(
            AuditRow(
                event=event,
                actor=actor,
                client=people.get(event.client_id) if event.client_id else None,
                who=_who(event, actor, for_client=for_client),
                what=what_happened(event, for_client=for_client),
            )
        )
    return rows


def _page_with_people(
    events: QuerySet[AuditEvent], page: int | str | None, *, for_client: bool = False
) -> tuple[Page[AuditEvent], list[AuditRow]]:
    """One page of the log, and its events with their people in plain words."""
    page_obj = Paginator(events, AUDIT_EVENTS_PER_PAGE).get_page(page)
    return page_obj, _with_people(list(page_obj.object_list), for_client=for_client)


def _log_read(*, practice: Practice, by: User) -> None:
    """The log names who opened which client's record: reading it, a page or the
    export, is itself audited (one event, not one per row), before any row is read."""
    audit_record(actor=by, action=Action.READ, object_type="audit_log", practice_id=practice.pk)


def audit_events_for_practice(
    *, practice: Practice, filters: dict[str, object], page: int | str | None, by: User
) -> tuple[Page[AuditEvent], list[AuditRow]]:
    """One page of the practice's log as `filters` narrow it, read by the admin `by`."""
    _log_read(practice=practice, by=by)
    return _page_with_people(audit_events_filtered(practice=practice, filters=filters), page)


def audit_events_filtered(
    *, practice: Practice, filters: dict[str, object]
) -> QuerySet[AuditEvent]:
    """The practice's events, newest first, narrowed by who acted, whose record,
    what kind of thing, action, outcome and dates."""
    events = AuditEvent.objects.filter(practice_id=practice.pk).order_by("-at")
    if person := filters.get("person"):
        events = events.filter(actor_id=getattr(person, "pk", None))
    if client := filters.get("client"):
        client_id = getattr(client, "pk", None)
        events = events.filter(events_about(client_id))
    if kind := filters.get("kind"):
        events = events.filter(object_type=kind)
    if action := filters.get("action"):
        events = events.filter(action=action)
    if outcome := filters.get("outcome"):
        events = events.filter(outcome=outcome)
    if since := filters.get("since"):
        events = events.filter(at__date__gte=since)
    if until := filters.get("until"):
        events = events.filter(at__date__lte=until)
    return events


def audit_rows_for_export(
    *, practice: Practice, filters: dict[str, object], limit: int = 100_000
) -> Iterator[AuditRow]:
    """Every matching event with its people, in chunks: a constant number of queries
    per thousand rows, whatever the size of the log."""
    events = audit_events_filtered(practice=practice, filters=filters)[:limit]
    chunk: list[AuditEvent] = []
    for event in events.iterator(chunk_size=1000):
        chunk.append(event)
        if len(chunk) == 1000:
            yield from _with_people(chunk)
            chunk = []
    yield from _with_people(chunk)


def audit_rows_exported(
    *, practice: Practice, filters: dict[str, object], by: User
) -> Iterator[AuditRow]:
    """The rows of the admin's CSV export of the log (see audit_rows_for_export), the
    export itself audited as a read of the log before any row is read."""
    _log_read(practice=practice, by=by)
    return audit_rows_for_export(practice=practice, filters=filters)


def record_openings_for(
    *, client: User, page: int | str | None
) -> tuple[Page[AuditEvent], list[AuditRow]]:
    """Who, other than the client, opened or tried to open the client's record."""
    events = (
        AuditEvent.objects.filter(events_about(client.pk))
        .filter(action__in=[Action.READ, Action.WRITE])
        # The client's own doings are not listed; their calendar app reading the feed is.
        .exclude(Q(actor_id=client.pk) & ~Q(object_type="calendar_feed", action=Action.READ))
        .exclude(private_note_events())
        .order_by("-at")
    )
    return _page_with_people(events, page, for_client=True)
