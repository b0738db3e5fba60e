"""Auditing access to a client's record, with the practice the record belongs to."""

from uuid import UUID

from cairn.accounts.models import User
from cairn.care.roles import membership_of
from cairn.core.audit import audit_record


def audit_client_data(
    *,
    actor: User,
    action: str,
    object_type: str,
    object_id: UUID | str,
    client: User,
    allowed: bool = True,
) -> None:
    membership = membership_of(client)
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        client_id=client.pk,
        practice_id=membership.practice_id if membership else None,
        allowed=allowed,
    )
