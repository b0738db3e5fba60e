"""Who may do what with a client's record, and in the practice: the one place that
decides it. Views, selectors, services and the API ask here; none compares roles.

The rules, and why:

- a client owns their record: they read and write all of it, and they alone share
  it (supporters, journal entries) and keep its journal;
- the lead therapist reads, writes and treats (sessions, private notes, signing
  summaries, reviewing risk) while care is active; a co-therapist reads, and writes
  or treats only as their grant says (the client is told what it says);
- a former therapist keeps read-only access after care ends only where the
  practice allows it, and for as many years as the practice sets
  (Practice.former_therapist_read_years; not how long the practice keeps a closed
  account's record, which is interop's RetentionPolicy.years), until the moment
  `CareRelationship.read_until` tells the client; only while they are still of
  that practice;
- therapists without an authenticator app enrolled see no client data at all: a
  password alone must never open anyone's record;
- practice admins, supporters and everyone else see no clinical content here
  (supporters see only what a client shares, through the sharing app);
- a practice admin administers the practice: people, memberships, care
  relationships and the audit log, never clinical content;
- what a person may not see answers 404, exactly as what does not exist (its
  existence is itself clinical); what they see but may not change answers 403.
  Both are audited, with the client the attempt aimed at, so that the client reads
  who tried.

Who may ..., and the name that answers it, in the order the module reads:

1. The record: `access_for(user, client)` gives an `Access`, asked as a
   `Capability`. Read it (READ); write in it: goals, their steps, barriers and
   plans, routines and the maintenance plan, the safety plan (WRITE; what only the
   client writes, see 7); treat: hold sessions, write private notes, sign
   summaries, review risk (TREAT, and `may_treat`); share it with supporters, share journal entries (SHARE); do
   what only its owner does, marking a routine's days (OWN); reread their own
   private notes on the client's sessions and read the risk flags they are told
   of, as the client's therapist now or before (THERAPIST); steer it as
   a therapist who writes it: override a goal's achievement, assign questionnaires,
   mark what the client brought as discussed (STEER). Whether a record is the
   person's own (a page says "my"): `is_own_record`, which costs no query (asked
   of an id alone, `is_own_record_id`: which side of a goal someone is on).
   A therapist's `Access`: the lead's TREATING, a co-therapist's as their grant says
   (`co_therapist_access`), a former therapist's FORMER (while item 2 says so).
2. Which clients: `clients_readable_by` (what every selector filters by),
   `clients_listed_for` (the API's list), `care_writable_by` (the caseload). Whether
   anyone on the therapist's side may agree a goal or a change with the client now
   (a therapist who writes their record): `care_writing_for`. Of one
   ended care, whether its former therapist still reads the record:
   `former_access_until` (the pages that tell the client and the therapist until when
   ask it too), which needs them still a therapist of its practice (`is_therapist_of`).
3. Parts of a record with a rule of their own: a journal entry
   (`may_read_journal_entry`; whether it is open to the therapists at all,
   `journal_entry_open_to_therapists`, and as a query `journal_shared`; its earlier
   wordings `may_read_journal_versions`; in an export `may_export_journal`); a private
   session note (`private_notes_of`; when it was written or reread,
   `private_note_events`); a session (changing its time and writing its
   summary `holds_as_therapist`, and under a service's lock `is_holder`;
   `writes_summary_of`; its summary's drafts and
   versions `may_read_summary_versions`).
4. A person's part in the practice, whoever's record is in question: `standing_of`
   gives a `Standing` (client, therapist, admin: which pages and links are
   theirs), and `require_admin`, `require_therapist`, `require_client`,
   `require_staff` turn anyone else away (403). Open anything at all before adding
   an authenticator app: `needs_mfa_enrolment` (staff may not). Invite whom: `roles_invitable_by`,
   and choosing an invited client's therapist `may_choose_invitees_therapist`. Be
   a client's supporter: `may_support`, `is_staff_address`. Hold API tokens:
   `may_hold_api_tokens`, `confirms_api_tokens_with_code`.
5. What a person manages or owns, no part of a client's record, as the scopes of
   their checked lookups: end care (`care_endable_by`); see and change a client's
   care team (`care_teams_visible_to`, `manages_care_of`); send an invitation again
   or withdraw it (`invitations_managed_by`); set a client's practice reference
   (`client_memberships_administered_by`); try failed mail again
   (`failed_emails_administered_by`); their own API tokens (`owned_by`); a file
   prepared for download, theirs alone who asked for it (`exports_of`).
6. The checked lookup under every `*_get_for` selector: `record_get_for` (and
   `managed_get_for` for what 5 scopes), both built on `checked`, which gives the
   same 404 for hidden and missing and audits the allowed and the refused attempt;
   what it asks of the object (`Need`): a `Capability`, or a rule of 3 or 5.
7. Where a page or an app puts these together, or a rule needs an app above care
   (which care cannot import), by name:
   - pages only a client has, on their own record (their vision, check-ins, wins,
     journal, what to bring to a session, answering a questionnaire, sharing with
     supporters, "Download everything", closing their account):
     `care.selectors.own_record`, WRITE on one's own record, 404 for anyone else;
     a questionnaire only while their therapist asks for it
     (`measures.selectors.answer_refusal`);
   - the record as a file: the client's own as a ZIP with their whole journal
     (`care.selectors.own_record`); anyone who reads it as FHIR, the journal only
     for the client (`may_export_journal`); the file only to who asked (`exports_of`);
   - the practice's details, crisis settings and retention: its admin
     (`care.selectors.practice_get_for(admin=True)`, on `require_admin`); the
     practice's audit log too (`require_admin`); a client's "who opened my record",
     the client (`require_client`), which names everyone who looked but another
     client (`named_in_clients_log`);
   - agreeing a goal, or a change to what both agreed: the other side from who
     proposed it, with WRITE (`goals.sides.may_agree`, `goals.sides.goal_may_agree`;
     whether anyone on the therapist's side is there to agree: `care_writing_for`;
     whether a change waits for them: `goals.sides.goal_change_needs_agreement`);
     making the change is WRITE;
   - a supporter sees only what a live grant to them names, and nothing once the
     client withdraws it (`sharing.selectors.grant_for_supporter`, and through it a
     goal's chart `sharing.selectors.shared_goal_get_for` and what a cheer is about
     `sharing.selectors.cheer_target_get_for`, each on `checked`;
     `sharing.selectors.shared_record`; `sharing.models.live_grants`); who may be
     one: `may_support`; hiding a cheer sent to them is the client's alone
     (`sharing.selectors.cheer_get_for`, SHARE);
   - the therapists told of a risk flag: everyone caring for the client now
     (`care.care_team.care_now_of`); they read it (THERAPIST), and those who treat
     the client review it (TREAT);
   - an API token acts as its person, through these same rules, while it is usable
     and they may hold one (`api.services.api_token_authenticate`); a read token
     only reads (`api.models.ApiToken.can_write`, asked by `api.routes.require_write`).
"""

from calendar import isleap
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.audit import audit_client_data, audit_refused
from cairn.care.models import (
    REFERENCE_ROLE,
    CareKind,
    CareRelationship,
    Invitation,
    Membership,
    Practice,
    Role,
    care_current,
)
from cairn.care.roles import STAFF_ROLES, membership_of, mfa_enrolled
from cairn.core.audit import Action
from cairn.core.dates import years_after
from cairn.core.models import OutgoingEmail

# 1. The record ------------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """What one person may do with one client's record (`access_for`), asked as a
    `Capability`."""

    can_read: bool = False
    # Goals and their parts, routines, the maintenance and safety plans: working on the
    # record, not only reading it (what only the client writes: see item 7).
    can_write: bool = False
    # Journal entries the client chose to share; a client reads all their own.
    can_read_shared_journal: bool = False
    # A treating therapist's part: session records, private notes, signing
    # summaries, reviewing risk flags.
    can_treat: bool = False
    # The client's lead therapist now: with the admin, manages the care team
    # (`manages_care_of`).
    is_lead: bool = False
    # The record is the person's own: they alone share it (supporters, journal
    # entries) and write their journal.
    can_share: bool = False
    # The record is the person's own (see `is_own_record`): what they do on it is
    # theirs alone (marking a routine's days).
    is_own: bool = False
    # A therapist of this client, now or before: rereads their own private notes on
    # the client's sessions (writing one is treating).
    is_their_therapist: bool = False

    @property
    def can_steer(self) -> bool:
        """A therapist who writes the record: overrides a goal's achievement, assigns
        questionnaires, marks what the client brought to a session as discussed."""
        return self.can_write and self.is_their_therapist

    def allows(self, capability: "Capability") -> bool:
        return bool(getattr(self, CAPABILITY_FIELDS[capability]))


class Capability(StrEnum):
    """What a `*_get_for` selector asks of the `Access` (see the fields it reads)."""

    READ = "read"
    WRITE = "write"
    # Session records, private notes, signing summaries, reviewing risk.
    TREAT = "treat"
    # Supporters and journal entries: the client's alone.
    SHARE = "share"
    # The client's own doing on their own record (marking a routine's days).
    OWN = "own"
    # A therapist of the client, now or before (private notes on their sessions; the
    # risk flags every therapist caring for the client is told of).
    THERAPIST = "therapist"
    # A therapist who writes the record (see `Access.can_steer`).
    STEER = "steer"


CAPABILITY_FIELDS = {
    Capability.READ: "can_read",
    Capability.WRITE: "can_write",
    Capability.TREAT: "can_treat",
    Capability.SHARE: "can_share",
    Capability.OWN: "is_own",
    Capability.THERAPIST: "is_their_therapist",
    Capability.STEER: "can_steer",
}


NO_ACCESS = Access()
OWNER = Access(can_read=True, can_write=True, can_share=True, is_own=True)
# What every therapist of the client has, now or after care ended: the record and the
# journal entries shared, to read. The lead, and a co-therapist as granted, add to it.
FORMER = Access(can_read=True, can_read_shared_journal=True, is_their_therapist=True)
TREATING = replace(FORMER, can_write=True, can_treat=True, is_lead=True)


def co_therapist_access(relationship: CareRelationship) -> Access:
    """A co-therapist reads, as every therapist of the client does; they write and
    treat only as their grant says (chosen as they were added; the client is told)."""
    return replace(FORMER, can_write=relationship.may_write, can_treat=relationship.may_treat)


def is_therapist_of(user: User, practice_id: object) -> bool:
    """`user` is a therapist of the practice now. One who left it (or now administers
    it) reads none of its clients' records, whatever care they gave there."""
    membership = membership_of(user)
    return (
        membership is not None
        and membership.role == Role.THERAPIST
        and membership.practice_id == practice_id
    )


def former_access_until(relationship: CareRelationship, now: datetime | None = None) -> bool:
    """The therapist of this care, ended, still reads the record: the practice lets
    former therapists read on, its years since care ended have not run out (until
    `read_until`, the day the client and the therapist are told), and they are still
    a therapist of that practice. The pages that say until when ask this, as
    `access_for` does, so they never promise what access refuses; loaded with
    select_related("therapist__membership", "practice"), it costs no query."""
    until = relationship.read_until
    return (
        until is not None
        and until > (now or timezone.now())
        and is_therapist_of(relationship.therapist, relationship.practice_id)
    )


def _read_on_after(practice: Practice, now: datetime, ended_at: str) -> Q | None:
    """`former_access_until` as a filter on the field `ended_at` of care of `practice`:
    care whose `read_until` is still ahead of `now`; None when the practice lets no
    former therapist read on. read_until takes an end on 29 February to the 28th
    (years_after), so around the end of February it is not one plain cutoff."""
    if not practice.therapist_read_after_care_ends:
        return None
    cutoff = years_after(now, -practice.former_therapist_read_years)
    if (now.month, now.day) == (2, 29) and cutoff.day == 28:
        # Care that ended on the 28th ran out on the 28th of this year, whatever the hour.
        march = cutoff.replace(month=3, day=1, hour=0, minute=0, second=0, microsecond=0)
        return Q(**{f"{ended_at}__gte": march})
    if (now.month, now.day) == (2, 28) and isleap(cutoff.year) and not isleap(now.year):
        # Care that ended on 29 February runs out on this 28th at the hour it ended.
        leap_day = cutoff.replace(day=29, hour=0, minute=0, second=0, microsecond=0)
        return Q(**{f"{ended_at}__gt": cutoff, f"{ended_at}__lt": leap_day}) | Q(
            **{f"{ended_at}__gt": cutoff.replace(day=29)}
        )
    return Q(**{f"{ended_at}__gt": cutoff})


def _therapist_relationships(user: User) -> Q:
    """`access_for`'s therapist rule as a filter on clients, for many records at once:
    care with `user` now, or ended within the years the practice lets a former
    therapist read on (`former_access_until` says it of one relationship). Only care of
    the therapist's own practice reads on, under its setting, as in `access_for`."""
    active = care_current(via="care_as_client__") & Q(care_as_client__therapist=user)
    membership = membership_of(user)
    assert membership is not None  # an acting therapist
    recent = _read_on_after(membership.practice, timezone.now(), "care_as_client__ended_at")
    if recent is None:
        return active
    former = recent & Q(
        care_as_client__therapist=user, care_as_client__practice=membership.practice_id
    )
    return active | former


def _acting_therapist(user: User) -> bool:
    """A therapist with an authenticator app: without one, a therapist opens no
    client's record (a password alone must never open one)."""
    membership = membership_of(user)
    return membership is not None and membership.role == Role.THERAPIST and mfa_enrolled(user)


def is_own_record(user: User, client_id: object) -> bool:
    """The record of the client `client_id` is the person's own: the page says "my"
    and offers what only its owner does. Asked of a record a checked lookup already
    let `user` open (only a client has a record of their own: see `access_for`), it
    costs no query."""
    return is_own_record_id(user.pk, client_id)


def is_own_record_id(person_id: object, client_id: object) -> bool:
    """`is_own_record` asked of a person known only by their id (who proposed a goal,
    or a change to it): they are the client `client_id` themself."""
    return person_id is not None and person_id == client_id


def named_in_clients_log(person: User, client_id: object) -> bool:
    """Whether a client's "who opened my record" may name `person`: anyone but another
    client. Being someone's client is itself health information, so another client who
    tried to open the record goes unnamed there; the practice's own log names them.
    Asked of a person whose membership is loaded, it costs no query."""
    if is_own_record_id(person.pk, client_id):
        return True
    membership = getattr(person, "membership", None)
    return membership is None or not membership.has_reference


def access_for(user: User, client: User) -> Access:
    """What `user` may do with `client`'s record. A client: all of their own (OWNER).
    An acting therapist: as lead, TREATING; as a co-therapist, as the grant says;
    after care ended, FORMER while the practice lets them read on. Anyone else
    (admins, supporters, other therapists, another client): nothing."""
    if not user.is_authenticated:
        return NO_ACCESS
    membership = membership_of(user)
    if is_own_record(user, client.pk):
        return OWNER if membership is not None and membership.role == Role.CLIENT else NO_ACCESS
    if not _acting_therapist(user):
        return NO_ACCESS
    assert membership is not None  # an acting therapist
    relationships = list(
        CareRelationship.objects.filter(
            therapist=user, client=client, practice=membership.practice_id
        ).select_related("practice")
    )
    for relationship in relationships:
        relationship.therapist = user  # their own care: their membership is loaded already
    active = [r for r in relationships if r.is_active]
    if any(r.is_lead for r in active):
        return TREATING
    if active:
        return co_therapist_access(active[0])
    if any(former_access_until(r) for r in relationships):
        return FORMER
    return NO_ACCESS


# 2. Which clients ---------------------------------------------------------------------


def _reads_only_their_own(user: User) -> bool:
    """A client: the one record they reach is their own."""
    if not user.is_authenticated:
        return False
    membership = membership_of(user)
    return membership is not None and membership.role == Role.CLIENT


def clients_readable_by(user: User) -> QuerySet[User]:
    """The clients whose record `user` may read: a client their own alone, an acting
    therapist those they care for now (and for a while after care ended, where the
    practice allows it), anyone else nobody."""
    if not user.is_authenticated:
        return User.objects.none()
    if _reads_only_their_own(user):
        return User.objects.filter(pk=user.pk)
    if not _acting_therapist(user):
        return User.objects.none()
    cared_for = User.objects.filter(_therapist_relationships(user)).values("pk")
    return User.objects.filter(pk__in=cared_for)


def clients_listed_for(user: User) -> list[User]:
    """Every client `user` may read, in id order: for a client, themself, the person
    already loaded (no query to read them again); for others, clients_readable_by."""
    if _reads_only_their_own(user):
        return [user]
    return list(clients_readable_by(user).order_by("pk"))


def _writes_the_record() -> Q:
    """`access_for`'s WRITE for a therapist, as a filter on care now: the lead, or a
    co-therapist whose grant says they may write."""
    return Q(kind=CareKind.LEAD) | Q(may_write=True)


def care_writable_by(user: User) -> QuerySet[CareRelationship]:
    """The care relationships through which `user` works on a client's record now (as
    lead, or as a co-therapist who may write): the clients a caseload lists."""
    if not user.is_authenticated or not _acting_therapist(user):
        return CareRelationship.objects.none()
    return CareRelationship.objects.current().filter(therapist=user).filter(_writes_the_record())


def care_writing_for(client_id: UUID) -> QuerySet[CareRelationship]:
    """The client's care now through which a therapist writes their record (WRITE): the
    therapist's side of their goals, who may agree what the client proposes. A
    co-therapist who may only read is not it; with none, the client works alone."""
    return (
        CareRelationship.objects.current().filter(client_id=client_id).filter(_writes_the_record())
    )


# 3. Parts of a record with a rule of their own ----------------------------------------


def may_treat(user: User, client: User) -> bool:
    """A therapist treating `client`: logs their sessions, writes notes, signs, reviews risk."""
    return not is_own_record(user, client.pk) and access_for(user, client).can_treat


def journal_shared() -> Q:
    """The entries of a client's journal their therapists may read: those the client
    shares (`journal_entry_open_to_therapists` asks the same of one entry)."""
    return Q(shared_with_therapist=True)


def journal_entry_open_to_therapists(entry: Any) -> bool:
    """The client shares this entry: their therapists may read it (`journal_shared`, as a
    query). Words of risk in one kept private go to nobody (the journal's services)."""
    return bool(entry.shared_with_therapist)


def may_read_journal_entry(access: Access, entry: Any) -> bool:
    """A client reads all their journal; their therapists only the entries shared."""
    return access.can_share or (
        journal_entry_open_to_therapists(entry) and access.can_read_shared_journal
    )


def may_read_journal_versions(user: User, entry: Any) -> bool:
    """An entry's earlier wordings are the client's alone: a therapist reads a shared
    entry only as it stands now."""
    return is_own_record(user, entry.client_id)


def may_export_journal(user: User, client: User) -> bool:
    """The whole journal (private entries too) goes into an export of the record for
    the client themself alone; a therapist's export leaves it out, shared entries too."""
    return access_for(user, client).can_share


def private_notes_of(user: User) -> Q:
    """A therapist's session notes are private to their author: whatever the person's
    role or access to the client, only the author ever finds a note."""
    return Q(author=user)


def private_note_events() -> Q:
    """The audit events of therapists' private session notes. Like the notes, when one
    was written or reread is its author's alone: the client's "who opened my record"
    leaves these out (it shows the session opened)."""
    return Q(object_type="session_note")


def may_read_summary_versions(user: User, session: Any) -> bool:
    """Every version of a session's summary, drafts among them, is for the client's
    therapists: the client reads the summary as it was signed and shared."""
    return not is_own_record(user, session.client_id)


def is_holder(user: User, obj: Any) -> bool:
    """`user` is the therapist the object names (a session's holder). The services
    ask it again under their lock; a page asks `holds_as_therapist`."""
    return bool(obj.therapist_id == user.pk)


def holds_as_therapist(user: User) -> Callable[[Access, Any], bool]:
    """Treats the client and is the therapist the object names: a session's holder
    changes its time and writes its summary; other treating therapists add addenda."""
    return lambda access, obj: access.can_treat and is_holder(user, obj)


def writes_summary_of(user: User) -> Callable[[Access, Any], bool]:
    """The session's holder writes its summary until they sign it: a signed summary
    takes addenda only."""
    holds = holds_as_therapist(user)
    return lambda access, session: holds(access, session) and not session.is_signed


# 4. A person's part in the practice ---------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """The part a person plays in their practice, whoever's record is in question."""

    is_client: bool = False
    # Logs sessions, assigns measures, overrides achievement (for clients whose
    # record says they treat them: ask `access_for` for that).
    is_therapist: bool = False
    # Administers the practice's details, people, memberships, care relationships
    # and the audit log.
    may_administer: bool = False

    @property
    def is_staff(self) -> bool:
        """The practice's therapists and admins: they invite people into it, end care,
        and are never a client's supporter."""
        return self.is_therapist or self.may_administer

    @property
    def has_an_api(self) -> bool:
        """Clients and therapists have an API (a therapist's tokens work once they have
        an authenticator app: `may_hold_api_tokens`); nobody else has one."""
        return self.is_client or self.is_therapist


def standing_of(user: User) -> Standing:
    """The person's part in their practice: which pages, links and words are theirs.
    Pages route by it; what they may do with a client's record is `access_for`'s."""
    membership = membership_of(user)
    role = membership.role if membership is not None else None
    return Standing(
        is_client=role == Role.CLIENT,
        is_therapist=role == Role.THERAPIST,
        may_administer=role == Role.ADMIN,
    )


def needs_mfa_enrolment(user: User) -> bool:
    """Therapists and admins add an authenticator app before opening anything else: a
    password alone must never reach clients' records or the practice's people."""
    return standing_of(user).is_staff and not mfa_enrolled(user)


def may_hold_api_tokens(user: User) -> bool:
    """Clients and therapists (with an authenticator) have an API; nobody else has one."""
    standing = standing_of(user)
    return standing.has_an_api and (standing.is_client or mfa_enrolled(user))


def roles_invitable_by(user: User) -> list[str]:
    """Whom a person may invite into their practice, in the order offered: an admin
    therapists, clients and other admins (and picks a client's therapist); a therapist
    clients only, who will be theirs; anyone else nobody."""
    standing = standing_of(user)
    if standing.may_administer:
        return [Role.THERAPIST, Role.CLIENT, Role.ADMIN]
    if standing.is_therapist:
        return [Role.CLIENT]
    return []


def may_choose_invitees_therapist(user: User) -> bool:
    """An admin picks the therapist of a client they invite; a therapist's invited client
    will be their own (services.invitation_create holds to it whatever is asked)."""
    return standing_of(user).may_administer


def may_support(user: User, client_id: object) -> bool:
    """Supporters are people outside the care: not the client themself, and nobody on a
    practice's staff (a therapist already sees what they may of the record)."""
    return not is_own_record(user, client_id) and not standing_of(user).is_staff


def is_staff_address(email: str) -> bool:
    """The address is a therapist's or an admin's: a client cannot invite them as a
    supporter (see `may_support`)."""
    return Membership.objects.filter(user__email__iexact=email, role__in=STAFF_ROLES).exists()


def confirms_api_tokens_with_code(user: User) -> bool:
    """A therapist's token reads their clients' records: they confirm each new one with
    their authenticator app. A client's reads only their own."""
    return standing_of(user).is_therapist


def _membership_in(user: User, roles: frozenset[str]) -> Membership:
    membership = membership_of(user)
    if membership is None or membership.role not in roles:
        raise PermissionDenied
    return membership


def require_admin(user: User) -> Membership:
    """The admin's membership (their practice); anyone else gets 403."""
    return _membership_in(user, frozenset({Role.ADMIN}))


def require_therapist(user: User) -> Membership:
    """The therapist's membership (their past clients); anyone else gets 403."""
    return _membership_in(user, frozenset({Role.THERAPIST}))


def require_client(user: User) -> Membership:
    """The client's membership (pages of their own record, "who opened my record");
    anyone else gets 403."""
    return _membership_in(user, frozenset({Role.CLIENT}))


def require_staff(user: User) -> Membership:
    """Admins and therapists: the people who invite others into the practice."""
    return _membership_in(user, STAFF_ROLES)


# 5. What a person manages or owns -----------------------------------------------------
# What a person manages in their practice, or owns in their account: the scopes
# (`among`) of the checked lookups of things that are not a client's record.


def care_endable_by(user: User) -> QuerySet[CareRelationship]:
    """Active care a person may end: a therapist their own, an admin any of the practice's."""
    membership = membership_of(user)
    standing = standing_of(user)
    if membership is None or not standing.is_staff:
        return CareRelationship.objects.none()
    relationships = CareRelationship.objects.current().filter(practice=membership.practice)
    return relationships.filter(therapist=user) if standing.is_therapist else relationships


def care_teams_visible_to(user: User) -> QuerySet[User]:
    """Clients whose care team a person may see: an admin every client of the practice,
    a therapist the clients whose record they may read."""
    membership = membership_of(user)
    standing = standing_of(user)
    if membership is not None and standing.may_administer:
        return User.objects.filter(
            membership__practice=membership.practice, membership__role=Role.CLIENT
        )
    if standing.is_therapist:
        return clients_readable_by(user)
    return User.objects.none()


def manages_care_of(user: User) -> Callable[[Access, User], bool]:
    """Changes a client's care team (adds a co-therapist, hands care over): the
    practice's admin, or the client's lead therapist; a co-therapist may not."""
    may_administer = standing_of(user).may_administer
    return lambda access, client: may_administer or access.is_lead


def invitations_managed_by(user: User) -> QuerySet[Invitation]:
    """Unaccepted invitations a person may resend or withdraw: every one of the
    practice's for its admins, their own for anyone else who sent one."""
    membership = membership_of(user)
    if membership is None:
        return Invitation.objects.none()
    invitations = Invitation.objects.filter(practice=membership.practice, accepted_at__isnull=True)
    return invitations if standing_of(user).may_administer else invitations.filter(invited_by=user)


def client_memberships_administered_by(user: User) -> QuerySet[Membership]:
    """The memberships of an admin's practice that have a practice reference (the
    clients', REFERENCE_ROLE), for the admin to set it; anyone else gets 403."""
    practice = require_admin(user).practice
    return Membership.objects.filter(practice=practice, role=REFERENCE_ROLE)


def failed_emails_administered_by(user: User) -> QuerySet[OutgoingEmail]:
    """Mail to the admin's practice that could not be sent; anyone else gets 403."""
    practice_id = require_admin(user).practice_id
    return OutgoingEmail.objects.filter(practice_id=practice_id, status=OutgoingEmail.Status.FAILED)


def owned_by(user: User) -> Q:
    """A person's own account things (their API tokens): nobody else's exist for them."""
    return Q(user=user)


def exports_of(user: User) -> Q:
    """Files prepared for download (a client's whole record, a progress report): only
    the person who asked for one sees or takes it, even one about another's record."""
    return Q(requested_by=user)


# 6. The checked lookup ----------------------------------------------------------------
# What a `*_get_for` selector needs: a capability, or a rule on the access and the
# object (a journal entry is readable when it is one's own or shared and so on).
type Need[M] = Capability | Callable[[Access, M], bool]


def _holds[M](need: "Need[M]", access: Access, found: M) -> bool:
    return access.allows(need) if isinstance(need, Capability) else need(access, found)


def checked[M](
    *,
    user: User,
    found: M | None,
    client: User | None,
    object_type: str,
    object_id: object,
    aimed_at: Callable[[], object],
    write: bool = False,
    need: "Need[M] | None" = None,
    visible_if: "Need[M] | None" = None,
) -> M:
    """The common core of every checked lookup. `found` is the object when `user` may
    see its client at all (None when hidden or missing: both raise Http404), `client`
    its client (None for an object outside any client's record), and
    `visible_if`, when given, must hold too (else 404: the object must not be known to
    exist). Then `need` (by default read, or write when `write`) must hold, else 403.
    Every attempt is audited; a refused one with the client it aimed at (`aimed_at()`
    looks the client's id up without any access filter)."""
    action = Action.WRITE if write else Action.READ
    if need is None:
        need = Capability.WRITE if write else Capability.READ
    visible = found is not None
    # Finding it was reading it (it came through clients_readable_by or the scope it
    # was looked for in), so plain reads cost no further query.
    access = NO_ACCESS
    if visible and client is not None and (visible_if is not None or need != Capability.READ):
        access = access_for(user, client)
    if visible and visible_if is not None:
        assert found is not None
        visible = _holds(visible_if, access, found)
    if not visible:
        audit_refused(
            actor=user,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            client_id=aimed_at(),  # type: ignore[arg-type]
        )
        raise Http404
    assert found is not None
    allowed = need == Capability.READ or _holds(need, access, found)
    audit_client_data(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=found.pk,  # type: ignore[attr-defined]
        client=client,
        allowed=allowed,
    )
    if not allowed:
        raise PermissionDenied
    return found


def _follow(obj: object, path: str) -> object:
    for name in filter(None, path.split("__")):
        obj = getattr(obj, name)
    return obj


def record_get_for[M: Model](
    model: type[M],
    *,
    user: User,
    pk: object,
    object_type: str,
    write: bool = False,
    need: "Need[M] | None" = None,
    visible_if: "Need[M] | None" = None,
    client_path: str | None = "client",
    queryset: QuerySet[M] | None = None,
    among: QuerySet[M] | None = None,
) -> M:
    """One object of a client's record, if `user` may see it: the one checked lookup
    the `*_get_for` selectors build on. `client_path` leads from the object to its
    client ("goal__client" for a milestone, "" for the client themself, None for an
    object outside any client's record); `queryset` narrows what may be found (not
    deleted, with its relations loaded). What `user` may find at all is the objects of
    clients they may read, or `among` (one of the scopes below: the care, invitations
    and mail a person manages; finding it there is being allowed it, unless `need`
    asks more). Unknown and hidden both raise Http404; so does one
    without `visible_if`; visible without `need` raises PermissionDenied (see
    `checked`)."""
    base = model._default_manager.all() if queryset is None else queryset
    if among is not None and need is None:
        need = Capability.READ  # found among those `user` manages: that is the permission
    # The one record a client may read is their own (clients_readable_by): the object's
    # client is then the person already loaded, so neither the subquery nor the join to
    # the client is built (every call a client's script makes to the API).
    own = among is None and client_path == "client" and _reads_only_their_own(user)
    if among is not None:
        base = among if queryset is None else base & among
    elif own:
        base = base.filter(client_id=user.pk)
    elif client_path is not None:
        base = base.filter(**{_lookup(client_path, "in"): clients_readable_by(user)})
    if client_path and not own:
        base = base.select_related(client_path)
    # The id is unique: no ORDER BY (as .first() would add) to build.
    found = next(iter(base.filter(pk=pk).order_by()[:1]), None)
    if own and found is not None:
        found.client = user  # type: ignore[attr-defined]
    return checked(
        user=user,
        found=found,
        client=_follow(found, client_path)
        if found is not None and client_path is not None
        else None,  # type: ignore[arg-type]
        object_type=object_type,
        object_id=pk,
        aimed_at=lambda: (
            None
            if client_path is None
            else model._default_manager.filter(pk=pk)
            .values_list(_lookup(client_path, "id"), flat=True)
            .first()
        ),
        write=write,
        need=need,
        visible_if=visible_if,
    )


def managed_get_for[M: Model](among: QuerySet[M], *, user: User, pk: object, object_type: str) -> M:
    """One of the things `user` manages in the practice or owns that are no part of a
    client's record (invitations, mail that failed, API tokens), to change it: the
    checked lookup, with finding it in `among` (one of the scopes below) as the
    permission."""
    model = among.model
    return record_get_for(
        model, user=user, pk=pk, object_type=object_type, write=True, client_path=None, among=among
    )


def _lookup(path: str, last: str) -> str:
    return f"{path}__{last}" if path else last
