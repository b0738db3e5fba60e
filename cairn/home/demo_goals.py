"""Demo visions, goals, barriers, plans and milestones: the story each demo client
tells (demo_goals.toml), written through the services so that their revisions and
audit events are real. Invented people only."""

import tomllib
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from cairn.accounts.models import User
from cairn.goals.models import GOAL_FIELDS, Goal, Milestone
from cairn.goals.services.barriers_and_plans import barrier_create, plan_create
from cairn.goals.services.goal_changes import goal_change_agree, goal_revise
from cairn.goals.services.goal_lifecycle import goal_agree, goal_propose, goal_set_status
from cairn.goals.services.milestones import milestone_complete, milestone_create
from cairn.goals.services.vision import vision_revise

STORIES: dict[str, Any] = tomllib.loads(
    (Path(__file__).with_name("demo_goals.toml")).read_text(encoding="utf-8")
)


def seed_goals(client: User, therapist: User, *, kind: str) -> None:
    """`kind`: "robin" (the first demo client), "simple", or "waiting" (simple, with
    one more goal waiting for the therapist's agreement)."""
    if Goal.objects.filter(client=client).exists():
        return
    story = STORIES["robin" if kind == "robin" else "simple"]
    people = {"client": client, "therapist": therapist}
    for vision in story["visions"]:
        vision_revise(client=client, by=client, data=vision)
    for told in story["goals"]:
        if "only_for" not in told or told["only_for"] == kind:
            _goal(told, people)


def _goal(told: dict[str, Any], people: dict[str, User]) -> None:
    """One goal as the story tells it; the client writes its barriers, plans and steps."""
    client = people["client"]
    goal = goal_propose(client=client, by=people[told["proposed_by"]], data=_data(told)).record
    if "agreed_by" in told and goal.lifecycle_status == "proposed":
        goal = goal_agree(goal=goal, by=people[told["agreed_by"]])
    if "revised" in told:
        goal = _revise(goal, told["revised"], people)
    for barrier in told.get("barriers", []):
        made = barrier_create(
            goal=goal,
            by=client,
            data={"kind": barrier["kind"], "description": barrier["description"]},
        ).record
        if "plan_if" in barrier:
            plan_create(
                goal=goal,
                by=client,
                data={
                    "if_cue": barrier["plan_if"],
                    "then_action": barrier["plan_then"],
                    "barriers": [made],
                },
            )
    for step in told.get("steps", []):
        _step(goal, step, client)
    if "completed_because" in told:
        goal_set_status(
            goal=goal,
            by=client,
            action="complete",
            version=goal.version,
            reason_text=told["completed_because"],
        )


def _data(told: dict[str, Any]) -> dict[str, Any]:
    """goal_propose's data: days from today become dates, a measure's numbers Decimals."""
    today = timezone.localdate()
    data = {name: told[name] for name in GOAL_FIELDS if name in told}
    for name in ("measure_baseline", "measure_target"):
        if name in data:
            data[name] = Decimal(data[name])
    if "start_in_days" in told:
        data["start_date"] = today + timedelta(days=told["start_in_days"])
    data["target_date"] = today + timedelta(days=told["target_in_days"])
    return data


def _revise(goal: Goal, revised: dict[str, Any], people: dict[str, User]) -> Goal:
    """A new wording, which takes effect once the other side agrees to it."""
    story_keys = {"by", "agreed_by", "reason", "reason_text"}
    saved = goal_revise(
        goal=goal,
        by=people[revised["by"]],
        version=goal.version,
        reason=revised["reason"],
        reason_text=revised["reason_text"],
        data={name: value for name, value in revised.items() if name not in story_keys},
    )
    if saved.waiting is None:
        return saved.record
    return goal_change_agree(change=saved.waiting, by=people[revised["agreed_by"]])


def _step(goal: Goal, step: dict[str, Any], client: User) -> None:
    due_in_days = step["due_in_days"]
    milestone = milestone_create(
        goal=goal,
        by=client,
        data={
            "title": step["title"],
            "due_date": timezone.localdate() + timedelta(days=due_in_days),
            "reward": step.get("reward", ""),
        },
    ).record
    if step.get("done", False):
        milestone = milestone_complete(milestone=milestone, by=client)
        # Reached on the day it was due, weeks ago, rather than all today.
        reached = timezone.now() + timedelta(days=due_in_days)
        Milestone.objects.filter(pk=milestone.pk).update(done_at=reached)
