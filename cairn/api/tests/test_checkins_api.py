"""/api/v1/checkins: a check-in from a script, held to the check-in page's rules."""

from datetime import timedelta

from django.utils import timezone

from cairn.api.tests.calls import api, post
from cairn.care.models import CareRelationship
from cairn.progress.models import CHECKIN_NOTE_MAX, CheckIn, GoalRating
from cairn.progress.tests.factories import CheckInFactory
from cairn.safety.models import RiskFlag


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
        (
            {
                "date": today.isoformat(),
                "ratings": [{"goal": str(goal.pk), "value": 5}, {"goal": str(goal.pk), "value": 2}],
            },
            "ratings[1].goal",
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
    # The page refuses it too (progress.selectors.says_nothing): an empty day is not a check-in.
    today = timezone.localdate().isoformat()
    for body in ({"date": today}, {"date": today, "note": "  ", "ratings": []}):
        answer = bad_checkin(client, ben, goal, bearer, body)
        assert answer["errors"][0]["field"] == "body"
        assert "Choose at least one answer" in answer["message"]


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
    # Ben has been here for months, so the 14 days are the limit (not the day he began).
    ben.date_joined = timezone.now() - timedelta(days=60)
    ben.save(update_fields=["date_joined"])
    CareRelationship.objects.filter(client=ben).update(started_on=ben.date_joined.date())
    long_ago = (timezone.localdate() - timedelta(days=15)).isoformat()
    answer = bad_checkin(client, ben, goal, bearer, {"date": long_ago, "mood": 3})
    assert answer["message"] == (
        "date: Check-ins can go back up to 14 days. Please choose a later day."
    )


def test_a_check_in_note_is_saved_without_its_surrounding_spaces_as_on_the_page(
    client, ben, bearer
):
    body = {"date": timezone.localdate().isoformat(), "mood": 4, "note": "  A calm walk \n"}
    answer = post(client, api("checkin_create"), body, bearer(ben)).json()
    assert CheckIn.objects.get(client=ben).note == "A calm walk"
    assert answer["note"] == "A calm walk"


def test_a_note_at_the_limit_with_spaces_around_it_is_taken_as_on_the_page(client, ben, bearer):
    # The page trims a note before it measures it; the API must not refuse what it takes.
    note = "A" * CHECKIN_NOTE_MAX
    body = {"date": timezone.localdate().isoformat(), "note": f"  {note} \n"}
    response = post(client, api("checkin_create"), body, bearer(ben))
    assert response.status_code == 201
    assert CheckIn.objects.get(client=ben).note == note


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
