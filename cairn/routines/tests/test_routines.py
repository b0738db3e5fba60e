from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cairn.progress.tests.factories import CheckInFactory, PlanUseFactory, TrackingPauseFactory
from cairn.routines.models import Routine, RoutineLog
from cairn.routines.selectors import routine_strength, routines_of
from cairn.routines.tests.factories import RoutineFactory, RoutineLogFactory
from tests.page import words


def test_a_routine_from_a_suggestion_marked_done_shows_strength_and_calendar(client, ben):
    client.force_login(ben)
    assert (
        'value="Ten minutes of mindfulness"'
        in client.get(
            reverse("routines:routine_create", args=[ben.pk]), {"suggestion": "mindfulness"}
        ).content.decode()
    )
    client.post(
        reverse("routines:routine_create", args=[ben.pk]),
        {"name": "Ten minutes of mindfulness", "times": "1", "period": "day"},
    )
    routine = Routine.objects.get()
    client.post(reverse("routines:routine_log", args=[routine.pk]), {"status": "done"})
    page = client.get(reverse("routines:routine_list", args=[ben.pk])).content.decode()
    assert "Habit strength: 5%" in page  # one done day of a daily habit: about 0.052
    assert "Done for today. Nice." in page
    assert "streak" not in page.lower()
    assert RoutineLog.objects.get().date == timezone.localdate()


def test_a_skip_costs_nothing_and_a_paused_routine_is_frozen(client, ben, routine):
    client.force_login(ben)
    client.post(reverse("routines:routine_log", args=[routine.pk]), {"status": "skipped"})
    assert (
        "Habit strength: 0%"
        in client.get(reverse("routines:routine_list", args=[ben.pk])).content.decode()
    )
    client.post(reverse("routines:routine_pause", args=[routine.pk]), {"paused": "1"})
    routine.refresh_from_db()
    assert routine.paused_at == timezone.localdate()
    assert (
        "Pick it up again"
        in client.get(reverse("routines:routine_list", args=[ben.pk])).content.decode()
    )


@pytest.mark.parametrize(
    ("times", "period", "message"),
    [
        ("0", "day", "Please choose at least once."),
        ("100", "day", "That's more than 10 times a day"),
        ("x", "week", "Please enter a whole number"),
    ],
)
def test_a_routine_of_zero_or_a_hundred_times_a_day_is_refused(client, ben, times, period, message):
    client.force_login(ben)
    response = client.post(
        reverse("routines:routine_create", args=[ben.pk]),
        {"name": "Stretch", "times": times, "period": period},
    )
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Routine.objects.exists()


def test_the_therapist_sets_one_up_but_only_the_client_marks_days(client, ana, ben):
    client.force_login(ana)
    client.post(
        reverse("routines:routine_create", args=[ben.pk]),
        {"name": "Call a friend", "times": "1", "period": "week"},
    )
    routine = Routine.objects.get(client=ben)
    assert (
        client.post(
            reverse("routines:routine_log", args=[routine.pk]), {"status": "done"}
        ).status_code
        == 403
    )
    assert not RoutineLog.objects.exists()


def test_the_maintenance_plan_carries_the_plans_that_helped_and_the_practice(
    client, ben, plan, practice, urgent_help
):

    for day in range(3):
        checkin = CheckInFactory(
            client=ben, date=timezone.localdate() - timezone.timedelta(days=day)
        )
        PlanUseFactory(checkin=checkin, plan=plan, helped=3)
    client.force_login(ben)
    client.post(
        reverse("routines:maintenance_edit", args=[ben.pk]),
        {
            "warning_signs": "Sleeping badly for a week",
            "coping": "Walks",
            "people": "My brother",
            "when_to_return": "If it lasts two weeks",
        },
    )
    # The plan's own words: every page's footer has the practice's phone and urgent-help
    # words too.
    page = words(client.get(reverse("routines:maintenance_plan", args=[ben.pk])), within="main")
    assert "Sleeping badly for a week" in page
    assert "walk round the shopping centre instead" in page and "used 3 times, helped a lot" in page
    assert practice.phone in page and urgent_help in page


@pytest.mark.parametrize(
    ("answers", "said"),
    [((3, 2), "helped a lot"), ((2, 1), "helped a little"), ((1, 1, 2), "helped not much")],
)
def test_the_maintenance_plan_says_how_much_a_plan_helped_on_the_whole(
    client, ben, plan, answers, said
):
    # Halfway between two answers counts as the higher one.
    for day, helped in enumerate(answers):
        checkin = CheckInFactory(client=ben, date=timezone.localdate() - timedelta(days=day))
        PlanUseFactory(checkin=checkin, plan=plan, helped=helped)
    client.force_login(ben)
    page = words(client.get(reverse("routines:maintenance_plan", args=[ben.pk])), within="main")
    assert f"used {len(answers)} times, {said})" in page


def test_two_edits_of_the_maintenance_plan_conflict(client, ana, ben):
    client.force_login(ben)
    client.post(reverse("routines:maintenance_edit", args=[ben.pk]), {"warning_signs": "First"})
    client.post(
        reverse("routines:maintenance_edit", args=[ben.pk]),
        {"warning_signs": "Second", "version": "1"},
    )
    client.force_login(ana)
    response = client.post(
        reverse("routines:maintenance_edit", args=[ben.pk]),
        {"warning_signs": "Third", "version": "1"},
    )
    assert response.status_code == 409
    from cairn.routines.models import MaintenancePlan

    assert MaintenancePlan.objects.get().warning_signs == "Second"


def test_after_therapy_turns_achieved_goals_into_routines(client, ana, ben, goal, ana_and_ben):
    from cairn.care.services import care_end

    goal.lifecycle_status = "completed"
    goal.save()
    care_end(relationship=ana_and_ben, by=ana, reason="Goals reached")
    client.force_login(ben)
    assert "Life after therapy" in client.get(reverse("home:home")).content.decode()
    page = client.get(reverse("routines:after_therapy")).content.decode()
    assert "Turn it into a routine" in page
    response = client.get(reverse("routines:routine_create", args=[ben.pk]), {"goal": goal.pk})
    assert f'value="{goal.title}"' in response.content.decode()
    client.post(
        reverse("routines:routine_create", args=[ben.pk]),
        {"name": goal.title, "times": "3", "period": "week", "from_goal": str(goal.pk)},
    )
    assert "Now a routine" in client.get(reverse("routines:after_therapy")).content.decode()


def test_skip_today_leaves_the_strength_shown_unchanged(client, ben):
    # A daily routine begun six days ago, done on the five days before today:
    # by hand, 1 - m**5 with m = 0.5 ** (1/13) gives 0.2340, shown as 23%.
    today = timezone.localdate()
    routine = RoutineFactory(client=ben, name="Stretch", times=1, period="day")
    Routine.objects.filter(pk=routine.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=5)
    )
    for back in range(1, 6):
        RoutineLogFactory(
            routine=routine, date=today - timezone.timedelta(days=back), status="done"
        )
    client.force_login(ben)
    url = reverse("routines:routine_list", args=[ben.pk])
    assert "Habit strength: 23%" in client.get(url).content.decode()
    client.post(reverse("routines:routine_log", args=[routine.pk]), {"status": "skipped"})
    assert "Habit strength: 23%" in client.get(url).content.decode()
    client.post(reverse("routines:routine_log", args=[routine.pk]), {"status": "done"})
    assert "Habit strength: 27%" in client.get(url).content.decode()  # 1 - m**6 = 0.2730


@pytest.mark.parametrize(("times", "period"), [(1, "day"), (3, "week")])
def test_one_routines_strength_is_the_one_its_list_shows(ben, times, period):
    """Marking a day answers with the strength read for that routine alone."""
    today = timezone.localdate()
    routine = RoutineFactory(client=ben, name="Stretch", times=times, period=period)
    Routine.objects.filter(pk=routine.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=40),
        pauses=[
            [str(today - timezone.timedelta(days=30)), str(today - timezone.timedelta(days=25))]
        ],
    )
    routine.refresh_from_db()
    RoutineFactory(client=ben, name="Another, with days of its own")
    for back in range(0, 40, 2):
        status = "skipped" if back % 6 == 0 else "done"
        day = today - timezone.timedelta(days=back)
        RoutineLogFactory(routine=routine, date=day, status=status)
    TrackingPauseFactory(
        client=ben,
        starts_on=today - timezone.timedelta(days=12),
        ends_on=today - timezone.timedelta(days=9),
    )
    # And one still running (no last day yet).
    TrackingPauseFactory(client=ben, starts_on=today - timezone.timedelta(days=2), ends_on=None)
    shown = {view.routine.pk: view.strength for view in routines_of(ben, today)}
    assert 0 < shown[routine.pk] < 100
    assert routine_strength(routine, today) == shown[routine.pk]


def test_a_mark_that_is_neither_done_nor_skipped_is_refused_in_words(client, ben, routine):
    client.force_login(ben)
    response = client.post(
        reverse("routines:routine_log", args=[routine.pk]), {"status": "maybe"}, follow=True
    )
    assert "Choose done or skipped for the day. Nothing has been saved." in words(response)
    assert not RoutineLog.objects.exists()


def test_a_routine_made_in_a_los_angeles_evening_counts_the_day_it_was_kept(client, ben):
    # 5 pm on 7 December in Los Angeles is already the 8th in UTC: the routine began on
    # the 7th, Ben's day, and the walk he marked done that evening counts.
    ben.time_zone = "America/Los_Angeles"
    ben.save(update_fields=["time_zone"])
    with time_machine.travel(datetime(2026, 12, 8, 1, 0, tzinfo=UTC), tick=False):
        routine = RoutineFactory(client=ben)
        client.force_login(ben)
        client.post(reverse("routines:routine_log", args=[routine.pk]), {"status": "done"})
        page = words(client.get(reverse("routines:routine_list", args=[ben.pk])), within="main")
    assert RoutineLog.objects.get().date == date(2026, 12, 7)
    assert "Habit strength: 5%" in page  # one day, kept: as for anyone on their first day
