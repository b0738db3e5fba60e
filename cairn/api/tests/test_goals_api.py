"""/api/v1/goals: a client's goals, and a therapist's clients' goals."""

from django.utils import timezone

from cairn.api.tests.calls import api, post


def test_a_client_lists_their_goals(client, ben, goal, bearer):
    body = client.get(api("goal_list"), headers=bearer(ben, "read")).json()
    assert body["count"] == 1
    assert body["items"][0]["title"] == goal.title
    assert body["items"][0]["lifecycle_status"] == "active"


def test_one_goal_has_its_milestones_and_latest_rating(client, ben, goal, milestone, bearer):
    post(
        client,
        api("checkin_create"),
        {"date": timezone.localdate().isoformat(), "ratings": [{"goal": str(goal.pk), "value": 4}]},
        bearer(ben),
    )
    body = client.get(api("goal_detail", goal.pk), headers=bearer(ben, "read")).json()
    assert body["milestones"][0]["title"] == milestone.title
    assert body["latest_rating"]["value"] == 4
    assert body["achievement_status"] == "in-progress"


def test_a_therapist_reads_their_clients_only(client, ana, ben, goal, dana, bearer):
    from tests.factories import goal_for

    danas = goal_for(dana, by=dana)
    headers = bearer(ana, "read")
    titles = {g["id"] for g in client.get(api("goal_list"), headers=headers).json()["items"]}
    assert titles == {str(goal.pk)}
    assert client.get(api("goal_detail", danas.pk), headers=headers).status_code == 404
    assert client.get(api("goal_list"), {"client": dana.pk}, headers=headers).status_code == 404


def test_a_measure_with_no_direction_chosen_reads_as_none_as_on_the_goal_page(
    client, ben, goal, bearer
):
    # Ben counts walks but chose neither "higher is better" nor "lower is better".
    goal.measure_name, goal.measure_direction = "walks a week", ""
    goal.save()
    body = client.get(api("goal_detail", goal.pk), headers=bearer(ben, "read")).json()
    assert body["measure"]["name"] == "walks a week"
    assert body["measure"]["direction"] is None
