from django.urls import reverse

from cairn.goals.models import Barrier, Plan
from cairn.goals.tests.factories import BarrierFactory


def test_a_barrier_without_a_plan_is_pointed_out_gently(client, ben, goal):
    client.force_login(ben)
    client.post(
        reverse("goals:barrier_create", args=[goal.pk]),
        {"kind": "belief", "description": "Thinking I'm too tired"},
    )
    barrier = Barrier.objects.get()
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert "No plan for this one yet" in page
    assert f"plans/new/?barrier={barrier.pk}" in page


def test_a_plan_can_answer_several_barriers(client, ben, goal):
    client.force_login(ben)
    for text in ("Rain", "Tiredness"):
        client.post(
            reverse("goals:barrier_create", args=[goal.pk]),
            {"kind": "trigger", "description": text},
        )
    ids = [str(b.pk) for b in Barrier.objects.all()]
    response = client.post(
        reverse("goals:plan_create", args=[goal.pk]),
        {
            "if_cue": "I don't feel like going",
            "then_action": "walk just to the end of the road",
            "barriers": ids,
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.barriers.count() == 2
    assert (
        "No plan for this one yet"
        not in client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    )


def test_a_plan_cannot_answer_another_goals_barrier(client, ben, goal, dana, cara):
    from tests.factories import goal_for

    other = goal_for(dana, by=dana, agreed_by=cara)
    stranger = BarrierFactory(goal=other, kind="other", description="Not Ben's")
    client.force_login(ben)
    response = client.post(
        reverse("goals:plan_create", args=[goal.pk]),
        {"if_cue": "x happens", "then_action": "do y", "barriers": [str(stranger.pk)]},
    )
    # The choice is refused with a message beside it.
    assert list(response.context["form"].errors) == ["barriers"]
    assert not Plan.objects.exists()


def test_a_barrier_needs_a_kind_and_words(client, ben, goal):
    client.force_login(ben)
    response = client.post(
        reverse("goals:barrier_create", args=[goal.pk]), {"kind": "nonsense", "description": ""}
    )
    # Each message beside the field it is about.
    errors = response.context["form"].errors
    assert "Select a valid choice" in errors["kind"][0]
    assert errors["description"] == ["Please say what might get in the way."]
    assert not Barrier.objects.exists()


def test_editing_a_plan_keeps_a_revision(client, ben, plan):
    from cairn.goals.models import Revision

    client.force_login(ben)
    client.post(
        reverse("goals:plan_edit", args=[plan.pk]),
        {
            "if_cue": plan.if_cue,
            "then_action": "walk round the covered market",
            "barriers": [],
            "version": plan.version,
        },
    )
    revision = Revision.objects.get(object_id=plan.pk, reason="edited")
    assert revision.changes["then_action"] == [
        "walk round the shopping centre instead",
        "walk round the covered market",
    ]
    assert revision.changes["barriers"] == ["Rainy evenings after a long day", ""]


def test_a_plan_written_with_its_own_if_and_i_will_reads_once(ben, goal):
    from cairn.goals.models import Plan

    plan = Plan(
        goal=goal, if_cue="If it rains,", then_action="I will walk round the shopping centre."
    )
    assert plan.sentence == "If it rains, then I will walk round the shopping centre."
    plan.then_action = "then I'll ring Sam"
    assert plan.sentence == "If it rains, then I will ring Sam."
