"""Writes: each in one transaction, each audited."""

from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import User, normal_email
from cairn.accounts.names import name_for_email
from cairn.accounts.services import user_create
from cairn.care.access import is_therapist_of, may_choose_invitees_therapist
from cairn.care.audit import audit_practice_write
from cairn.care.care_team import lead_of
from cairn.care.models import (
    HANDOVER_MISSING,
    REFERENCE_MAX,
    REFERENCE_PATTERN,
    REFERENCE_ROLE,
    REFERENCE_SHAPE,
    CareKind,
    CareRelationship,
    Invitation,
    Membership,
    Practice,
    Role,
)
from cairn.care.signals import care_ended, care_started
from cairn.care.tokens import new_token, token_hash
from cairn.core.audit import Action, audit_record
from cairn.core.conflicts import locked, save_next_version
from cairn.core.email import email_queue

# Practice references ------------------------------------------------------------

REFERENCE_PREFIX = "C-"
REFERENCE_START = 1001


def reference_next(practice: Practice) -> str:
    """The next free generated reference of the practice: C-1001, C-1002, …"""
    numbers = [
        int(taken.removeprefix(REFERENCE_PREFIX))
        for taken in Membership.objects.filter(
            practice=practice, reference__startswith=REFERENCE_PREFIX
        ).values_list("reference", flat=True)
        if taken.removeprefix(REFERENCE_PREFIX).isdigit()
    ]
    return f"{REFERENCE_PREFIX}{max([REFERENCE_START - 1, *numbers]) + 1}"


@transaction.atomic
def client_reference_set(*, membership: Membership, reference: str, by: User) -> Membership:
    """Sets a client's practice reference; blank generates one. A reference another
    client of the practice has is refused with a message naming it."""
    reference = reference.strip() or reference_next(membership.practice)
    if len(reference) > REFERENCE_MAX or not REFERENCE_PATTERN.match(reference):
        raise ValidationError({"reference": f"A reference is {REFERENCE_SHAPE}."})
    taken = (
        Membership.objects.filter(practice=membership.practice, reference__iexact=reference)
        .exclude(pk=membership.pk)
        .select_related("user")
        .first()
    )
    if taken is not None:
        raise ValidationError(
            {"reference": f"{reference} is already the reference of another client."}
        )
    current = locked(Membership, membership.pk, None)
    current.reference = reference
    try:
        with transaction.atomic():
            current.save(update_fields=["reference", "updated_at"])
    except IntegrityError:
        # Someone took it between the check and the save.
        raise ValidationError(
            {"reference": f"{reference} is already the reference of another client."}
        ) from None
    audit_record(
        actor=by,
        action=Action.WRITE,
        object_type="client_reference",
        object_id=current.user_id,
        client_id=current.user_id,
        practice_id=current.practice_id,
    )
    return current


@transaction.atomic
def practice_update(*, practice: Practice, by: User, version: int, **fields: object) -> Practice:
    current = locked(Practice, practice.pk, version)
    for name, value in fields.items():
        setattr(current, name, value)
    save_next_version(current)
    audit_practice_write(by=by, obj=current, object_type="practice")
    return current


def _audit_invitation(invitation: Invitation, by: User, client_id: UUID | None = None) -> None:
    audit_practice_write(by=by, obj=invitation, object_type="invitation", client_id=client_id)


@transaction.atomic
def invitation_create(
    *,
    practice: Practice,
    email: str,
    role: str,
    by: User,
    therapist: User | None,
    link_base: str,
) -> Invitation:
    """Creates the invitation and queues its email. An invited client's therapist is
    the one `therapist` names if `by` may choose it (an admin); a therapist's invitee
    will be theirs, whoever is named."""
    if not may_choose_invitees_therapist(by):
        therapist = by
    invitation = Invitation(practice=practice, email=email, role=role, therapist=therapist)
    return _invitation_issue(invitation, by=by, link_base=link_base)


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User, link_base: str) -> Invitation:
    """A fresh link for a week from now; the old link stops working."""
    if invitation.accepted_at is not None:
        raise InvitationUnusable("used")
    # The same invitation again, to the therapist it named, whoever sends it.
    again = Invitation(
        practice=invitation.practice,
        email=invitation.email,
        role=invitation.role,
        therapist=invitation.therapist,
    )
    return _invitation_issue(again, by=by, link_base=link_base)


def _invitation_issue(invitation: Invitation, *, by: User, link_base: str) -> Invitation:
    """Saves the unsaved `invitation` from `by` with a link for a week and queues its
    email. Earlier pending ones for the same address are withdrawn, so only the newest
    link works."""
    practice = invitation.practice
    email = normal_email(invitation.email)
    now = timezone.now()
    Invitation.objects.unused().filter(practice=practice, email=email).update(withdrawn_at=now)
    token = new_token()
    invitation.email, invitation.invited_by = email, by
    if invitation.role != Role.CLIENT:
        invitation.therapist = None
    invitation.token_hash = token_hash(token)
    invitation.expires_at = now + timedelta(days=settings.CAIRN_INVITATION_DAYS)
    invitation.save(force_insert=True)
    _audit_invitation(invitation, by)
    context = {
        "invitation": invitation,
        "inviter": name_for_email(by),
        "link": link_base.rstrip("/") + reverse("care:invitation_accept", args=[token]),
        "days": settings.CAIRN_INVITATION_DAYS,
    }
    # Stored in this same transaction, so the email goes out exactly when the
    # invitation exists; the list of invitations shows "queued", then "sent".
    email_queue(
        key=invitation.email_key,
        practice_id=practice.pk,
        subject=f"Cairn: an invitation from {practice.name}",
        body=render_to_string("care/email/invitation.txt", context),
        to=[email],
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """The link stops working at once. Revoking twice changes nothing."""
    current = locked(Invitation, invitation.pk, None)
    if current.accepted_at is not None:
        raise InvitationUnusable("used")
    if current.withdrawn_at is None:
        current.withdrawn_at = timezone.now()
        current.save(update_fields=["withdrawn_at", "updated_at"])
        _audit_invitation(current, by)
    return current


class InvitationUnusable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def invitation_accept(*, invitation: Invitation, name: str, password: str) -> User:
    """Creates the person, their membership and, for a client, their care relationship."""
    current = locked(Invitation, invitation.pk, None)
    if (reason := current.unusable_reason) is not None:
        raise InvitationUnusable(reason)
    if User.objects.with_email(current.email).exists():
        raise InvitationUnusable("registered")
    validate_password(password, User(email=current.email, name=name))
    user = user_create(email=current.email, password=password, name=name, verified=True)
    Membership.objects.create(
        user=user,
        practice=current.practice,
        role=current.role,
        reference=reference_next(current.practice) if current.role == REFERENCE_ROLE else "",
    )
    if current.role == Role.CLIENT and current.therapist is not None:
        CareRelationship.objects.create(
            practice=current.practice, therapist=current.therapist, client=user
        )
    current.accepted_at = timezone.now()
    current.save(update_fields=["accepted_at", "updated_at"])
    _audit_invitation(current, user, client_id=user.pk if current.role == Role.CLIENT else None)
    return user


def _audit_care(relationship: CareRelationship, by: User) -> None:
    audit_practice_write(
        by=by, obj=relationship, object_type="care_relationship", client_id=relationship.client_id
    )


def _check_therapist(practice: Practice, therapist: User, field: str) -> None:
    if not is_therapist_of(therapist, practice.pk):
        raise ValidationError({field: f"{therapist.display_name} isn't a therapist of {practice}."})


def _announce(relationship: CareRelationship) -> None:
    transaction.on_commit(
        lambda: care_started.send(sender=CareRelationship, relationship=relationship)
    )


def _care_open(practice: Practice, therapist: User, client: User) -> CareRelationship | None:
    """The care this therapist gives this client now, if any."""
    return (
        CareRelationship.objects.current()
        .filter(practice=practice, therapist=therapist, client=client)
        .first()
    )


def _care_begin(
    practice: Practice, therapist: User, client: User, *, by: User, **terms: object
) -> CareRelationship:
    """Opens the care relationship on `terms` (kind, grants, handover note), audited;
    care_started goes out once the transaction commits."""
    relationship = CareRelationship.objects.create(
        practice=practice, therapist=therapist, client=client, added_by=by, **terms
    )
    _audit_care(relationship, by)
    _announce(relationship)
    return relationship


@transaction.atomic
def care_start(*, practice: Practice, therapist: User, client: User, by: User) -> CareRelationship:
    """Starts care with a lead therapist. A client who already has one is refused:
    a second therapist joins as a co-therapist or through a transfer."""
    _check_therapist(practice, therapist, "therapist")
    existing = _care_open(practice, therapist, client)
    if existing is not None:
        return existing
    lead = lead_of(client, practice)
    if lead is not None:
        raise ValidationError(
            {
                "client": (
                    f"{client.display_name} already has a lead therapist, "
                    f"{lead.therapist.display_name}. To bring in {therapist.display_name}, "
                    "add them as a co-therapist or transfer care."
                )
            }
        )
    return _care_begin(practice, therapist, client, by=by)


@transaction.atomic
def co_therapist_add(
    *,
    practice: Practice,
    client: User,
    therapist: User,
    may_write: bool,
    may_treat: bool,
    by: User,
) -> CareRelationship:
    """Adds a co-therapist with an explicit grant; the client is told."""
    _check_therapist(practice, therapist, "therapist")
    if _care_open(practice, therapist, client) is not None:
        raise ValidationError(
            {"therapist": f"{therapist.display_name} already works with {client.display_name}."}
        )
    return _care_begin(
        practice=practice,
        therapist=therapist,
        client=client,
        by=by,
        kind=CareKind.CO,
        may_write=may_write,
        may_treat=may_treat,
    )


@transaction.atomic
def care_transfer(
    *, practice: Practice, client: User, to: User, handover_note: str, by: User
) -> CareRelationship:
    """Hands the client's care to another therapist of the practice, with a note.
    The former lead's care ends (as any ending does); the new lead is announced."""
    _check_therapist(practice, to, "therapist")
    if not handover_note.strip():
        raise ValidationError({"handover_note": HANDOVER_MISSING})
    lead = lead_of(client, practice)
    if lead is not None and lead.therapist_id == to.pk:
        raise ValidationError(
            {"therapist": f"{to.display_name} is already {client.display_name}'s lead therapist."}
        )
    if lead is not None:
        care_end(relationship=lead, by=by, reason=f"Care transferred to {to.display_name}")
    co = _care_open(practice, to, client)
    if co is not None:
        care_end(relationship=co, by=by, reason="Became the lead therapist")
    return _care_begin(practice, to, client, by=by, kind=CareKind.LEAD, handover_note=handover_note)


@transaction.atomic
def care_end(
    *, relationship: CareRelationship, by: User, reason: str, ended_on: date | None = None
) -> CareRelationship:
    """Ends care: at once when ended today, or at the end of an earlier day given. Once
    it commits, care_ended tells those who hear it (care.signals says who: the client,
    the admins when nobody leads now, and the client's questionnaires end when nobody
    cares for them now). Who reads the record after: access.access_for."""
    if relationship.ended_at is None:
        now = timezone.now()
        if ended_on is None or ended_on >= timezone.localdate():
            relationship.ended_at = now
        else:
            relationship.ended_at = timezone.make_aware(datetime.combine(ended_on, time.max))
        relationship.end_reason = reason
        relationship.save(update_fields=["ended_at", "end_reason", "updated_at"])
        _audit_care(relationship, by)
        transaction.on_commit(
            lambda: care_ended.send(sender=CareRelationship, relationship=relationship)
        )
    return relationship
