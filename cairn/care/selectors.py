"""Reads. Client data is only ever loaded through `access.py`."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404

from cairn.accounts.models import User
from cairn.care.access import Access, access_for, clients_readable_by, former_access_until
from cairn.care.models import CareRelationship, Invitation, Membership, Practice, Role
from cairn.care.roles import membership_of
from cairn.care.tokens import token_hash
from cairn.core.audit import Action, audit_record, events_about
from cairn.core.models import AuditEvent, OutgoingEmail


def client_get_for(*, user: User, client_id: uuid.UUID, write: bool = False) -> User:
    """The client whose record `user` may open. Unknown and hidden both raise Http404.

    Either way the attempt is audited.
    """
    client = clients_readable_by(user).filter(pk=client_id).first()
    access: Access = access_for(user, client) if client is not None else Access()
    practice = membership_of(user)
    if client is None or not access.can_read:
        # The admins of the record's practice see the attempt, not the person.
        target = Membership.objects.filter(user_id=client_id).first()
        audit_record(
            actor=user,
            action=Action.WRITE if write else Action.READ,
            object_type="client_record",
            object_id=client_id,
            practice_id=target.practice_id
            if target
            else (practice.practice_id if practice else None),
            allowed=False,
        )
        raise Http404("No such record")
    if write and not access.can_write:
        audit_record(
            actor=user,
            action=Action.WRITE,
            object_type="client_record",
            object_id=client.pk,
            client_id=client.pk,
            practice_id=practice.practice_id if practice else None,
            allowed=False,
        )
        raise PermissionDenied
    audit_record(
        actor=user,
        action=Action.WRITE if write else Action.READ,
        object_type="client_record",
        object_id=client.pk,
        client_id=client.pk,
        practice_id=practice.practice_id if practice else None,
    )
    return client


def own_record(user: User) -> User:
    """The signed-in client's own record, to write in: pages only a client has.
    For anyone else there is no such record (404)."""
    return client_get_for(user=user, client_id=user.pk, write=True)


def practice_get_for(*, user: User, admin: bool = False) -> Practice:
    """The user's practice. Non-members get 404; non-admins asking to edit get 403."""
    membership = membership_of(user)
    if membership is None:
        raise Http404("No practice")
    if admin and membership.role != Role.ADMIN:
        raise PermissionDenied
    return membership.practice


def require_role(user: User, *roles: str) -> Membership:
    """The user's membership if their role is one of `roles`; otherwise 403."""
    membership = membership_of(user)
    if membership is None or membership.role not in roles:
        raise PermissionDenied
    return membership


def therapists_of(practice: Practice) -> QuerySet[User]:
    return User.objects.filter(membership__practice=practice, membership__role=Role.THERAPIST)


def clients_of_practice(practice: Practice) -> QuerySet[User]:
    return User.objects.filter(membership__practice=practice, membership__role=Role.CLIENT)


def care_relationships_of_client(client: User) -> QuerySet[CareRelationship]:
    return CareRelationship.objects.filter(client=client).select_related("therapist")


def care_relationship_get_for(*, user: User, relationship_id: uuid.UUID) -> CareRelationship:
    """A relationship the user may end: a therapist their own, an admin any in their practice."""
    membership = membership_of(user)
    if membership is None or membership.role not in (Role.ADMIN, Role.THERAPIST):
        raise Http404
    relationships = CareRelationship.objects.filter(
        practice=membership.practice, ended_at__isnull=True
    )
    if membership.role == Role.THERAPIST:
        relationships = relationships.filter(therapist=user)
    relationship = (
        relationships.select_related("client", "therapist").filter(pk=relationship_id).first()
    )
    if relationship is None:
        raise Http404
    return relationship


@dataclass(frozen=True)
class CareTeam:
    """Who manages a client's care: the lead therapist or the practice admin."""

    client: User
    practice: Practice
    lead: CareRelationship | None
    relationships: list[CareRelationship]


def care_team_get_for(*, user: User, client_id: uuid.UUID) -> CareTeam:
    """The client's care team, for their lead therapist or their practice's admin.
    Anyone who may not see the client gets 404; a co-therapist gets 403."""
    membership = membership_of(user)
    client = None
    if membership is not None and membership.role == Role.ADMIN:
        client = clients_of_practice(membership.practice).filter(pk=client_id).first()
    elif membership is not None and membership.role == Role.THERAPIST:
        client = clients_readable_by(user).filter(pk=client_id).first()
    if client is None or membership is None:
        audit_record(
            actor=user,
            action=Action.WRITE,
            object_type="care_relationship",
            object_id=client_id,
            allowed=False,
        )
        raise Http404("No such record")
    relationships = list(
        CareRelationship.objects.filter(
            practice=membership.practice, client=client, ended_at__isnull=True
        ).select_related("therapist", "practice")
    )
    lead = next((r for r in relationships if r.is_lead), None)
    if membership.role == Role.THERAPIST and (lead is None or lead.therapist_id != user.pk):
        audit_record(
            actor=user,
            action=Action.WRITE,
            object_type="care_relationship",
            object_id=client.pk,
            client_id=client.pk,
            practice_id=membership.practice_id,
            allowed=False,
        )
        raise PermissionDenied
    return CareTeam(
        client=client, practice=membership.practice, lead=lead, relationships=relationships
    )


def therapists_to_add(team: CareTeam) -> QuerySet[User]:
    """Therapists of the practice not already in the client's care."""
    return therapists_of(team.practice).exclude(pk__in=[r.therapist_id for r in team.relationships])


def past_clients_of(therapist: User) -> list[CareRelationship]:
    """Care that has ended, newest first, each with whether (and until when) the
    therapist may still read the record. Clients the therapist still sees are left out."""
    current = CareRelationship.objects.filter(therapist=therapist, ended_at__isnull=True).values(
        "client_id"
    )
    ended = list(
        CareRelationship.objects.filter(therapist=therapist, ended_at__isnull=False)
        .exclude(client_id__in=current)
        .select_related("client", "practice")
        .order_by("-ended_at")
    )
    latest: dict[uuid.UUID, CareRelationship] = {}
    for relationship in ended:
        latest.setdefault(relationship.client_id, relationship)
    for relationship in latest.values():
        relationship.can_read = former_access_until(relationship)  # type: ignore[attr-defined]
    return list(latest.values())


@dataclass(frozen=True)
class Seer:
    """Someone who can see a client's record now, and why, in plain words."""

    name: str
    why: str
    may: str
    since: object = None
    until: object = None


def therapists_who_can_see(client: User) -> list[Seer]:
    seers = []
    for r in (
        CareRelationship.objects.filter(client=client)
        .select_related("therapist", "practice")
        .order_by("ended_at", "started_on")
    ):
        name = r.therapist.display_name
        if r.is_active and r.is_lead:
            seers.append(
                Seer(
                    name,
                    "Your therapist",
                    "Reads and works on everything in your record except your private journal entries",
                    since=r.started_on,
                )
            )
        elif r.is_active:
            may = ["reads your record"]
            if r.may_write:
                may.append("works on goals and plans with you")
            if r.may_treat:
                may.append("holds sessions with you and writes their summaries")
            seers.append(
                Seer(name, "Your co-therapist", ", ".join(may).capitalize(), since=r.started_on)
            )
        elif former_access_until(r):
            seers.append(
                Seer(
                    name,
                    "Your former therapist",
                    "Can read your record, not change it, as your practice keeps records",
                    until=r.read_until,
                )
            )
    return seers


@dataclass(frozen=True)
class InvitationRow:
    invitation: Invitation
    # The invitation e-mail: "queued", "sending", "sent" or "failed".
    mail: str


@dataclass(frozen=True)
class PeopleOverview:
    memberships: list[Membership]
    relationships: list[CareRelationship]
    invitations: list[InvitationRow]
    # Mail to people of the practice that could not be sent after every retry.
    failed_emails: list[OutgoingEmail]


def people_of_practice(practice: Practice) -> PeopleOverview:
    return PeopleOverview(
        memberships=list(
            Membership.objects.filter(practice=practice)
            .select_related("user")
            .order_by("role", "user__name", "user__email")
        ),
        relationships=list(
            CareRelationship.objects.filter(practice=practice)
            .select_related("therapist", "client")
            .order_by("ended_at", "client__name")
        ),
        invitations=_with_mail_status(
            [
                i
                for i in Invitation.objects.filter(
                    practice=practice, accepted_at__isnull=True, withdrawn_at__isnull=True
                ).select_related("invited_by")
                if i.is_pending
            ]
        ),
        failed_emails=list(
            OutgoingEmail.objects.filter(
                practice_id=practice.pk, status=OutgoingEmail.Status.FAILED
            ).order_by("-created_at")[:50]
        ),
    )


def _with_mail_status(invitations: list[Invitation]) -> list[InvitationRow]:
    keys = {f"invitation:{i.pk}": i for i in invitations}
    statuses = dict(OutgoingEmail.objects.filter(key__in=keys).values_list("key", "status"))
    return [InvitationRow(i, statuses.get(key, "")) for key, i in keys.items()]


def failed_email_get_for(*, user: User, email_id: uuid.UUID) -> OutgoingEmail:
    """A failed e-mail of the admin's practice. Non-admins get 403; others' mail 404."""
    membership = require_role(user, Role.ADMIN)
    email = OutgoingEmail.objects.filter(
        pk=email_id, practice_id=membership.practice_id, status=OutgoingEmail.Status.FAILED
    ).first()
    if email is None:
        raise Http404
    return email


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    actor: User | None
    client: User | None


def _with_people(events: list[AuditEvent]) -> list[AuditRow]:
    ids = {e.actor_id for e in events} | {e.client_id for e in events}
    people = {u.pk: u for u in User.objects.filter(pk__in=[i for i in ids if i])}
    return [
        AuditRow(
            e,
            people.get(e.actor_id) if e.actor_id else None,
            people.get(e.client_id) if e.client_id else None,
        )
        for e in events
    ]


def audit_events_for_practice(
    *, practice: Practice, filters: dict[str, object], page: int | str | None
) -> tuple[Page[AuditEvent], list[AuditRow]]:
    events = AuditEvent.objects.filter(practice_id=practice.pk).order_by("-at")
    if person := filters.get("person"):
        person_id = getattr(person, "pk", None)
        events = events.filter(Q(actor_id=person_id) | events_about(person_id))
    if action := filters.get("action"):
        events = events.filter(action=action)
    if outcome := filters.get("outcome"):
        events = events.filter(outcome=outcome)
    if since := filters.get("since"):
        events = events.filter(at__date__gte=since)
    if until := filters.get("until"):
        events = events.filter(at__date__lte=until)
    page_obj = Paginator(events, 50).get_page(page)
    return page_obj, _with_people(list(page_obj.object_list))


def record_openings_for(
    *, client: User, page: int | str | None
) -> tuple[Page[AuditEvent], list[AuditRow]]:
    """Who, other than the client, opened or tried to open the client's record."""
    events = (
        AuditEvent.objects.filter(events_about(client.pk), action__in=[Action.READ, Action.WRITE])
        .exclude(actor_id=client.pk)
        # A therapist's private notes are theirs alone, and so is when they write them.
        .exclude(object_type="session_note")
        .order_by("-at")
    )
    page_obj = Paginator(events, 50).get_page(page)
    return page_obj, _with_people(list(page_obj.object_list))


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("practice", "therapist")
        .filter(token_hash=token_hash(token))
        .first()
    )
