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
    changes_between,
    note_risk_in_changes,
    revision_record,
)
from cairn.goals.sides import (
    goal_change_answer_first,
    goal_change_needs_agreement,
    goal_change_replaces,
    goal_change_settled_at_once,
    same_side,
)


@dataclass(frozen=True)
class Revised(Written[Goal]):
    """The goal as saved, the change of it this save left waiting for the other side
    (None when everything was saved at once), and whether it withdrew the change from
    the person's own side that waited (it set back to as agreed all that one changed).
    `risk_noted`: the client's words this save wrote, saved or waiting, may be a sign
    of risk."""

    waiting: GoalChange | None
    withdrawn: bool = False
    # What it saved at once of what both agreed took the place of the change from the
    # person's own side that waited (goal_change_settled_at_once).
    replaced_waiting: bool = False


def _as_form_value(value: object) -> object:
    """A value as JSON keeps it and the model field reads it back."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def goal_change_proposes(change: GoalChange) -> dict[str, object]:
    """What `change` would set on its goal, each value as the goal's field holds it."""
    return {name: _from_form_value(name, value) for name, value in change.values.items()}


def _to_agree(
    goal: Goal, wanted: dict[str, object], waiting: GoalChange | None, by: User
) -> dict[str, object]:
    """The part of a save by `by` that waits for the other side: what it sets of what both
    agreed that differs from the goal as agreed. A change from the side whose change
    waits starts from that one (the edit page holds it in its form), so what this save
    does not say of it is kept, and what it sets back to as agreed drops out."""
    proposed = (
        goal_change_proposes(waiting)
        if waiting is not None and goal_change_replaces(goal, waiting, by)
        else {}
    )
    proposed |= {name: value for name, value in wanted.items() if name in AGREED_FIELDS}
    return {name: proposed[name] for name in change_of(goal, proposed)}


def _reads_the_same(one: dict[str, object], other: dict[str, object]) -> bool:
    """Whether two changes set the same fields to values that read the same."""
    return one.keys() == other.keys() and not changes_between(one, other)


@transaction.atomic
def goal_revise(
    *, goal: Goal, by: User, data: dict[str, Any], version: int, reason: str, reason_text: str = ""
) -> Revised:
    """Saves a change. Once a goal is agreed, a change to what both agreed (its wording,
    measure, target or dates) waits for the other side as a GoalChange, and the goal
    as agreed stands until then; the rest (why, focus, confidence, priority) is saved."""
    current = locked(Goal, goal.pk, version)
    wanted = goal_values_from(data)
    needs_agreement = goal_change_needs_agreement(current, by)
    change: GoalChange | None = None
    waiting = selectors.goal_change_waiting(current)
    if needs_agreement:
        change = _change_settle(
            current,
            waiting,
            _to_agree(current, wanted, waiting, by),
            by=by,
            reason=reason,
            reason_text=reason_text,
        )
    applied = apply_change(
        current,
        {
            name: value
            for name, value in wanted.items()
            if not (needs_agreement and name in AGREED_FIELDS)
        },
    )
    withdrawn = waiting is not None and waiting.status == ChangeStatus.WITHDRAWN
    replaced_waiting = (
        waiting is not None
        and goal_change_settled_at_once(current, waiting, by)
        and not applied.keys().isdisjoint(AGREED_FIELDS)
    )
    if replaced_waiting:
        assert waiting is not None
        _change_answer(waiting, status=ChangeStatus.REPLACED, by=by, client=current.client)
    if not applied and change is None:
        return Revised(current, risk_noted=False, waiting=None, withdrawn=withdrawn)
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
    announce(current, by, "change_proposed" if change is not None else "revised")
    # Risk is read in the words this save wrote: what it saved and the change it left
    # waiting; a change left as it was (the form holds it again) was read when written.
    written = dict(applied) | (dict(change.changes) if change is not None else {})
    risk_noted = note_risk_in_changes(
        current, by=by, client=current.client, changes=written, reason_text=reason_text
    )
    return Revised(
        current,
        risk_noted=risk_noted,
        waiting=change,
        withdrawn=withdrawn,
        replaced_waiting=replaced_waiting,
    )


def _change_settle(
    goal: Goal,
    waiting: GoalChange | None,
    to_agree: dict[str, object],
    *,
    by: User,
    reason: str,
    reason_text: str,
) -> GoalChange | None:
    """What waits for the other side after a save by `by` that leaves `to_agree` to
    agree: a new change (returned), which replaces the one `waiting` from their own
    side; that one left waiting when it is the same; or, with nothing left to agree,
    withdrawn. A change from the other side is to be answered first."""
    values = {name: _as_form_value(value) for name, value in to_agree.items()}
    if waiting is not None and goal_change_answer_first(goal, waiting, by):
        if values:
            raise NotAllowed(
                "There is a change from the other side waiting for your answer. "
                "Agree to it or talk about it first; then make yours."
            )
        return None
    if waiting is not None and _reads_the_same(to_agree, goal_change_proposes(waiting)):
        return None
    if waiting is not None and not values:
        _change_answer(waiting, status=ChangeStatus.WITHDRAWN, by=by, client=goal.client)
        return None
    if waiting is not None:
        _change_answer(waiting, status=ChangeStatus.REPLACED, by=by, client=goal.client)
    if not values:
        return None
    change = GoalChange.objects.create(
        goal=goal,
        proposed_by=by,
        values=values,
        changes=change_of(goal, to_agree),
        reason=reason,
        reason_text=reason_text,
    )
    audit_write(by=by, obj=change, object_type="goal_change", client=goal.client)
    return change


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


def _change_answer(pending: GoalChange, *, status: str, by: User, client: User) -> None:
    """`by` settles the change waiting (agreed, withdrawn, or replaced by a newer one
    from the same side): a write to `client`'s record, audited like every other."""
    pending.status = status
    pending.answered_by = by
    pending.answered_at = timezone.now()
    pending.save(update_fields=["status", "answered_by", "answered_at", "updated_at"])
    audit_write(by=by, obj=pending, object_type="goal_change", client=client)


@transaction.atomic
def goal_change_agree(*, change: GoalChange, by: User) -> Goal:
    """The other side agrees: the change takes effect now, in the proposer's name,
    with the agreement beside it in the history."""
    pending = _change_still_waiting(change, related=["proposed_by"])
    goal = locked(Goal, pending.goal_id, None)
    if same_side(goal, pending.proposed_by_id, by):
        raise NotAllowed("A change is agreed by the other side: the client or their therapist.")
    applied = apply_change(goal, goal_change_proposes(pending))
    save_next_version(goal)
    _change_answer(pending, status=ChangeStatus.AGREED, by=by, client=goal.client)
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
    _change_answer(pending, status=ChangeStatus.WITHDRAWN, by=by, client=pending.goal.client)
    return pending
