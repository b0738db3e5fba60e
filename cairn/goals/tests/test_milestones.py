from cairn.goals.models import Milestone, Revision


def test_marking_a_step_done_celebrates_it_with_the_reward(client, ben, milestone):
    client.force_login(ben)
    response = client.post(f"/milestones/{milestone.pk}/complete/", follow=True)
    page = response.content.decode()
    assert "You did it: “Walk once this week”" in page
    assert "You promised yourself <strong>A new paperback</strong>" in page
    assert "That's 1 of 1 step on this goal" in page
    milestone.refresh_from_db()
    assert milestone.done_at is not None
    assert Revision.objects.filter(object_id=milestone.pk, reason="completed").exists()
    # The celebration is for the moment it happens, not every visit.
    assert "You did it" not in client.get(f"/goals/{milestone.goal_id}/").content.decode()


def test_a_step_can_be_reopened(client, ben, milestone):
    client.force_login(ben)
    client.post(f"/milestones/{milestone.pk}/complete/")
    client.post(f"/milestones/{milestone.pk}/reopen/")
    milestone.refresh_from_db()
    assert milestone.done_at is None
    assert Revision.objects.filter(object_id=milestone.pk, reason="reopened").exists()


def test_steps_are_added_in_order_and_can_be_reordered(client, ben, goal):
    client.force_login(ben)
    for title in ("First", "Second", "Third"):
        client.post(f"/goals/{goal.pk}/milestones/new/", {"title": title})
    third = Milestone.objects.get(title="Third")
    client.post(f"/milestones/{third.pk}/move/", {"direction": "up"})
    assert list(goal.milestones.order_by("position").values_list("title", flat=True)) == [
        "First",
        "Third",
        "Second",
    ]
    page = client.get(f"/goals/{goal.pk}/").content.decode()
    assert page.index("Third") < page.index("Second")


def test_a_step_is_edited_with_its_history(client, ben, milestone):
    client.force_login(ben)
    response = client.post(
        f"/milestones/{milestone.pk}/edit/",
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
    client.post(f"/milestones/{milestone.pk}/edit/", {"title": "One", "version": old})
    response = client.post(f"/milestones/{milestone.pk}/edit/", {"title": "Two", "version": old})
    assert response.status_code == 409
    assert "Someone else changed this a moment ago" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.title == "One"


def test_strangers_cannot_complete_a_step(client, dana, cara, milestone):
    for person in (dana, cara):
        client.force_login(person)
        assert client.post(f"/milestones/{milestone.pk}/complete/").status_code == 404
    milestone.refresh_from_db()
    assert milestone.done_at is None


def test_flash_messages_carry_no_titles_and_no_cookie(client, ben, milestone):
    """A message is stored between two requests: never in a cookie, never clinical."""
    from django.contrib.messages import get_messages

    client.force_login(ben)
    response = client.post(f"/milestones/{milestone.pk}/reopen/")
    assert "messages" not in response.cookies
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["The step is open again."]
    assert milestone.title not in " ".join(texts)
