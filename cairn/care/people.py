"""The practice's people and invitations, as the admin's people page and the
invitation links read them. Reads, through `access.py`."""

import uuid
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import (
    client_memberships_administered_by,
    failed_emails_administered_by,
    invitations_managed_by,
    managed_get_for,
    record_get_for,
    require_admin,
)
from cairn.care.models import CareRelationship, Invitation, Membership, Practice
from cairn.care.tokens import token_hash
from cairn.core.models import OutgoingEmail

PEOPLE_PER_PAGE = 50
# How many invitations the people page lists, waiting and run out alike.
INVITATIONS_LISTED = 50
# How many waiting invitations the admin's home page lists: a glance, the people page has more.
INVITATIONS_ON_HOME = 20
# How many e-mails that could not be sent the people page lists.
FAILED_EMAILS_LISTED = 50


def _members_page(*, practice: Practice, query: str, page: int | str | None) -> Page[Membership]:
    """The practice's members, searched by name, email or reference, 50 to a page.
    A page number out of range or not a number gives the nearest real page."""
    members = (
        Membership.objects.filter(practice=practice)
        .select_related("user")
        .order_by("role", "user__name", "user__email")
    )
    if query:
        members = members.filter(
            Q(user__name__icontains=query)
            | Q(user__email__icontains=query)
            | Q(reference__icontains=query)
        )
    return Paginator(members, PEOPLE_PER_PAGE).get_page(page)


def _invitations_unused(practice: Practice) -> QuerySet[Invitation]:
    return Invitation.objects.unused().filter(practice=practice).select_related("invited_by")


def _invitations_open(practice: Practice) -> QuerySet[Invitation]:
    return _invitations_unused(practice).filter(expires_at__gt=timezone.now())


def _first_and_unlisted[M: Model](rows: QuerySet[M], *, cap: int) -> tuple[list[M], int]:
    """The first `cap` of `rows` and how many more there are unlisted. Nothing bounds how
    many a practice's lists hold, so a page lists `cap` and counts the rest, only when
    there are more than that: the usual page reads one more row, never a count."""
    listed = list(rows[: cap + 1])
    if len(listed) <= cap:
        return listed, 0
    # Some may go (accepted, sent again) between the two reads: never say "-1 more".
    return listed[:cap], max(rows.count() - cap, 1)


def invitations_waiting(practice: Practice, *, cap: int) -> tuple[list[Invitation], int]:
    """The newest `cap` invitations still waiting to be accepted, and how many more wait
    unlisted (each link stays open CAIRN_INVITATION_DAYS, and whoever may invite sends
    as many as they like)."""
    return _first_and_unlisted(_invitations_open(practice).order_by("-created_at"), cap=cap)


def _invitations_expired(practice: Practice) -> tuple[list[Invitation], int]:
    """The INVITATIONS_LISTED invitations that ran out unused most lately (the ones worth
    sending again), and how many more ran out before them."""
    unused = _invitations_unused(practice).filter(expires_at__lte=timezone.now())
    return _first_and_unlisted(unused.order_by("-expires_at"), cap=INVITATIONS_LISTED)


def _failed_emails(admin: User) -> tuple[list[OutgoingEmail], int]:
    """The FAILED_EMAILS_LISTED newest e-mails of the admin's practice that could not be
    sent (those they may try again), and how many more."""
    failed = failed_emails_administered_by(admin).order_by("-created_at")
    return _first_and_unlisted(failed, cap=FAILED_EMAILS_LISTED)


def invitation_get_for(*, user: User, invitation_id: uuid.UUID) -> Invitation:
    """An unaccepted invitation the user may resend or revoke: any of the practice's for
    its admins, their own for anyone else who sent one. Others get 404."""
    managed = invitations_managed_by(user).select_related("practice", "therapist")
    return managed_get_for(managed, user=user, pk=invitation_id, object_type="invitation")


def client_membership_get_for(*, user: User, client_id: uuid.UUID) -> Membership:
    """A client of the admin's practice, to set their reference. Non-admins get 403."""
    client = record_get_for(
        User,
        user=user,
        pk=client_id,
        object_type="client_reference",
        write=True,
        client_path="",
        among=User.objects.filter(
            membership__in=client_memberships_administered_by(user)
        ).select_related("membership__practice"),
    )
    return client.membership


@dataclass(frozen=True)
class InvitationRow:
    invitation: Invitation
    # The invitation e-mail: "queued", "sending", "sent" or "failed".
    mail: str


@dataclass(frozen=True)
class PeoplePage:
    """What the admin's people page shows."""

    # A page of the practice's members, as searched.
    members: Page[Membership]
    # The care relationships of the members on that page.
    relationships: list[CareRelationship]
    # The newest invitations waiting to be accepted, each with how its e-mail went.
    invitations: list[InvitationRow]
    # How many more are waiting than are listed (0 when all are).
    invitations_unlisted: int
    # The invitations that ran out unused most lately.
    expired: list[Invitation]
    # How many more ran out than are listed (0 when all are).
    expired_unlisted: int
    # The newest mail to people of the practice that could not be sent after every retry.
    failed_emails: list[OutgoingEmail]
    # How many more could not be sent than are listed (0 when all are).
    failed_emails_unlisted: int


def people_page_of(*, admin: User, query: str = "", page: int | str | None = None) -> PeoplePage:
    """The people page of `admin`'s practice: members searched by name, email or
    reference, a page at a time, with their care, the practice's invitations and its
    failed mail. Anyone but an admin gets 403."""
    practice = require_admin(admin).practice
    members = _members_page(practice=practice, query=query, page=page)
    client_ids = [m.user_id for m in members.object_list]
    waiting, waiting_unlisted = invitations_waiting(practice, cap=INVITATIONS_LISTED)
    expired, expired_unlisted = _invitations_expired(practice)
    failed, failed_unlisted = _failed_emails(admin)
    return PeoplePage(
        members=members,
        relationships=list(
            CareRelationship.objects.filter(practice=practice, client_id__in=client_ids)
            .select_related("therapist", "client__membership")
            .order_by("ended_at", "client__name")
        ),
        invitations=_with_mail_status(waiting),
        invitations_unlisted=waiting_unlisted,
        expired=expired,
        expired_unlisted=expired_unlisted,
        failed_emails=failed,
        failed_emails_unlisted=failed_unlisted,
    )


def _with_mail_status(invitations: list[Invitation]) -> list[InvitationRow]:
    keys = {i.email_key: i for i in invitations}
    statuses = dict(OutgoingEmail.objects.filter(key__in=keys).values_list("key", "status"))
    return [InvitationRow(i, statuses.get(key, "")) for key, i in keys.items()]


def failed_email_get_for(*, user: User, email_id: uuid.UUID) -> OutgoingEmail:
    """A failed e-mail of the admin's practice. Non-admins get 403; others' mail 404."""
    failed = failed_emails_administered_by(user)
    return managed_get_for(failed, user=user, pk=email_id, object_type="outgoing_email")


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("practice", "therapist")
        .filter(token_hash=token_hash(token))
        .first()
    )
