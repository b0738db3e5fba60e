"""Factories for goals and what hangs off them (fiction)."""

import uuid
from datetime import timedelta
from typing import Any

import factory
from django.urls import reverse
from django.utils import timezone

from cairn.goals.models import (
    Barrier,
    Goal,
    GoalChange,
    GoalComment,
    Milestone,
    Plan,
    Revision,
    Vision,
)
from tests.factories import ClientRecordFactory


class GoalFactory(ClientRecordFactory):
    """A goal the client proposed; pass `proposed_by` for a therapist's proposal.
    tests.factories.goal_for also agrees it."""

    class Meta:
        model = Goal

    proposed_by = factory.SelfAttribute("client")
    title = "Walk round the park three times a week"
    description = "Twenty minutes after work on Monday, Wednesday and Friday"
    why_it_matters = "I want the energy to enjoy weekends with my family"
    confidence = 7
    target_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))


class GoalPartFactory(factory.django.DjangoModelFactory):
    """Part of a goal (an obstacle, a plan, a step, a comment): of a new goal unless given."""

    goal = factory.SubFactory(GoalFactory)


class BarrierFactory(GoalPartFactory):
    class Meta:
        model = Barrier

    kind = "trigger"
    description = "Rainy evenings after a long day"


class PlanFactory(GoalPartFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    if_cue = "it is raining after work"
    then_action = "walk round the shopping centre instead"

    @factory.post_generation
    def barriers(self, create: bool, extracted: list[Barrier] | None, **kwargs: object) -> None:
        if create and extracted:
            self.barriers.set(extracted)


class MilestoneFactory(GoalPartFactory):
    class Meta:
        model = Milestone

    title = "Walk once this week"
    position = factory.Sequence(lambda n: n + 1)


class VisionFactory(ClientRecordFactory):
    class Meta:
        model = Vision

    number = 1
    written_by = factory.SelfAttribute("client")
    feel_day_to_day = "Rested, and looking forward to things"


class RevisionFactory(ClientRecordFactory):
    class Meta:
        model = Revision

    object_type = "goal"
    object_id = factory.LazyFunction(uuid.uuid4)
    by = factory.SelfAttribute("client")
    reason = "edited"


class GoalChangeFactory(GoalPartFactory):
    """A change to an agreed goal, waiting for the other side to agree."""

    class Meta:
        model = GoalChange

    proposed_by = factory.SelfAttribute("goal.client")
    values = factory.LazyFunction(lambda: {"title": "Walk twice a week"})
    changes = factory.LazyFunction(dict)
    reason = "other"


class GoalCommentFactory(GoalPartFactory):
    class Meta:
        model = GoalComment

    author = factory.SelfAttribute("goal.client")
    text = "Proud of this one"


def new_goal_answers(**overrides: str) -> dict[str, str]:
    """What a person types into the new-goal form: a goal that passes every check."""
    today = timezone.localdate()
    return {
        "title": "Call my sister every Sunday",
        "description": "A phone call after lunch",
        "why_it_matters": "She keeps me grounded and I miss her",
        "confidence": "8",
        "start_date": today.isoformat(),
        "target_date": (today + timedelta(days=60)).isoformat(),
        "priority": "medium-priority",
    } | overrides


def goal_answers(goal: Goal, **overrides: Any) -> dict[str, str]:
    """The goal's edit form as saved, with `overrides` typed in; the change is for
    life's reasons unless `reason` says otherwise. (A person whose side has a change
    waiting finds that change in the form: see goal_answers_as_shown.)"""
    return {
        "title": goal.title,
        "description": goal.description,
        "why_it_matters": goal.why_it_matters,
        "confidence": str(goal.confidence),
        "start_date": goal.start_date.isoformat(),
        "target_date": goal.target_date.isoformat(),
        "priority": goal.priority,
        "rating_target": str(goal.rating_target),
        "version": str(goal.version),
        "reason": "life_changed",
        "reason_text": "",
    } | overrides


def goal_answers_as_shown(client: Any, goal: Goal, **typed: str) -> dict[str, str]:
    """What the goal's edit page holds in its form for the person `client` is signed in
    as (with a change from their own side waiting, that change), with `typed` typed in;
    the change is for life's reasons unless `reason` says otherwise."""
    form = client.get(reverse("goals:goal_edit", args=[goal.pk])).context["form"]
    held = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else str(value) for name, value in held.items()} | {
        "reason": "life_changed",
        **typed,
    }
