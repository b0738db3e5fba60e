"""Milestones: a goal's ordered smaller steps, added, changed, done, reopened, moved."""

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cairn.accounts.models import User
from cairn.core.conflicts import locked
from cairn.core.risk import Written
from cairn.goals.models import Goal, Milestone, RevisionReason
from cairn.goals.services.parts import part_record_created, part_revise
from cairn.goals.services.revisions import fields_of, revision_record, save_with_revision
from cairn.goals.signals import milestone_completed

MILESTONE_FIELDS = ["title", "due_date", "reward"]


def _milestone_values(data: dict[str, Any]) -> dict[str, object]:
    """A step's fields from its form; a blank title or reward is "", a blank date None."""
    return {
        name: data.get(name) or (None if name == "due_date" else "") for name in MILESTONE_FIELDS
    }


@transaction.atomic
def milestone_create(*, goal: Goal, by: User, data: dict[str, Any]) -> Written[Milestone]:
    last = Milestone.objects.filter(goal=goal).aggregate(last=Max("position"))["last"]
    milestone = Milestone.objects.create(
        goal=goal,
        position=(last or 0) + 1,
        **_milestone_values(data),
    )
    values = fields_of(milestone, MILESTONE_FIELDS)
    return Written(milestone, part_record_created(milestone, by=by, values=values))


@transaction.atomic
def milestone_revise(
    *, milestone: Milestone, by: User, data: dict[str, Any], version: int, reason_text: str = ""
) -> Written[Milestone]:
    return part_revise(
        milestone, by=by, values=_milestone_values(data), version=version, reason_text=reason_text
    )


def _milestone_mark(milestone: Milestone, *, by: User, done: bool) -> tuple[Milestone, bool]:
    """Marks the step done or not done with its revision; False if it already was."""
    current = locked(Milestone, milestone.pk, None, related=["goal__client"])
    if (current.done_at is not None) == done:
        return current, False
    current.done_at = timezone.now() if done else None
    save_with_revision(
        obj=current,
        by=by,
        reason=RevisionReason.COMPLETED if done else RevisionReason.REOPENED,
        changes={"done": ["", "done"] if done else ["done", ""]},
    )
    return current, True


@transaction.atomic
def milestone_complete(*, milestone: Milestone, by: User) -> Milestone:
    current, marked = _milestone_mark(milestone, by=by, done=True)
    if marked:
        transaction.on_commit(
            lambda: milestone_completed.send(sender=Milestone, milestone=current, by=by)
        )
    return current


@transaction.atomic
def milestone_reopen(*, milestone: Milestone, by: User) -> Milestone:
    return _milestone_mark(milestone, by=by, done=False)[0]


@transaction.atomic
def milestone_move(*, milestone: Milestone, by: User, direction: str) -> Milestone:
    """Swaps the milestone with its neighbour above or below."""
    siblings = list(Milestone.objects.select_for_update().filter(goal_id=milestone.goal_id))
    index = next(i for i, m in enumerate(siblings) if m.pk == milestone.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return siblings[index]
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position", "updated_at"])
    moved = siblings[other]
    revision_record(
        obj=moved,
        by=by,
        reason=RevisionReason.REORDERED,
        changes={"position": [str(index + 1), str(other + 1)]},
    )
    return moved
