"""Two tabs or two devices checking in for the same day never lose an answer silently."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from cairn.accounts.time import local_today
from cairn.goals.tests.factories import PlanFactory
from cairn.progress.models import CheckIn, GoalRating, Mood
from cairn.progress.services import checkin_save
from cairn.safety.models import RiskFlag
from tests.page import words


@pytest.fixture
def phone_and_laptop(ben):
    """Two sessions of Ben's, each with the check-in form open before either saves."""
    devices = []
    for _ in range(2):
        device = Client()
        device.force_login(ben)
        assert device.get(reverse("progress:checkin")).status_code == 200
        devices.append(device)
    return devices


def form(goal, version="0", **answers):
    return {"date": local_today(goal.client).isoformat(), "version": version, **answers}


def test_different_answers_to_the_same_question_get_the_conflict_page(phone_and_laptop, goal):
    phone, laptop = phone_and_laptop
    rating = f"rating_{goal.pk}"
    assert (
        phone.post(reverse("progress:checkin"), form(goal, mood="2", **{rating: "3"})).status_code
        == 302
    )
    response = laptop.post(reverse("progress:checkin"), form(goal, mood="4", **{rating: "7"}))
    assert response.status_code == 409
    page = html.unescape(response.content.decode())
    assert "also saved somewhere else" in page
    # Both answers on the page: the phone's saved ones above, the laptop's in the form.
    # ("Low" alone is also the form's own label for that mood.)
    assert "How you were feeling Low" in words(response) and goal.title in page
    assert re.search(rf'name="{rating}" value="7"[^>]*checked', page)
    checkin = CheckIn.objects.get()
    assert checkin.mood == 2
    assert GoalRating.objects.get().rating == 3

    # Saving from the conflict page keeps the laptop's answers, on purpose.
    version = str(checkin.version)
    assert (
        laptop.post(
            reverse("progress:checkin"), form(goal, version, mood="4", **{rating: "7"})
        ).status_code
        == 302
    )
    checkin.refresh_from_db()
    assert checkin.mood == 4
    assert GoalRating.objects.get().rating == 7


def test_answers_to_different_questions_are_merged_and_said_so(phone_and_laptop, goal):
    phone, laptop = phone_and_laptop
    phone.post(reverse("progress:checkin"), form(goal, mood="5"))
    response = laptop.post(
        reverse("progress:checkin"),
        form(goal, note="Walked", **{f"rating_{goal.pk}": "6"}),
        follow=True,
    )
    assert "your answers were added to it, and nothing was replaced" in html.unescape(
        response.content.decode()
    )
    checkin = CheckIn.objects.get()
    assert (checkin.mood, checkin.note) == (5, "Walked")
    assert GoalRating.objects.get(checkin=checkin).rating == 6


def test_save_pressed_again_after_a_lost_answer_changes_nothing(client, ben, goal):
    client.force_login(ben)
    answers = form(goal, mood="3", **{f"rating_{goal.pk}": "5"})
    assert client.post(reverse("progress:checkin"), answers).status_code == 302
    assert client.post(reverse("progress:checkin"), answers).status_code == 302
    assert CheckIn.objects.count() == 1
    assert GoalRating.objects.get().rating == 5


def test_a_merged_save_offers_support_on_the_answers_saved(phone_and_laptop, goal):
    # The page used to look at the laptop's own (calm) answers only; the service decides
    # on what was saved, both saves merged, as the API always did.
    phone, laptop = phone_and_laptop
    phone.post(reverse("progress:checkin"), form(goal, note="I can't go on like this"))
    response = laptop.post(
        reverse("progress:checkin"), form(goal, **{f"rating_{goal.pk}": "6"}), follow=True
    )
    page = html.unescape(response.content.decode())
    assert 'id="support-now"' in page and "Your check-in is saved." in page
    # The words did not change, so the therapist is not told a second time.
    assert RiskFlag.objects.count() == 1


def test_the_service_says_what_it_saved_whether_it_merged_and_noted_risk(ben, goal):
    def save(version, **answers):
        fields = {"mood": None, "note": "", "ratings": {}, "measures": {}, "plan_uses": {}}
        return checkin_save(
            client=ben, by=ben, day=local_today(ben), version=version, **(fields | answers)
        )

    first = save(0, mood=Mood.VERY_LOW)
    assert (first.merged, first.risk_noted) == (False, True)
    merged = save(0, ratings={goal.pk: 4})  # the form showed no check-in: merged
    assert merged.record == first.record and merged.merged and merged.risk_noted
    calm = save(merged.record.version, mood=Mood.OKAY, ratings={goal.pk: 4})
    assert (calm.merged, calm.risk_noted) == (False, False)
    assert RiskFlag.objects.count() == 1


def test_the_conflict_page_names_a_plan_as_the_check_in_asks_it(phone_and_laptop, goal):
    # Written with its own "If" and "I'll", the plan reads as one sentence, as the form
    # and the goal page put it, not "If If it rains,, then I will I'll …".
    plan = PlanFactory(goal=goal, if_cue="If it rains,", then_action="I'll walk to the library.")
    phone, laptop = phone_and_laptop
    phone.post(reverse("progress:checkin"), form(goal, **{f"plan_{plan.pk}": "1"}))
    response = laptop.post(reverse("progress:checkin"), form(goal, **{f"plan_{plan.pk}": "3"}))
    assert response.status_code == 409
    assert words(response, within="checkin-conflict").endswith(
        "What was saved there: If it rains, then I will walk to the library. Not much "
        "Your answers are still in the form below. Save to keep yours, or change them first."
    )
