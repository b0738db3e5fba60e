import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.goals.models import Goal, Lifecycle
from cairn.goals.tests.factories import MilestoneFactory
from tests.page import words


def test_it_shows_how_many_of_a_goals_steps_are_done(client, ben, goal, milestone):
    MilestoneFactory(goal=goal, title="Walk twice", position=2, done_at=timezone.now())
    client.force_login(ben)
    page = client.get(reverse("goals:goal_list", args=[ben.pk])).content.decode()
    assert "1 of 2 steps done" in page


def test_it_says_nothing_of_steps_for_a_goal_without_any(client, ben, goal):
    client.force_login(ben)
    page = client.get(reverse("goals:goal_list", args=[ben.pk])).content.decode()
    assert goal.title in page
    assert "steps done" not in page
    assert "step done" not in page


def test_a_comment_leads_back_to_the_comments_of_its_goal(client, ben, goal):
    client.force_login(ben)
    response = client.post(
        reverse("goals:comment_create", args=[goal.pk]), {"text": "The first walk went well"}
    )
    assert response.url == reverse("goals:goal_detail", args=[goal.pk]) + "#comments"


def test_moving_a_step_leads_back_to_the_steps_of_its_goal(client, ben, goal, milestone):
    client.force_login(ben)
    response = client.post(
        reverse("goals:milestone_move", args=[milestone.pk]), {"direction": "down"}
    )
    assert response.url == reverse("goals:goal_detail", args=[goal.pk]) + "#milestones"


@pytest.mark.parametrize("status", Lifecycle.values)
def test_a_goal_in_any_status_is_on_the_list(client, ben, goal, status):
    # The client's record is all theirs to see: a goal whatever its status (one from
    # another system may be planned, accepted or entered in error) is under a heading.
    Goal.objects.filter(pk=goal.pk).update(lifecycle_status=status)
    client.force_login(ben)
    page = words(client.get(reverse("goals:goal_list", args=[ben.pk])), within="main")
    assert goal.title in page
    assert Lifecycle(status).label in page
