"""What barriers, plans and milestones (a goal's parts) share when they are written:
the first revision of a new one, and a change saved one version on with its revision."""

from cairn.accounts.models import User
from cairn.core.conflicts import locked
from cairn.core.risk import Written
from cairn.goals.models import Barrier, Milestone, Plan, RevisionReason
from cairn.goals.services.revisions import (
    apply_change,
    changes_between,
    note_risk_in_changes,
    revision_record,
    save_with_revision,
)


def part_save_change(
    part: Barrier | Plan | Milestone, *, by: User, changes: dict[str, list[str]], reason_text: str
) -> bool:
    """Saves a changed barrier, plan or step with its revision; False if nothing changed."""
    if not changes:
        return False
    save_with_revision(
        obj=part,
        by=by,
        reason=RevisionReason.EDITED,
        reason_text=reason_text,
        changes=changes,
    )
    return True


def part_revise[P: (Barrier, Milestone)](
    part: P, *, by: User, values: dict[str, object], version: int, reason_text: str
) -> Written[P]:
    """Sets `values` on the barrier or step, if it is still at `version`, and saves it
    with its revision; risk is noted in the client's words it changed."""
    current = locked(type(part), part.pk, version, related=["goal__client"])
    changes = apply_change(current, values)
    part_save_change(current, by=by, changes=changes, reason_text=reason_text)
    return Written(
        current, part_noted_risk(current, by=by, changes=changes, reason_text=reason_text)
    )


def part_noted_risk(
    part: Barrier | Plan | Milestone, *, by: User, changes: dict[str, list[str]], reason_text: str
) -> bool:
    """Risk noted in the client's words that a save of a barrier, plan or step changed."""
    if not changes:
        return False
    return note_risk_in_changes(
        part, by=by, client=part.goal.client, changes=changes, reason_text=reason_text
    )


def part_record_created(
    part: Barrier | Plan | Milestone, *, by: User, values: dict[str, object]
) -> bool:
    """The first revision of a new barrier, plan or step: every value it started with.
    Says whether risk was noted in the client's words in it."""
    changes = changes_between({}, values)
    revision_record(obj=part, by=by, reason=RevisionReason.CREATED, changes=changes)
    return part_noted_risk(part, by=by, changes=changes, reason_text="")
