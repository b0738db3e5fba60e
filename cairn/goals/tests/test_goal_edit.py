import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from cairn.care.models import CareRelationship
from cairn.goals.models import Goal, GoalChange, Lifecycle, Revision
from cairn.goals.tests.factories import (
    BarrierFactory,
    MilestoneFactory,
    PlanFactory,
    goal_answers,
    goal_answers_as_shown,
)
from tests.factories import goal_for
from tests.page import words


def form_data(goal: Goal, **overrides) -> dict[str, str]:
    return goal_answers(goal, reason="out_of_reach") | overrides


# A change is told in the words the goal's history uses: dates as dates, choices by
# their names, never the codes or ISO dates kept underneath.
RAW = re.compile(r"\d{4}-\d{2}-\d{2}|high-priority|medium-priority|low-priority|\bup\b|\bdown\b")


def url(goal: Goal) -> str:
    return reverse("goals:goal_edit", args=[goal.pk])


def agree_as(client, person, goal):
    """The other side agrees to the change waiting on `goal`."""
    change = GoalChange.objects.get(goal=goal, status="waiting")
    client.force_login(person)
    assert client.post(reverse("goals:goal_change_agree", args=[change.pk])).status_code == 302


def ben_then_ana_save(client, ben, ana, goal, *, bens: dict, anas: dict):
    """Ben and Ana open the edit page at the same version; Ben saves what he typed
    (`bens`), then Ana what she typed (`anas`). The answer to Ana's save."""
    from django.test import Client

    seen = str(goal.version)
    bens_browser = Client()
    bens_browser.force_login(ben)
    assert bens_browser.post(url(goal), form_data(goal, version=seen, **bens)).status_code == 302
    client.force_login(ana)
    return client.post(url(goal), form_data(goal, version=seen, **anas))


def test_a_revision_keeps_what_changed_and_why(client, ana, ben, goal):
    client.force_login(ben)
    new_date = goal.target_date + timedelta(days=30)
    response = client.post(
        url(goal), form_data(goal, title="Walk twice a week", target_date=new_date.isoformat())
    )
    assert response.status_code == 302
    agree_as(client, ana, goal)
    goal.refresh_from_db()
    assert goal.title == "Walk twice a week"
    revision = Revision.objects.get(goal=goal, reason="out_of_reach")
    assert revision.by == ben
    assert revision.changes == {
        "title": ["Walk round the park three times a week", "Walk twice a week"],
        "target_date": [(new_date - timedelta(days=30)).isoformat(), new_date.isoformat()],
    }


def test_the_history_page_shows_readable_differences(client, ana, ben, goal):
    client.force_login(ana)
    client.post(
        url(goal),
        form_data(goal, title="Walk twice a week", reason="other", reason_text="Winter is coming"),
    )
    agree_as(client, ben, goal)
    page = client.get(reverse("goals:goal_history", args=[goal.pk])).content.decode()
    assert "Another reason" in page and "Winter is coming" in page
    assert "<del>Walk round the park three times a week</del>" in page
    assert "<ins>Walk twice a week</ins>" in page
    assert "Ana Thornbury" in page


def test_another_reason_needs_words(client, ben, goal):
    client.force_login(ben)
    response = client.post(url(goal), form_data(goal, title="Walk twice", reason="other"))
    assert "Please say a few words about why." in response.content.decode()
    goal.refresh_from_db()
    assert goal.title == "Walk round the park three times a week"


def test_another_reason_in_web_code_asks_only_for_plain_words(client, ben, goal):
    client.force_login(ben)
    response = client.post(
        url(goal), form_data(goal, reason="other", reason_text="<script>alert(1)</script>")
    )
    assert response.context["form"].errors["reason_text"] == [
        "Please use plain words here: text that looks like web code (such as <script>) can't be saved."
    ]


def test_a_second_edit_from_an_old_page_is_refused_and_nothing_is_lost(client, ana, ben, goal):
    response = ben_then_ana_save(
        client,
        ben,
        ana,
        goal,
        bens={"why_it_matters": "For my kids"},
        anas={"why_it_matters": "For my energy"},
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this goal while you were editing" in page
    assert "For my kids" in page  # what is saved
    assert "For my energy" in page  # what Ana wrote, still in her form
    goal.refresh_from_db()
    assert goal.why_it_matters == "For my kids"

    # Ana merges and saves against the version she has now seen.
    response = client.post(
        url(goal),
        form_data(goal, why_it_matters="For my kids and my energy", version=str(goal.version)),
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.why_it_matters == "For my kids and my energy"


def test_pausing_completing_and_cancelling_are_revisions(client, ben, goal):
    client.force_login(ben)
    for action, status in (("pause", "on-hold"), ("resume", "active"), ("complete", "completed")):
        goal.refresh_from_db()
        response = client.post(
            reverse("goals:goal_status", args=[goal.pk]),
            {"action": action, "version": goal.version, "reason_text": "Holiday"},
        )
        assert response.status_code == 302
        goal.refresh_from_db()
        assert goal.lifecycle_status == status
    reasons = list(Revision.objects.filter(goal=goal).values_list("reason", flat=True))
    assert {"paused", "resumed", "completed"} <= set(reasons)


def test_a_status_change_is_kept_in_the_words_the_page_shows(client, ana, ben, goal):
    # The history says "Paused", not the code "on-hold", whichever way the status moved.
    client.force_login(ben)
    client.post(
        reverse("goals:goal_status", args=[goal.pk]), {"action": "pause", "version": goal.version}
    )
    proposed = goal_for(ben, by=ana)
    client.post(reverse("goals:goal_agree", args=[proposed.pk]))
    kept = Revision.objects.filter(reason__in=["paused", "agreed"]).values_list(
        "changes", flat=True
    )
    assert sorted(kept, key=str) == [
        {"lifecycle_status": ["Active", "Paused"]},
        {"lifecycle_status": ["Proposed, waiting for agreement", "Active"]},
    ]


def test_a_status_change_that_does_not_apply_changes_nothing(client, ben, goal):
    client.force_login(ben)
    client.post(
        reverse("goals:goal_status", args=[goal.pk]), {"action": "resume", "version": goal.version}
    )
    goal.refresh_from_db()
    assert goal.lifecycle_status == "active"


def test_the_goal_page_runs_a_constant_number_of_queries(
    client, ben, goal, django_assert_max_num_queries
):

    def add(n: int) -> None:
        for i in range(n):
            barrier = BarrierFactory(goal=goal, kind="other", description=f"Obstacle {i}")
            PlanFactory(goal=goal, if_cue=f"cue {i}", then_action="act").barriers.add(barrier)
            MilestoneFactory(
                goal=goal, title=f"Step {i}", position=i, due_date=timezone.localdate()
            )

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(ben)
    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("goals:goal_detail", args=[goal.pk]))
    add(30)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("goals:goal_detail", args=[goal.pk]))
    assert len(many) == len(few)


def test_the_edit_page_reads_the_vision_once(client, ben, goal):
    # The coach's "values" and the vision beside the form are the same read.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cairn.goals.models import Vision

    client.force_login(ben)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(goal)).status_code == 200
    table = connection.ops.quote_name(Vision._meta.db_table)
    assert sum(f"FROM {table}" in query["sql"] for query in captured) == 1


def test_the_conflict_page_lists_what_differs_in_words(client, ana, ben, goal):
    response = ben_then_ana_save(
        client,
        ben,
        ana,
        goal,
        bens={"why_it_matters": "For my kids", "priority": "high-priority"},
        anas={
            "why_it_matters": "For my energy",
            "confidence": "9",
            "target_date": "2027-06-30",
            "priority": "low-priority",
        },
    )
    assert response.status_code == 409
    # Only the fields that read differently, saved beside hers, in the words the goal's
    # history uses (dates as dates, choices by name).
    assert [(row.before, row.after) for row in response.context["conflict"]] == [
        ("For my kids", "For my energy"),
        (str(goal.confidence), "9"),
        (f"{goal.target_date.day} {goal.target_date:%B %Y}", "30 June 2027"),
        ("High", "Low"),
    ]
    assert not RAW.search(words(response, within="conflict-differs"))


# The page tells that a change waits for the other side exactly when goal_revise will
# make it wait (goals.sides.goal_change_needs_agreement).
WAITS_NOTE = "so a change to its wording, measure, target or dates waits for"


def edit_page(client, person, goal) -> str:
    client.force_login(person)
    return client.get(url(goal)).content.decode()


def test_on_an_agreed_goal_being_worked_on_both_sides_are_told_a_change_waits(
    client, ana, ben, goal
):
    assert WAITS_NOTE in edit_page(client, ben, goal)
    assert WAITS_NOTE in edit_page(client, ana, goal)


def test_a_completed_goal_is_changed_at_once_and_the_page_promises_no_wait(client, ana, goal):
    Goal.objects.filter(pk=goal.pk).update(lifecycle_status=Lifecycle.COMPLETED)
    goal.refresh_from_db()
    assert WAITS_NOTE not in edit_page(client, ana, goal)
    client.post(url(goal), form_data(goal, title="Walk twice a week"))
    goal.refresh_from_db()
    assert goal.title == "Walk twice a week"
    assert not GoalChange.objects.exists()


def test_once_care_has_ended_the_clients_change_is_saved_at_once_and_the_page_says_no_wait(
    client, ben, goal
):
    CareRelationship.objects.filter(client=ben).update(ended_at=timezone.now())
    assert WAITS_NOTE not in edit_page(client, ben, goal)
    client.post(url(goal), form_data(goal, title="Walk twice a week"))
    goal.refresh_from_db()
    assert goal.title == "Walk twice a week"
    assert not GoalChange.objects.exists()


# The page tells when a save replaces the change waiting exactly as goal_revise replaces
# it (goals.sides.goal_change_replaces): a change to what both agreed, from the side that
# proposed the one waiting. The rest of a save leaves it waiting.
REPLACES_NOTE = "Saving replaces it with what the form holds for those parts"


def propose(client, person, goal, **changes):
    """`person` opens the edit page, types `changes` and saves."""
    client.post(
        url(goal), as_the_page_holds(client, person, goal, reason="out_of_reach", **changes)
    )
    goal.refresh_from_db()


def test_the_side_whose_change_waits_is_told_which_changes_replace_it(client, ana, ben, goal):
    propose(client, ana, goal, title="Walk twice a week")
    assert REPLACES_NOTE in edit_page(client, ana, goal)
    # Ben is asked to answer Ana's change, not told he would replace it.
    assert REPLACES_NOTE not in edit_page(client, ben, goal)


def test_with_nothing_waiting_the_page_promises_no_replacing(client, ana, goal):
    assert REPLACES_NOTE not in edit_page(client, ana, goal)


def test_a_save_changing_only_the_rest_leaves_the_waiting_change_as_the_page_says(
    client, ana, goal
):
    propose(client, ana, goal, title="Walk twice a week")
    propose(client, ana, goal, confidence="9")
    assert goal.confidence == 9
    assert GoalChange.objects.get(goal=goal).status == "waiting"


def test_a_save_changing_what_both_agreed_replaces_the_waiting_change_as_the_page_says(
    client, ana, goal
):
    propose(client, ana, goal, title="Walk twice a week")
    propose(client, ana, goal, title="Walk once a week")
    assert sorted(GoalChange.objects.filter(goal=goal).values_list("status", flat=True)) == [
        "replaced",
        "waiting",
    ]


# The side asked to answer a change is told so before typing, exactly when goal_revise
# would refuse their change to what both agreed (goals.sides.goal_change_answer_first),
# not only afterwards by a message on the goal page.
ANSWER_FIRST_NOTE = "has proposed a change that is waiting for your answer"


def test_the_other_side_is_told_before_typing_that_a_change_waits_for_their_answer(
    client, ana, ben, goal
):
    propose(client, ana, goal, title="Walk twice a week")
    page = edit_page(client, ben, goal)
    assert f"Ana Thornbury {ANSWER_FIRST_NOTE}" in page
    # The way to the change, and what can still be saved meanwhile.
    assert f'href="{reverse("goals:goal_detail", args=[goal.pk])}#change-heading"' in page
    assert "you can still change and save now" in page


def test_the_proposer_is_not_asked_to_answer_their_own_change(client, ana, goal):
    propose(client, ana, goal, title="Walk twice a week")
    assert ANSWER_FIRST_NOTE not in edit_page(client, ana, goal)


def test_with_nothing_waiting_nobody_is_asked_to_answer(client, ana, ben, goal):
    assert ANSWER_FIRST_NOTE not in edit_page(client, ben, goal)
    assert ANSWER_FIRST_NOTE not in edit_page(client, ana, goal)


def test_the_note_asks_kindly_and_never_sounds_like_a_refusal(client, ana, ben, goal):
    propose(client, ana, goal, title="Walk twice a week")
    page = edit_page(client, ben, goal)
    note = page[page.index(ANSWER_FIRST_NOTE) :].split("</p>")[0]
    assert "Please" in note
    for harsh in ("refuse", "not allowed", "cannot", "can't", "must", "error", "denied"):
        assert harsh not in note.lower()


def test_what_the_note_says_can_still_be_saved_is_saved_while_the_change_waits(
    client, ana, ben, goal
):
    propose(client, ana, goal, title="Walk twice a week")
    propose(client, ben, goal, confidence="9")
    assert goal.confidence == 9
    # Ana's change still waits for Ben's answer; his save of the rest did not touch it.
    assert GoalChange.objects.get(goal=goal).status == "waiting"
    assert goal.title != "Walk twice a week"


# A new change from the side whose change waits starts from that change: the edit page
# holds it in the form, and what the save leaves out of it is kept, not lost.
def as_the_page_holds(client, person, goal, **typed) -> dict[str, str]:
    client.force_login(person)
    return goal_answers_as_shown(client, goal, **typed)


def test_a_second_change_keeps_what_the_waiting_one_proposed_and_it_did_not_touch(
    client, ana, goal
):
    propose(client, ana, goal, title="Walk twice a week")
    later = (goal.target_date + timedelta(days=30)).isoformat()
    client.post(url(goal), as_the_page_holds(client, ana, goal, target_date=later))
    waiting = GoalChange.objects.get(goal=goal, status="waiting")
    # Ana moved only the date; her new wording still waits with it.
    assert waiting.values == {"title": "Walk twice a week", "target_date": later}


def test_a_part_set_back_to_how_it_was_agreed_leaves_the_waiting_change(client, ana, goal):
    agreed_title = goal.title
    later = (goal.target_date + timedelta(days=30)).isoformat()
    propose(client, ana, goal, title="Walk twice a week", target_date=later)
    client.post(url(goal), as_the_page_holds(client, ana, goal, title=agreed_title))
    assert GoalChange.objects.get(goal=goal, status="waiting").values == {"target_date": later}


def test_a_save_of_the_rest_from_the_page_as_it_holds_leaves_the_waiting_change_alone(
    client, ana, goal
):
    propose(client, ana, goal, title="Walk twice a week")
    client.post(url(goal), as_the_page_holds(client, ana, goal, confidence="9"))
    goal.refresh_from_db()
    assert goal.confidence == 9
    # The same change, still waiting: nothing new for Ben to answer.
    assert list(GoalChange.objects.filter(goal=goal).values_list("status", flat=True)) == [
        "waiting"
    ]


def test_setting_all_of_it_back_withdraws_the_waiting_change_and_says_so(client, ana, goal):
    agreed_title = goal.title
    propose(client, ana, goal, title="Walk twice a week")
    response = client.post(
        url(goal), as_the_page_holds(client, ana, goal, title=agreed_title), follow=True
    )
    assert GoalChange.objects.get(goal=goal).status == "withdrawn"
    assert "the change that was waiting is withdrawn" in words(response)


# The conflict page: what the other save did, and the change waiting, so the person
# can decide what to keep without leaving the form that holds their version.
def test_the_conflict_page_shows_the_change_the_other_side_proposed_meanwhile(
    client, ana, ben, goal
):
    response = ben_then_ana_save(
        client,
        ben,
        ana,
        goal,
        bens={"title": "Walk by the river"},
        anas={"why_it_matters": "For my energy"},
    )
    assert response.status_code == 409
    conflict = words(response, within="conflict")
    assert "A change waiting for agreement" in conflict
    assert "Ben Marchetti proposed this" in conflict and "Walk by the river" in conflict
    # And that it is hers to answer before changing what both agreed.
    assert "Ben Marchetti has proposed a change that is waiting for your answer" in words(response)


def test_the_conflict_page_says_who_saved_last_and_what_they_changed(client, ana, ben, goal):
    response = ben_then_ana_save(
        client,
        ben,
        ana,
        goal,
        bens={"why_it_matters": "For my kids", "reason": "other", "reason_text": "School runs"},
        anas={"confidence": "9"},
    )
    assert response.status_code == 409
    last = words(response, within="conflict-last-save")
    assert "Ben Marchetti" in last and "For my kids" in last and "School runs" in last


def test_a_change_waiting_reads_in_words_on_the_goal_page(client, ana, ben, goal):
    later = date(2027, 6, 30)
    propose(
        client,
        ana,
        goal,
        target_date=later.isoformat(),
        measure_name="Walks",
        measure_baseline="0",
        measure_target="3",
        measure_direction="up",
    )
    client.force_login(ben)
    table = words(client.get(reverse("goals:goal_detail", args=[goal.pk])), within="change-table")
    assert "30 June 2027" in table and "Higher is better" in table
    assert not RAW.search(table), table


def test_once_a_change_no_longer_waits_for_anyone_the_form_starts_from_the_goal_as_agreed(
    client, ben, goal
):
    # Ben's change waits for Ana; then care ends, and what Ben saves is saved at once.
    agreed_title = goal.title
    propose(client, ben, goal, title="Walk by the river")
    CareRelationship.objects.filter(client=ben).update(ended_at=timezone.now())
    assert as_the_page_holds(client, ben, goal)["title"] == agreed_title


def test_the_conflict_page_tells_ones_own_waiting_change_as_ones_own(client, ana, ben, goal):
    propose(client, ana, goal, title="Walk twice a week")
    response = ben_then_ana_save(
        client,
        ben,
        ana,
        goal,
        bens={"why_it_matters": "For my energy"},
        anas={"confidence": "9"},
    )
    assert response.status_code == 409
    assert "You proposed this on" in words(response, within="conflict")
