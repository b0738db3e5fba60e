"""Histories read in words: labels for the right kind of part, values as the person
chose them, the step or plan named, and a reason the person picked themselves."""

import re
from datetime import date
from decimal import Decimal

from django.urls import reverse

from cairn.goals.models import Goal, Revision
from cairn.goals.services.barriers_and_plans import plan_revise
from cairn.goals.services.goal_changes import goal_revise
from cairn.goals.services.milestones import milestone_revise
from cairn.goals.services.vision import vision_revise
from cairn.goals.tests.test_goal_edit import form_data

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
RAW_CODES = ["high-priority", "medium-priority", "low-priority", "out_of_reach", "in_person"]


def history(client, goal: Goal) -> str:
    return client.get(reverse("goals:goal_history", args=[goal.pk])).content.decode()


def test_a_goals_changes_read_in_the_persons_words(client, ana, ben, goal):
    goal.measure_name, goal.measure_unit, goal.measure_target = "Walks", "nights a week", 3
    goal.save()
    goal_revise(
        goal=goal,
        by=ben,
        data={
            "title": "Walk twice a week",
            "priority": "high-priority",
            "target_date": date(2026, 12, 8),
            "measure_target": Decimal("5"),
        },
        version=goal.version,
        reason="out_of_reach",
    )
    # An agreed goal's wording waits for the other side: Ana agrees, and it is history.
    from cairn.goals.models import GoalChange
    from cairn.goals.services.goal_changes import goal_change_agree

    goal_change_agree(change=GoalChange.objects.get(goal=goal), by=ana)
    client.force_login(ben)
    page = history(client, goal)
    assert '<th scope="row">Goal</th>' in page and '<th scope="row">Step</th>' not in page
    assert "<del>Medium</del>" in page and "<ins>High</ins>" in page
    assert "<ins>8 December 2026</ins>" in page
    assert "<del>3 nights a week</del>" in page and "<ins>5 nights a week</ins>" in page
    assert "Where I want to be" in page  # "I", as the field says, not "i"
    assert "It feels out of reach" in page


def test_history_pages_hold_no_raw_codes_or_iso_dates(client, ben, goal, milestone, plan):
    goal_revise(
        goal=goal,
        by=ben,
        data={"priority": "low-priority", "start_date": date(2026, 11, 2)},
        version=goal.version,
        reason="life_changed",
    )
    milestone_revise(
        milestone=milestone,
        by=ben,
        data={"title": "Walk twice this week", "due_date": date(2026, 12, 1), "reward": ""},
        version=milestone.version,
    )
    plan_revise(
        plan=plan,
        by=ben,
        data={"if_cue": "it pours after work", "then_action": "walk the covered market"},
        version=plan.version,
    )
    client.force_login(ben)
    page = history(client, goal)
    assert not ISO_DATE.search(page), ISO_DATE.search(page)
    for code in RAW_CODES:
        assert code not in page
    # The step and the plan are named, not "milestone" or "plan".
    assert "Step “Walk twice this week”" in page
    assert "If-then plan “If it pours after work" in page
    assert "<ins>1 December 2026</ins>" in page


def test_a_vision_version_says_what_changed_in_words(client, ben, vision):
    newest = vision_revise(
        client=ben,
        by=ben,
        data={"feel_day_to_day": "Rested", "focus_areas": ["sleep", "work"], "values": "Family"},
    ).record
    client.force_login(ben)
    page = client.get(reverse("goals:vision_version", args=[newest.pk])).content.decode()
    assert "<del>Sleep, Mood</del>" in page and "<ins>Sleep, Work</ins>" in page
    assert not ISO_DATE.search(page)


def test_no_reason_is_chosen_for_the_person(client, ben, goal):
    client.force_login(ben)
    form = client.get(reverse("goals:goal_edit", args=[goal.pk])).content.decode()
    assert not re.search(r'name="reason"[^>]*checked', form)
    response = client.post(
        reverse("goals:goal_edit", args=[goal.pk]),
        form_data(goal, title="Walk once a week", reason=""),
    )
    assert "Please choose why you" in response.content.decode()
    goal.refresh_from_db()
    assert goal.title == "Walk round the park three times a week"
    assert not Revision.objects.filter(goal=goal, reason__in=["out_of_reach", "edited"]).exists()


def test_the_client_overview_names_the_step_that_changed(client, ana, ben, milestone):
    from django.urls import reverse

    milestone_revise(
        milestone=milestone,
        by=ben,
        data={"title": "Walk twice this week"},
        version=milestone.version,
    )
    client.force_login(ana)
    page = client.get(reverse("home:client_overview", args=[ben.pk])).content.decode()
    assert "Step “Walk twice this week”" in page
