from datetime import timedelta

import pytest
from django.urls import reverse

from cairn.goals.models import Revision
from cairn.progress.services import achievement_recompute
from cairn.progress.tests.factories import CheckInFactory, GoalRatingFactory
from tests.page import words


def rate(goal, ratings):
    from cairn.accounts.time import local_today

    today = local_today(goal.client)
    for offset, rating in enumerate(ratings):
        checkin = CheckInFactory(
            client=goal.client, date=today - timedelta(days=len(ratings) - offset)
        )
        GoalRatingFactory(checkin=checkin, goal=goal, rating=rating)
    return achievement_recompute(goal)


def test_the_status_follows_the_ratings(goal):
    goal = rate(goal, [2, 3, 2, 5, 6, 6])
    assert (goal.achievement_status, goal.achievement_baseline, goal.achievement_current) == (
        "improving",
        2,
        6,
    )
    assert goal.achievement_compares == (
        "The last 3 ratings (middle one 6) against the first 3 (middle one 2)."
    )


def test_a_setback_is_shown_honestly(goal):
    assert rate(goal, [7, 6, 7, 3, 4, 2]).achievement_status == "worsening"


def test_one_rating_of_ten_is_not_achieved(goal):
    goal = rate(goal, [10])
    assert goal.achievement_status == "in-progress"
    assert goal.achievement_compares.startswith("Too early to say")


def test_a_lower_agreed_target_counts_as_reached(goal):
    goal.rating_target = 8
    goal.save()
    assert rate(goal, [8, 9, 8]).achievement_status == "achieved"


def test_the_goal_page_says_what_the_status_compares(client, ben, goal):
    rate(goal, [2, 3, 2, 5, 6, 6])
    client.force_login(ben)
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert "Improving" in page
    assert "The last 3 ratings (middle one 6) against the first 3 (middle one 2)." in page


def test_stuck_reads_kindly_to_the_client_and_plainly_to_the_therapist(client, ana, ben, goal):
    from cairn.accounts.time import local_today

    today = local_today(goal.client)
    for week, rating in enumerate([2, 2, 3, 2, 2, 2, 2]):
        checkin = CheckInFactory(client=goal.client, date=today - timedelta(days=7 * (7 - week)))
        GoalRatingFactory(checkin=checkin, goal=goal, rating=rating)
    assert achievement_recompute(goal).achievement_status == "no-progress"
    client.force_login(ben)
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert "Steady for now" in page and "Stuck" not in page
    client.force_login(ana)
    assert (
        "Stuck low for six weeks"
        in client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    )


def test_a_therapist_overrides_it_with_a_reason_which_is_a_revision(client, ana, ben, goal):
    rate(goal, [2, 3, 2, 5, 6, 6])
    client.force_login(ana)
    response = client.post(
        reverse("progress:achievement_override", args=[goal.pk]),
        {"status": "achieved", "reason_text": "Reached in our session today"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.achievement_status, goal.achievement_overridden) == ("achieved", True)
    revision = Revision.objects.get(goal=goal, reason="achievement")
    assert revision.reason_text == "Reached in our session today"
    assert revision.changes == {"achievement_status": ["Improving", "Achieved"]}
    # New ratings no longer change a status set by hand.
    from cairn.accounts.time import local_today

    checkin = CheckInFactory(client=goal.client, date=local_today(goal.client))
    GoalRatingFactory(checkin=checkin, goal=goal, rating=1)
    achievement_recompute(goal)
    goal.refresh_from_db()
    assert goal.achievement_status == "achieved"


def test_handing_the_status_back_to_the_ratings(client, ana, goal):
    rate(goal, [2, 3, 2, 5, 6, 6])
    client.force_login(ana)
    client.post(
        reverse("progress:achievement_override", args=[goal.pk]),
        {"status": "achieved", "reason_text": "Session"},
    )
    client.post(
        reverse("progress:achievement_override", args=[goal.pk]),
        {"status": "auto", "reason_text": "Let the ratings speak"},
    )
    goal.refresh_from_db()
    assert (goal.achievement_status, goal.achievement_overridden) == ("improving", False)


def test_the_client_cannot_override(client, ben, goal):
    before = goal.achievement_status
    client.force_login(ben)
    assert (
        client.post(
            reverse("progress:achievement_override", args=[goal.pk]),
            {"status": "achieved", "reason_text": "x"},
        ).status_code
        == 403
    )
    goal.refresh_from_db()
    assert goal.achievement_status == before


def test_a_reason_is_required(client, ana, goal):
    client.force_login(ana)
    response = client.post(
        reverse("progress:achievement_override", args=[goal.pk]),
        {"status": "achieved", "reason_text": ""},
    )
    assert "Please say why you're changing the progress status." in words(response)
    goal.refresh_from_db()
    assert not goal.achievement_overridden


@pytest.mark.parametrize(
    ("ratings", "status", "words"),
    [
        (
            [2, 3, 2, 5, 6],
            "in-progress",
            "Too early to say: it compares ratings once there are 6 (5 so far).",
        ),
        (
            [2, 3, 2, 5, 6, 6],
            "improving",
            "The last 3 ratings (middle one 6) against the first 3 (middle one 2).",
        ),
        ([4, 10, 10, 10], "achieved", "The last 3 ratings are all 10 or more out of 10."),
    ],
)
def test_the_words_name_the_numbers_the_rule_reads(goal, ratings, status, words):
    # One rating short of the comparison is too early, and then it compares: the
    # words and the rule (progress/achievement.py) read goals/achievement_window.py.
    goal = rate(goal, ratings)
    assert (goal.achievement_status, goal.achievement_compares) == (status, words)
