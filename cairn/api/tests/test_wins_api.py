"""/api/v1/wins."""

from django.utils import timezone

from cairn.api.tests.calls import api


def test_wins_are_the_wins_pages_logged_wins_and_steps_reached(
    client, ben, goal, milestone, bearer
):
    # "A win": a small win Ben logged, or a milestone he reached, as his wins page lists them.
    from cairn.goals.services.milestones import milestone_complete
    from cairn.progress.tests.factories import WinFactory

    WinFactory(client=ben, text="Walked to the park", happened_on=timezone.localdate())
    milestone_complete(milestone=milestone, by=ben)
    body = client.get(api("win_list"), headers=bearer(ben, "read")).json()
    assert body["count"] == 2
    assert {(w["text"], w["kind"]) for w in body["items"]} == {
        ("Walked to the park", "logged"),
        (milestone.title, "milestone"),
    }
