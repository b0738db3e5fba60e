"""A goal is agreed by the other side from the one that proposed it: the page offers
"Agree" to exactly those the service lets agree."""

import pytest

from cairn.care.access import Access, access_for
from cairn.goals.models import GoalChange, Lifecycle
from cairn.goals.services.goal_lifecycle import NotAllowed, goal_agree
from cairn.goals.sides import (
    goal_change_answer_first,
    goal_change_needs_agreement,
    goal_change_replaces,
    goal_may_agree,
    same_side,
)
from tests.factories import goal_for


def test_the_therapist_agrees_to_the_clients_goal_and_not_the_client(ana, ben):
    goal = goal_for(ben, by=ben)
    assert goal_may_agree(goal, ana, access_for(ana, ben))
    assert not goal_may_agree(goal, ben, access_for(ben, ben))


def test_the_client_agrees_to_the_therapists_goal_and_not_the_therapist(ana, ben):
    goal = goal_for(ben, by=ana)
    assert goal_may_agree(goal, ben.pk, access_for(ben, ben))
    assert not goal_may_agree(goal, ana.pk, access_for(ana, ben))


def test_an_agreed_goal_waits_for_nobody(ana, ben, goal):
    assert not goal_may_agree(goal, ana, access_for(ana, ben))
    assert not goal_may_agree(goal, ben, access_for(ben, ben))


@pytest.mark.parametrize("proposer", ["ben", "ana", None])
@pytest.mark.parametrize("person", ["ben", "ana", "cara"])
def test_the_service_agrees_exactly_when_the_page_offers_agree(request, ben, person, proposer):
    # None: a goal both have agreed already. cara is another therapist, on ana's side.
    agreed = proposer is None
    by = request.getfixturevalue("ben" if agreed else proposer)
    goal = goal_for(ben, by=by, agreed_by=request.getfixturevalue("ana") if agreed else None)
    who = request.getfixturevalue(person)
    # The sides' half: the other half, WRITE, is asked by the lookup that loads the goal.
    if not goal_may_agree(goal, who, Access(can_write=True)):
        with pytest.raises(NotAllowed):
            goal_agree(goal=goal, by=who)
        return
    goal_agree(goal=goal, by=who)
    goal.refresh_from_db()
    assert goal.lifecycle_status == Lifecycle.ACTIVE
    assert goal.agreed_by == who


def test_every_therapist_is_on_the_same_side(ana, ben, cara, goal):
    # Ids and people answer alike.
    assert same_side(goal, ana, cara.pk)
    assert not same_side(goal, ben.pk, ana)


def test_a_change_to_a_paused_agreed_goal_still_waits_for_the_other_side(ana, ben, goal):
    goal.lifecycle_status = Lifecycle.ON_HOLD
    assert goal_change_needs_agreement(goal, ben)
    assert goal_change_needs_agreement(goal, ana)


def test_a_change_to_a_goal_not_yet_agreed_or_finished_waits_for_nobody(ana, ben, goal):
    assert not goal_change_needs_agreement(goal_for(ben, by=ben), ana)
    goal.lifecycle_status = Lifecycle.CANCELLED
    assert not goal_change_needs_agreement(goal, ana)


def test_a_change_replaces_only_the_one_waiting_from_its_own_side(ana, ben, cara, goal):
    waiting = GoalChange(goal=goal, proposed_by=ana)
    assert goal_change_replaces(goal, waiting, ana)
    assert goal_change_replaces(goal, waiting, cara.pk)
    assert not goal_change_replaces(goal, waiting, ben)
    assert not goal_change_replaces(goal, None, ana)


def test_a_change_waiting_is_answered_first_only_by_the_other_side(ana, ben, cara, goal):
    waiting = GoalChange(goal=goal, proposed_by=ana)
    assert goal_change_answer_first(goal, waiting, ben)
    assert goal_change_answer_first(goal, waiting, ben.pk)
    assert not goal_change_answer_first(goal, waiting, ana)
    assert not goal_change_answer_first(goal, waiting, cara.pk)
    assert not goal_change_answer_first(goal, None, ben)
