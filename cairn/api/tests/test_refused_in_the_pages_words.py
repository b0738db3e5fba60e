"""What the page refuses, the API refuses in the same words: the API names the field
and then says what the page says, because both ask the one rule (issue 17)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.time import local_today
from cairn.api.tests.calls import api, post
from cairn.measures.models import MeasureResponse
from cairn.progress.models import CheckIn
from cairn.routines.models import Routine, RoutineLog
from tests.page import words


def test_an_empty_check_in_is_refused_in_the_pages_words(client, ben, goal, bearer):
    client.force_login(ben)
    empty = {"date": local_today(ben).isoformat(), "note": "  "}
    page = client.post(reverse("progress:checkin"), empty)
    answer = post(client, api("checkin_create"), empty, bearer(ben)).json()
    (error,) = answer["errors"]
    assert error["field"] == "body"
    assert error["message"].startswith("Choose at least one answer")
    assert error["message"] in words(page, within="main")
    assert not CheckIn.objects.exists()


def test_a_day_before_the_routine_began_is_refused_alike_on_the_page_and_in_the_api(
    client, ben, routine, bearer
):
    # The page marks today alone, which a routine has always begun by, unless the
    # clock that saved it ran ahead: here it was saved as made tomorrow.
    Routine.objects.filter(pk=routine.pk).update(created_at=timezone.now() + timedelta(days=1))
    client.force_login(ben)
    page = client.post(
        reverse("routines:routine_log", args=[routine.pk]), {"status": "done"}, follow=True
    )
    body = {"date": local_today(ben).isoformat(), "status": "done"}
    answer = post(client, api("routine_mark", routine.pk), body, bearer(ben))
    assert answer.status_code == 422
    (error,) = answer.json()["errors"]
    assert error["field"] == "date"
    assert error["message"].startswith("This routine began on")
    assert error["message"] in words(page, within="main")
    assert not RoutineLog.objects.exists()


@pytest.mark.parametrize(
    ("answers", "difficulty", "field", "message"),
    [
        ([0, 1, 0, 1, 0, 1, 0, 1, 4], None, "answers[8]", "Question 9"),
        ([0, 1, 0, 1, 0, 1, 0, 1, 0], 7, "difficulty", "The last question"),
    ],
    ids=["an answer", "how difficult"],
)
def test_an_answer_that_is_not_one_of_the_four_is_refused_in_the_pages_words(
    client, ben, measure_assignment, bearer, answers, difficulty, field, message
):
    client.force_login(ben)
    today = local_today(ben).isoformat()
    form = {f"q{n}": str(a) for n, a in enumerate(answers, start=1)} | {"date": today}
    body = {"date": today, "answers": answers}
    if difficulty is not None:
        form["difficulty"], body["difficulty"] = str(difficulty), difficulty
    page = client.post(reverse("measures:response_create", args=["phq9"]), form)
    answer = post(client, api("measure_answer", "phq9"), body, bearer(ben))
    assert answer.status_code == 422
    (error,) = answer.json()["errors"]
    assert error == {
        "field": field,
        "message": f"{message}: please choose one of the four answers.",
    }
    assert error["message"] in words(page, within="main")
    assert not MeasureResponse.objects.exists()
