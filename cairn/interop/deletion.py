"""A client deleting their own space at once, closing their account, and the worker
removing the clinical record once the practice's retention period has passed.

What is the client's own (journal, routines and maintenance plan, wins, vision,
supporters) goes the moment they ask. What the practice must keep (the clinical
record: agreed goals with their ratings, questionnaires, sessions and their shared
summaries, the safety plan) stays, read-only to its therapists as before, until the
retention period ends; then everything is removed. The audit log keeps its ids and
no content, as always.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.care.audit import audit_write
from cairn.care.care_team import care_now_of
from cairn.care.models import CareRelationship, Practice
from cairn.care.roles import membership_of
from cairn.care.services import care_end
from cairn.core.audit import Action, audit_record
from cairn.core.dates import years_after
from cairn.goals.models import Goal, GoalComment, Revision, Vision
from cairn.interop.models import (
    DEFAULT_RETENTION_YEARS,
    AccountClosure,
    CalendarFeed,
    ExportJob,
    ExportKind,
    RetentionPolicy,
)
from cairn.journal.models import JournalEntry
from cairn.measures.models import MeasureAssignment, MeasureResponse
from cairn.progress.models import CheckIn, TrackingPause, Win
from cairn.routines.models import MaintenancePlan, Routine
from cairn.safety.models import RiskFlag, SafetyPlan
from cairn.sessions.models import AgendaItem, TherapySession
from cairn.sharing.models import SupportGrant


@dataclass(frozen=True)
class Kept:
    """What the practice must keep, in plain words, with how many."""

    what: str
    count: int


def retention_years(practice: Practice | None) -> int:
    if practice is None:
        return DEFAULT_RETENTION_YEARS
    policy = RetentionPolicy.objects.filter(practice=practice).first()
    return policy.years if policy else DEFAULT_RETENTION_YEARS


def keep_until(client: User, today: date) -> date:
    membership = membership_of(client)
    return years_after(today, retention_years(membership.practice if membership else None))


@dataclass(frozen=True)
class Part:
    """One kind of row a client's record holds. `what` names it on the page that counts
    it before it goes; a part without one is deleted with the others but has no line of
    its own (the vision's history, a download made of the space)."""

    model: type[models.Model]
    what: str = ""
    only: Q = field(default_factory=Q)
    client_field: str = "client"

    def of(self, client: User) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(self.only, **{self.client_field: client})


# The client's own space: what `space_delete` deletes is what the pages count.
OWN_SPACE: tuple[Part, ...] = (
    Part(JournalEntry, "journal entries"),
    Part(Routine, "routines"),
    Part(MaintenancePlan, "maintenance plan"),
    Part(Win, "wins"),
    Part(Vision, "versions of your vision"),
    Part(Revision, only=Q(object_type="vision")),  # the vision's history
    Part(SupportGrant, "people you share with"),
    # A prepared download holds copies of all of the above.
    Part(ExportJob, only=Q(kind=ExportKind.ZIP)),
)

# The practice's clinical record, kept until the retention period ends and then
# removed, in this order: rows naming who wrote what protect a person from deletion.
CLINICAL_RECORD: tuple[Part, ...] = (
    Part(Revision),
    Part(GoalComment, client_field="goal__client"),
    Part(Goal),
    Part(CheckIn),
    Part(TrackingPause),
    Part(SafetyPlan),
    Part(RiskFlag),
    Part(TherapySession),
    Part(AgendaItem),
    Part(MeasureResponse),
    Part(MeasureAssignment),
    Part(CareRelationship),
)

# The account's own rows, not the record: they go with the person.
WITH_THE_ACCOUNT: tuple[type[models.Model], ...] = (
    AccountClosure,
    CalendarFeed,
    ExportJob,
)


def own_space_counts(client: User) -> dict[str, int]:
    return {part.what: part.of(client).count() for part in OWN_SPACE if part.what}


def kept_by_practice(client: User) -> list[Kept]:
    return [
        Kept(
            "Goals you agreed with your therapist, with their steps, plans and ratings",
            Goal.objects.filter(client=client).exclude(agreed_at=None).count(),
        ),
        Kept("Check-ins", CheckIn.objects.filter(client=client).count()),
        Kept(
            "Questionnaires (PHQ-9, GAD-7)", MeasureResponse.objects.filter(client=client).count()
        ),
        Kept(
            "Sessions, with the summaries your therapist shared",
            TherapySession.objects.filter(client=client).count(),
        ),
        Kept("Your safety plan", SafetyPlan.objects.filter(client=client).count()),
    ]


@transaction.atomic
def space_delete(*, client: User, by: User) -> dict[str, int]:
    """The client's own space, gone at once: journal, routines (and the maintenance
    plan), wins, vision, supporters, and any download made of them."""
    counts = own_space_counts(client)
    for part in OWN_SPACE:
        part.of(client).delete()
    audit_write(by=by, obj=client, object_type="own_space_deleted", client=client)
    return counts


@transaction.atomic
def account_close(*, client: User, by: User) -> AccountClosure:
    """Closes the account: the own space goes now, sign-in and tokens stop (an inactive
    person's tokens open nothing), care ends;
    the clinical record is kept until the practice's retention period ends."""
    existing = AccountClosure.objects.filter(client=client).first()
    if existing is not None:
        return existing
    space_delete(client=client, by=by)
    for relationship in care_now_of(client.pk):
        care_end(relationship=relationship, by=by, reason="The client closed their account.")
    membership = membership_of(client)
    closure = AccountClosure.objects.create(
        client=client,
        practice=membership.practice if membership else None,
        keep_until=keep_until(client, local_today(client)),
    )
    client.is_active = False
    client.save(update_fields=["is_active"])
    audit_write(by=by, obj=closure, object_type="account_closed", client=client)
    return closure


@transaction.atomic
def record_remove(*, client: User) -> None:
    """Everything about the client, gone. Rows that protect a person from deletion
    (who wrote what) go first, with the client's own records."""
    membership = membership_of(client)
    practice_id = membership.practice_id if membership else None
    client_id = client.pk
    space_delete(client=client, by=client)
    for part in CLINICAL_RECORD:
        part.of(client).delete()
    client.delete()
    audit_record(
        actor=None,
        action=Action.WRITE,
        object_type="record_removed",
        object_id=client_id,
        client_id=client_id,
        practice_id=practice_id,
    )


def records_expire(*, today: date | None = None) -> int:
    """Removes every closed account whose retention period has ended. The worker runs it."""
    today = today or timezone.localdate()
    due = list(AccountClosure.objects.filter(keep_until__lte=today).select_related("client"))
    for closure in due:
        record_remove(client=closure.client)
    return len(due)


def closures_pending(practice: Practice) -> list[AccountClosure]:
    return list(
        AccountClosure.objects.filter(practice=practice)
        .select_related("client")
        .order_by("keep_until")
    )
