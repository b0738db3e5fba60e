"""Reads of visions, goals and their parts. Always through care/access.py, always audited."""

import uuid
from dataclasses import dataclass
from typing import Literal

from django.db.models import QuerySet

from cairn.accounts.models import User
from cairn.care.access import Capability, checked, clients_readable_by, record_get_for
from cairn.goals.models import (
    Barrier,
    ChangeStatus,
    Goal,
    GoalChange,
    Lifecycle,
    Milestone,
    Plan,
    Revision,
    Vision,
)


def goals_visible_to(user: User) -> QuerySet[Goal]:
    return Goal.objects.filter(client__in=clients_readable_by(user))


def goal_get_for(
    *, user: User, goal_id: uuid.UUID, write: bool = False, need: Capability | None = None
) -> Goal:
    return record_get_for(
        Goal,
        user=user,
        pk=goal_id,
        object_type="goal",
        write=write,
        need=need,
        queryset=Goal.objects.select_related("proposed_by", "agreed_by"),
    )


def goal_change_get_for(*, user: User, change_id: uuid.UUID) -> GoalChange:
    """A change to a goal the user may write to; hidden or unknown both raise Http404.
    The attempt is audited as one on the goal."""
    change = (
        GoalChange.objects.filter(goal__in=goals_visible_to(user))
        .select_related("goal__client", "proposed_by")
        .filter(pk=change_id)
        .first()
    )
    checked(
        user=user,
        found=change.goal if change else None,
        client=change.goal.client if change else None,
        object_type="goal",
        object_id=change.goal_id if change else change_id,
        aimed_at=lambda: (
            GoalChange.objects.filter(pk=change_id)
            .values_list("goal__client_id", flat=True)
            .first()
        ),
        write=True,
    )
    assert change is not None
    return change


def goal_change_waiting(goal: Goal) -> GoalChange | None:
    """The change to `goal` waiting for the other side's answer (at most one waits)."""
    return (
        GoalChange.objects.filter(goal=goal, status=ChangeStatus.WAITING)
        .select_related("proposed_by")
        .first()
    )


def _goal_part_get_for[Part: Barrier | Plan | Milestone](
    model: type[Part], *, user: User, pk: uuid.UUID, write: bool
) -> Part:
    """A barrier, plan or step: the record of its goal's client decides who sees it."""
    return record_get_for(
        model,
        user=user,
        pk=pk,
        object_type=model._meta.model_name or "",
        write=write,
        client_path="goal__client",
    )


def barrier_get_for(*, user: User, barrier_id: uuid.UUID, write: bool = False) -> Barrier:
    return _goal_part_get_for(Barrier, user=user, pk=barrier_id, write=write)


def plan_get_for(*, user: User, plan_id: uuid.UUID, write: bool = False) -> Plan:
    return _goal_part_get_for(Plan, user=user, pk=plan_id, write=write)


def milestone_get_for(*, user: User, milestone_id: uuid.UUID, write: bool = False) -> Milestone:
    return _goal_part_get_for(Milestone, user=user, pk=milestone_id, write=write)


def vision_get_for(*, user: User, vision_id: uuid.UUID) -> Vision:
    return record_get_for(
        Vision,
        user=user,
        pk=vision_id,
        object_type="vision",
        queryset=Vision.objects.select_related("written_by"),
    )


def visions_of(client: User) -> QuerySet[Vision]:
    return Vision.objects.filter(client=client).select_related("written_by").order_by("-number")


def vision_current(client: User) -> Vision | None:
    return visions_of(client).first()


def goals_of(client: User) -> list[Goal]:
    """The client's goals with their milestones, in a constant number of queries."""
    return list(
        Goal.objects.filter(client=client)
        .select_related("proposed_by", "agreed_by")
        .prefetch_related("milestones")
        .order_by("lifecycle_status", "-created_at")
    )


@dataclass(frozen=True)
class GoalCard:
    """A goal as the list of goals shows it: with how many of its steps are done."""

    goal: Goal
    steps_done: int
    steps_total: int


def goal_cards_of(client: User) -> list[GoalCard]:
    """The client's goals for their list, in the order of goals_of."""
    return [
        GoalCard(
            goal=goal,
            steps_done=sum(1 for step in goal.milestones.all() if step.is_done),
            steps_total=len(goal.milestones.all()),
        )
        for goal in goals_of(client)
    ]


type PickTo = Literal["link", "rate", "log_win", "discuss", "share", "carry_on"]

# Which of the client's goals a form offers, by what the choice is for.
GOALS_TO_PICK: dict[PickTo, tuple[str, ...]] = {
    # A journal entry about a goal, a report's goals: all but those never really taken up.
    "link": tuple(
        s for s in Lifecycle.values if s not in (Lifecycle.ENTERED_IN_ERROR, Lifecycle.REJECTED)
    ),
    "rate": (Lifecycle.ACTIVE,),  # a check-in rates the goals being worked on
    "log_win": (Lifecycle.ACTIVE, Lifecycle.ON_HOLD),
    "discuss": (Lifecycle.ACTIVE, Lifecycle.PROPOSED, Lifecycle.ON_HOLD),  # the agenda
    "share": (Lifecycle.ACTIVE, Lifecycle.ON_HOLD, Lifecycle.COMPLETED),  # with a supporter
    "carry_on": tuple(Lifecycle.values),  # a routine started from a goal
}


def goals_to_pick(client: User, *, to: PickTo) -> QuerySet[Goal]:
    """The client's goals a form offers for choosing `to` do something, newest first.
    A form checks the choice against this same queryset, so no other client's goal
    can be picked. The caller has already checked it may act for `client`."""
    return Goal.objects.filter(client=client, lifecycle_status__in=GOALS_TO_PICK[to])


def goal_as_now(goal: Goal) -> Goal:
    """The goal read again (its access already checked), as a page kept under the
    record's version is drawn from (cairn.core.page_cache)."""
    return (
        Goal.objects.select_related("client", "proposed_by", "agreed_by").filter(pk=goal.pk).first()
        or goal
    )


def goal_parts(goal: Goal) -> dict[str, object]:
    """Comments, barriers (with the plans answering them), plans (with their barriers),
    milestones, and how many of them are done; each in its model's own order (Meta)."""
    barriers = list(goal.barriers.prefetch_related("plans"))
    plans = list(goal.plans.prefetch_related("barriers"))
    milestones = list(goal.milestones.all())
    return {
        "comments": list(goal.comments.select_related("author")),
        "barriers": barriers,
        "plans": plans,
        "milestones": milestones,
        "milestones_done": sum(1 for m in milestones if m.is_done),
    }


def revisions_of_client(client: User, *, limit: int = 30) -> list[Revision]:
    """Recent changes across all the client's goals, newest first."""
    return list(
        Revision.objects.filter(client=client, goal__isnull=False)
        .select_related("by", "goal")
        .order_by("-created_at")[:limit]
    )


def revisions_of_vision(vision: Vision) -> QuerySet[Revision]:
    return (
        Revision.objects.filter(client=vision.client, object_type="vision", object_id=vision.pk)
        .select_related("by")
        .order_by("-created_at")
    )


def revisions_of_goal(goal: Goal) -> QuerySet[Revision]:
    return Revision.objects.filter(goal=goal).select_related("by").order_by("-created_at")


def goals_of_clients(clients: list[User]) -> list[Goal]:
    """The goals of these clients (already checked and audited), newest first per client."""
    return list(Goal.objects.filter(client__in=clients).order_by("client_id", "-created_at"))
