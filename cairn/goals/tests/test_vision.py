from django.urls import reverse

from cairn.goals.models import Vision


def walk_through(client, answers: dict[int, dict[str, object]]) -> None:
    for step in range(1, 6):
        response = client.post(reverse("goals:vision_edit", args=[step]), answers.get(step, {}))
        assert response.status_code == 302


def test_the_vision_is_written_one_step_at_a_time(client, ben):
    client.force_login(ben)
    assert "Step 1 of 5" in client.get(reverse("goals:vision_edit", args=[1])).content.decode()
    walk_through(
        client,
        {
            1: {"answer": "Rested"},
            2: {"answer": "Close to my brother"},
            3: {"answer": "Sunday dread"},
            4: {"focus_areas": ["sleep", "anxiety"], "own_focus": "Getting outside"},
            5: {"answer": "Family"},
        },
    )
    vision = Vision.objects.get(client=ben)
    assert (vision.feel_day_to_day, vision.values, vision.focus_areas) == (
        "Rested",
        "Family",
        ["sleep", "anxiety"],
    )
    page = client.get(reverse("goals:vision_detail", args=[ben.pk])).content.decode()
    assert "Getting outside" in page
    assert reverse("goals:goal_create", args=[ben.pk]) + "?focus=sleep" in page


def test_revising_keeps_earlier_versions_readable(client, ben, vision):
    client.force_login(ben)
    walk_through(client, {1: {"answer": "Calm, most days"}})
    assert Vision.objects.filter(client=ben).count() == 2
    page = client.get(reverse("goals:vision_detail", args=[ben.pk])).content.decode()
    assert "Calm, most days" in page
    assert "Version 1" in page
    old = client.get(reverse("goals:vision_version", args=[vision.pk])).content.decode()
    assert "Rested, and looking forward to things" in old


def test_the_therapist_reads_but_does_not_write_the_vision(client, ana, ben, vision):
    client.force_login(ana)
    assert (
        "Rested, and looking forward to things"
        in client.get(reverse("goals:vision_detail", args=[ben.pk])).content.decode()
    )
    assert client.get(reverse("goals:vision_edit", args=[1])).status_code == 404


def test_script_in_an_answer_gets_a_message(client, ben):
    client.force_login(ben)
    response = client.post(
        reverse("goals:vision_edit", args=[1]), {"answer": "<script>alert(1)</script>"}
    )
    assert response.status_code == 200
    assert "Please use plain words here" in response.content.decode()
