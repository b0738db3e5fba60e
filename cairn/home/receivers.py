"""Keeps each client's caseload summary in step with their records.

Every record the summary is drawn from announces its writes here (post_save and
post_delete, which also run for each row a queryset deletes); the summary is
written again in the same transaction, so the caseload never shows what was rolled
back. The one write no signal sees, the check-in's bulk-created ratings, arrives
through progress's own `checkin_saved`. Deliberately an exception to "nothing writes
from a model signal": the summary is derived data, and this keeps the apps below
home from knowing it exists.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from cairn.accounts.models import User
from cairn.goals.models import Goal, GoalChange, Milestone
from cairn.home.models import CaseloadSummary
from cairn.home.summary import summary_refresh
from cairn.journal.models import JournalEntry
from cairn.measures.models import MeasureResponse
from cairn.progress.models import CheckIn, GoalRating
from cairn.progress.signals import checkin_saved
from cairn.safety.models import RiskFlag
from cairn.sessions.models import AgendaItem, TherapySession

# Each record that carries its client, and the parts of the summary it can change.
WITH_CLIENT: dict[type[Model], list[str]] = {
    # A goal's title and state show in its ratings, steps and changes too.
    Goal: ["goals", "ratings", "milestones", "changes"],
    CheckIn: ["checkins"],
    MeasureResponse: ["measures"],
    TherapySession: ["sessions"],
    AgendaItem: ["agenda"],
    JournalEntry: ["journal"],
    RiskFlag: ["risk"],
}
# Each record that belongs to a goal, and the parts it can change.
WITH_GOAL: dict[type[Model], list[str]] = {
    GoalChange: ["changes"],
    Milestone: ["milestones"],
    GoalRating: ["ratings"],
}


def _client_of_goal(instance: Any) -> uuid.UUID | None:
    if type(instance)._meta.get_field("goal").is_cached(instance):
        return instance.goal.client_id
    return Goal.objects.filter(pk=instance.goal_id).values_list("client_id", flat=True).first()


def refresh_for_client_record(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if not kwargs.get("raw"):  # fixtures load rows as they are
        summary_refresh(client_id=instance.client_id, parts=WITH_CLIENT[sender])


def refresh_for_goal_record(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    client_id = _client_of_goal(instance)
    if client_id is not None:
        summary_refresh(client_id=client_id, parts=WITH_GOAL[sender])


def refresh_after_checkin(sender: object, client: User, **kwargs: Any) -> None:
    """The check-in's ratings, bulk-created where no post_save sees them."""
    summary_refresh(client_id=client.pk, parts=["ratings"])


def forget_deleted_client(sender: type[Model], instance: User, **kwargs: Any) -> None:
    CaseloadSummary.objects.filter(client_id=instance.pk).delete()


def connect() -> None:
    for model in WITH_CLIENT:
        for signal in (post_save, post_delete):
            signal.connect(
                refresh_for_client_record, sender=model, dispatch_uid=f"caseload-{model}"
            )
    for model in WITH_GOAL:
        for signal in (post_save, post_delete):
            signal.connect(refresh_for_goal_record, sender=model, dispatch_uid=f"caseload-{model}")
    checkin_saved.connect(refresh_after_checkin, dispatch_uid="caseload-checkin-saved")
    post_delete.connect(forget_deleted_client, sender=User, dispatch_uid="caseload-user")


def disconnect() -> None:
    for model in WITH_CLIENT:
        for signal in (post_save, post_delete):
            signal.disconnect(sender=model, dispatch_uid=f"caseload-{model}")
    for model in WITH_GOAL:
        for signal in (post_save, post_delete):
            signal.disconnect(sender=model, dispatch_uid=f"caseload-{model}")
    checkin_saved.disconnect(dispatch_uid="caseload-checkin-saved")


@contextmanager
def summaries_paused() -> Iterator[None]:
    """No summary written on each write, for a bulk load that rebuilds them all
    afterwards (`summaries_rebuild`): seeding thousands of demo clients."""
    disconnect()
    try:
        yield
    finally:
        connect()
