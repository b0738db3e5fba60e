"""A client deleting their own space at once, closing their account, and the worker
removing the clinical record once the practice's retention period has passed.

What is the client's own (OWN_SPACE) goes the moment they ask. What the practice
must keep (CLINICAL_RECORD) stays, read-only to its therapists as before, until the
retention period ends; then everything is removed. The pages that say what will
happen count these same lists, so they cannot promise less or more than is done. The audit log keeps its ids and
no content, as always.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import ngettext

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
class Counted:
    """One line of what happens to a record: how many, in plain words ("3 routines")."""

    count: int
    one: str
    many: str

    def __str__(self) -> str:
        return f"{self.count} {ngettext(self.one, self.many, self.count)}"


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
    """One kind of row a client's record holds. `one` and `many` name it on the pages
    that count it (the close-account page's "exactly what happens to your record"), and
    `short` in the few words that sum up the own space; a part without words goes with
    the others but has no line of its own (the vision's history, a download made of the
    space, a goal's comments and history, which the goal's words name)."""

    model: type[models.Model]
    one: str = ""
    many: str = ""
    short: str = ""
    only: Q = field(default_factory=Q)
    client_field: str = "client"

    def of(self, client: User) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(self.only, **{self.client_field: client})


# The client's own space: what `space_delete` deletes is what the pages count.
OWN_SPACE: tuple[Part, ...] = (
    Part(JournalEntry, "journal entry", "journal entries", short="journal"),
    Part(Routine, "routine", "routines", short="routines"),
    Part(MaintenancePlan, "maintenance plan", "maintenance plans"),
    Part(Win, "win", "wins", short="wins"),
    Part(Vision, "version of your vision", "versions of your vision", short="vision"),
    Part(Revision, only=Q(object_type="vision")),  # the vision's history
    Part(SupportGrant, "person you share with", "people you share with", short="sharing"),
    # A prepared download holds copies of all of the above.
    Part(ExportJob, only=Q(kind=ExportKind.ZIP)),
)

# The practice's clinical record, kept until the retention period ends and then
# removed, in this order: rows naming who wrote what protect a person from deletion.
CLINICAL_RECORD: tuple[Part, ...] = (
    Part(Revision),
    Part(GoalComment, client_field="goal__client"),
    Part(
        Goal,
        "goal, agreed or not, with its steps, plans, ratings, comments and history",
        "goals, agreed or not, with their steps, plans, ratings, comments and history",
        short="goals",
    ),
    Part(CheckIn, "check-in", "check-ins", short="check-ins"),
    Part(TrackingPause, "pause in tracking", "pauses in tracking"),
    Part(SafetyPlan, "safety plan", "safety plans"),
    Part(
        RiskFlag,
        "note for your therapist when something you wrote sounded worrying, with what they did",
        "notes for your therapist when something you wrote sounded worrying, with what they did",
    ),
    Part(
        TherapySession,
        "session, with the summary your therapist shared",
        "sessions, with the summaries your therapist shared",
        short="sessions",
    ),
    Part(
        AgendaItem,
        "thing you asked to talk about in a session",
        "things you asked to talk about in sessions",
    ),
    Part(
        MeasureResponse,
        "questionnaire you filled in",
        "questionnaires you filled in",
        short="questionnaires",
    ),
    Part(
        MeasureAssignment,
        "questionnaire you were asked to fill in",
        "questionnaires you were asked to fill in",
    ),
    Part(CareRelationship, "time in care with a therapist", "times in care with a therapist"),
)

# The account's own rows, not the record: they go with the person.
WITH_THE_ACCOUNT: tuple[type[models.Model], ...] = (
    AccountClosure,
    CalendarFeed,
    ExportJob,
)


def _counted(parts: tuple[Part, ...], client: User) -> list[Counted]:
    return [Counted(part.of(client).count(), part.one, part.many) for part in parts if part.one]


def own_space_counts(client: User) -> list[Counted]:
    """What deleting the own space (or closing the account) deletes at once."""
    return _counted(OWN_SPACE, client)


def kept_by_practice(client: User) -> list[Counted]:
    """What the practice keeps until the retention period ends: the whole clinical record."""
    return _counted(CLINICAL_RECORD, client)


def _in_short(parts: tuple[Part, ...]) -> str:
    words = [part.short for part in parts if part.short]
    return f"{', '.join(words[:-1])} and {words[-1]}"


def own_space_in_short() -> str:
    """The own space in a few words: "journal, routines, wins, vision and sharing"."""
    return _in_short(OWN_SPACE)


def clinical_record_in_short() -> str:
    """What the practice keeps, in a few words: "goals, check-ins, sessions and
    questionnaires"."""
    return _in_short(CLINICAL_RECORD)


@transaction.atomic
def space_delete(*, client: User, by: User) -> list[Counted]:
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
