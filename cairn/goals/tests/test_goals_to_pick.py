"""Every form that lets a client choose one of their goals offers them through
goals_to_pick: each purpose its own goals, and never another client's."""

import pytest

from cairn.goals.models import Lifecycle
from cairn.goals.selectors import goals_to_pick
from tests.factories import goal_for


@pytest.fixture
def bens_goals(ben):
    """One goal of Ben's in each lifecycle state, keyed by it."""
    return {
        status: goal_for(ben, by=ben, title=f"A goal that is {status}", lifecycle_status=status)
        for status in Lifecycle.values
    }


def picked(client, to):
    return set(goals_to_pick(client, to=to).values_list("lifecycle_status", flat=True))


def test_it_offers_a_check_in_only_the_goals_being_worked_on(bens_goals, ben):
    assert picked(ben, "rate") == {Lifecycle.ACTIVE}


def test_it_offers_a_win_the_goals_being_worked_on_and_paused(bens_goals, ben):
    assert picked(ben, "log_win") == {Lifecycle.ACTIVE, Lifecycle.ON_HOLD}


def test_it_offers_the_agenda_the_goals_still_to_agree_too(bens_goals, ben):
    assert picked(ben, "discuss") == {Lifecycle.ACTIVE, Lifecycle.ON_HOLD, Lifecycle.PROPOSED}


def test_it_offers_a_supporter_the_completed_goals_too(bens_goals, ben):
    assert picked(ben, "share") == {Lifecycle.ACTIVE, Lifecycle.ON_HOLD, Lifecycle.COMPLETED}


def test_it_leaves_goals_entered_in_error_out_of_the_journal_and_report(bens_goals, ben):
    assert picked(ben, "link") == set(Lifecycle.values) - {
        Lifecycle.ENTERED_IN_ERROR,
        Lifecycle.REJECTED,
    }


def test_it_never_offers_another_clients_goal(bens_goals, dana):
    danas = goal_for(dana, by=dana)
    assert list(goals_to_pick(dana, to="carry_on")) == [danas]
