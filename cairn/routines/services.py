"""Writes to routines and the maintenance plan, each audited."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import is_own_record
from cairn.care.audit import audit_write
from cairn.core.conflicts import locked_or_new, save_next_version
from cairn.core.refusals import Refused
from cairn.core.risk import Written, note_risk_in_words_of
from cairn.routines.models import MaintenancePlan, Routine, RoutineLog
from cairn.routines.selectors import mark_day_out_of_range
from cairn.routines.signals import routine_logged


@transaction.atomic
def routine_create(*, client: User, by: User, data: dict[str, Any]) -> Written[Routine]:
    """A new routine; risk is noted in its name when the client wrote it (the therapist
    reads their routines)."""
    goal = data.get("from_goal")
    routine = Routine.objects.create(
        client=client,
        name=data["name"],
        times=data["times"],
        period=data["period"],
        time_of_day=data.get("time_of_day"),
        from_goal=goal if goal is not None and goal.client_id == client.pk else None,
    )
    audit_write(by=by, obj=routine, object_type="routine", client=client)
    by_client = is_own_record(by, client.pk)
    return Written(
        routine,
        note_risk_in_words_of(routine.name, client=client, source=routine, by_client=by_client),
    )


class RoutineUnmarkable(Exception):
    """No day of the routine can be marked now (Routine.unmarkable_reason)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MarkRefused(Refused):
    """`day` is not one the routine can be marked for: field "date", and the words
    of selectors.mark_day_out_of_range."""


def routine_log(*, routine: Routine, by: User, day: date, today: date, status: str) -> RoutineLog:
    """Done or skipped for the day; saying it again changes the answer. The page marks
    today; the API any day the rule allows. Before anything is written, a day it may not
    be marked for raises MarkRefused, and a paused or removed routine RoutineUnmarkable."""
    if problem := mark_day_out_of_range(routine, day, today=today):
        raise MarkRefused("date", problem)
    if (reason := routine.unmarkable_reason) is not None:
        raise RoutineUnmarkable(reason)
    return _routine_log(routine=routine, by=by, day=day, status=status)


# No savepoint of its own: every caller lets a failure end the whole transaction (the
# API's write_transaction, the page's request), and a SAVEPOINT and RELEASE would be two
# more statements while holding SQLite's writers' lock on every day marked.
@transaction.atomic(savepoint=False)
def _routine_log(*, routine: Routine, by: User, day: date, status: str) -> RoutineLog:
    # One statement whether or not the day has an answer yet, where update_or_create
    # read the row first in a savepoint of its own, all while holding the writers' lock.
    (log,) = RoutineLog.objects.bulk_create(
        [RoutineLog(routine=routine, date=day, status=status)],
        update_conflicts=True,
        unique_fields=["routine", "date"],
        update_fields=["status"],
    )
    routine_logged.send(sender=RoutineLog, client_id=routine.client_id)
    audit_write(by=by, obj=routine, object_type="routine_log", client=routine.client)
    return log


@transaction.atomic
def routine_pause(*, routine: Routine, by: User, today: date, paused: bool) -> Routine:
    """Pausing freezes a routine; resuming keeps the paused days as paused for good."""
    if paused and routine.paused_at is None:
        routine.paused_at = today
    elif not paused and routine.paused_at is not None:
        last = today - timedelta(days=1)
        if last >= routine.paused_at:
            routine.pauses = [*routine.pauses, [routine.paused_at.isoformat(), last.isoformat()]]
        routine.paused_at = None
    routine.save(update_fields=["paused_at", "pauses", "updated_at"])
    audit_write(by=by, obj=routine, object_type="routine", client=routine.client)
    return routine


@transaction.atomic
def routine_remove(*, routine: Routine, by: User) -> Routine:
    """Takes a routine off the list; its history is kept."""
    routine.archived_at = timezone.now()
    routine.save(update_fields=["archived_at", "updated_at"])
    audit_write(by=by, obj=routine, object_type="routine", client=routine.client)
    return routine


@transaction.atomic
def maintenance_plan_save(
    *, client: User, by: User, data: dict[str, Any], version: int | None
) -> Written[MaintenancePlan]:
    """Saves the plan. Risk is noted in the words this save changed, when the client
    wrote them: the therapist reads the plan, and words kept as they were were read
    when they were written."""
    plan = locked_or_new(MaintenancePlan.objects.filter(client=client), version, client=client)
    changed = [value for name, value in data.items() if getattr(plan, name) != value]
    for name, value in data.items():
        setattr(plan, name, value)
    save_next_version(plan)
    audit_write(by=by, obj=plan, object_type="maintenance_plan", client=client)
    by_client = is_own_record(by, client.pk)
    return Written(
        plan, note_risk_in_words_of(*changed, client=client, source=plan, by_client=by_client)
    )
