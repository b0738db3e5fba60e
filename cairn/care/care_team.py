"""Who gives a client's care: their care relationships, the lead therapist, the care
team its lead or the admin manages, a therapist's past clients, and who can see the
record, in the client's words. Reads, through `access.py`."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import F, QuerySet

from cairn.accounts.models import User
from cairn.care.access import (
    access_for,
    care_endable_by,
    care_teams_visible_to,
    former_access_until,
    manages_care_of,
    record_get_for,
)
from cairn.care.models import CareKind, CareQuerySet, CareRelationship, Practice
from cairn.care.roles import membership_of
from cairn.care.selectors import therapists_of
from cairn.core.audit import audit_reads


def care_started_on(client: User) -> date | None:
    """The day the client's first care relationship began."""
    first = care_relationships_of_client(client).order_by("started_on").first()
    return first.started_on if first is not None else None


def care_relationships_of_client(client: User) -> CareQuerySet:
    # Each therapist's membership: whether a former one reads on (former_access_until).
    return CareRelationship.objects.filter(client=client).select_related(
        "therapist__membership", "practice"
    )


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


@dataclass(frozen=True)
class CareTeam:
    """Who manages a client's care: the lead therapist or the practice admin."""

    client: User
    practice: Practice
    lead: CareRelationship | None
    relationships: list[CareRelationship]


def manages_care_team(user: User, client: User) -> bool:
    """Whether a page offers `user` to change `client`'s care team (add a co-therapist,
    transfer care): access.manages_care_of's answer, as care_team_get_for asks it."""
    return manages_care_of(user)(access_for(user, client), client)


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


def past_clients_listed_for(therapist: User) -> list[PastClient]:
    """Care that has ended, newest first, each with whether (and until when) the
    therapist may still read the record. Clients the therapist still sees are left out.

    The list is audited as one read naming each of its clients, as the caseload is."""
    current = CareRelationship.objects.current().filter(therapist=therapist).values("client_id")
    ended = list(
        CareRelationship.objects.ended()
        .filter(therapist=therapist)
        .exclude(client_id__in=current)
        .select_related("client", "practice", "therapist__membership")
        .order_by("-ended_at")
    )
    latest: dict[uuid.UUID, CareRelationship] = {}
    for relationship in ended:
        latest.setdefault(relationship.client_id, relationship)
    past = [PastClient(r, can_read=former_access_until(r)) for r in latest.values()]
    audit_reads(actor=therapist, object_type="past_clients", client_ids=list(latest))
    return past


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


def read_on_after_care(relationships: Iterable[CareRelationship]) -> set[uuid.UUID]:
    """Of a client's care relationships (loaded already), the ended ones whose former
    therapist still reads the record (access.former_access_until): the client is told
    until when."""
    return {r.pk for r in relationships if former_access_until(r)}


def has_no_lead_therapist(relationships: Iterable[CareRelationship]) -> bool:
    """Co-therapists still in care, and no lead: the practice has to name one."""
    active = [r for r in relationships if r.is_active]
    return bool(active) and not any(r.is_lead for r in active)


@dataclass(frozen=True)
class GrantWords:
    """One part of a co-therapist's grant, in the words of everyone who reads of it."""

    # Told to the client (who can see my record, and why).
    to_client: str
    # Told to staff beside the co-therapist's name (the record's care team).
    to_staff: str
    # Asked of whoever adds the co-therapist, in full: what granting it opens, private
    # notes included (the client's words leave those out: they never see them).
    asked: str = ""


# What a co-therapist's grant lets them do, each part worded once for every page: the
# client's, the care team's, and the form that grants it (CoTherapistForm).
GRANT_WORDS = {
    "read": GrantWords("reads your record", "reads the record"),
    "may_write": GrantWords(
        "works on goals and plans with you",
        "works on goals and plans",
        asked="May work on goals, plans and steps with the client",
    ),
    "may_treat": GrantWords(
        "holds sessions with you and writes their summaries",
        "holds sessions and signs their summaries",
        asked="May hold sessions, keep private notes and sign summaries",
    ),
}


def grant_in_words(relationship: CareRelationship, *, to_client: bool) -> str:
    """What a co-therapist may do in the client's record, in plain words: told to the
    client ("Reads your record, works on goals and plans with you") or to staff
    ("reads the record; works on goals and plans")."""
    parts = [GRANT_WORDS["read"]] + [
        GRANT_WORDS[grant] for grant in ("may_write", "may_treat") if getattr(relationship, grant)
    ]
    if to_client:
        return ", ".join(p.to_client for p in parts).capitalize()
    return "; ".join(p.to_staff for p in parts)


def therapists_who_can_see(client: User) -> list[Seer]:
    seers = []
    for r in care_relationships_of_client(client).current_first("started_on"):
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
            seers.append(
                Seer(
                    name,
                    "Your co-therapist",
                    grant_in_words(r, to_client=True),
                    since=r.started_on,
                )
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
