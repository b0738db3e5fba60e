"""Changes both sides agree to (issue 11, item 7): a change to an agreed goal's
wording, measure, target or date waits for the other side; the old version stands."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cairn.core.models import AuditEvent
from cairn.goals.models import GoalChange, Revision
from cairn.goals.tests.factories import goal_answers_as_shown
from cairn.reminders.models import Notification
from tests.factories import goal_for
from tests.page import words


@pytest.fixture(autouse=True)
def on_commit(django_capture_on_commit_callbacks, monkeypatch):
    """Run what each request defers to the end of its transaction (the notices) at once."""
    from django.test import Client

    post = Client.post

    def post_and_commit(self, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(self, *args, **kwargs)

    monkeypatch.setattr(Client, "post", post_and_commit)


def edit(client, person, goal, **changes):
    client.force_login(person)
    return client.post(
        reverse("goals:goal_edit", args=[goal.pk]), goal_answers_as_shown(client, goal, **changes)
    )


def test_a_therapists_change_leaves_the_old_version_until_the_client_agrees(client, ana, ben, goal):
    new_date = goal.target_date + timedelta(days=60)
    assert (
        edit(
            client, ana, goal, title="Walk twice a week", target_date=new_date.isoformat()
        ).status_code
        == 302
    )
    goal.refresh_from_db()
    # The agreed version stands.
    assert goal.title == "Walk round the park three times a week"
    assert goal.target_date == new_date - timedelta(days=60)
    change = GoalChange.objects.get(goal=goal)
    assert (change.status, change.proposed_by) == ("waiting", ana)

    # Ben sees it, and is told once.
    client.force_login(ben)
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert "Changed, waiting for agreement" in page
    assert "Walk twice a week" in page and "I agree to this change" in page
    assert "Talk about it first" in page
    assert Notification.objects.filter(user=ben, kind="goal_change_proposed").count() == 1

    client.post(reverse("goals:goal_change_agree", args=[change.pk]))
    goal.refresh_from_db()
    assert goal.title == "Walk twice a week" and goal.target_date == new_date
    change.refresh_from_db()
    assert (change.status, change.answered_by) == ("agreed", ben)
    # The history keeps who changed it and who agreed; Ana is told once.
    revision = Revision.objects.get(goal=goal, reason="life_changed")
    assert revision.by == ana and "title" in revision.changes
    assert Revision.objects.filter(goal=goal, reason="agreed", by=ben).exists()
    assert Notification.objects.filter(user=ana, kind="goal_change_agreed").count() == 1


def test_a_clients_change_waits_for_the_therapist(client, ana, ben, goal):
    edit(client, ben, goal, rating_target="8")
    goal.refresh_from_db()
    assert goal.rating_target == 10
    client.force_login(ana)
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert "Changed, waiting for agreement" in page and "I agree to this change" in page
    assert Notification.objects.filter(user=ana, kind="goal_change_proposed").count() == 1


def test_the_proposer_cannot_agree_to_their_own_change(client, ana, goal):
    edit(client, ana, goal, title="Walk twice a week")
    change = GoalChange.objects.get(goal=goal)
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert "I agree to this change" not in page and "Withdraw the change" in page
    client.post(reverse("goals:goal_change_agree", args=[change.pk]))
    goal.refresh_from_db()
    change.refresh_from_db()
    assert goal.title == "Walk round the park three times a week" and change.status == "waiting"


def test_another_therapist_of_the_same_side_cannot_agree_either(client, ana, ben, goal, practice):
    from cairn.care.models import Role
    from tests.factories import care, member

    colleague = member(practice, Role.THERAPIST, mfa=True, name="Cole Second")
    care(colleague, ben)
    edit(client, ana, goal, title="Walk twice a week")
    change = GoalChange.objects.get(goal=goal)
    client.force_login(colleague)
    client.post(reverse("goals:goal_change_agree", args=[change.pk]))
    change.refresh_from_db()
    assert change.status == "waiting"


def test_the_proposer_withdraws_and_the_goal_stays(client, ana, goal):
    edit(client, ana, goal, title="Walk twice a week")
    change = GoalChange.objects.get(goal=goal)
    client.post(reverse("goals:goal_change_withdraw", args=[change.pk]))
    change.refresh_from_db()
    goal.refresh_from_db()
    assert change.status == "withdrawn"
    assert goal.title == "Walk round the park three times a week"


def test_a_second_change_by_the_same_side_replaces_the_first(client, ana, goal):
    edit(client, ana, goal, title="Walk twice a week")
    edit(client, ana, goal, title="Walk once a week")
    assert list(
        GoalChange.objects.filter(goal=goal).values_list("status", flat=True).order_by("created_at")
    ) == [
        "replaced",
        "waiting",
    ]


def test_every_answer_to_a_change_is_in_the_clients_record_log(client, ana, ben, goal):
    # Replaced by a newer one, withdrawn, agreed: each is a write to Ben's record by
    # someone, so he and the practice's audit log see who did it.
    edit(client, ana, goal, title="Walk twice a week")
    first = GoalChange.objects.get(goal=goal)
    edit(client, ana, goal, title="Walk once a week")
    second = GoalChange.objects.get(goal=goal, status="waiting")
    client.post(reverse("goals:goal_change_withdraw", args=[second.pk]))
    edit(client, ana, goal, title="Walk on Sundays")
    third = GoalChange.objects.get(goal=goal, status="waiting")
    client.force_login(ben)
    client.post(reverse("goals:goal_change_agree", args=[third.pk]))

    def written(change, by):
        return AuditEvent.objects.filter(
            actor_id=by.pk,
            action="write",
            object_type="goal_change",
            object_id=str(change.pk),
            client_id=ben.pk,
        ).count()

    # Each: once when proposed, once when answered.
    assert (written(first, ana), written(second, ana)) == (2, 2)
    assert (written(third, ana), written(third, ben)) == (1, 1)


def test_a_change_while_the_other_side_waits_is_refused(client, ana, ben, goal):
    edit(client, ana, goal, title="Walk twice a week")
    response = edit(client, ben, goal, title="Swim once a week")
    assert response.status_code == 302
    assert GoalChange.objects.filter(goal=goal).count() == 1
    page = client.get(reverse("goals:goal_detail", args=[goal.pk])).content.decode()
    assert "Agree to it or talk about it first" in page


def test_what_both_did_not_agree_is_saved_at_once(client, ana, ben, goal):
    edit(client, ben, goal, why_it_matters="For my kids", confidence="8")
    goal.refresh_from_db()
    assert (goal.why_it_matters, goal.confidence) == ("For my kids", 8)
    assert not GoalChange.objects.exists()
    # The other side is told once.
    assert Notification.objects.filter(user=ana, kind="goal_revised").count() == 1


def test_a_goal_not_yet_agreed_changes_at_once(client, ana, ben):
    proposed = goal_for(ben, by=ben)
    edit(client, ben, proposed, title="Cook on Sundays")
    proposed.refresh_from_db()
    assert proposed.title == "Cook on Sundays" and not GoalChange.objects.exists()


def test_a_comment_notifies_the_other_side_once(client, ana, ben, goal):
    client.force_login(ana)
    client.post(reverse("goals:comment_create", args=[goal.pk]), {"text": "How did the walks go?"})
    assert Notification.objects.filter(user=ben, kind="goal_commented").count() == 1
    assert not Notification.objects.filter(user=ana, kind="goal_commented").exists()


def test_agreeing_to_a_goal_notifies_the_proposer(client, ana, ben):
    proposed = goal_for(ben, by=ben)
    client.force_login(ana)
    client.post(reverse("goals:goal_agree", args=[proposed.pk]))
    assert Notification.objects.filter(user=ben, kind="goal_agreed").count() == 1


def test_strangers_get_404(client, cara, ana, goal):
    edit(client, ana, goal, title="Walk twice a week")
    change = GoalChange.objects.get(goal=goal)
    client.force_login(cara)
    assert client.post(reverse("goals:goal_change_agree", args=[change.pk])).status_code == 404
    assert client.post(reverse("goals:goal_change_withdraw", args=[change.pk])).status_code == 404


# What the person is told after saving follows what goal_revise says it did.
WAITS = "Saved as a change for your client to agree"
SAVED = "Saved. The change and your reason are in the goal's history."


def told(client, person, goal, **changes) -> str:
    client.force_login(person)
    response = client.post(
        reverse("goals:goal_edit", args=[goal.pk]),
        goal_answers_as_shown(client, goal, **changes),
        follow=True,
    )
    return words(response)


def test_a_change_left_waiting_is_told_as_waiting(client, ana, goal):
    assert WAITS in told(client, ana, goal, title="Walk twice a week")


def test_what_is_saved_at_once_beside_ones_own_waiting_change_is_told_as_saved(client, ana, goal):
    told(client, ana, goal, title="Walk twice a week")
    # The change to the wording still waits, but this save (only why it matters)
    # took effect at once, and that is what the person is told.
    page = told(client, ana, goal, why_it_matters="For the fresh air")
    assert SAVED in page and WAITS not in page
    assert GoalChange.objects.get(goal=goal).status == "waiting"


def test_a_change_naming_only_some_parts_keeps_the_rest_of_the_one_waiting(ana, goal):
    from cairn.goals.services.goal_changes import goal_revise

    goal_revise(
        goal=goal, by=ana, data={"title": "Walk twice a week"}, version=goal.version, reason="other"
    )
    goal.refresh_from_db()
    later = goal.target_date + timedelta(days=30)
    revised = goal_revise(
        goal=goal, by=ana, data={"target_date": later}, version=goal.version, reason="other"
    )
    assert revised.waiting is not None
    assert revised.waiting.values == {
        "title": "Walk twice a week",
        "target_date": later.isoformat(),
    }
    assert GoalChange.objects.filter(goal=goal, status="waiting").get() == revised.waiting


# Who proposed, in words: "You" to the proposer, their name to anyone else, and the one
# who agrees named from the side that did not propose (goals.sides.proposal_seen_by).
def goal_page(client, person, goal) -> str:
    client.force_login(person)
    return words(client.get(reverse("goals:goal_detail", args=[goal.pk])), within="main")


def test_a_goal_waits_for_the_side_that_did_not_propose_it(client, ana, ben):
    bens = goal_for(ben, by=ben)
    anas = goal_for(ben, by=ana)
    assert "It becomes active once the therapist agrees." in goal_page(client, ana, bens)
    assert "It becomes active once Ben Marchetti agrees." in goal_page(client, ben, anas)


def test_a_change_is_told_as_ones_own_to_the_proposer_and_by_name_to_the_others(
    client, ana, ben, goal, practice
):
    from cairn.care.models import Role
    from tests.factories import care, member

    colleague = member(practice, Role.THERAPIST, mfa=True, name="Cole Second")
    care(colleague, ben)
    edit(client, ana, goal, title="Walk twice a week")
    assert "You proposed this change on" in goal_page(client, ana, goal)
    assert "It takes effect once Ben Marchetti agrees" in goal_page(client, ana, goal)
    # Her colleague is on her side: it waits for Ben, and was hers.
    seen_by_colleague = goal_page(client, colleague, goal)
    assert "Ana Thornbury proposed this change on" in seen_by_colleague
    assert "It takes effect once Ben Marchetti agrees" in seen_by_colleague
    # Ben is the one to answer it.
    seen_by_ben = goal_page(client, ben, goal)
    assert "Ana Thornbury proposed this change on" in seen_by_ben
    assert "Until you agree, the goal stays as you both agreed it." in seen_by_ben


def test_a_clients_change_waits_for_the_therapist_in_words(client, ben, goal):
    edit(client, ben, goal, title="Walk twice a week")
    seen_by_ben = goal_page(client, ben, goal)
    assert "You proposed this change on" in seen_by_ben
    assert "It takes effect once the therapist agrees" in seen_by_ben
