from datetime import timedelta

from cairn.goals.models import Revision
from cairn.progress.models import CheckIn, GoalRating
from cairn.progress.services import achievement_recompute


def rate(goal, ratings):
    from cairn.accounts.time import local_today

    today = local_today(goal.client)
    for offset, rating in enumerate(ratings):
        checkin = CheckIn.objects.create(
            client=goal.client, date=today - timedelta(days=len(ratings) - offset)
        )
        GoalRating.objects.create(checkin=checkin, goal=goal, rating=rating)
    return achievement_recompute(goal)


def test_the_status_follows_the_ratings(goal):
    assert rate(goal, [2, 3, 6]).achievement_status == "improving"


def test_a_setback_is_shown_honestly(goal):
    assert rate(goal, [7, 6, 3]).achievement_status == "worsening"


def test_a_therapist_overrides_it_with_a_reason_which_is_a_revision(client, ana, ben, goal):
    rate(goal, [2, 3, 6])
    client.force_login(ana)
    response = client.post(
        f"/goals/{goal.pk}/achievement/",
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

    checkin = CheckIn.objects.create(client=goal.client, date=local_today(goal.client))
    GoalRating.objects.create(checkin=checkin, goal=goal, rating=1)
    achievement_recompute(goal)
    goal.refresh_from_db()
    assert goal.achievement_status == "achieved"


def test_handing_the_status_back_to_the_ratings(client, ana, goal):
    rate(goal, [2, 3, 6])
    client.force_login(ana)
    client.post(f"/goals/{goal.pk}/achievement/", {"status": "achieved", "reason_text": "Session"})
    client.post(
        f"/goals/{goal.pk}/achievement/", {"status": "auto", "reason_text": "Let the ratings speak"}
    )
    goal.refresh_from_db()
    assert (goal.achievement_status, goal.achievement_overridden) == ("improving", False)


def test_the_client_cannot_override(client, ben, goal):
    client.force_login(ben)
    assert (
        client.post(
            f"/goals/{goal.pk}/achievement/", {"status": "achieved", "reason_text": "x"}
        ).status_code
        == 403
    )


def test_a_reason_is_required(client, ana, goal):
    client.force_login(ana)
    response = client.post(
        f"/goals/{goal.pk}/achievement/", {"status": "achieved", "reason_text": ""}
    )
    assert "This field is required" in response.content.decode()
    goal.refresh_from_db()
    assert not goal.achievement_overridden
