"""A change the client left waiting for agreement when their care ended: nobody can
agree to it then, and the goal page says so plainly; it is kept (never closed for
them) until a therapist who starts care answers it, or the client withdraws it or
changes the goal themself. A goal the client proposed is kept the same way; a change
their former therapist left is theirs to agree or leave; a therapist who starts care
answers a change to a goal they never agreed. Nobody "is there" on the therapist's
side who may only read (a co-therapist without leave to write)."""

import pytest
from django.urls import reverse

from cairn.care.services import care_end, care_start, co_therapist_add
from cairn.core.models import AuditEvent
from cairn.goals.models import Goal, GoalChange
from cairn.goals.tests.factories import goal_answers_as_shown, new_goal_answers
from tests.factories import goal_for
from tests.page import words

NOBODY = "No therapist is working on your goals with you just now, so nobody can agree to it yet"


def title_change_proposed(client, person, goal, title: str) -> GoalChange:
    """`person` changes the title of `goal` on its edit page: a change that waits for
    the other side."""
    client.force_login(person)
    client.post(
        reverse("goals:goal_edit", args=[goal.pk]),
        goal_answers_as_shown(client, goal, title=title),
    )
    return GoalChange.objects.get(goal=goal, status="waiting")


@pytest.fixture
def waiting(client, ben, goal):
    """Ben's change to the title of his goal, waiting for Ana."""
    return title_change_proposed(client, ben, goal, "Walk round the park twice a week")


@pytest.fixture
def care_ended(ana, ana_and_ben, waiting):
    care_end(relationship=ana_and_ben, by=ana, reason="Moving away")


def goal_page(client, person, goal) -> str:
    client.force_login(person)
    return words(client.get(reverse("goals:goal_detail", args=[goal.pk])), within="main")


def test_ending_care_keeps_the_change_and_tells_the_client_nobody_can_agree_it(
    client, ben, goal, waiting, care_ended
):
    waiting.refresh_from_db()
    assert waiting.status == "waiting"
    page = goal_page(client, ben, goal)
    assert f"{NOBODY}, and the goal stays as you both agreed it." in page
    assert "if you start working with a therapist again, they can agree to it" in page
    assert "It takes effect once the therapist agrees" not in page
    assert "Withdraw the change" in page


def test_the_client_withdraws_it_and_the_withdrawal_is_audited(
    client, ben, goal, waiting, care_ended
):
    client.force_login(ben)
    audited = AuditEvent.objects.filter(object_type="goal_change", object_id=waiting.pk)
    before = audited.count()
    client.post(reverse("goals:goal_change_withdraw", args=[waiting.pk]))
    waiting.refresh_from_db()
    goal.refresh_from_db()
    assert (waiting.status, waiting.answered_by) == ("withdrawn", ben)
    assert goal.title == "Walk round the park three times a week"
    assert audited.filter(actor_id=ben.pk, client_id=ben.pk).count() == before + 1
    assert "Changed, waiting for agreement" not in goal_page(client, ben, goal)


def test_a_therapist_who_starts_care_answers_it(client, ben, cara, ed, goal, waiting, care_ended):
    care_start(practice=ed.membership.practice, therapist=cara, client=ben, by=ed)
    assert "It takes effect once the therapist agrees" in goal_page(client, ben, goal)
    seen_by_cara = goal_page(client, cara, goal)
    assert "Ben Marchetti proposed this change on" in seen_by_cara
    assert "I agree to this change" in seen_by_cara
    client.post(reverse("goals:goal_change_agree", args=[waiting.pk]))
    goal.refresh_from_db()
    waiting.refresh_from_db()
    assert goal.title == "Walk round the park twice a week"
    assert (waiting.status, waiting.answered_by) == ("agreed", cara)


def test_a_former_therapist_who_still_reads_is_told_nobody_can_agree_it(
    client, practice, ana, goal, waiting, ana_and_ben
):
    practice.therapist_read_after_care_ends = True
    practice.save()
    care_end(relationship=ana_and_ben, by=ana, reason="Moving away")
    page = goal_page(client, ana, goal)
    assert "No therapist is working on goals with Ben Marchetti just now" in page
    assert "Until you agree" not in page and "I agree to this change" not in page


def test_changing_the_goal_alone_takes_the_place_of_the_change_waiting(
    client, ben, goal, waiting, care_ended
):
    client.force_login(ben)
    audited = AuditEvent.objects.filter(object_type="goal_change", object_id=waiting.pk)
    before = audited.count()
    edit_page = words(client.get(reverse("goals:goal_edit", args=[goal.pk])), within="main")
    assert "what you save here takes effect at once" in edit_page
    assert "what you save takes its place" in edit_page
    response = client.post(
        reverse("goals:goal_edit", args=[goal.pk]),
        goal_answers_as_shown(client, goal, title="Walk to the river on Sundays"),
        follow=True,
    )
    assert "It takes the place of the change you had left waiting" in words(response)
    goal.refresh_from_db()
    waiting.refresh_from_db()
    # Agreed later, the old change would have undone what he has saved since.
    assert goal.title == "Walk to the river on Sundays"
    assert (waiting.status, waiting.answered_by) == ("replaced", ben)
    assert audited.filter(actor_id=ben.pk, client_id=ben.pk).count() == before + 1
    assert "Changed, waiting for agreement" not in goal_page(client, ben, goal)


def test_changing_only_why_it_matters_alone_leaves_it_waiting(
    client, ben, goal, waiting, care_ended
):
    client.force_login(ben)
    client.post(
        reverse("goals:goal_edit", args=[goal.pk]),
        goal_answers_as_shown(client, goal, why_it_matters="Fresh air clears my head."),
    )
    goal.refresh_from_db()
    waiting.refresh_from_db()
    assert goal.why_it_matters == "Fresh air clears my head."
    assert waiting.status == "waiting"


def test_a_therapist_who_starts_care_is_not_told_they_agreed_the_goal(
    client, ben, cara, ed, goal, waiting, care_ended
):
    # Ana agreed the goal with Ben; Cara joined after, so "you both" is not her.
    care_start(practice=ed.membership.practice, therapist=cara, client=ben, by=ed)
    page = goal_page(client, cara, goal)
    assert "Until you agree, the goal stays as it was agreed." in page
    assert "you both agreed it" not in page
    assert "until then the goal stays as you both agreed it" in goal_page(client, ben, goal)


@pytest.fixture
def proposed(ben):
    """A goal Ben proposed, still waiting for Ana to agree."""
    return goal_for(ben, by=ben, title="Cook a proper meal on Fridays")


def test_a_goal_the_client_proposed_is_kept_and_nobody_can_agree_it(
    client, ana, ana_and_ben, ben, proposed
):
    care_end(relationship=ana_and_ben, by=ana, reason="Moving away")
    page = goal_page(client, ben, proposed)
    assert (
        "No therapist is working on your goals with you just now, so nobody can agree to it yet."
        in page
    )
    assert "Your goal is kept: if you start working with a therapist again" in page
    assert "It becomes active once the therapist agrees" not in page
    assert "Set it aside" in page
    proposed.refresh_from_db()
    assert proposed.lifecycle_status == "proposed"


def test_a_goal_the_client_proposed_waits_for_a_therapist_who_starts_care(
    client, ana, ana_and_ben, ben, cara, ed, proposed
):
    care_end(relationship=ana_and_ben, by=ana, reason="Moving away")
    care_start(practice=ed.membership.practice, therapist=cara, client=ben, by=ed)
    assert "It becomes active once the therapist agrees" in goal_page(client, ben, proposed)
    assert "I agree to this goal" in goal_page(client, cara, proposed)


@pytest.fixture
def cara_only_reads(ben, cara, ed):
    """Cara works with Ben as a co-therapist who may read his record and nothing more."""
    co_therapist_add(
        practice=ed.membership.practice,
        client=ben,
        therapist=cara,
        may_write=False,
        may_treat=False,
        by=ed,
    )


def test_a_co_therapist_who_only_reads_cannot_agree_so_the_client_is_told_nobody_can(
    client, ben, cara, goal, waiting, cara_only_reads, care_ended
):
    assert f"{NOBODY}, and the goal stays as you both agreed it." in goal_page(client, ben, goal)
    assert "I agree to this change" not in goal_page(client, cara, goal)


def test_with_a_co_therapist_who_only_reads_the_clients_new_goal_starts_at_once(
    client, ana, ana_and_ben, ben, cara_only_reads
):
    care_end(relationship=ana_and_ben, by=ana, reason="Moving away")
    client.force_login(ben)
    client.post(
        reverse("goals:goal_create", args=[ben.pk]),
        new_goal_answers(),
    )
    assert Goal.objects.get().lifecycle_status == "active"


@pytest.fixture
def anas_change(client, ana, goal):
    """Ana's change to the title of Ben's goal, waiting for Ben."""
    return title_change_proposed(client, ana, goal, "Walk round the park every morning")


def test_a_change_the_former_therapist_left_is_the_clients_to_agree_or_leave(
    client, ana, ana_and_ben, ben, goal, anas_change
):
    care_end(relationship=ana_and_ben, by=ana, reason="Moving away")
    page = goal_page(client, ben, goal)
    assert (
        "No therapist is working on your goals with you just now, so it's yours to decide" in page
    )
    assert "Until you agree" not in page
    audited = AuditEvent.objects.filter(object_type="goal_change", object_id=anas_change.pk)
    client.post(reverse("goals:goal_change_agree", args=[anas_change.pk]))
    goal.refresh_from_db()
    anas_change.refresh_from_db()
    assert goal.title == "Walk round the park every morning"
    assert (anas_change.status, anas_change.answered_by) == ("agreed", ben)
    assert audited.filter(actor_id=ben.pk, client_id=ben.pk).exists()
