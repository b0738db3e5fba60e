"""Revisions in words: the right label for each field of each kind of part, values
as the person chose them ("Medium", "8 December 2026", "5 nights a week"), and the
step, obstacle or plan named. Revisions store their values as text; this module
only reads them, so old revisions read as well as new ones."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from cairn.goals.models import (
    Barrier,
    FocusArea,
    Goal,
    GoalChange,
    Milestone,
    Plan,
    Revision,
    Vision,
)

MODELS: dict[str, type[models.Model]] = {
    "goal": Goal,
    "barrier": Barrier,
    "plan": Plan,
    "milestone": Milestone,
    "vision": Vision,
}
PART_WORDS = {
    "goal": "The goal",
    "barrier": "Obstacle",
    "plan": "If-then plan",
    "milestone": "Step",
    "vision": "The vision",
}
# Where a field's own name would read oddly in a history.
OVERRIDES: dict[str, dict[str, str]] = {
    "goal": {
        "title": "Goal",
        "lifecycle_status": "Status",
        "achievement_status": "Progress",
        "priority": "Priority",
    },
    "barrier": {"kind": "What kind of thing", "description": "What might get in the way"},
    "plan": {"if_cue": "If", "then_action": "Then I will", "barriers": "Answers"},
    "milestone": {"title": "Step", "done": "Done", "position": "Place in the list"},
    "vision": {},
}
MEASURE_FIELDS = {"measure_baseline", "measure_target"}


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def _field(object_type: str, name: str) -> object | None:
    """The model field a revision of `object_type` names, if it is one (not "done")."""
    model = MODELS.get(object_type)
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def label_for(object_type: str, name: str) -> str:
    override = OVERRIDES.get(object_type, {}).get(name)
    if override:
        return override
    field = _field(object_type, name)
    if field is not None and hasattr(field, "verbose_name"):
        return str(capfirst(str(field.verbose_name)))
    return str(capfirst(name.replace("_", " ")))


def _choices(object_type: str, name: str) -> dict[str, str]:
    field = _field(object_type, name)
    return {str(code): str(label) for code, label in (getattr(field, "choices", None) or [])}


def day_in_words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _number(text: str) -> str:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    return format(number.normalize(), "f") if number == number.to_integral() else text


def value_in_words(object_type: str, name: str, value: str, *, unit: str = "") -> str:
    if not value:
        return ""
    if isinstance(_field(object_type, name), models.DateField):
        try:
            return day_in_words(date.fromisoformat(value))
        except ValueError:
            return value
    if name in MEASURE_FIELDS:
        number = _number(value)
        return f"{number} {unit}".strip()
    if name == "focus_area":
        return dict(FocusArea.choices).get(value, value)
    if name == "focus_areas":
        labels = dict(FocusArea.choices)
        return ", ".join(labels.get(code.strip(), code.strip()) for code in value.split(","))
    if name == "done":
        return "Done" if value else ""
    choices = _choices(object_type, name)
    return choices.get(value, value)


def in_words(object_type: str, changes: dict[str, list[str]], *, unit: str = "") -> list[Change]:
    """Changes kept as text ({field: [before, after]}, as a revision, a change waiting
    for agreement or a clash of two saves holds them), field by field in words. `unit`
    is the measure's unit, unless the changes change it."""
    unit_change = changes.get("measure_unit")
    before_unit = unit_change[0] if unit_change else unit
    after_unit = unit_change[1] if unit_change else unit
    return [
        Change(
            field=label_for(object_type, name),
            before=value_in_words(object_type, name, before, unit=before_unit),
            after=value_in_words(object_type, name, after, unit=after_unit),
        )
        for name, (before, after) in changes.items()
    ]


def goal_change_in_words(change: GoalChange, goal: Goal) -> list[Change]:
    """What a change waiting for agreement would change of `goal`, in words."""
    return in_words("goal", change.changes, unit=goal.measure_unit)


def changes_in_words(revision: Revision, *, unit: str = "") -> list[Change]:
    return in_words(revision.object_type, revision.changes or {}, unit=unit)


def _names(revisions: list[Revision]) -> dict[uuid.UUID, str]:
    """Each step, obstacle and plan named as it is now (or, if gone, as the
    revision last knew it): one query per kind of part."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for revision in revisions:
        wanted.setdefault(revision.object_type, set()).add(revision.object_id)
    names: dict[uuid.UUID, str] = {}
    for step in Milestone.objects.filter(pk__in=wanted.get("milestone", set())):
        names[step.pk] = step.title
    for barrier in Barrier.objects.filter(pk__in=wanted.get("barrier", set())):
        names[barrier.pk] = barrier.description[:80]
    for plan in Plan.objects.filter(pk__in=wanted.get("plan", set())):
        names[plan.pk] = str(plan)
    return names


def part_in_words(revision: Revision, names: dict[uuid.UUID, str]) -> str:
    words = PART_WORDS.get(revision.object_type, capfirst(revision.object_type))
    if revision.object_type in ("goal", "vision"):
        return str(words)
    name = names.get(revision.object_id)
    if name is None:
        for key in ("title", "description", "then_action"):
            if key in (revision.changes or {}):
                name = revision.changes[key][1] or revision.changes[key][0]
                break
    return f"{words} “{name}”" if name else str(words)


@dataclass(frozen=True)
class RevisionInWords:
    revision: Revision
    part: str  # what changed, named: Step “Walk once this week”
    changes: list[Change]  # field by field, before and after, in words


def describe(revisions: Iterable[Revision]) -> list[RevisionInWords]:
    """The revisions, each with what changed named and its changes in words."""
    found = list(revisions)
    names = _names(found)
    # Most callers loaded each revision's goal with it; ask only for the others.
    units = {
        r.goal_id: r.goal.measure_unit
        for r in found
        if r.goal_id and Revision.goal.is_cached(r) and r.goal is not None
    }
    missing = {r.goal_id for r in found if r.goal_id and r.goal_id not in units}
    if missing:
        units |= dict(Goal.objects.filter(pk__in=missing).values_list("pk", "measure_unit"))
    return [
        RevisionInWords(
            revision=revision,
            part=part_in_words(revision, names),
            changes=changes_in_words(
                revision, unit=units.get(revision.goal_id, "") if revision.goal_id else ""
            ),
        )
        for revision in found
    ]
