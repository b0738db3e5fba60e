"""Appending to the audit log. Callers pass ids and kinds, never clinical text."""

import uuid
from typing import Any

from django.utils import timezone

from cairn.core import request_context
from cairn.core.models import AuditEvent


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
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        client_id=client_id,
        practice_id=practice_id,
        ip=context.ip if context else "",
        path=context.path[:300] if context else "",
        outcome=AuditEvent.Outcome.ALLOWED if allowed else AuditEvent.Outcome.DENIED,
    )
