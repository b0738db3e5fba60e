"""Moving a goal on (pause, pick up, complete, set aside): the goal page offers a move
exactly when the goal can make it now, and each one offered is made."""

import re

import pytest
from django.urls import reverse

from cairn.goals.models import Goal, Lifecycle
from tests.page import headings, words


def offered(client, goal: Goal) -> list[str]:
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    status_url = re.escape(reverse("goals:goal_status", args=[goal.pk]))
    return re.findall(status_url + r"\?action=(\w+)", page)


@pytest.mark.parametrize(
    ("status", "moves"),
    [
        (Lifecycle.PROPOSED, ["cancel"]),
        (Lifecycle.ACTIVE, ["pause", "complete", "cancel"]),
        (Lifecycle.ON_HOLD, ["resume", "complete", "cancel"]),
        (Lifecycle.COMPLETED, []),
        (Lifecycle.CANCELLED, []),
    ],
)
def test_the_goal_page_offers_the_moves_that_apply_now(client, ben, goal, status, moves):
    Goal.objects.filter(pk=goal.pk).update(lifecycle_status=status)
    client.force_login(ben)
    assert offered(client, goal) == moves


@pytest.mark.parametrize("status", [Lifecycle.ACTIVE, Lifecycle.ON_HOLD, Lifecycle.PROPOSED])
def test_each_move_offered_is_made_and_the_others_are_refused(client, ben, goal, status):
    Goal.objects.filter(pk=goal.pk).update(lifecycle_status=status)
    client.force_login(ben)
    moves = offered(client, goal)
    for action in ("pause", "resume", "complete", "cancel"):
        Goal.objects.filter(pk=goal.pk).update(lifecycle_status=status)
        goal.refresh_from_db()
        client.post(
            reverse("goals:goal_status", args=[goal.pk]),
            {"action": action, "version": goal.version},
        )
        moved = Goal.objects.get(pk=goal.pk).lifecycle_status != status
        assert moved == (action in moves), action


def test_a_stranger_gets_404(client, dana, goal):
    client.force_login(dana)
    assert client.get(reverse("goals:goal_status", args=[goal.pk])).status_code == 404


@pytest.mark.parametrize(
    ("status", "action", "link", "heading", "button", "told"),
    [
        (
            Lifecycle.ACTIVE,
            "pause",
            "Pause it for now",
            "Pause this goal",
            "Pause it",
            "Paused. Resting is part of the work",
        ),
        (
            Lifecycle.ON_HOLD,
            "resume",
            "Pick it up again",
            "Pick this goal up again",
            "Pick it up again",
            "Welcome back to this goal.",
        ),
        (
            Lifecycle.ACTIVE,
            "complete",
            "Mark it completed",
            "Mark this goal completed",
            "Mark it completed",
            "Completed. Well done",
        ),
        (
            Lifecycle.ACTIVE,
            "cancel",
            "Set it aside",
            "Set this goal aside",
            "Set it aside",
            "Set aside. Letting go of a goal that doesn't fit",
        ),
    ],
)
def test_each_move_is_put_in_its_own_words_from_link_to_done(
    client, ben, goal, status, action, link, heading, button, told
):
    Goal.objects.filter(pk=goal.pk).update(lifecycle_status=status)
    goal.refresh_from_db()
    client.force_login(ben)
    status_url = reverse("goals:goal_status", args=[goal.pk])
    assert link in words(client.get(reverse("goals:goal_detail", args=[goal.pk])), within="main")
    asking = client.get(status_url, {"action": action})
    assert headings(asking)[0] == heading
    assert button in words(asking, within="main")
    done = client.post(status_url, {"action": action, "version": goal.version}, follow=True)
    assert told in words(done, within="main")
