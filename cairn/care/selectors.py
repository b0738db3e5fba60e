"""Reads. Client data is only ever loaded through `access.py`.

The client's record and the practice: whose record one may open, the practice one
belongs to and its members by role. Beside it: care_team.py (who gives a client's
care), people.py (the practice's people and invitations), audit_log.py (the audit
log as the admin and the client read it)."""

import uuid

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from cairn.accounts.models import User
from cairn.care.access import (
    Capability,
    checked,
    clients_readable_by,
    is_own_record,
    require_admin,
)
from cairn.care.models import Membership, Practice, Role
from cairn.care.roles import membership_of


def client_as_now(client: User) -> User:
    """The client read again (access already checked), as a page kept under the
    record's version is drawn from (cairn.core.page_cache)."""
    return User.objects.filter(pk=client.pk).first() or client


def client_get_for(
    *,
    user: User,
    client_id: uuid.UUID,
    write: bool = False,
    object_type: str = "client_record",
    need: Capability | None = None,
) -> User:
    """The client whose record `user` may open. Unknown and hidden both raise Http404;
    open but without `need` (by default read, or write when `write`) raises 403.

    Either way the attempt is audited, as `object_type` (the part of the record the
    page shows, "checkin" for the check-ins) so that the client reads what was opened.
    """
    # One's own record: the signed-in person is already loaded (access_for still
    # decides, through visible_if, and answers no to anyone but a client).
    client = (
        user
        if is_own_record(user, client_id)
        else clients_readable_by(user).filter(pk=client_id).first()
    )
    return checked(
        user=user,
        found=client,
        client=client,
        object_type=object_type,
        object_id=client_id,
        aimed_at=lambda: client_id,
        write=write,
        need=need,
        visible_if=Capability.READ,
    )


def practice_of(user: User) -> Practice | None:
    """The practice the person belongs to (a printout's letterhead, its crisis lines)."""
    membership = membership_of(user)
    return membership.practice if membership is not None else None


def only_practice() -> Practice | None:
    """The practice this Cairn serves, when it serves just one (as it usually does): a
    signed-out page still shows its urgent-help line."""
    practices = list(Practice.objects.order_by("created_at")[:2])
    return practices[0] if len(practices) == 1 else None


def own_record(user: User) -> User:
    """The signed-in client's own record, to write in: pages only a client has.
    For anyone else there is no such record (404)."""
    return client_get_for(user=user, client_id=user.pk, write=True)


def practice_get_for(*, user: User, admin: bool = False) -> Practice:
    """The user's practice: to read, any member's (someone of no practice has none to
    see: 404); with `admin`, to administer on the admin's pages, which answer 403 to
    anyone but its admin, of the practice or not (access.require_admin), as every page
    one may not use does."""
    if admin:
        return require_admin(user).practice
    membership = membership_of(user)
    if membership is None:
        raise Http404("No practice")
    return membership.practice


def practice_as_now(practice: Practice) -> Practice:
    """The practice read again, as another admin has just saved it (a conflict page
    shows their version)."""
    return Practice.objects.get(pk=practice.pk)


def members_of(practice: Practice) -> QuerySet[User]:
    return User.objects.filter(membership__practice=practice)


def therapists_of(practice: Practice) -> QuerySet[User]:
    return User.objects.filter(membership__practice=practice, membership__role=Role.THERAPIST)


def admins_of(practice: Practice) -> QuerySet[User]:
    return User.objects.filter(membership__practice=practice, membership__role=Role.ADMIN)


def clients_of_practice(practice: Practice) -> QuerySet[User]:
    return User.objects.filter(membership__practice=practice, membership__role=Role.CLIENT)


def member_counts(practice: Practice) -> dict[str, int]:
    """How many of the practice's members have each role (the admin's home)."""
    counts = Membership.objects.filter(practice=practice).aggregate(
        **{role.value: Count("pk", filter=Q(role=role)) for role in Role}
    )
    return {role: counts[role] or 0 for role in counts}


def clients_of_every_practice() -> QuerySet[User]:
    """Every client this Cairn serves (the reminder scheduler's round)."""
    return User.objects.filter(membership__role=Role.CLIENT)
