"""The two sides of a goal: the client, and their therapist. A goal, and a change to a
goal both have agreed, is proposed by one side and agreed by the other (CLINICAL.md:
goals are agreed by client and therapist). The pages and the services ask this one
rule, so the button shown and the write allowed never disagree, nor the edit page's
notes (that a change waits, when it replaces the one waiting, and when the one waiting
is to be answered first) and what goal_revise does. The therapist's side is a therapist
who may write the client's record (`may_agree`, `has_someone_to_agree`); a co-therapist
who may only read agrees nothing. Once the client's care has ended that side is not
there: a goal or a change they left waiting has nobody to answer it until a therapist
starts care with them, what they then change at once takes a waiting change's place, and
a change their former therapist left is theirs to agree or leave."""

import uuid
from dataclasses import dataclass

from cairn.accounts.models import User
from cairn.care.access import (
    Access,
    Capability,
    care_writing_for,
    is_own_record,
    is_own_record_id,
)
from cairn.goals.models import Goal, GoalChange, Lifecycle

type Person = User | uuid.UUID | None


def _id(person: Person) -> uuid.UUID | None:
    return person.pk if isinstance(person, User) else person


def same_side(goal: Goal, one: Person, other: Person) -> bool:
    """Whether `one` and `other` (people or their ids) are on the same side of `goal`:
    both its client, or neither (whose record it is: care.access)."""
    return is_own_record_id(_id(one), goal.client_id) == is_own_record_id(
        _id(other), goal.client_id
    )


@dataclass(frozen=True)
class Proposal:
    """Who proposed a goal or a change to it, as the page shown to one person tells it."""

    by_viewer: bool  # they proposed it themselves ("You proposed…")
    by_client: bool  # the client's side did: their therapist is the one to agree
    ours: bool  # the viewer's own side did: it waits for the other side


def proposal_seen_by(goal: Goal, proposer: Person, viewer: Person) -> Proposal:
    """`goal`, or a change to it, proposed by `proposer`, as `viewer` is told it."""
    return Proposal(
        by_viewer=_id(proposer) == _id(viewer),
        by_client=is_own_record_id(_id(proposer), goal.client_id),
        ours=same_side(goal, proposer, viewer),
    )


def agreed_by_other(goal: Goal) -> bool:
    """Whether `goal` was agreed by someone other than who proposed it: the page names
    who agreed only then (a client working alone agrees to their own goal)."""
    return goal.agreed_by_id is not None and goal.agreed_by_id != goal.proposed_by_id


def may_agree(goal: Goal, proposer: Person, person: Person, access: Access) -> bool:
    """Whether `person`, with `access` to the client's record, may agree to what
    `proposer` proposed on `goal` (the goal, or a change to it): they are on the other
    side and may write goals (a co-therapist who may only read agrees nothing). The goal
    page offers "I agree" on exactly this; the services refuse the other side's half
    (goal_agree_refusal), and the lookup that loads what they agree asks WRITE."""
    return access.allows(Capability.WRITE) and not same_side(goal, proposer, person)


def goal_agree_refusal(goal: Goal, person: Person) -> str | None:
    """Why `person` may not agree to `goal` now, in the words goal_agree refuses with;
    None when they may: it waits for agreement, and they are on the other side from
    whoever proposed it."""
    if goal.lifecycle_status != Lifecycle.PROPOSED:
        return "This goal isn't waiting for agreement."
    if same_side(goal, goal.proposed_by_id, person):
        return "A goal is agreed by the other side: the client or their therapist."
    return None


def goal_may_agree(goal: Goal, person: Person, access: Access) -> bool:
    """Whether `person` may agree to `goal` now (the page's "Agree"): goal_agree would
    (goal_agree_refusal), and they may agree what its proposer proposed (`may_agree`)."""
    return goal_agree_refusal(goal, person) is None and may_agree(
        goal, goal.proposed_by_id, person, access
    )


def has_someone_to_agree(client: User) -> bool:
    """Whether the therapist's side is there to agree with `client`: a therapist who may
    write their record (care.access.care_writing_for, the rule `may_agree` asks of one
    person). Without one the client works on their own goals alone, and is both sides of
    them."""
    return care_writing_for(client.pk).exists()


def _nobody_to_agree(goal: Goal, proposer: Person) -> bool:
    """What `proposer` proposed on `goal` has nobody to agree it now: the client's side
    proposed it, and nobody on the therapist's side may agree it (`has_someone_to_agree`:
    their care has ended, or the co-therapist left may only read). It is kept, never
    closed for them: a therapist who starts care with them answers it."""
    return same_side(goal, proposer, goal.client_id) and not has_someone_to_agree(goal.client)


def goal_has_nobody_to_agree(goal: Goal) -> bool:
    """Whether `goal`, proposed by the client's side and still waiting for agreement,
    has nobody to agree it now (`_nobody_to_agree`); meanwhile the client may set it
    aside. The goal page says so."""
    return goal.lifecycle_status == Lifecycle.PROPOSED and _nobody_to_agree(
        goal, goal.proposed_by_id
    )


def goal_change_has_nobody_to_answer(goal: Goal, change: GoalChange | None) -> bool:
    """Whether `change`, waiting on `goal`, has nobody to answer it now
    (`_nobody_to_agree`); meanwhile the client may withdraw it. The goal page says so."""
    return change is not None and _nobody_to_agree(goal, change.proposed_by_id)


def goal_change_left_to_client(goal: Goal, change: GoalChange | None) -> bool:
    """Whether `change`, waiting on `goal`, came from a therapist who no longer works
    with the client, and nobody on the therapist's side is there now. The client may
    still agree it (both sides then agreed it, and alone they could make the same
    change at once) or leave it as it is; the goal page tells them it is theirs to
    decide, not that a therapist is waiting for them."""
    return (
        change is not None
        and not same_side(goal, change.proposed_by_id, goal.client_id)
        and not has_someone_to_agree(goal.client)
    )


def agreed_it(goal: Goal, person: Person) -> bool:
    """Whether `person` was one of the two who agreed `goal`: a therapist who joined
    later answers a change to a goal as it was agreed, not as "you both" agreed it."""
    return _id(person) in (goal.client_id, goal.proposed_by_id, goal.agreed_by_id)


def goal_change_needs_agreement(goal: Goal, by: User) -> bool:
    """Whether a change by `by` to what both agreed (its wording, measure, target or
    dates) waits for the other side: the goal was agreed by both and is being worked
    on, and the other side is there (a client working alone agrees with themself).
    goal_revise applies it, and the edit page says so on it."""
    if goal.agreed_by_id is None or goal.lifecycle_status not in (
        Lifecycle.ACTIVE,
        Lifecycle.ON_HOLD,
    ):
        return False
    if is_own_record(by, goal.client_id):
        return has_someone_to_agree(goal.client)
    return True


def goal_change_settled_at_once(goal: Goal, waiting: GoalChange | None, by: User) -> bool:
    """Whether a save by `by` that changes what both agreed at once (nobody's agreement
    is needed: a client whose care has ended) takes the place of `waiting`, the change
    their own side left waiting: agreed later, that one would undo what they have saved
    since. A change from the other side stays for them to answer. goal_revise settles
    it so, and the edit page says so before they save."""
    return (
        waiting is not None
        and not goal_change_needs_agreement(goal, by)
        and same_side(goal, waiting.proposed_by_id, by)
    )


def goal_change_replaces(goal: Goal, waiting: GoalChange | None, by: Person) -> bool:
    """Whether a change by `by` to what both agreed replaces `waiting`, the change to
    `goal` waiting for an answer: it came from their own side. One from the other side is
    answered first (goal_revise refuses a change meanwhile). The edit page's form starts
    from the one it replaces and says so, and goal_revise starts the new change from it
    too: a save that leaves it as it is (changing only why, focus, confidence or
    priority) leaves it waiting, and one that sets all of it back withdraws it."""
    return waiting is not None and same_side(goal, waiting.proposed_by_id, by)


def goal_change_answer_first(goal: Goal, waiting: GoalChange | None, by: Person) -> bool:
    """Whether `by` is to answer `waiting`, the change to `goal` waiting for an answer,
    before changing what both agreed: it came from the other side, so it is theirs to
    answer. goal_revise refuses such a change meanwhile, and the edit page says so
    before they type, not after they save."""
    return waiting is not None and not same_side(goal, waiting.proposed_by_id, by)
