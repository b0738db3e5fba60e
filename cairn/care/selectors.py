"""Reads. Client data is only ever loaded through `access.py`."""

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import (
    Capability,
    care_endable_by,
    care_teams_visible_to,
    checked,
    client_memberships_administered_by,
    clients_readable_by,
    failed_emails_administered_by,
    former_access_until,
    invitations_managed_by,
    is_own_record,
    managed_get_for,
    manages_care_of,
    record_get_for,
    standing_of,
)
from cairn.care.audit_words import is_calendar_app, what_happened
from cairn.care.models import CareKind, CareRelationship, Invitation, Membership, Practice, Role
from cairn.care.roles import membership_of, name_with_reference
from cairn.care.tokens import token_hash
from cairn.core.audit import Action, audit_record, events_about
from cairn.core.models import AuditEvent, OutgoingEmail


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


def care_started_on(client: User) -> date | None:
    """The day the client's first care relationship began."""
    first = care_relationships_of_client(client).order_by("started_on").first()
    return first.started_on if first is not None else None


def own_record(user: User) -> User:
    """The signed-in client's own record, to write in: pages only a client has.
    For anyone else there is no such record (404)."""
    return client_get_for(user=user, client_id=user.pk, write=True)


def practice_get_for(*, user: User, admin: bool = False) -> Practice:
    """The user's practice. Non-members get 404; non-admins asking to edit get 403."""
    membership = membership_of(user)
    if membership is None:
        raise Http404("No practice")
    if admin and not standing_of(user).may_administer:
        raise PermissionDenied
    return membership.practice


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


def care_relationships_of_client(client: User) -> QuerySet[CareRelationship]:
    return CareRelationship.objects.filter(client=client).select_related("therapist", "practice")


def care_now_of(client_id: uuid.UUID) -> QuerySet[CareRelationship]:
    """The client's care now, lead and co-therapists, each with its therapist (the
    people the app tells what happens in the client's record)."""
    return (
        CareRelationship.objects.current().filter(client_id=client_id).select_related("therapist")
    )


def lead_of(client: User, practice: Practice, *, or_last: bool = False) -> CareRelationship | None:
    """The client's lead therapist's care now (never a co-therapist's). With
    `or_last`, once care has ended, the last lead's: who led the therapy."""
    leads = CareRelationship.objects.filter(practice=practice, client=client, kind=CareKind.LEAD)
    if not or_last:
        leads = leads.current()
    return (
        leads.select_related("therapist")
        # Care going on now, else the one that ended last (said outright: SQLite and
        # PostgreSQL put a missing end at opposite ends).
        .order_by(F("ended_at").desc(nulls_first=True), "-started_on")
        .first()
    )


def care_relationship_get_for(*, user: User, relationship_id: uuid.UUID) -> CareRelationship:
    """A relationship the user may end: a therapist their own, an admin any in their practice."""
    return record_get_for(
        CareRelationship,
        user=user,
        pk=relationship_id,
        object_type="care_relationship",
        write=True,
        among=care_endable_by(user).select_related("therapist"),
    )


PEOPLE_PER_PAGE = 50
# The audit log's pages: the practice's (the admin's) and a client's own record's.
AUDIT_EVENTS_PER_PAGE = 50


def people_page(
    *, practice: Practice, query: str = "", page: int | str | None = None
) -> Page[Membership]:
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
    return Invitation.objects.filter(
        practice=practice, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).select_related("invited_by")


def invitations_pending(practice: Practice, *, limit: int = 200) -> list[Invitation]:
    unused = _invitations_unused(practice).filter(expires_at__gt=timezone.now())
    return list(unused.order_by("-created_at")[:limit])


def invitations_expired(practice: Practice, *, limit: int = 50) -> list[Invitation]:
    """Invitations that ran out unused: the ones worth sending again."""
    unused = _invitations_unused(practice).filter(expires_at__lte=timezone.now())
    return list(unused.order_by("-expires_at")[:limit])


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
class CareTeam:
    """Who manages a client's care: the lead therapist or the practice admin."""

    client: User
    practice: Practice
    lead: CareRelationship | None
    relationships: list[CareRelationship]


def care_team_get_for(*, user: User, client_id: uuid.UUID) -> CareTeam:
    """The client's care team, for their lead therapist or their practice's admin.
    Anyone who may not see the client gets 404; a co-therapist gets 403."""
    client = record_get_for(
        User,
        user=user,
        pk=client_id,
        object_type="care_relationship",
        write=True,
        need=manages_care_of(user),
        client_path="",
        among=care_teams_visible_to(user),
    )
    membership = membership_of(user)
    assert membership is not None  # only staff of a practice find a care team
    practice = membership.practice
    relationships = list(
        CareRelationship.objects.current()
        .filter(practice=practice, client=client)
        .select_related("therapist", "practice")
    )
    lead = next((r for r in relationships if r.is_lead), None)
    return CareTeam(client=client, practice=practice, lead=lead, relationships=relationships)


def therapists_to_take_over(team: CareTeam) -> QuerySet[User]:
    """Therapists of the practice who could become the lead: all but the lead now."""
    therapists = therapists_of(team.practice)
    if team.lead is not None:
        therapists = therapists.exclude(pk=team.lead.therapist_id)
    return therapists


def therapists_to_add(team: CareTeam) -> QuerySet[User]:
    """Therapists of the practice not already in the client's care."""
    return therapists_of(team.practice).exclude(pk__in=[r.therapist_id for r in team.relationships])


@dataclass(frozen=True)
class PastClient:
    relationship: CareRelationship
    # Whether the former therapist still reads the record (access.py decides).
    can_read: bool


def past_clients_of(therapist: User) -> list[PastClient]:
    """Care that has ended, newest first, each with whether (and until when) the
    therapist may still read the record. Clients the therapist still sees are left out."""
    current = CareRelationship.objects.current().filter(therapist=therapist).values("client_id")
    ended = list(
        CareRelationship.objects.ended()
        .filter(therapist=therapist)
        .exclude(client_id__in=current)
        .select_related("client", "practice")
        .order_by("-ended_at")
    )
    latest: dict[uuid.UUID, CareRelationship] = {}
    for relationship in ended:
        latest.setdefault(relationship.client_id, relationship)
    return [PastClient(r, can_read=former_access_until(r)) for r in latest.values()]


@dataclass(frozen=True)
class Seer:
    """Someone who can see a client's record now, and why, in plain words."""

    name: str
    why: str
    may: str
    since: object = None
    until: object = None


def care_given_by(
    therapist: User, relationships: Iterable[CareRelationship]
) -> CareRelationship | None:
    """Of a client's care relationships (loaded already), the one `therapist` gives now."""
    return next((r for r in relationships if r.therapist_id == therapist.pk and r.is_active), None)


def has_no_lead_therapist(relationships: Iterable[CareRelationship]) -> bool:
    """Co-therapists still in care, and no lead: the practice has to name one."""
    active = [r for r in relationships if r.is_active]
    return bool(active) and not any(r.is_lead for r in active)


def therapists_who_can_see(client: User) -> list[Seer]:
    seers = []
    for r in (
        CareRelationship.objects.filter(client=client)
        .select_related("therapist", "practice")
        .current_first("started_on")
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


def people_of_practice(
    practice: Practice, *, client_ids: list[uuid.UUID] | None = None
) -> PeopleOverview:
    """Members, care relationships (of `client_ids` only, when given) and pending
    invitations of the practice."""
    relationships = CareRelationship.objects.filter(practice=practice)
    if client_ids is not None:
        relationships = relationships.filter(client_id__in=client_ids)
    return PeopleOverview(
        memberships=[]
        if client_ids is not None
        else list(
            Membership.objects.filter(practice=practice)
            .select_related("user")
            .order_by("role", "user__name", "user__email")
        ),
        relationships=list(
            relationships.select_related("therapist", "client__membership").order_by(
                "ended_at", "client__name"
            )
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
    failed = failed_emails_administered_by(user)
    return managed_get_for(failed, user=user, pk=email_id, object_type="outgoing_email")


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


def audit_events_for_practice(
    *, practice: Practice, filters: dict[str, object], page: int | str | None
) -> tuple[Page[AuditEvent], list[AuditRow]]:
    page_obj = Paginator(
        audit_events_filtered(practice=practice, filters=filters), AUDIT_EVENTS_PER_PAGE
    ).get_page(page)
    return page_obj, _with_people(list(page_obj.object_list))


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
    audit_record(actor=by, action=Action.READ, object_type="audit_log", practice_id=practice.pk)
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
        # A therapist's private notes are theirs alone, and so is when they write them.
        .exclude(object_type="session_note")
        .order_by("-at")
    )
    page_obj = Paginator(events, AUDIT_EVENTS_PER_PAGE).get_page(page)
    return page_obj, _with_people(list(page_obj.object_list), for_client=True)


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("practice", "therapist")
        .filter(token_hash=token_hash(token))
        .first()
    )
