from django.urls import reverse

from cairn.goals.models import Milestone, Revision


def test_marking_a_step_done_celebrates_it_with_the_reward(client, ben, milestone):
    client.force_login(ben)
    response = client.post(reverse("goals:milestone_complete", args=[milestone.pk]), follow=True)
    page = response.content.decode()
    assert "You did it: “Walk once this week”" in page
    assert "You promised yourself <strong>A new paperback</strong>" in page
    assert "That's 1 of 1 step on this goal" in page
    milestone.refresh_from_db()
    assert milestone.done_at is not None
    assert Revision.objects.filter(object_id=milestone.pk, reason="completed").exists()
    # The celebration is for the moment it happens, not every visit.
    assert (
        "You did it"
        not in client.get(reverse("goals:goal_detail", args=[milestone.goal_id])).content.decode()
    )


def test_a_step_can_be_reopened(client, ben, milestone):
    client.force_login(ben)
    client.post(reverse("goals:milestone_complete", args=[milestone.pk]))
    client.post(reverse("goals:milestone_reopen", args=[milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.done_at is None
    assert Revision.objects.filter(object_id=milestone.pk, reason="reopened").exists()


def test_steps_are_added_in_order_and_can_be_reordered(client, ben, goal):
    client.force_login(ben)
    for title in ("First", "Second", "Third"):
        client.post(reverse("goals:milestone_create", args=[goal.pk]), {"title": title})
    third = Milestone.objects.get(title="Third")
    client.post(reverse("goals:milestone_move", args=[third.pk]), {"direction": "up"})
    assert list(goal.milestones.order_by("position").values_list("title", flat=True)) == [
        "First",
        "Third",
        "Second",
    ]
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert page.index("Third") < page.index("Second")


def test_a_step_is_edited_with_its_history(client, ben, milestone):
    client.force_login(ben)
    response = client.post(
        reverse("goals:milestone_edit", args=[milestone.pk]),
        {
            "title": "Walk twice this week",
            "reward": "A new paperback",
            "version": milestone.version,
        },
    )
    assert response.status_code == 302
    revision = Revision.objects.get(object_id=milestone.pk, reason="edited")
    assert revision.changes == {"title": ["Walk once this week", "Walk twice this week"]}


def test_an_edit_from_an_old_page_is_refused(client, ben, milestone):
    client.force_login(ben)
    old = milestone.version
    client.post(
        reverse("goals:milestone_edit", args=[milestone.pk]), {"title": "One", "version": old}
    )
    response = client.post(
        reverse("goals:milestone_edit", args=[milestone.pk]), {"title": "Two", "version": old}
    )
    assert response.status_code == 409
    assert "Someone else changed this a moment ago" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.title == "One"


def test_strangers_cannot_complete_a_step(client, dana, cara, milestone):
    for person in (dana, cara):
        client.force_login(person)
        assert (
            client.post(reverse("goals:milestone_complete", args=[milestone.pk])).status_code == 404
        )
    milestone.refresh_from_db()
    assert milestone.done_at is None


def test_flash_messages_carry_no_titles_and_no_cookie(client, ben, milestone):
    """A message is stored between two requests: never in a cookie, never clinical."""
    from django.contrib.messages import get_messages

    client.force_login(ben)
    response = client.post(reverse("goals:milestone_reopen", args=[milestone.pk]))
    assert "messages" not in response.cookies
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["The step is open again."]
    assert milestone.title not in " ".join(texts)


def test_changing_a_step_keeps_why_and_a_clash_shows_the_saved_step(client, ben, milestone):
    url = reverse("goals:milestone_edit", args=[milestone.pk])
    client.force_login(ben)
    client.post(
        url,
        {
            "title": "Walk twice this week",
            "reward": "A new paperback",
            "version": milestone.version,
            "reason_text": "Once felt too easy",
        },
    )
    assert (
        Revision.objects.get(object_id=milestone.pk, reason="edited").reason_text
        == "Once felt too easy"
    )
    response = client.post(url, {"title": "Walk daily", "version": milestone.version})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Walk twice this week" in page and "A new paperback" in page and "Walk daily" in page
    milestone.refresh_from_db()
    assert milestone.title == "Walk twice this week"  # the clash saved nothing
