"""Writes to visions, goals and their parts. Each runs in one transaction, keeps a
revision (who, when, before and after, why) and appends to the audit log."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Field, Max, Model
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.audit import audit_client_data, audit_write
from cairn.care.selectors import care_now_of
from cairn.core.audit import Action
from cairn.core.conflicts import locked, save_next_version
from cairn.core.risk import note_risk_in
from cairn.goals.models import (
    AGREED_FIELDS,
    GOAL_FIELDS,
    Barrier,
    ChangeStatus,
    Goal,
    GoalChange,
    GoalComment,
    Lifecycle,
    Milestone,
    Plan,
    Revision,
    RevisionReason,
    Vision,
)
from cairn.goals.signals import goal_activity, goal_proposed, milestone_completed


class NotAllowed(Exception):
    """The action makes no sense for this person now (e.g. agreeing to one's own goal)."""


def shown(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def changes_between(before: dict[str, object], after: dict[str, object]) -> dict[str, list[str]]:
    return {
        name: [shown(before.get(name)), shown(after[name])]
        for name in after
        if shown(before.get(name)) != shown(after[name])
    }


def revision_record(
    *,
    obj: Vision | Goal | Barrier | Plan | Milestone,
    by: User,
    reason: str,
    reason_text: str = "",
    changes: dict[str, list[str]] | None = None,
) -> Revision:
    """Keeps a revision of `obj` and audits the write; the client and goal it is filed
    under come from `obj` (a vision belongs to no goal, a step to its goal)."""
    goal: Goal | None
    if isinstance(obj, Vision):
        client, goal = obj.client, None
    else:
        goal = obj if isinstance(obj, Goal) else obj.goal
        client = goal.client
    revision = Revision.objects.create(
        client=client,
        goal=goal,
        object_type=obj._meta.model_name or "",
        object_id=obj.pk,
        by=by,
        reason=reason,
        reason_text=reason_text,
        changes=changes or {},
    )
    audit_client_data(
        actor=by,
        action=Action.WRITE,
        object_type=obj._meta.model_name or "",
        object_id=obj.pk,
        client=client,
    )
    return revision


def save_with_revision(
    *,
    obj: Goal | Barrier | Plan | Milestone,
    by: User,
    reason: str,
    reason_text: str = "",
    changes: dict[str, list[str]] | None = None,
) -> Revision:
    """Saves `obj` one version on (a form still showing the version before is stale)
    and keeps the revision that says why."""
    save_next_version(obj)
    return revision_record(obj=obj, by=by, reason=reason, reason_text=reason_text, changes=changes)


def _fields(obj: Model, names: list[str]) -> dict[str, object]:
    return {name: getattr(obj, name) for name in names}


def change_of(obj: Model, values: dict[str, object]) -> dict[str, list[str]]:
    """What setting `values` on `obj` would change, as a revision keeps it:
    {field: [before, after]} in text, leaving out the fields that would read the same."""
    return changes_between(_fields(obj, list(values)), values)


def apply_change(obj: Model, values: dict[str, object]) -> dict[str, list[str]]:
    """Sets `values` on `obj` (not saved) and returns what changed, for the revision."""
    change = change_of(obj, values)
    for name, value in values.items():
        setattr(obj, name, value)
    return change


# Vision -------------------------------------------------------------------

VISION_FIELDS = [
    "feel_day_to_day",
    "relationships",
    "challenges_overcome",
    "focus_areas",
    "own_focus",
    "values",
]


@transaction.atomic
def vision_revise(*, client: User, by: User, data: dict[str, Any]) -> Vision:
    """Adds a new version of the vision; the earlier ones are kept as they were."""
    previous = Vision.objects.select_for_update().filter(client=client).order_by("-number").first()
    vision = Vision.objects.create(
        client=client,
        number=(previous.number + 1) if previous else 1,
        written_by=by,
        **{name: data.get(name, [] if name == "focus_areas" else "") for name in VISION_FIELDS},
    )
    before = _fields(previous, VISION_FIELDS) if previous else {}
    revision_record(
        obj=vision,
        by=by,
        reason=RevisionReason.EDITED if previous else RevisionReason.CREATED,
        changes=changes_between(before, _fields(vision, VISION_FIELDS)),
    )
    return vision


# Goals --------------------------------------------------------------------


NULLABLE_GOAL_FIELDS = {
    "measure_baseline",
    "measure_target",
    "confidence",
    "target_date",
    "start_date",
}


def _has_active_therapist(client: User) -> bool:
    return care_now_of(client.pk).exists()


@transaction.atomic
def goal_propose(*, client: User, by: User, data: dict[str, Any]) -> Goal:
    """A new goal. It waits for the other side to agree, unless the client is
    working on their own (no therapist), when it is theirs to start."""
    goal = Goal(client=client, proposed_by=by)
    for name in GOAL_FIELDS:
        if name in data:
            value = data[name]
            setattr(goal, name, "" if value is None and name not in NULLABLE_GOAL_FIELDS else value)
    if by.pk == client.pk and not _has_active_therapist(client):
        goal.lifecycle_status = Lifecycle.ACTIVE
        goal.agreed_by = by
        goal.agreed_at = timezone.now()
    goal.save()
    revision_record(
        obj=goal,
        by=by,
        reason=RevisionReason.CREATED,
        changes=changes_between({}, _fields(goal, GOAL_FIELDS)),
    )
    if goal.lifecycle_status == Lifecycle.PROPOSED:
        transaction.on_commit(lambda: goal_proposed.send(sender=Goal, goal=goal, by=by))
    return goal


@transaction.atomic
def goal_agree(*, goal: Goal, by: User) -> Goal:
    current = locked(Goal, goal.pk, None)
    if current.lifecycle_status != Lifecycle.PROPOSED:
        raise NotAllowed("This goal isn't waiting for agreement.")
    proposed_by_client = current.proposed_by_id == current.client_id
    agreeing_as_client = by.pk == current.client_id
    if proposed_by_client == agreeing_as_client:
        raise NotAllowed("A goal is agreed by the other side: the client or their therapist.")
    current.lifecycle_status = Lifecycle.ACTIVE
    current.agreed_by = by
    current.agreed_at = timezone.now()
    current.status_date = timezone.localdate()
    save_with_revision(
        obj=current,
        by=by,
        reason=RevisionReason.AGREED,
        changes={"lifecycle_status": [Lifecycle.PROPOSED.label, Lifecycle.ACTIVE.label]},
    )
    _announce(current, by, "agreed")
    return current


def _announce(goal: Goal, by: User, kind: str) -> None:
    transaction.on_commit(lambda: goal_activity.send(sender=Goal, goal=goal, by=by, kind=kind))


def _needs_agreement(goal: Goal, by: User) -> bool:
    """Whether a change by `by` must wait for the other side: the goal was agreed by
    both, and the other side is there (a client working alone agrees with themself)."""
    if goal.agreed_by_id is None or goal.lifecycle_status not in (
        Lifecycle.ACTIVE,
        Lifecycle.ON_HOLD,
    ):
        return False
    if by.pk == goal.client_id:
        return _has_active_therapist(goal.client)
    return True


def goal_change_waiting(goal: Goal) -> GoalChange | None:
    return (
        GoalChange.objects.filter(goal=goal, status=ChangeStatus.WAITING)
        .select_related("proposed_by")
        .first()
    )


def _same_side(goal: Goal, one: User | uuid.UUID | None, other: User | uuid.UUID | None) -> bool:
    def is_client(person: User | uuid.UUID | None) -> bool:
        return (person.pk if isinstance(person, User) else person) == goal.client_id

    return is_client(one) == is_client(other)


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
) -> Goal:
    """Saves a change. Once a goal is agreed, a change to what both agreed (its wording,
    measure, target or dates) waits for the other side as a GoalChange, and the goal
    as agreed stands until then; the rest (why, focus, confidence, priority) is saved."""
    current = locked(Goal, goal.pk, version)
    wanted: dict[str, object] = {
        name: ("" if data[name] is None and name not in NULLABLE_GOAL_FIELDS else data[name])
        for name in GOAL_FIELDS
        if name in data
    }
    changed = change_of(current, wanted)
    if not changed:
        return current
    to_agree = (
        {name: wanted[name] for name in changed if name in AGREED_FIELDS}
        if _needs_agreement(current, by)
        else {}
    )
    if to_agree:
        waiting = goal_change_waiting(current)
        if waiting is not None and not _same_side(current, waiting.proposed_by, by):
            raise NotAllowed(
                "There is a change from the other side waiting for your answer. "
                "Agree to it or talk about it first; then make yours."
            )
        if waiting is not None:
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
    _announce(current, by, "change_proposed" if to_agree else "revised")
    return current


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
    if _same_side(goal, pending.proposed_by_id, by):
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
    _announce(goal, by, "change_agreed")
    return goal


@transaction.atomic
def goal_change_withdraw(*, change: GoalChange, by: User) -> GoalChange:
    """The side that proposed a change takes it back; the goal stays as agreed."""
    pending = _change_still_waiting(change, related=["goal"])
    if not _same_side(pending.goal, pending.proposed_by_id, by):
        raise NotAllowed("Only the side that proposed a change can withdraw it.")
    _change_answer(pending, status=ChangeStatus.WITHDRAWN, by=by)
    audit_write(by=by, obj=pending, object_type="goal_change", client=pending.goal.client)
    return pending


STATUS_MOVES = {
    # action: (allowed from, to, revision reason)
    "pause": ({Lifecycle.ACTIVE}, Lifecycle.ON_HOLD, RevisionReason.PAUSED),
    "resume": ({Lifecycle.ON_HOLD}, Lifecycle.ACTIVE, RevisionReason.RESUMED),
    "complete": (
        {Lifecycle.ACTIVE, Lifecycle.ON_HOLD},
        Lifecycle.COMPLETED,
        RevisionReason.COMPLETED,
    ),
    "cancel": (
        {Lifecycle.PROPOSED, Lifecycle.ACTIVE, Lifecycle.ON_HOLD},
        Lifecycle.CANCELLED,
        RevisionReason.CANCELLED,
    ),
}


@transaction.atomic
def goal_set_status(
    *, goal: Goal, by: User, action: str, version: int, reason_text: str = ""
) -> Goal:
    allowed_from, to, reason = STATUS_MOVES[action]
    current = locked(Goal, goal.pk, version)
    if current.lifecycle_status not in allowed_from:
        raise NotAllowed("That change doesn't apply to this goal as it is now.")
    before = current.get_lifecycle_status_display()
    current.lifecycle_status = to
    current.status_date = timezone.localdate()
    save_with_revision(
        obj=current,
        by=by,
        reason=reason,
        reason_text=reason_text,
        changes={"lifecycle_status": [before, current.get_lifecycle_status_display()]},
    )
    return current


# Barriers and plans -----------------------------------------------------------


def _save_part_change(
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


def _part_revise[P: (Barrier, Milestone)](
    part: P, *, by: User, values: dict[str, object], version: int, reason_text: str
) -> P:
    """Sets `values` on the barrier or step, if it is still at `version`, and saves it
    with its revision."""
    current = locked(type(part), part.pk, version, related=["goal__client"])
    changes = apply_change(current, values)
    _save_part_change(current, by=by, changes=changes, reason_text=reason_text)
    return current


def _record_part_created(
    part: Barrier | Plan | Milestone, *, by: User, values: dict[str, object]
) -> None:
    """The first revision of a new barrier, plan or step: every value it started with."""
    revision_record(
        obj=part,
        by=by,
        reason=RevisionReason.CREATED,
        changes=changes_between({}, values),
    )


BARRIER_FIELDS = ["kind", "description"]
PLAN_FIELDS = ["if_cue", "then_action"]


@transaction.atomic
def barrier_create(*, goal: Goal, by: User, data: dict[str, Any]) -> Barrier:
    barrier = Barrier.objects.create(goal=goal, **{n: data[n] for n in BARRIER_FIELDS})
    _record_part_created(barrier, by=by, values=_fields(barrier, BARRIER_FIELDS))
    return barrier


@transaction.atomic
def barrier_revise(
    *, barrier: Barrier, by: User, data: dict[str, Any], version: int, reason_text: str = ""
) -> Barrier:
    values: dict[str, object] = {name: data[name] for name in BARRIER_FIELDS}
    return _part_revise(barrier, by=by, values=values, version=version, reason_text=reason_text)


def _answered(barriers: list[Barrier]) -> dict[str, object]:
    """The barriers a plan answers, as its revisions name them."""
    return {"barriers": sorted(b.description[:60] for b in barriers)}


@transaction.atomic
def plan_create(*, goal: Goal, by: User, data: dict[str, Any]) -> Plan:
    plan = Plan.objects.create(goal=goal, **{n: data[n] for n in PLAN_FIELDS})
    barriers = [b for b in data.get("barriers", []) if b.goal_id == goal.pk]
    plan.barriers.set(barriers)
    _record_part_created(plan, by=by, values=_fields(plan, PLAN_FIELDS) | _answered(barriers))
    return plan


@transaction.atomic
def plan_revise(
    *, plan: Plan, by: User, data: dict[str, Any], version: int, reason_text: str = ""
) -> Plan:
    current = locked(Plan, plan.pk, version, related=["goal__client"])
    barriers = [b for b in data.get("barriers", []) if b.goal_id == current.goal_id]
    changes = apply_change(current, {name: data[name] for name in PLAN_FIELDS}) | changes_between(
        _answered(list(current.barriers.all())), _answered(barriers)
    )
    if _save_part_change(current, by=by, changes=changes, reason_text=reason_text):
        current.barriers.set(barriers)
    return current


# Milestones ---------------------------------------------------------------------

MILESTONE_FIELDS = ["title", "due_date", "reward"]


@transaction.atomic
def milestone_create(*, goal: Goal, by: User, data: dict[str, Any]) -> Milestone:
    last = Milestone.objects.filter(goal=goal).aggregate(last=Max("position"))["last"]
    milestone = Milestone.objects.create(
        goal=goal,
        position=(last or 0) + 1,
        **{n: data.get(n) or ("" if n != "due_date" else None) for n in MILESTONE_FIELDS},
    )
    _record_part_created(milestone, by=by, values=_fields(milestone, MILESTONE_FIELDS))
    return milestone


@transaction.atomic
def milestone_revise(
    *, milestone: Milestone, by: User, data: dict[str, Any], version: int, reason_text: str = ""
) -> Milestone:
    values: dict[str, object] = {
        name: data.get(name) or (None if name == "due_date" else "") for name in MILESTONE_FIELDS
    }
    return _part_revise(milestone, by=by, values=values, version=version, reason_text=reason_text)


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
    siblings = list(
        Milestone.objects.select_for_update()
        .filter(goal_id=milestone.goal_id)
        .order_by("position", "created_at")
    )
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
    before = current.get_achievement_status_display()
    current.achievement_status = status
    current.achievement_overridden = override
    save_with_revision(
        obj=current,
        by=by,
        reason=RevisionReason.ACHIEVEMENT,
        reason_text=reason_text,
        changes={"achievement_status": [before, current.get_achievement_status_display()]},
    )
    return current


@transaction.atomic
def goal_comment_add(*, goal: Goal, by: User, text: str) -> GoalComment:
    comment = GoalComment.objects.create(goal=goal, author=by, text=text)
    audit_write(by=by, obj=comment, object_type="goal_comment", client=goal.client)
    if by.pk == goal.client_id:
        note_risk_in(
            text,
            sender=GoalComment,
            client=goal.client,
            source=comment,
            where="a comment on a goal",
            therapist_may_read=True,
        )
    _announce(goal, by, "commented")
    return comment
