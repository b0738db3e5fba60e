import json
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cairn.core.models import AuditEvent
from cairn.progress.models import CheckIn, GoalRating
from cairn.progress.tests.factories import CheckInFactory
from cairn.routines.models import RoutineLog
from cairn.safety.models import RiskFlag
from cairn.safety.tests.factories import SafetyPlanFactory


def api(name: str, *args: object) -> str:
    return reverse(f"api:{name}", args=args)


def post(client, url, body, headers):
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def mark(client, routine, body, headers):
    """A script marks a day of the routine."""
    return post(client, api("routine_mark", routine.pk), body, headers)


def test_without_a_token_it_answers_401_in_json(client, goal):
    response = client.get(api("goal_list"))
    assert response.status_code == 401
    assert "token" in response.json()["message"]
    response = client.get(api("goal_list"), headers={"Authorization": "Bearer cairn_nonsense"})
    assert response.status_code == 401


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


def test_a_check_in_is_saved_and_a_second_updates_the_day(client, ben, goal, bearer):
    headers = bearer(ben)
    today = timezone.localdate().isoformat()
    first = post(
        client,
        api("checkin_create"),
        {"date": today, "ratings": [{"goal": str(goal.pk), "value": 3}], "mood": 4, "note": "Okay"},
        headers,
    )
    assert first.status_code == 201
    second = post(
        client,
        api("checkin_create"),
        {"date": today, "ratings": [{"goal": str(goal.pk), "value": 6}]},
        headers,
    )
    assert second.status_code == 200
    checkin = CheckIn.objects.get(client=ben)
    assert [r.rating for r in checkin.ratings.all()] == [6]
    # Mood and note not sent the second time stay as they were.
    assert (checkin.mood, checkin.note) == (4, "Okay")


def test_check_ins_list_since_a_day(client, ben, goal, bearer):
    today = timezone.localdate()
    for days_ago in (0, 5):
        CheckInFactory(client=ben, date=today - timedelta(days=days_ago))
    since = (today - timedelta(days=1)).isoformat()
    body = client.get(api("checkin_list"), {"since": since}, headers=bearer(ben, "read")).json()
    assert body["count"] == 1
    assert body["items"][0]["date"] == today.isoformat()


def bad_checkin(client, ben, goal, bearer, body):
    response = post(client, api("checkin_create"), body, bearer(ben))
    assert 400 <= response.status_code < 500
    assert not CheckIn.objects.exists()
    assert not GoalRating.objects.exists()
    return response.json()


def test_bad_check_ins_save_nothing_and_name_the_field(client, ben, goal, dana, bearer):
    from tests.factories import goal_for

    today = timezone.localdate()
    danas = goal_for(dana, by=dana, agreed_by=dana)
    cases = [
        ({"date": "yesterday"}, "date"),
        ({"date": (today + timedelta(days=1)).isoformat()}, "date"),
        ({"date": (today - timedelta(days=400)).isoformat()}, "date"),
        (
            {"date": today.isoformat(), "ratings": [{"goal": str(goal.pk), "value": 11}]},
            "ratings[0].value",
        ),
        (
            {"date": today.isoformat(), "ratings": [{"goal": str(goal.pk), "value": "high"}]},
            "ratings[0].value",
        ),
        (
            {"date": today.isoformat(), "ratings": [{"goal": str(danas.pk), "value": 5}]},
            "ratings[0].goal",
        ),
        ({"date": today.isoformat(), "colour": "blue"}, "colour"),
        ({"date": today.isoformat(), "mood": 9}, "mood"),
        ({"date": today.isoformat(), "note": "<script>alert(1)</script>"}, "note"),
    ]
    for body, field in cases:
        answer = bad_checkin(client, ben, goal, bearer, body)
        assert answer["message"].startswith(field), (body, answer)
        assert answer["errors"][0]["field"] == field


def test_a_check_in_that_says_nothing_is_refused_as_on_the_page(client, ben, goal, bearer):
    # The page refuses it too (progress.forms.says_nothing): an empty day is not a check-in.
    today = timezone.localdate().isoformat()
    for body in ({"date": today}, {"date": today, "note": "  ", "ratings": []}):
        answer = bad_checkin(client, ben, goal, bearer, body)
        assert answer["errors"][0]["field"] == "body"
        assert "at least one of mood, note or ratings" in answer["message"]


def test_a_note_can_be_cleared_but_not_a_days_last_answer(client, ben, goal, bearer):
    # The day as it would be saved must say something, as on the page, whose form
    # holds the day's answers: clearing the note leaves the mood; clearing the only
    # answer would leave nothing.
    today = timezone.localdate()
    CheckInFactory(client=ben, date=today, mood=4, note="Slept well")
    cleared = post(
        client, api("checkin_create"), {"date": today.isoformat(), "note": ""}, bearer(ben)
    )
    assert cleared.status_code == 200
    assert (CheckIn.objects.get().mood, CheckIn.objects.get().note) == (4, "")
    CheckIn.objects.update(mood=None, note="Slept well")
    emptied = post(
        client, api("checkin_create"), {"date": today.isoformat(), "note": ""}, bearer(ben)
    )
    assert emptied.status_code == 422
    assert emptied.json()["errors"][0]["field"] == "body"
    assert CheckIn.objects.get().note == "Slept well"


def test_a_day_out_of_reach_is_refused_in_the_pages_words(client, ben, goal, bearer):
    # The check-in page and the questionnaire page say these; a script's person reads them too.
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    answer = bad_checkin(client, ben, goal, bearer, {"date": tomorrow, "mood": 3})
    assert answer["message"] == (
        "date: That day hasn't happened yet. Please choose today or an earlier day."
    )
    long_ago = (timezone.localdate() - timedelta(days=15)).isoformat()
    answer = bad_checkin(client, ben, goal, bearer, {"date": long_ago, "mood": 3})
    assert answer["message"] == (
        "date: Check-ins can go back up to 14 days. Please choose a later day."
    )


def test_a_huge_body_is_refused(client, ben, goal, bearer):
    body = {"date": timezone.localdate().isoformat(), "note": "x" * 120_000}
    response = post(client, api("checkin_create"), body, bearer(ben))
    assert response.status_code == 413
    assert "body" in response.json()["message"]
    assert not CheckIn.objects.exists()


def test_a_read_token_cannot_write(client, ben, goal, bearer):
    response = post(
        client,
        api("checkin_create"),
        # A check-in that would be saved with a read-and-write token.
        {"date": timezone.localdate().isoformat(), "mood": 4},
        bearer(ben, "read"),
    )
    assert response.status_code == 403
    assert "only read" in response.json()["message"]
    assert not CheckIn.objects.exists()


def test_a_client_marks_a_routine_from_a_script(client, ben, routine, bearer):
    today = timezone.localdate().isoformat()
    response = mark(client, routine, {"date": today, "status": "done"}, bearer(ben))
    assert response.status_code == 201
    assert response.json()["strength"] > 0
    assert RoutineLog.objects.get(routine=routine).status == "done"
    listed = client.get(api("routine_list"), headers=bearer(ben, "read")).json()
    assert listed["items"][0]["today"] == "done"


def test_the_routine_list_shows_every_change_at_once(client, ben, routine, bearer):
    # The list is kept under the record's version: each change shows on the next call.
    from cairn.routines import services as routine_services

    headers = bearer(ben, "read")
    first = client.get(api("routine_list"), headers=headers).json()["items"][0]
    assert (first["today"], first["paused"]) == (None, False)
    assert client.get(api("routine_list"), headers=headers).json()["items"][0] == first
    mark(client, routine, {"date": timezone.localdate().isoformat(), "status": "done"}, bearer(ben))
    marked = client.get(api("routine_list"), headers=headers).json()["items"][0]
    assert marked["today"] == "done"
    assert marked["strength"] > first["strength"]
    routine_services.routine_pause(routine=routine, by=ben, today=timezone.localdate(), paused=True)
    assert client.get(api("routine_list"), headers=headers).json()["items"][0]["paused"] is True
    routine_services.routine_remove(routine=routine, by=ben)
    assert client.get(api("routine_list"), headers=headers).json()["count"] == 0


def test_a_routine_mark_in_the_future_is_refused(client, ben, routine, bearer):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = mark(client, routine, {"date": tomorrow, "status": "done"}, bearer(ben))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "date"
    response = mark(client, routine, {"date": tomorrow, "status": "maybe"}, bearer(ben))
    assert response.json()["errors"][0]["field"] == "status"
    assert not RoutineLog.objects.exists()


def test_a_paused_or_removed_routine_takes_no_marks_as_on_the_page(client, ben, routine, bearer):
    # The same rule and words as the routine page (Routine.unmarkable_reason).
    today = timezone.localdate().isoformat()
    routine.paused_at = timezone.localdate()
    routine.save()
    response = mark(client, routine, {"date": today, "status": "done"}, bearer(ben))
    assert response.status_code == 409
    assert "paused" in response.json()["message"]
    routine.paused_at, routine.archived_at = None, timezone.now()
    routine.save()
    response = mark(client, routine, {"date": today, "status": "done"}, bearer(ben))
    assert response.status_code == 409
    assert response.json()["message"] == "This routine was taken off the list."
    assert not RoutineLog.objects.exists()


def test_reads_and_writes_are_audited(client, ben, goal, bearer):
    headers = bearer(ben)
    client.get(api("goal_detail", goal.pk), headers=headers)
    post(
        client,
        api("checkin_create"),
        {"date": timezone.localdate().isoformat(), "mood": 3},
        headers,
    )
    events = AuditEvent.objects.filter(actor_id=ben.pk, client_id=ben.pk)
    assert events.filter(action="read", object_type="goal").exists()
    assert events.filter(action="write", object_type="checkin").exists()


def test_calls_are_rate_limited_per_token(client, ben, bearer, settings):
    settings.CAIRN_API_RATE_PER_MINUTE = 3
    headers, other = bearer(ben, "read"), bearer(ben, "read")
    statuses = [client.get(api("win_list"), headers=headers).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(api("win_list"), headers=other).status_code == 200


def test_the_openapi_document_and_docs(client):
    schema = client.get(api("openapi-json")).json()
    assert "/api/v1/routines/{routine_id}/marks" in schema["paths"]
    assert client.get(api("openapi-view")).status_code == 200


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


def test_the_safety_plan_reads_for_the_client_and_therapist(client, ben, ana, cara, bearer):

    url = api("safety_plan", ben.pk)
    assert client.get(url, headers=bearer(ben, "read")).status_code == 404  # none yet
    SafetyPlanFactory(client=ben, number=1, written_by=ben, reasons_for_living="My niece")
    assert client.get(url, headers=bearer(ben, "read")).json()["reasons_for_living"] == "My niece"
    assert client.get(url, headers=bearer(ana, "read")).status_code == 200
    assert client.get(url, headers=bearer(cara, "read")).status_code == 404


def test_a_fhir_copy_is_audited_once_as_a_copy_made_or_refused(client, ben, cara, bearer):
    # What the client reads in "who opened my record": a copy made, once per copy.
    client.get(api("fhir_everything", ben.pk), headers=bearer(ben, "read"))
    client.get(api("fhir_everything", ben.pk), headers=bearer(cara, "read"))
    events = AuditEvent.objects.filter(client_id=ben.pk, action="read", outcome="allowed")
    assert list(events.values_list("actor_id", "object_type")) == [(ben.pk, "export_fhir")]
    refused = AuditEvent.objects.get(client_id=ben.pk, actor_id=cara.pk)
    assert (refused.object_type, refused.outcome) == ("export_fhir", "denied")


def test_a_body_that_is_not_json_is_refused_in_json(client, ben, bearer):
    response = client.post(
        api("checkin_create"), "{not json", content_type="application/json", headers=bearer(ben)
    )
    assert 400 <= response.status_code < 500
    assert response.json()["message"]
    assert not CheckIn.objects.exists()


def test_a_therapists_list_is_audited_per_client(client, ana, ben, goal, bearer):
    client.get(api("goal_list"), headers=bearer(ana, "read"))
    assert AuditEvent.objects.filter(
        actor_id=ana.pk, client_id=ben.pk, object_type="goal_list"
    ).exists()


def test_one_clients_list_is_audited_as_what_was_read(client, ana, ben, goal, bearer):
    # As without the filter, and as the check-ins page is: "Read your check-ins".
    client.get(api("checkin_list"), {"client": ben.pk}, headers=bearer(ana, "read"))
    read = AuditEvent.objects.get(actor_id=ana.pk, client_id=ben.pk)
    assert read.object_type == "checkin_list"


def test_a_check_in_that_asks_for_it_answers_with_where_help_is(client, ben, goal, bearer):
    today = timezone.localdate().isoformat()
    calm = post(client, api("checkin_create"), {"date": today, "mood": 4}, bearer(ben)).json()
    assert calm["support"] is None
    low = post(client, api("checkin_create"), {"date": today, "mood": 1}, bearer(ben)).json()
    assert "talk to someone now" in low["support"]


def test_a_rating_added_to_a_low_day_answers_with_help_and_tells_nobody_again(
    client, ben, goal, bearer
):
    # The check-in service decides both, for the API as for the page.
    today = timezone.localdate().isoformat()
    post(client, api("checkin_create"), {"date": today, "mood": 1}, bearer(ben))
    body = {"date": today, "ratings": [{"goal": str(goal.pk), "value": 4}]}
    answer = post(client, api("checkin_create"), body, bearer(ben)).json()
    assert "talk to someone now" in answer["support"]
    assert RiskFlag.objects.count() == 1


def test_words_of_risk_in_a_check_in_note_answer_with_where_help_is(client, ben, bearer):
    # The same rule as the check-in page (progress.services.checkin_save): mood or words.
    today = timezone.localdate().isoformat()
    body = {"date": today, "mood": 4, "note": "Some days I want to kill myself"}
    answer = post(client, api("checkin_create"), body, bearer(ben)).json()
    assert "talk to someone now" in answer["support"]


def test_the_help_a_risky_check_in_answers_with_names_the_pages_lines(client, ben, bearer):
    # The support panel's list (safety/crisis_lines.html): the practice's own number,
    # the national lines it chose, and the emergency number of its country.
    from cairn.care.selectors import practice_of
    from cairn.safety.models import CrisisSettings

    CrisisSettings.objects.create(
        practice=practice_of(ben),
        country="GB",
        phone="01632 960 123",
        hours="weekdays, 9 to 5",
        national_lines=["samaritans"],
    )
    body = {"date": timezone.localdate().isoformat(), "mood": 1}
    support = post(client, api("checkin_create"), body, bearer(ben)).json()["support"]
    assert support.startswith("Nobody watches what you write as it arrives, so if you need")
    assert "01632 960 123 (weekdays, 9 to 5)" in support
    assert "Samaritans: call 116 123, free, day or night" in support
    assert "call 999" in support


def test_a_measure_with_no_direction_chosen_reads_as_none_as_on_the_goal_page(
    client, ben, goal, bearer
):
    # Ben counts walks but chose neither "higher is better" nor "lower is better".
    goal.measure_name, goal.measure_direction = "walks a week", ""
    goal.save()
    body = client.get(api("goal_detail", goal.pk), headers=bearer(ben, "read")).json()
    assert body["measure"]["name"] == "walks a week"
    assert body["measure"]["direction"] is None


def test_a_check_in_note_is_saved_without_its_surrounding_spaces_as_on_the_page(
    client, ben, bearer
):
    body = {"date": timezone.localdate().isoformat(), "mood": 4, "note": "  A calm walk \n"}
    answer = post(client, api("checkin_create"), body, bearer(ben)).json()
    assert CheckIn.objects.get(client=ben).note == "A calm walk"
    assert answer["note"] == "A calm walk"


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
