"""The two sides of a goal: the client, and their therapist. A goal, and a change to a
goal both have agreed, is proposed by one side and agreed by the other (CLINICAL.md:
goals are agreed by client and therapist). The pages and the services ask this one
rule, so the button shown and the write allowed never disagree."""

import uuid

from cairn.accounts.models import User
from cairn.goals.models import Goal, Lifecycle

type Person = User | uuid.UUID | None


def same_side(goal: Goal, one: Person, other: Person) -> bool:
    """Whether `one` and `other` (people or their ids) are on the same side of `goal`."""

    def is_client(person: Person) -> bool:
        return (person.pk if isinstance(person, User) else person) == goal.client_id

    return is_client(one) == is_client(other)


def goal_may_agree(goal: Goal, person: Person) -> bool:
    """Whether `person` may agree to `goal` now: it waits for agreement, and they are
    on the other side from whoever proposed it."""
    return goal.lifecycle_status == Lifecycle.PROPOSED and not same_side(
        goal, goal.proposed_by_id, person
    )
