"""A goal's life: proposed, agreed by the other side, paused, resumed, completed or
set aside, and how far it has come (its achievement status)."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import is_own_record
from cairn.core.conflicts import locked
from cairn.core.risk import Written
from cairn.goals.models import GOAL_FIELDS, STATUS_MOVES, Goal, Lifecycle, RevisionReason
from cairn.goals.services.revisions import (
    changes_between,
    fields_of,
    note_risk_in_changes,
    revision_record,
    save_with_revision,
    status_change,
)
from cairn.goals.sides import goal_agree_refusal, has_someone_to_agree
from cairn.goals.signals import goal_activity, goal_proposed


class NotAllowed(Exception):
    """The action makes no sense for this person now (e.g. agreeing to one's own goal)."""


NULLABLE_GOAL_FIELDS = {
    "measure_baseline",
    "measure_target",
    "confidence",
    "target_date",
    "start_date",
}


def goal_values_from(data: dict[str, Any]) -> dict[str, object]:
    """The goal's fields that `data` answers, as the goal keeps them: a blank text
    answer is "" (only numbers and dates are ever empty)."""
    return {
        name: "" if data[name] is None and name not in NULLABLE_GOAL_FIELDS else data[name]
        for name in GOAL_FIELDS
        if name in data
    }


@transaction.atomic
def goal_propose(*, client: User, by: User, data: dict[str, Any]) -> Written[Goal]:
    """A new goal. It waits for the other side to agree, unless the client is
    working on their own (no therapist), when it is theirs to start. Risk is noted
    in the client's own words in it."""
    goal = Goal(client=client, proposed_by=by)
    for name, value in goal_values_from(data).items():
        setattr(goal, name, value)
    if is_own_record(by, client.pk) and not has_someone_to_agree(client):
        goal.lifecycle_status = Lifecycle.ACTIVE
        goal.agreed_by = by
        goal.agreed_at = timezone.now()
    goal.save()
    changes = changes_between({}, fields_of(goal, GOAL_FIELDS))
    revision_record(obj=goal, by=by, reason=RevisionReason.CREATED, changes=changes)
    if goal.lifecycle_status == Lifecycle.PROPOSED:
        transaction.on_commit(lambda: goal_proposed.send(sender=Goal, goal=goal, by=by))
    return Written(goal, note_risk_in_changes(goal, by=by, client=client, changes=changes))


@transaction.atomic
def goal_agree(*, goal: Goal, by: User) -> Goal:
    current = locked(Goal, goal.pk, None)
    if refusal := goal_agree_refusal(current, by):
        raise NotAllowed(refusal)
    change = status_change(current, "lifecycle_status", Lifecycle.ACTIVE)
    current.agreed_by = by
    current.agreed_at = timezone.now()
    current.status_date = timezone.localdate()
    save_with_revision(obj=current, by=by, reason=RevisionReason.AGREED, changes=change)
    announce(current, by, "agreed")
    return current


def announce(goal: Goal, by: User, kind: str) -> None:
    transaction.on_commit(lambda: goal_activity.send(sender=Goal, goal=goal, by=by, kind=kind))


def goal_status_moves(goal: Goal) -> list[str]:
    """The moves of STATUS_MOVES that apply to `goal` as it is now, in that order: the
    goal page offers these, and goal_set_status allows these."""
    return [
        action
        for action, move in STATUS_MOVES.items()
        if goal.lifecycle_status in move.allowed_from
    ]


@transaction.atomic
def goal_set_status(
    *, goal: Goal, by: User, action: str, version: int, reason_text: str = ""
) -> Goal:
    move = STATUS_MOVES[action]
    current = locked(Goal, goal.pk, version)
    if action not in goal_status_moves(current):
        raise NotAllowed("That change doesn't apply to this goal as it is now.")
    change = status_change(current, "lifecycle_status", move.to)
    current.status_date = timezone.localdate()
    save_with_revision(
        obj=current, by=by, reason=move.reason, reason_text=reason_text, changes=change
    )
    return current


@transaction.atomic
def goal_set_achievement(
    *,
    goal: Goal,
    status: str,
    by: User | None = None,
    override: bool = False,
    reason_text: str = "",
    basis: tuple[int | None, int | None, int] | None = None,
) -> Goal:
    """Records the goal's achievement status. Derived updates (by=None) never replace a
    status a therapist set by hand; a hand-set one is a revision with its reason.
    `basis` is what a derived status compared: (baseline, current, number of ratings)."""
    current = locked(Goal, goal.pk, None)
    if basis is not None:
        old_basis = (
            current.achievement_baseline,
            current.achievement_current,
            current.achievement_ratings,
        )
        if old_basis != basis:
            (
                current.achievement_baseline,
                current.achievement_current,
                current.achievement_ratings,
            ) = basis
            current.save(
                update_fields=[
                    "achievement_baseline",
                    "achievement_current",
                    "achievement_ratings",
                    "updated_at",
                ]
            )
    if by is None:
        if current.achievement_overridden or current.achievement_status == status:
            return current
        current.achievement_status = status
        # Since when the goal has been worsening or stuck: the caseload's "waiting longest".
        current.status_date = timezone.localdate()
        current.save(update_fields=["achievement_status", "status_date", "updated_at"])
        return current
    change = status_change(current, "achievement_status", status)
    current.achievement_overridden = override
    save_with_revision(
        obj=current,
        by=by,
        reason=RevisionReason.ACHIEVEMENT,
        reason_text=reason_text,
        changes=change,
    )
    return current
