"""Risk in the rest of what a client writes that the therapist reads: wins, goals and a
change to one, the vision, barriers, if-then plans, steps, routines and the maintenance
plan. As in a check-in, the
client is offered support at once and the treating therapist gets one flag that says
where; ordinary words tell nobody, and neither do a therapist's own words."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cairn.goals.tests.factories import goal_answers, new_goal_answers
from cairn.reminders.models import Notification
from cairn.safety.models import RiskFlag
from cairn.safety.services import risk_flag_review
from tests.page import words

RISKY = "Some days I just want to end it all"
ORDINARY = "Some days I just want to stay in bed"


def win(goal, barrier, plan, milestone, words):
    yesterday = timezone.localdate() - timedelta(days=1)
    return reverse("progress:win_create"), {"text": words, "happened_on": yesterday}


def new_goal(goal, barrier, plan, milestone, words):
    return reverse("goals:goal_create", args=[goal.client_id]), new_goal_answers(
        why_it_matters=words
    )


def changed_goal(goal, barrier, plan, milestone, words):
    # A change to the wording waits for Ana's agreement; she reads it meanwhile.
    return reverse("goals:goal_edit", args=[goal.pk]), goal_answers(goal, description=words)


def focus_of_a_new_goal(goal, barrier, plan, milestone, words):
    return reverse("goals:goal_create", args=[goal.client_id]), new_goal_answers(focus_area=words)


def changed_focus(goal, barrier, plan, milestone, words):
    # The focus is the client's own to change: it is saved at once.
    return reverse("goals:goal_edit", args=[goal.pk]), goal_answers(goal, focus_area=words)


def measure_of_a_new_goal(goal, barrier, plan, milestone, words):
    return reverse("goals:goal_create", args=[goal.client_id]), new_goal_answers(measure_name=words)


def changed_measure(goal, barrier, plan, milestone, words):
    # What to measure is agreed: the change waits for Ana, who reads it meanwhile.
    return reverse("goals:goal_edit", args=[goal.pk]), goal_answers(goal, measure_name=words)


def reason_for_a_change(goal, barrier, plan, milestone, words):
    return reverse("goals:goal_edit", args=[goal.pk]), goal_answers(
        goal, priority="low-priority", reason="other", reason_text=words
    )


def new_barrier(goal, barrier, plan, milestone, words):
    return reverse("goals:barrier_create", args=[goal.pk]), {"kind": "belief", "description": words}


def changed_barrier(goal, barrier, plan, milestone, words):
    return reverse("goals:barrier_edit", args=[barrier.pk]), {
        "kind": barrier.kind,
        "description": words,
        "version": barrier.version,
    }


def new_plan(goal, barrier, plan, milestone, words):
    return reverse("goals:plan_create", args=[goal.pk]), {
        "if_cue": words,
        "then_action": "text my sister",
    }


def changed_plan(goal, barrier, plan, milestone, words):
    return reverse("goals:plan_edit", args=[plan.pk]), {
        "if_cue": plan.if_cue,
        "then_action": words,
        "version": plan.version,
    }


def new_step(goal, barrier, plan, milestone, words):
    return reverse("goals:milestone_create", args=[goal.pk]), {"title": words}


def changed_step(goal, barrier, plan, milestone, words):
    return reverse("goals:milestone_edit", args=[milestone.pk]), {
        "title": milestone.title,
        "reward": words,
        "version": milestone.version,
    }


def new_routine(goal, barrier, plan, milestone, words):
    return reverse("routines:routine_create", args=[goal.client_id]), {
        "name": words,
        "times": "1",
        "period": "day",
    }


def maintenance_plan(goal, barrier, plan, milestone, words):
    return reverse("routines:maintenance_edit", args=[goal.client_id]), {
        "warning_signs": "Sleeping badly for a week",
        "coping": words,
        "people": "My brother",
        "when_to_return": "If it lasts two weeks",
    }


PLACES = [
    (win, "a win"),
    (new_goal, "a goal"),
    (changed_goal, "a goal"),
    (focus_of_a_new_goal, "a goal"),
    (changed_focus, "a goal"),
    (measure_of_a_new_goal, "a goal"),
    (changed_measure, "a goal"),
    (reason_for_a_change, "a goal"),
    (new_barrier, "something that may get in the way of a goal"),
    (changed_barrier, "something that may get in the way of a goal"),
    (new_plan, "an if-then plan"),
    (changed_plan, "an if-then plan"),
    (new_step, "a step towards a goal"),
    (changed_step, "a step towards a goal"),
    (new_routine, "a routine"),
    (maintenance_plan, "their maintenance plan"),
]


def panel_shown(response) -> bool:
    return 'id="support-now"' in response.content.decode()


@pytest.fixture
def parts(goal, barrier, plan, milestone):
    return goal, barrier, plan, milestone


@pytest.mark.parametrize(("place", "where"), PLACES, ids=[p.__name__ for p, _ in PLACES])
def test_words_of_risk_raise_one_flag_and_offer_support(client, ana, ben, parts, place, where):
    client.force_login(ben)
    url, data = place(*parts, RISKY)
    response = client.post(url, data, follow=True)
    assert panel_shown(response)
    flag = RiskFlag.objects.get(client=ben)
    assert flag.reason == f"Words of risk in {where}: \u201cend it all\u201d"
    assert RISKY in flag.excerpt
    assert Notification.objects.filter(user=ana, kind="risk").count() == 1
    assert [m.to for m in mail.outbox] == [[ana.email]]


@pytest.mark.parametrize(("place", "where"), PLACES, ids=[p.__name__ for p, _ in PLACES])
def test_ordinary_words_tell_nobody(client, ana, ben, parts, place, where):
    client.force_login(ben)
    url, data = place(*parts, ORDINARY)
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert not panel_shown(response)
    assert not RiskFlag.objects.exists() and mail.outbox == []


THERAPISTS_PLACES = [new_plan, changed_measure, new_routine, maintenance_plan]


@pytest.mark.parametrize("place", THERAPISTS_PLACES, ids=[p.__name__ for p in THERAPISTS_PLACES])
def test_a_therapists_own_words_are_not_a_sign_of_risk(client, ana, ben, parts, place):
    client.force_login(ana)
    url, data = place(*parts, "I feel the urge to self-harm")
    response = client.post(url, data, follow=True)
    assert response.status_code == 200 and not panel_shown(response)
    assert not RiskFlag.objects.exists()


def test_words_already_read_raise_no_new_flag_when_the_plan_is_saved_again(client, ana, ben, parts):
    # Ana reviewed the flag; Ben then changes only who he can reach out to.
    client.force_login(ben)
    url, data = maintenance_plan(*parts, RISKY)
    client.post(url, data)
    risk_flag_review(flag=RiskFlag.objects.get(), by=ana, action="called", note="We talked")
    client.post(url, data | {"people": "My brother and my aunt", "version": "1"})
    assert RiskFlag.objects.get(client=ben).reviewed_at is not None
    assert len(mail.outbox) == 1


def vision_written(client, first_answer):
    """The vision written through its five steps, `first_answer` to the first; the
    page the last step lands on."""
    client.post(reverse("goals:vision_edit", args=[1]), {"answer": first_answer})
    for step in range(2, 5):
        client.post(reverse("goals:vision_edit", args=[step]), {})
    return client.post(reverse("goals:vision_edit", args=[5]), {}, follow=True)


def test_words_of_risk_in_the_vision(client, ana, ben):
    client.force_login(ben)
    assert panel_shown(vision_written(client, RISKY))
    flag = RiskFlag.objects.get(client=ben)
    assert flag.reason == "Words of risk in their vision: \u201cend it all\u201d"
    assert len(mail.outbox) == 1


def test_an_ordinary_vision_tells_nobody(client, ana, ben):
    client.force_login(ben)
    assert not panel_shown(vision_written(client, ORDINARY))
    assert not RiskFlag.objects.exists()


def test_the_flag_on_the_caseload_says_once_where_the_words_were(client, ana, ben, parts):
    client.force_login(ben)
    url, data = win(*parts, RISKY)
    client.post(url, data)
    client.force_login(ana)
    page = words(client.get(reverse("home:home")), within="main")
    assert "Words of risk in a win: \u201cend it all\u201d" in page
    assert page.count("a win") == 1
