"""Barriers (what may get in the way of a goal) and the if-then plans that answer them."""

from typing import Any

from django.db import transaction

from cairn.accounts.models import User
from cairn.core.conflicts import locked
from cairn.core.risk import Written
from cairn.goals.models import Barrier, Goal, Plan
from cairn.goals.services.parts import (
    part_noted_risk,
    part_record_created,
    part_revise,
    part_save_change,
)
from cairn.goals.services.revisions import apply_change, changes_between, fields_of

BARRIER_FIELDS = ["kind", "description"]
PLAN_FIELDS = ["if_cue", "then_action"]


@transaction.atomic
def barrier_create(*, goal: Goal, by: User, data: dict[str, Any]) -> Written[Barrier]:
    barrier = Barrier.objects.create(goal=goal, **{n: data[n] for n in BARRIER_FIELDS})
    return Written(
        barrier, part_record_created(barrier, by=by, values=fields_of(barrier, BARRIER_FIELDS))
    )


@transaction.atomic
def barrier_revise(
    *, barrier: Barrier, by: User, data: dict[str, Any], version: int, reason_text: str = ""
) -> Written[Barrier]:
    values: dict[str, object] = {name: data[name] for name in BARRIER_FIELDS}
    return part_revise(barrier, by=by, values=values, version=version, reason_text=reason_text)


def _answered(barriers: list[Barrier]) -> dict[str, object]:
    """The barriers a plan answers, as its revisions name them."""
    return {"barriers": sorted(b.description[:60] for b in barriers)}


@transaction.atomic
def plan_create(*, goal: Goal, by: User, data: dict[str, Any]) -> Written[Plan]:
    plan = Plan.objects.create(goal=goal, **{n: data[n] for n in PLAN_FIELDS})
    barriers = [b for b in data.get("barriers", []) if b.goal_id == goal.pk]
    plan.barriers.set(barriers)
    values = fields_of(plan, PLAN_FIELDS) | _answered(barriers)
    return Written(plan, part_record_created(plan, by=by, values=values))


@transaction.atomic
def plan_revise(
    *, plan: Plan, by: User, data: dict[str, Any], version: int, reason_text: str = ""
) -> Written[Plan]:
    current = locked(Plan, plan.pk, version, related=["goal__client"])
    barriers = [b for b in data.get("barriers", []) if b.goal_id == current.goal_id]
    changes = apply_change(current, {name: data[name] for name in PLAN_FIELDS}) | changes_between(
        _answered(list(current.barriers.all())), _answered(barriers)
    )
    if part_save_change(current, by=by, changes=changes, reason_text=reason_text):
        current.barriers.set(barriers)
    return Written(
        current, part_noted_risk(current, by=by, changes=changes, reason_text=reason_text)
    )
