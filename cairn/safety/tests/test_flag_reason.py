"""A risk flag's reason, as the therapist reads it: the sign and where it was seen.
Where is said once, in `core.risk.WHERE_SEEN`, whatever the sign (words of risk, the
lowest mood, a PHQ-9 question 9 answer above 0), so renaming a place there renames it
on every page that shows the flag: the caseload, the client's record, the review."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.core.risk import WHERE_SEEN
from cairn.safety.models import RiskFlag
from tests.page import words


@pytest.fixture
def renamed(monkeypatch):
    # Words no page hard-codes: a page that words the place itself is caught.
    monkeypatch.setitem(WHERE_SEEN, "progress.checkin", "the day's check-in")
    monkeypatch.setitem(WHERE_SEEN, "measures.measureresponse", "the answers to a questionnaire")


def what_ana_reads(client, ana, ben) -> list[str]:
    """The flag as each page shows it to Ben's therapist."""
    client.force_login(ana)
    flag = RiskFlag.objects.get(client=ben)
    urls = [
        reverse("home:home"),
        reverse("home:client_overview", args=[ben.pk]),
        reverse("safety:flag_review", args=[flag.pk]),
    ]
    return [words(client.get(url), within="main") for url in urls]


def check_in(client, ben, **answers):
    client.force_login(ben)
    data = {"date": timezone.localdate().isoformat(), "note": "", **answers}
    client.post(reverse("progress:checkin"), data)


def test_the_lowest_mood_says_where_in_the_one_wording(client, ana, ben, renamed):
    check_in(client, ben, mood="1")
    for page in what_ana_reads(client, ana, ben):
        assert "Mood \u201cVery low\u201d in the day's check-in" in page


def test_words_of_risk_in_a_check_in_say_where_in_the_one_wording(client, ana, ben, renamed):
    check_in(client, ben, mood="3", note="Some days I just want to end it all")
    for page in what_ana_reads(client, ana, ben):
        assert "Words of risk in the day's check-in: \u201cend it all\u201d" in page


def test_question_9_says_where_and_the_answer_chosen(client, ana, ben, measure_assignment, renamed):
    client.force_login(ben)
    answers = {f"q{n}": "0" for n in range(1, 9)} | {"q9": "1"}
    answers["date"] = timezone.localdate().isoformat()
    client.post(reverse("measures:response_create", args=["phq9"]), answers)
    for page in what_ana_reads(client, ana, ben):
        # The question by its number, and the answer as the form words it.
        assert (
            "PHQ-9 question 9 in the answers to a questionnaire: \u201cSeveral days\u201d" in page
        )
