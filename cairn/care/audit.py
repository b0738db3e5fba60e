"""Auditing access to a client's record, with the practice the record belongs to."""

from typing import Any
from uuid import UUID

from cairn.accounts.models import User
from cairn.care.models import Membership, Practice, Role
from cairn.care.roles import membership_of
from cairn.core.audit import Action, audit_record


def audit_client_data(
    *,
    actor: User,
    action: str,
    object_type: str,
    object_id: UUID | str,
    client: User | None,
    allowed: bool = True,
) -> None:
    """`client` None: the object is outside any client's record (a token, mail that
    failed), audited under the actor's own practice."""
    # A client reading their own record: the actor's membership is already loaded.
    own = actor is not None and client is not None and client.pk == actor.pk
    membership = membership_of(actor if own else client) if client is not None else None
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        client_id=client.pk if client is not None else None,
        practice_id=membership.practice_id if membership else None,
        allowed=allowed,
    )


def audit_refused(
    *,
    actor: User,
    action: str,
    object_type: str,
    object_id: UUID | str,
    client_id: UUID | None,
) -> None:
    """A refused attempt, carrying the client it aimed at (when the object exists), so
    that the client sees it in "who opened my record" and their practice's admins in
    the audit log. Callers look the client up without any access filter."""
    membership = (
        Membership.objects.filter(user_id=client_id, role=Role.CLIENT).only("practice_id").first()
        if client_id
        else None
    )
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        client_id=membership.user_id if membership else None,
        practice_id=membership.practice_id if membership else None,
        allowed=False,
    )


def audit_read(*, by: User, obj: Any, object_type: str, client: User | None = None) -> None:
    """`by` read `obj`, part of `client`'s record (by default the object's own client)."""
    _audit_object(Action.READ, by, obj, object_type, client)


def audit_write(*, by: User, obj: Any, object_type: str, client: User | None = None) -> None:
    """`by` changed `obj`, part of `client`'s record (by default the object's own client)."""
    _audit_object(Action.WRITE, by, obj, object_type, client)


def audit_practice_write(
    *, by: User, obj: Any, object_type: str, client_id: UUID | None = None
) -> None:
    """`by` changed `obj`, something the practice keeps rather than a client's record
    (its settings, an invitation, a care relationship), audited under the practice it
    belongs to (the practice itself, for its own details); `client_id` names the client
    it concerns, if any, so that they see the change too."""
    audit_record(
        actor=by,
        action=Action.WRITE,
        object_type=object_type,
        object_id=obj.pk,
        client_id=client_id,
        practice_id=obj.pk if isinstance(obj, Practice) else obj.practice_id,
    )


def _audit_object(action: str, by: User, obj: Any, object_type: str, client: User | None) -> None:
    audit_client_data(
        actor=by,
        action=action,
        object_type=object_type,
        object_id=obj.pk,
        client=client or obj.client,
    )
