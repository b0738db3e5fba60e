"""Who may do what with a client's record. The one place that decides it.

Every selector that returns client data asks here. The rules:

- a client reads and writes their own record;
- the lead therapist reads, writes and treats (sessions, private notes, signing
  summaries) while care is active; a co-therapist reads, and writes or treats
  only as their grant says;
- a former therapist keeps read-only access after care ends only where the
  practice allows it, and for the practice's retention period (years);
- therapists without an authenticator app enrolled see no client data at all;
- practice admins, supporters and everyone else see no clinical content here
  (supporters see only what a client shares, through the sharing app).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.audit import audit_client_data, audit_refused
from cairn.care.models import CareKind, CareRelationship, Role
from cairn.care.roles import membership_of, mfa_enrolled
from cairn.core.audit import Action


@dataclass(frozen=True)
class Access:
    can_read: bool = False
    can_write: bool = False
    # Journal entries the client chose to share; a client reads all their own.
    can_read_shared_journal: bool = False
    # A treating therapist's part: session records, private notes, signing
    # summaries, reviewing risk flags.
    can_treat: bool = False
    is_lead: bool = False


NO_ACCESS = Access()
OWNER = Access(can_read=True, can_write=True)
TREATING = Access(
    can_read=True, can_write=True, can_read_shared_journal=True, can_treat=True, is_lead=True
)
FORMER = Access(can_read=True, can_write=False, can_read_shared_journal=True)


def co_therapist_access(relationship: CareRelationship) -> Access:
    return Access(
        can_read=True,
        can_write=relationship.may_write,
        can_read_shared_journal=True,
        can_treat=relationship.may_treat,
    )


def former_access_until(relationship: CareRelationship, now: datetime | None = None) -> bool:
    until = relationship.read_until
    return until is not None and until > (now or timezone.now())


def _retention_cutoff(user: User) -> datetime | None:
    """Care that ended after this moment still gives its former therapist read access."""
    membership = membership_of(user)
    if membership is None or not membership.practice.therapist_read_after_care_ends:
        return None
    now = timezone.now()
    years = membership.practice.retention_years
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def _therapist_relationships(user: User) -> Q:
    active = Q(care_as_client__therapist=user, care_as_client__ended_at__isnull=True)
    cutoff = _retention_cutoff(user)
    if cutoff is None:
        return active
    former = Q(
        care_as_client__therapist=user,
        care_as_client__ended_at__gt=cutoff,
        care_as_client__practice__therapist_read_after_care_ends=True,
    )
    return active | former


def _acting_therapist(user: User) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role == Role.THERAPIST and mfa_enrolled(user)


def access_for(user: User, client: User) -> Access:
    if not user.is_authenticated:
        return NO_ACCESS
    membership = membership_of(user)
    if user.pk == client.pk:
        return OWNER if membership is not None and membership.role == Role.CLIENT else NO_ACCESS
    if not _acting_therapist(user):
        return NO_ACCESS
    relationships = list(
        CareRelationship.objects.filter(therapist=user, client=client).select_related("practice")
    )
    active = [r for r in relationships if r.is_active]
    if any(r.is_lead for r in active):
        return TREATING
    if active:
        return co_therapist_access(active[0])
    if any(former_access_until(r) for r in relationships):
        return FORMER
    return NO_ACCESS


def clients_readable_by(user: User) -> QuerySet[User]:
    if not user.is_authenticated:
        return User.objects.none()
    membership = membership_of(user)
    if membership is not None and membership.role == Role.CLIENT:
        return User.objects.filter(pk=user.pk)
    if not _acting_therapist(user):
        return User.objects.none()
    return User.objects.filter(
        pk__in=User.objects.filter(_therapist_relationships(user)).values("pk")
    )


def clients_writable_by(user: User) -> QuerySet[User]:
    if not user.is_authenticated:
        return User.objects.none()
    membership = membership_of(user)
    if membership is not None and membership.role == Role.CLIENT:
        return User.objects.filter(pk=user.pk)
    if not _acting_therapist(user):
        return User.objects.none()
    return User.objects.filter(
        pk__in=CareRelationship.objects.filter(therapist=user, ended_at__isnull=True)
        .filter(Q(kind=CareKind.LEAD) | Q(may_write=True))
        .values("client_id")
    )


def record_get_for[M: Model](
    model: type[M], *, user: User, pk: object, object_type: str, write: bool = False
) -> M:
    """One object of a client's record (any model with a `client`), if `user` may see
    it: the one checked lookup the `*_get_for` selectors build on. Unknown and hidden
    both raise Http404; visible but not writable raises PermissionDenied. Every
    attempt is audited, a refused one with the client it aimed at."""
    found = (
        model._default_manager.filter(client__in=clients_readable_by(user), pk=pk)
        .select_related("client")
        .first()
    )
    action = Action.WRITE if write else Action.READ
    if found is None:
        aimed_at = model._default_manager.filter(pk=pk).values_list("client_id", flat=True)
        audit_refused(
            actor=user,
            action=action,
            object_type=object_type,
            object_id=str(pk),
            client_id=aimed_at.first(),
        )
        raise Http404
    client = found.client  # type: ignore[attr-defined]
    allowed = not write or access_for(user, client).can_write
    audit_client_data(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=found.pk,
        client=client,
        allowed=allowed,
    )
    if not allowed:
        raise PermissionDenied
    return found
