from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cairn.accounts.time import local_today
from cairn.core.models import AuditEvent
from cairn.progress.models import Win
from cairn.progress.tests.factories import CheckInFactory, GoalRatingFactory, WinFactory
from tests.factories import goal_for
from tests.page import words


def test_a_client_logs_a_win_and_sees_it_with_reached_steps_newest_first(
    client, ben, goal, milestone
):
    client.force_login(ben)
    client.post(reverse("goals:milestone_complete", args=[milestone.pk]))
    yesterday = local_today(ben) - timedelta(days=1)
    response = client.post(
        reverse("progress:win_create"),
        {
            "text": "Spoke up in the team meeting",
            "goal": str(goal.pk),
            "happened_on": yesterday.isoformat(),
        },
    )
    assert response.status_code == 302
    win = Win.objects.get(text="Spoke up in the team meeting")
    assert AuditEvent.objects.filter(
        actor_id=ben.pk, action="write", object_type="win", object_id=str(win.pk)
    ).exists()  # every write to a record is audited
    page = client.get(reverse("progress:win_list", args=[ben.pk])).content.decode()
    assert page.index("Walk once this week") < page.index("Spoke up in the team meeting")
    assert "Step reached" in page


def test_how_far_youve_come_in_words_and_numbers(client, ben, goal):
    today = local_today(ben)
    for offset, rating in ((20, 2), (10, 4), (1, 6)):
        checkin = CheckInFactory(client=ben, date=today - timedelta(days=offset))
        GoalRatingFactory(checkin=checkin, goal=goal, rating=rating)
    client.force_login(ben)
    page = client.get(reverse("progress:win_list", args=[ben.pk])).content.decode()
    assert "Started at 2 out of 10, now 6." in page
    assert "That's 4 points further on." in page


def test_a_win_in_the_future_or_too_long_is_refused(client, ben):
    client.force_login(ben)
    tomorrow = (local_today(ben) + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("progress:win_create"), {"text": "Tomorrow's win", "happened_on": tomorrow}
    )
    assert "Wins are for what you&#x27;ve already done" in response.content.decode()
    response = client.post(
        reverse("progress:win_create"),
        {"text": "x" * 301, "happened_on": local_today(ben).isoformat()},
    )
    assert "Please keep it to a line" in response.content.decode()
    assert not Win.objects.exists()


def test_the_therapist_sees_wins_and_a_stranger_does_not(client, ana, dana, ben):
    WinFactory(client=ben, text="Cooked for friends", happened_on=timezone.localdate())
    client.force_login(ana)
    assert (
        "Cooked for friends"
        in client.get(reverse("progress:win_list", args=[ben.pk])).content.decode()
    )
    client.force_login(dana)
    assert client.get(reverse("progress:win_list", args=[ben.pk])).status_code == 404


def test_how_far_youve_come_leaves_out_a_goal_still_waiting_for_agreement(client, ana, ben, goal):
    waiting = goal_for(ben, by=ana, title="Sleep by eleven on weeknights")
    client.force_login(ben)
    page = words(client.get(reverse("progress:win_list", args=[ben.pk])), within="main")
    assert goal.title in page and waiting.title not in page
