"""/api/v1/measures: PHQ-9 and GAD-7 answers, held to the questionnaire page's rules."""

from datetime import timedelta

from django.utils import timezone

from cairn.api.tests.calls import api, post


def test_a_client_answers_a_due_phq9(client, ben, measure_assignment, bearer):
    from cairn.measures.models import MeasureResponse

    headers = bearer(ben)
    due = client.get(api("measure_due"), headers=headers).json()
    assert [d["name"] for d in due["items"]] == ["PHQ-9"]
    assert len(due["items"][0]["questions"]) == 9
    body = {"date": timezone.localdate().isoformat(), "answers": [1, 2, 1, 1, 0, 1, 1, 0, 0]}
    answer = post(client, api("measure_answer", "phq9"), body, headers)
    assert answer.status_code == 201
    assert (answer.json()["total"], answer.json()["band"]) == (7, "mild")
    assert MeasureResponse.objects.get(client=ben).total == 7
    assert client.get(api("measure_due"), headers=headers).json()["count"] == 0
    listed = client.get(api("measure_list"), headers=headers).json()
    assert listed["items"][0]["total"] == 7


def test_bad_measure_answers_save_nothing(client, ben, measure_assignment, bearer):
    from cairn.measures.models import MeasureResponse

    today = timezone.localdate().isoformat()
    for body, field in [
        ({"date": today, "answers": [1, 2]}, "answers"),
        ({"date": today, "answers": [0, 0, 0, 0, 0, 0, 0, 0, 4]}, "answers[8]"),
        ({"date": "2020-01-01", "answers": [0] * 9}, "date"),
    ]:
        response = post(client, api("measure_answer", "phq9"), body, bearer(ben))
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == field
    assert (
        post(
            client,
            api("measure_answer", "gad7"),
            {"date": today, "answers": [0] * 7},
            bearer(ben),
        ).status_code
        == 409
    )
    assert not MeasureResponse.objects.exists()


def test_a_gad7_takes_no_difficulty_answer_as_on_the_page(client, ben, ana, bearer):
    # Only the PHQ-9 asks how difficult the problems made things; the GAD-7 page has no
    # such question, and nothing would ever show an answer given to it.
    from cairn.measures.models import MeasureResponse
    from cairn.measures.tests.factories import MeasureAssignmentFactory

    MeasureAssignmentFactory(client=ben, measure="gad7", assigned_by=ana)
    body = {"date": timezone.localdate().isoformat(), "answers": [1] * 7, "difficulty": 2}
    response = post(client, api("measure_answer", "gad7"), body, bearer(ben))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "difficulty"
    assert not MeasureResponse.objects.exists()
    del body["difficulty"]
    assert post(client, api("measure_answer", "gad7"), body, bearer(ben)).status_code == 201


def test_a_phq9_asked_for_can_be_answered_before_it_is_due_as_on_the_page(
    client, ben, measure_assignment, bearer
):
    import time_machine

    body = {"date": timezone.localdate().isoformat(), "answers": [1] * 9}
    assert post(client, api("measure_answer", "phq9"), body, bearer(ben)).status_code == 201
    # Due again in a fortnight, but the rhythm is when Ben is asked, not when he may answer.
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        body = {"date": timezone.localdate().isoformat(), "answers": [2] * 9}
        assert client.get(api("measure_due"), headers=bearer(ben)).json()["count"] == 0
        assert post(client, api("measure_answer", "phq9"), body, bearer(ben)).status_code == 201


def test_a_measure_nobody_asked_for_answers_409_in_the_pages_words(client, ben, bearer):
    from cairn.measures.models import MeasureResponse

    body = {"date": timezone.localdate().isoformat(), "answers": [1] * 7}
    response = post(client, api("measure_answer", "gad7"), body, bearer(ben))
    assert response.status_code == 409
    assert response.json()["message"] == (
        "Your therapist hasn't asked for the GAD-7 at the moment, so there is nothing to fill in."
    )
    assert not MeasureResponse.objects.exists()
