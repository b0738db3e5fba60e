"""A change to a goal. Once both sides have agreed a goal, a change to what they
agreed waits for the other side as a GoalChange, which they agree to or the
proposer withdraws; the rest of a change is saved at once."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Field
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.audit import audit_write
from cairn.core.conflicts import locked, save_next_version
from cairn.core.risk import Written
from cairn.goals import selectors
from cairn.goals.models import (
    AGREED_FIELDS,
    ChangeStatus,
    Goal,
    GoalChange,
    RevisionReason,
)
from cairn.goals.services.goal_lifecycle import NotAllowed, announce, goal_values_from
from cairn.goals.services.revisions import (
    apply_change,
    change_of,
    note_risk_in_changes,
    revision_record,
)
from cairn.goals.sides import goal_change_answer_first, goal_change_needs_agreement, same_side


@dataclass(frozen=True)
class Revised(Written[Goal]):
    """The goal as saved, and the change of it this save left waiting for the other
    side (None when everything was saved at once). `risk_noted`: the client's words
    in the change, saved or waiting, may be a sign of risk."""

    waiting: GoalChange | None


def _as_form_value(value: object) -> object:
    """A value as JSON keeps it and the model field reads it back."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@transaction.atomic
def goal_revise(
    *, goal: Goal, by: User, data: dict[str, Any], version: int, reason: str, reason_text: str = ""
) -> Revised:
    """Saves a change. Once a goal is agreed, a change to what both agreed (its wording,
    measure, target or dates) waits for the other side as a GoalChange, and the goal
    as agreed stands until then; the rest (why, focus, confidence, priority) is saved."""
    current = locked(Goal, goal.pk, version)
    wanted = goal_values_from(data)
    changed = change_of(current, wanted)
    if not changed:
        return Revised(current, risk_noted=False, waiting=None)
    to_agree = (
        {name: wanted[name] for name in changed if name in AGREED_FIELDS}
        if goal_change_needs_agreement(current, by)
        else {}
    )
    change: GoalChange | None = None
    if to_agree:
        waiting = selectors.goal_change_waiting(current)
        if waiting is not None:
            if goal_change_answer_first(current, waiting, by):
                raise NotAllowed(
                    "There is a change from the other side waiting for your answer. "
                    "Agree to it or talk about it first; then make yours."
                )
            waiting.status = ChangeStatus.REPLACED
            waiting.answered_at = timezone.now()
            waiting.save(update_fields=["status", "answered_at", "updated_at"])
        change = GoalChange.objects.create(
            goal=current,
            proposed_by=by,
            values={name: _as_form_value(value) for name, value in to_agree.items()},
            changes={name: changed[name] for name in to_agree},
            reason=reason,
            reason_text=reason_text,
        )
        audit_write(by=by, obj=change, object_type="goal_change", client=current.client)
    applied = apply_change(
        current, {name: value for name, value in wanted.items() if name not in to_agree}
    )
    save_next_version(current)
    if applied:
        revision_record(
            obj=current,
            by=by,
            reason=reason,
            reason_text=reason_text,
            changes=applied,
        )
    # One notice for the other side: the change to agree, or else what was saved.
    announce(current, by, "change_proposed" if to_agree else "revised")
    risk_noted = note_risk_in_changes(
        current, by=by, client=current.client, changes=changed, reason_text=reason_text
    )
    return Revised(current, risk_noted=risk_noted, waiting=change)


def _from_form_value(name: str, value: object) -> object:
    """A value kept by _as_form_value, read back as the goal's field holds it."""
    field = Goal._meta.get_field(name)
    assert isinstance(field, Field)
    return field.to_python(value)


def _change_still_waiting(change: GoalChange, *, related: list[str]) -> GoalChange:
    """The change, locked; NotAllowed if someone has answered it meanwhile."""
    pending = locked(GoalChange, change.pk, None, related=related)
    if pending.status != ChangeStatus.WAITING:
        raise NotAllowed("This change isn't waiting for agreement any more.")
    return pending


def _change_answer(pending: GoalChange, *, status: str, by: User) -> None:
    pending.status = status
    pending.answered_by = by
    pending.answered_at = timezone.now()
    pending.save(update_fields=["status", "answered_by", "answered_at", "updated_at"])


@transaction.atomic
def goal_change_agree(*, change: GoalChange, by: User) -> Goal:
    """The other side agrees: the change takes effect now, in the proposer's name,
    with the agreement beside it in the history."""
    pending = _change_still_waiting(change, related=["proposed_by"])
    goal = locked(Goal, pending.goal_id, None)
    if same_side(goal, pending.proposed_by_id, by):
        raise NotAllowed("A change is agreed by the other side: the client or their therapist.")
    applied = apply_change(
        goal, {name: _from_form_value(name, value) for name, value in pending.values.items()}
    )
    save_next_version(goal)
    _change_answer(pending, status=ChangeStatus.AGREED, by=by)
    revision_record(
        obj=goal,
        by=pending.proposed_by,
        reason=pending.reason,
        reason_text=pending.reason_text,
        changes=applied,
    )
    revision_record(obj=goal, by=by, reason=RevisionReason.AGREED, changes={})
    announce(goal, by, "change_agreed")
    return goal


@transaction.atomic
def goal_change_withdraw(*, change: GoalChange, by: User) -> GoalChange:
    """The side that proposed a change takes it back; the goal stays as agreed."""
    pending = _change_still_waiting(change, related=["goal"])
    if not same_side(pending.goal, pending.proposed_by_id, by):
        raise NotAllowed("Only the side that proposed a change can withdraw it.")
    _change_answer(pending, status=ChangeStatus.WITHDRAWN, by=by)
    audit_write(by=by, obj=pending, object_type="goal_change", client=pending.goal.client)
    return pending
