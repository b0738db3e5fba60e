from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.core.models import AuditEvent
from cairn.goals.models import Goal, Revision
from cairn.goals.tests.factories import new_goal_answers
from tests.page import words

TODAY = timezone.localdate()


def url(client_user) -> str:
    return reverse("goals:goal_create", args=[client_user.pk])


def test_the_client_proposes_a_goal_that_waits_for_their_therapist(client, ben, ana):
    client.force_login(ben)
    response = client.post(url(ben), new_goal_answers())
    goal = Goal.objects.get()
    assert response.url == reverse("goals:goal_detail", args=[goal.pk])
    assert (goal.client, goal.proposed_by, goal.lifecycle_status, goal.agreed_by) == (
        ben,
        ben,
        "proposed",
        None,
    )
    assert Revision.objects.get(goal=goal).reason == "created"
    assert AuditEvent.objects.filter(
        actor_id=ben.pk, action="write", object_type="goal", client_id=ben.pk
    ).exists()
    page = client.get(response.url).content.decode()
    assert "Proposed by <strong>Ben Marchetti</strong>" in page
    assert "I agree to this goal" not in page  # not his to agree


def test_the_therapist_proposes_and_the_client_agrees(client, ana, ben):
    client.force_login(ana)
    client.post(url(ben), new_goal_answers())
    goal = Goal.objects.get()
    assert goal.proposed_by == ana
    assert (
        "I agree to this goal"
        not in client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    )

    client.force_login(ben)
    assert (
        "I agree to this goal"
        in client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    )
    client.post(reverse("goals:goal_agree", args=[goal.pk]))
    goal.refresh_from_db()
    assert (goal.lifecycle_status, goal.agreed_by) == ("active", ben)
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert "Proposed by Ana Thornbury, agreed by Ben Marchetti" in page


def test_nobody_agrees_to_their_own_proposal(client, ben):
    client.force_login(ben)
    client.post(url(ben), new_goal_answers())
    goal = Goal.objects.get()
    client.post(reverse("goals:goal_agree", args=[goal.pk]))
    goal.refresh_from_db()
    assert goal.lifecycle_status == "proposed"


def test_a_client_without_a_therapist_starts_their_own_goal(client, ben, ana_and_ben):
    from cairn.care.services import care_end

    care_end(relationship=ana_and_ben, by=ana_and_ben.therapist, reason="Goals reached")
    client.force_login(ben)
    client.post(url(ben), new_goal_answers())
    goal = Goal.objects.get()
    assert goal.lifecycle_status == "active"
    # Agreed by the one who proposed it: the page doesn't name them twice.
    page = words(client.get(reverse("goals:goal_detail", args=[goal.pk])), within="main")
    assert "Proposed by Ben Marchetti." in page
    assert "agreed by" not in page


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"title": ""}, "Please write the goal in a sentence."),
        ({"title": "x" * 50_000}, "Please keep this under 200 characters"),
        ({"confidence": "11"}, "Confidence goes from 0 (not at all) to 10"),
        ({"confidence": "-1"}, "Confidence goes from 0 (not at all) to 10"),
        ({"confidence": "lots"}, "Please enter a whole number from 0 to 10."),
        (
            {"target_date": (TODAY - timedelta(days=3)).isoformat()},
            "The target date is before the start date",
        ),
        ({"target_date": "31/02/2027"}, "Please enter a date, like 2027-03-31."),
        (
            {
                "measure_name": "walks",
                "measure_baseline": "3",
                "measure_target": "3",
                "measure_direction": "up",
            },
            "The target is the same as where you are now",
        ),
        (
            {
                "measure_name": "walks",
                "measure_baseline": "1",
                "measure_target": "3",
                "measure_direction": "down",
            },
            "check whether higher or lower is better",
        ),
        ({"measure_target": "3"}, "Please say what you will measure"),
        ({"measure_target": "three"}, "Please enter a number, like 3 or 7.5."),
        ({"title": "<script>alert('hi')</script>"}, "Please use plain words here"),
        ({"why_it_matters": '<img src=x onerror="alert(1)">'}, "Please use plain words here"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(client, ben, overrides, field_message):
    client.force_login(ben)
    response = client.post(url(ben), new_goal_answers(**overrides))
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert "Nothing has been saved yet" in response.content.decode()
    assert not Goal.objects.exists()
    assert not Revision.objects.exists()


def test_text_is_always_shown_escaped(client, ben, goal):
    Goal.objects.filter(pk=goal.pk).update(title="Tom & Jerry's <b>walk</b>")
    client.force_login(ben)
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert "<b>walk</b>" not in page
    assert "&lt;b&gt;walk&lt;/b&gt;" in page


def test_checking_with_the_coach_shows_findings_without_saving(client, ben):
    client.force_login(ben)
    response = client.post(
        url(ben), new_goal_answers(title="I want to feel better", description="", check="1")
    )
    page = response.content.decode()
    assert 'data-letter="specific"' in page
    assert "coach__item--not-yet" in page
    assert not Goal.objects.exists()


def test_a_focus_area_starts_the_goal(client, ben):
    client.force_login(ben)
    page = client.get(url(ben) + "?focus=sleep").content.decode()
    assert 'value="Sleep"' in page


def test_a_read_only_former_therapist_cannot_propose(client, practice, ana, ben, ana_and_ben):
    from cairn.care.services import care_end

    practice.therapist_read_after_care_ends = True
    practice.save()
    care_end(relationship=ana_and_ben, by=ana, reason="Moved")
    client.force_login(ana)
    assert client.get(reverse("goals:goal_list", args=[ben.pk])).status_code == 200
    assert client.post(url(ben), new_goal_answers()).status_code == 403
    assert not Goal.objects.exists()


def test_which_way_is_better_follows_from_the_numbers(client, ben):
    client.force_login(ben)
    client.post(
        url(ben),
        {
            "title": "Fewer late nights",
            "measure_name": "nights up past midnight",
            "measure_baseline": "5",
            "measure_target": "1",
            "start_date": TODAY.isoformat(),
            "priority": "medium-priority",
        },
    )
    assert Goal.objects.get().measure_direction == "down"
