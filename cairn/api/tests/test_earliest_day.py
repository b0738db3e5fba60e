"""The earliest day a client may record for is one rule (progress.selectors.records_begin_on):
the page and the API take and refuse the same days."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.time import local_today
from cairn.care.models import CareRelationship
from cairn.measures.models import MeasureResponse
from cairn.progress.models import CheckIn


def _client_who(ben, *, joined_days_ago, care_began_days_ago):
    """Ben joined and his care began so many days ago (None: he has no care)."""
    ben.date_joined = timezone.now() - timedelta(days=joined_days_ago)
    ben.save()
    cares = CareRelationship.objects.filter(client=ben)
    if care_began_days_ago is None:
        cares.delete()
    else:
        cares.update(started_on=local_today(ben) - timedelta(days=care_began_days_ago))


def _api_post(client, name, args, body, headers):
    return client.post(
        reverse(f"api:{name}", args=args),
        json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


@pytest.mark.parametrize(
    ("joined", "care_began", "earliest"),
    [
        # Joined before care began: the days since joining are his to record.
        (10, 3, 10),
        # No care yet: from the day he joined.
        (5, None, 5),
        # Care began before he had an account: from the day care began...
        (0, 3, 3),
        # ...but never more than the two weeks a check-in may go back.
        (0, 30, 14),
    ],
)
def test_a_check_in_goes_back_to_the_same_day_on_the_page_and_in_the_api(
    client, ben, goal, bearer, joined, care_began, earliest
):
    _client_who(ben, joined_days_ago=joined, care_began_days_ago=care_began)
    client.force_login(ben)
    headers = bearer(ben)
    for days_ago, taken in [(earliest, True), (earliest + 1, False)]:
        day = local_today(ben) - timedelta(days=days_ago)
        client.post(reverse("progress:checkin"), {"date": day.isoformat(), "mood": "4"})
        assert CheckIn.objects.filter(date=day).exists() == taken, ("page", days_ago)
        CheckIn.objects.all().delete()
        answer = _api_post(
            client, "checkin_create", [], {"date": day.isoformat(), "mood": 4}, headers
        )
        assert (answer.status_code == 201) == taken, ("api", days_ago, answer.content)
        assert CheckIn.objects.filter(date=day).exists() == taken, ("api", days_ago)
        CheckIn.objects.all().delete()


@pytest.mark.parametrize(
    ("joined", "care_began", "earliest"),
    [(10, 3, 10), (0, 3, 3), (0, 30, 14)],
)
def test_a_questionnaire_goes_back_to_the_same_day_on_the_page_and_in_the_api(
    client, ben, measure_assignment, bearer, joined, care_began, earliest
):
    _client_who(ben, joined_days_ago=joined, care_began_days_ago=care_began)
    client.force_login(ben)
    headers = bearer(ben)
    answers = [1, 0, 1, 0, 1, 0, 1, 0, 0]
    for days_ago, taken in [(earliest, True), (earliest + 1, False)]:
        day = local_today(ben) - timedelta(days=days_ago)
        form = {f"q{n}": str(a) for n, a in enumerate(answers, start=1)}
        client.post(
            reverse("measures:response_create", args=["phq9"]), {**form, "date": day.isoformat()}
        )
        assert MeasureResponse.objects.filter(date=day).exists() == taken, ("page", days_ago)
        MeasureResponse.objects.all().delete()
        body = {"date": day.isoformat(), "answers": answers}
        answer = _api_post(client, "measure_answer", ["phq9"], body, headers)
        assert (answer.status_code == 201) == taken, ("api", days_ago, answer.content)
        MeasureResponse.objects.all().delete()
