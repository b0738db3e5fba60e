"""Gives a client's record a new version (cairn.core.page_cache) in the same
transaction as every write to anything their pages show, so a page kept under the
old version is never shown again.

Like the caseload summary's receivers, post_save and post_delete (which also run for
each row a queryset deletes) announce the writes, progress's `checkin_saved`
the check-in's bulk-created answers and routines' `routine_logged` a day's answer. A person's name shows on the pages of everyone
they work with or support, and a practice's details on every member's, so a change
to either gives all of those a new version. Every model of Cairn is either here or
named in NOT_SHOWN; a test holds that true for models yet to come.
"""

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.db.models import Model, Q
from django.db.models.signals import post_delete, post_save

from cairn.accounts.models import User
from cairn.care.models import CareRelationship, Membership
from cairn.core.page_cache import record_changed
from cairn.goals.models import Goal
from cairn.journal.models import JournalEntry
from cairn.progress.models import CheckIn
from cairn.progress.signals import checkin_saved
from cairn.routines.models import Routine
from cairn.routines.signals import routine_logged
from cairn.sessions.models import TherapySession
from cairn.sharing.models import SupportGrant

type Clients = Iterable[uuid.UUID | None]

# What no client's page shows (or shows only outside the kept parts: the bell, the
# expectations line), or what is itself derived.
NOT_SHOWN = {
    "core.AuditEvent",
    "core.Heartbeat",
    "core.OutgoingEmail",
    "core.OnceKey",
    "core.RecordVersion",
    "care.Invitation",
    "reminders.Notification",
    "reminders.ReminderSent",
    "interop.ExportJob",
    "home.CaseloadSummary",
    "api.ApiToken",
}


# What no page drawn from the clinical record alone shows (session preparation):
# writes to these leave the record's clinical version as it was.
NOT_CLINICAL = {
    "routines.Routine",
    "routines.RoutineLog",
    "reminders.Preference",
    "safety.ExpectationsSeen",
}


def _of(model: type[Model], pk: uuid.UUID | None) -> uuid.UUID | None:
    return model.objects.filter(pk=pk).values_list("client_id", flat=True).first()  # type: ignore[attr-defined]


def _through(field: str, model: type[Model]) -> Callable[[Any], Clients]:
    """The client of the record this one belongs to (a goal, a check-in, a session)."""

    def clients(instance: Any) -> Clients:
        if type(instance)._meta.get_field(field).is_cached(instance):
            return [getattr(instance, field).client_id]
        return [_of(model, getattr(instance, f"{field}_id"))]

    return clients


def _own(instance: Any) -> Clients:
    return [instance.client_id]


def people_around(user_id: uuid.UUID | None) -> Clients:
    """The person and everyone whose pages show them: the clients they treat or
    support, the therapists and supporters of their own record."""
    relationships = CareRelationship.objects.filter(Q(therapist_id=user_id) | Q(client_id=user_id))
    grants = SupportGrant.objects.filter(Q(supporter_id=user_id) | Q(client_id=user_id))
    return [
        user_id,
        *(c for pair in relationships.values_list("client_id", "therapist_id") for c in pair),
        *(c for pair in grants.values_list("client_id", "supporter_id") for c in pair),
    ]


def _practice_members(instance: Any) -> Clients:
    practice_id = instance.pk if instance._meta.label == "care.Practice" else instance.practice_id
    return Membership.objects.filter(practice_id=practice_id).values_list("user_id", flat=True)


CLIENTS_OF: dict[str, Callable[[Any], Clients]] = {
    "accounts.User": lambda user: people_around(user.pk),
    "care.Membership": lambda membership: people_around(membership.user_id),
    "care.Practice": _practice_members,
    "safety.CrisisSettings": _practice_members,
    "interop.RetentionPolicy": _practice_members,
    "care.CareRelationship": lambda r: [r.client_id, r.therapist_id],
    "sharing.SupportGrant": lambda grant: [grant.client_id, grant.supporter_id],
    "sharing.Cheer": _through("grant", SupportGrant),
    "goals.Barrier": _through("goal", Goal),
    "goals.Plan": _through("goal", Goal),
    "goals.Milestone": _through("goal", Goal),
    "goals.GoalChange": _through("goal", Goal),
    "goals.GoalComment": _through("goal", Goal),
    "progress.GoalRating": _through("goal", Goal),
    "progress.MeasureValue": _through("goal", Goal),
    "progress.PlanUse": _through("checkin", CheckIn),
    "journal.JournalEntryVersion": _through("entry", JournalEntry),
    "routines.RoutineLog": _through("routine", Routine),
    "therapy_sessions.SummaryVersion": _through("session", TherapySession),
    "therapy_sessions.SummaryAddendum": _through("session", TherapySession),
    "therapy_sessions.SessionNote": _through("session", TherapySession),
    "reminders.Preference": lambda preference: [preference.user_id],
    "safety.ExpectationsSeen": lambda seen: [seen.user_id],
}


def clients_of(instance: Model) -> Clients:
    label = instance._meta.label
    if label in CLIENTS_OF:
        return CLIENTS_OF[label](instance)
    return _own(instance)


def cairn_models() -> list[type[Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("cairn.")]


def _changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures load rows as they are
        return
    # Nobody works with or supports someone who has only just been made.
    new_person = sender is User and kwargs.get("created")
    clients = [instance.pk] if new_person else clients_of(instance)
    record_changed(clients, clinical=instance._meta.label not in NOT_CLINICAL)


def _checkin_saved(sender: object, client: User, **kwargs: Any) -> None:
    record_changed([client.pk])


def _routine_logged(sender: type[Model], client_id: uuid.UUID, **kwargs: Any) -> None:
    record_changed([client_id], clinical=sender._meta.label not in NOT_CLINICAL)


def connect() -> None:
    for model in cairn_models():
        if model._meta.label in NOT_SHOWN:
            continue
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"record-version-{model}")
    checkin_saved.connect(_checkin_saved, dispatch_uid="record-version-checkin-saved")
    routine_logged.connect(_routine_logged, dispatch_uid="record-version-routine-logged")
