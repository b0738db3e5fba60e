"""Appending to the audit log. Callers pass ids and kinds, never clinical text."""

import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.db.models import Q
from django.utils import timezone

from cairn.core import one_commit, request_context
from cairn.core.models import PATH_MAX, AuditEvent

# Set by the care app, which knows memberships (core knows nothing of practices):
# the practice whose admins should see an event about this person.
practice_lookup: Callable[[Any], uuid.UUID | None] | None = None

# Whether this request already recorded a refusal, so the catch-all for 403
# responses does not record it twice.
denial_recorded: ContextVar[bool] = ContextVar("cairn_denial_recorded", default=False)


def practice_of(person: Any) -> uuid.UUID | None:
    if person is None or not getattr(person, "is_authenticated", False) or practice_lookup is None:
        return None
    return practice_lookup(person)


class Action:
    READ = "read"
    WRITE = "write"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"


def audit_record(
    *,
    actor: Any,
    action: str,
    object_type: str = "",
    object_id: object = "",
    client_id: uuid.UUID | None = None,
    practice_id: uuid.UUID | None = None,
    allowed: bool = True,
) -> AuditEvent:
    context = request_context.current.get()
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    if practice_id is None:
        practice_id = practice_of(actor)
    if not allowed:
        denial_recorded.set(True)
    event = AuditEvent(
        at=timezone.now(),
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        client_id=client_id,
        practice_id=practice_id,
        ip=context.ip if context else "",
        path=context.path[:PATH_MAX] if context else "",
        outcome=AuditEvent.Outcome.ALLOWED if allowed else AuditEvent.Outcome.DENIED,
    )
    # A read's event waits for the request's one commit; a write's joins its transaction
    # (an API write's, at its end, in one INSERT with the events of the checks before it).
    if not one_commit.defer_insert(event):
        event.save(force_insert=True)
    return event


def audit_listing(*, actor: Any, object_type: str, client_ids: list[uuid.UUID]) -> AuditEvent:
    """One read event for a page that lists many clients, naming every client listed."""
    context = request_context.current.get()
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor_id=actor.pk,
        action=Action.READ,
        object_type=object_type,
        client_ids=" ".join(str(client_id) for client_id in client_ids),
        practice_id=practice_of(actor),
        ip=context.ip if context else "",
        path=context.path[:PATH_MAX] if context else "",
        outcome=AuditEvent.Outcome.ALLOWED,
    )


def audit_reads(*, actor: Any, object_type: str, client_ids: list[uuid.UUID]) -> None:
    """One read event for a page that lists many clients, naming each of them, so a
    caseload of fifty is one row, not fifty."""
    if not client_ids:
        return
    context = request_context.current.get()
    event = AuditEvent(
        at=timezone.now(),
        actor_id=actor.pk,
        action=Action.READ,
        object_type=object_type,
        client_id=client_ids[0] if len(client_ids) == 1 else None,
        client_ids=" ".join(str(client_id) for client_id in client_ids),
        practice_id=practice_of(actor),
        ip=context.ip if context else "",
        path=context.path[:PATH_MAX] if context else "",
        outcome=AuditEvent.Outcome.ALLOWED,
    )
    # A list is read: its event waits for the request's one commit.
    if not one_commit.defer_insert(event):
        event.save(force_insert=True)


def events_about(client_id: uuid.UUID | None) -> Q:
    """Events about one client: theirs alone, or a list that showed them."""
    return Q(client_id=client_id) | Q(client_ids__contains=str(client_id))
