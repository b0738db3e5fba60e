import html
import re
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from cairn.accounts.time import local_today
from cairn.core.models import AuditEvent
from cairn.progress.models import CheckIn, GoalRating, MeasureValue, PlanUse
from cairn.progress.tests.factories import CheckInFactory, TrackingPauseFactory
from cairn.routines.tests.factories import RoutineFactory
from tests.page import words

CHECKIN = reverse_lazy("progress:checkin")


@pytest.fixture(autouse=True)
def care_began_a_month_ago(ana, ben):
    # Back-dating stops at the start of care; the factories start it today.
    from cairn.care.models import CareRelationship

    CareRelationship.objects.filter(client=ben).update(
        started_on=timezone.localdate() - timedelta(days=30)
    )


@pytest.fixture
def measured_goal(goal):
    goal.measure_name, goal.measure_unit = "walks a week", "walks"
    goal.measure_baseline, goal.measure_target, goal.measure_direction = (
        Decimal(0),
        Decimal(3),
        "up",
    )
    goal.save()
    return goal


def answers(goal, plan=None, **overrides):
    data = {
        "date": local_today(goal.client).isoformat(),
        "mood": "4",
        f"rating_{goal.pk}": "6",
        "note": "A good walk",
    }
    if goal.measure_name:
        data[f"measure_{goal.pk}"] = "2"
    if plan is not None:
        data[f"plan_{plan.pk}"] = "3"
    data.update(overrides)
    return data


def test_a_client_checks_in_with_ratings_measures_mood_and_plans(client, ben, measured_goal, plan):
    client.force_login(ben)
    page = client.get(CHECKIN).content.decode()
    assert (
        measured_goal.title in page and "walks a week (walks)" in page and plan.then_action in page
    )
    response = client.post(CHECKIN, answers(measured_goal, plan))
    assert response.status_code == 302
    checkin = CheckIn.objects.get(client=ben)
    assert (checkin.mood, checkin.note) == (4, "A good walk")
    assert GoalRating.objects.get(checkin=checkin).rating == 6
    assert MeasureValue.objects.get(checkin=checkin).value == Decimal(2)
    assert PlanUse.objects.get(checkin=checkin).helped == 3
    assert AuditEvent.objects.filter(
        actor_id=ben.pk, object_type="checkin", action="write"
    ).exists()
    assert "Done for today" in client.get(reverse("home:home")).content.decode()


def test_a_second_check_in_the_same_day_edits_the_first(client, ben, goal):
    client.force_login(ben)
    client.post(CHECKIN, answers(goal))
    page = client.get(CHECKIN).content.decode()
    assert "You've checked in for this day already" in page
    version = CheckIn.objects.get().version
    client.post(
        CHECKIN,
        answers(goal, **{f"rating_{goal.pk}": "8", "version": str(version)}),
    )
    assert CheckIn.objects.count() == 1
    assert GoalRating.objects.get().rating == 8


def test_the_days_check_in_opens_with_what_was_saved(client, ben, measured_goal, plan):
    client.force_login(ben)
    client.post(
        CHECKIN,
        answers(
            measured_goal,
            mood="4",
            note="Walked to the library",
            **{f"measure_{measured_goal.pk}": "2", f"plan_{plan.pk}": "3"},
        ),
    )
    page = client.get(CHECKIN).content.decode()
    assert re.search(r'name="mood" value="4"[^>]*checked', page)
    assert re.search(rf'name="rating_{measured_goal.pk}" value="6"[^>]*checked', page)
    assert re.search(rf'name="measure_{measured_goal.pk}" value="2', page)
    assert re.search(r'<option value="3" selected>A lot</option>', page)
    assert "Walked to the library</textarea>" in page
    version = CheckIn.objects.get().version
    assert f'name="version" value="{version}"' in page


def test_the_date_is_the_clients_own_local_date(client, ben, goal):
    from cairn.care.models import CareRelationship

    ben.time_zone = "Pacific/Auckland"
    ben.save()
    CareRelationship.objects.filter(client=ben).update(started_on="2026-05-01")
    # 20:00 in London on the 1st is already the 2nd in Auckland.
    with time_machine.travel("2026-06-01 20:00:00+00:00", tick=False):
        client.force_login(ben)
        client.post(CHECKIN, answers(goal, date="2026-06-02"))
        assert CheckIn.objects.get().date.isoformat() == "2026-06-02"


@pytest.mark.parametrize(
    ("days_ago", "ok", "message"),
    [
        (0, True, ""),
        (14, True, ""),
        (15, False, "Check-ins can go back up to 14 days"),
        (-1, False, "That day hasn't happened yet"),
    ],
)
def test_back_dating_up_to_two_weeks_and_never_the_future(client, ben, goal, days_ago, ok, message):
    client.force_login(ben)
    day = local_today(ben) - timedelta(days=days_ago)
    response = client.post(CHECKIN, answers(goal, date=day.isoformat()))
    assert CheckIn.objects.exists() is ok
    if not ok:
        assert message in html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rating", "11", "Please choose a rating from 0 to 10."),
        ("rating", "-1", "Please choose a rating from 0 to 10."),
        ("measure", "a few", "Please enter a number, like 3 or 7.5."),
        ("mood", "9", "Select a valid choice"),
        ("note", "<script>alert(1)</script>", "Please use plain words here"),
        ("date", "yesterday", "Please enter a date"),
    ],
)
def test_bad_answers_get_a_message_and_nothing_is_half_saved(
    client, ben, measured_goal, field, value, message
):
    client.force_login(ben)
    name = {"rating": f"rating_{measured_goal.pk}", "measure": f"measure_{measured_goal.pk}"}.get(
        field, field
    )
    response = client.post(CHECKIN, answers(measured_goal, **{name: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CheckIn.objects.exists()
    assert not GoalRating.objects.exists()


def test_a_rating_for_someone_elses_goal_is_ignored(client, ben, goal, dana, cara):
    from tests.factories import goal_for

    other = goal_for(dana, by=dana, agreed_by=cara)
    client.force_login(ben)
    client.post(CHECKIN, answers(goal, **{f"rating_{other.pk}": "9"}))
    assert not GoalRating.objects.filter(goal=other).exists()


def test_only_clients_check_in_for_themselves(client, ana, ben, goal):
    client.force_login(ana)
    assert client.post(CHECKIN, answers(goal)).status_code == 404
    assert not CheckIn.objects.exists()


def test_the_therapist_sees_the_check_ins(client, ana, ben, goal):
    client.force_login(ben)
    client.post(CHECKIN, answers(goal))
    client.force_login(ana)
    page = client.get(reverse("progress:checkin_list", args=[ben.pk])).content.decode()
    assert "A good walk" in page
    assert f"{goal.title[:29]}" in page


def test_a_week_of_check_ins_is_counted_without_streaks(client, ben, goal):
    client.force_login(ben)
    today = local_today(ben)
    monday = today - timedelta(days=today.weekday())
    for day in {monday, today}:
        client.post(CHECKIN, answers(goal, date=day.isoformat()))
    page = client.get(reverse("home:home")).content.decode()
    days = len({monday, today})
    assert f"This week you've checked in on {days} day" in page
    assert "streak" not in page.lower()


def test_welcome_back_after_a_gap_and_never_a_scolding(client, ben, goal):
    CheckInFactory(client=ben, date=local_today(ben) - timedelta(days=9))
    client.force_login(ben)
    page = client.get(reverse("home:home")).content.decode()
    assert "Welcome back" in page
    for unkind in ("missed", "broken", "streak", "failed"):
        assert unkind not in page.lower()


def test_paused_days_count_for_nothing(client, ben, goal):

    today = local_today(ben)
    CheckInFactory(client=ben, date=today - timedelta(days=9))
    TrackingPauseFactory(
        client=ben,
        starts_on=today - timedelta(days=8),
        ends_on=today - timedelta(days=1),
        reason="holiday",
    )
    client.force_login(ben)
    page = client.get(reverse("home:home")).content.decode()
    assert "Welcome back" not in page


def test_pausing_and_resuming_tracking(client, ben):
    client.force_login(ben)
    client.post(reverse("progress:tracking_pause"), {"reason": "illness"})
    assert "Tracking is resting (being unwell)" in client.get(reverse("home:home")).content.decode()
    client.post(reverse("progress:tracking_resume"))
    assert "Tracking is resting" not in client.get(reverse("home:home")).content.decode()


def test_the_client_pages_run_a_constant_number_of_queries_from_10_to_10000_check_ins(
    client, ben, goal, milestone
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cairn.core.page_cache import record_changed
    from cairn.routines.models import RoutineLog

    routine = RoutineFactory(client=ben, name="Morning walk")

    def add_checkins(count: int, start: int) -> None:
        today = local_today(ben)
        checkins = CheckIn.objects.bulk_create(
            CheckIn(client=ben, date=today - timedelta(days=offset), mood=3)
            for offset in range(start, start + count)
        )
        GoalRating.objects.bulk_create(
            GoalRating(checkin=checkin, goal=goal, rating=i % 11)
            for i, checkin in enumerate(checkins)
        )
        RoutineLog.objects.bulk_create(
            RoutineLog(routine=routine, date=checkin.date, status="done") for checkin in checkins
        )
        # As the services' writes do: the pages are drawn again, not shown as kept.
        record_changed([ben.pk])

    pages = [
        "/",
        reverse("goals:goal_detail", args=[goal.pk]),
        reverse("progress:goal_progress", args=[goal.pk]),
        reverse("routines:routine_list", args=[ben.pk]),
    ]

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    # Frozen: the idle timer's renewal (once a minute) would add a session write.
    with time_machine.travel(timezone.now(), tick=False):
        client.force_login(ben)
        add_checkins(10, 1)
        with_ten = [count(path) for path in pages]
        add_checkins(990, 11)
        assert [count(path) for path in pages] == with_ten
        add_checkins(9000, 1001)
        assert [count(path) for path in pages] == with_ten


def test_the_check_in_form_fits_a_phone_without_a_clock(client, ben, goal):
    # Under a minute: one page, any single answer is enough.
    client.force_login(ben)
    response = client.post(CHECKIN, {"date": local_today(ben).isoformat(), "mood": "3"})
    assert response.status_code == 302
    assert CheckIn.objects.get().mood == 3


def test_an_empty_check_in_is_not_saved(client, ben, goal):
    client.force_login(ben)
    response = client.post(CHECKIN, {"date": local_today(ben).isoformat(), "note": "  "})
    assert response.status_code == 200
    assert "Choose at least one answer" in html.unescape(response.content.decode())
    assert not CheckIn.objects.exists()
    assert "Done for today" not in client.get(reverse("home:home")).content.decode()


def test_back_dating_starts_from_an_empty_form_for_that_day(client, ben, goal):
    client.force_login(ben)
    client.post(CHECKIN, answers(goal, note="Today's own note", mood="5"))
    three_days_ago = local_today(ben) - timedelta(days=3)
    page = client.get(CHECKIN, {"date": three_days_ago.isoformat()}).content.decode()
    assert "Today&#x27;s own note" not in page and "Today's own note" not in page
    assert not re.search(r'name="mood" value="5"[^>]*checked', page)
    assert f"Check-in for {three_days_ago:%A} {three_days_ago.day} {three_days_ago:%B}" in page
    assert f"How were you feeling on {three_days_ago:%A}" in page
    client.post(
        CHECKIN,
        answers(goal, date=three_days_ago.isoformat(), note="Back then"),
    )
    assert CheckIn.objects.get(date=three_days_ago).note == "Back then"
    assert CheckIn.objects.get(date=local_today(ben)).note == "Today's own note"
    # That day's saved check-in comes back when the day is chosen again.
    page = client.get(CHECKIN, {"date": three_days_ago.isoformat()}).content.decode()
    assert "Back then" in page


@pytest.mark.parametrize(
    ("days_ago", "message"),
    [
        # Care began two days ago: "up to 14 days back" would still be too early.
        (20, "You can check in from"),
        (-2, "That day hasn't happened yet"),
        (5, "You can check in from"),
    ],
)
def test_a_day_outside_the_care_period_gets_a_clear_message(
    client, ana, ben, goal, days_ago, message
):
    from cairn.care.models import CareRelationship

    CareRelationship.objects.filter(client=ben).update(
        started_on=local_today(ben) - timedelta(days=2)
    )
    client.force_login(ben)
    day = (local_today(ben) - timedelta(days=days_ago)).isoformat()
    page = html.unescape(client.get(CHECKIN, {"date": day}).content.decode())
    assert message in page
    assert "Today's check-in" in page  # the form stays on today
    client.post(CHECKIN, answers(goal, date=day))
    assert not CheckIn.objects.exists()


def test_nothing_rated_today_in_the_future_even_near_midnight(client, ben, goal):
    with time_machine.travel(timezone.now().replace(hour=23, minute=59), tick=False):
        client.force_login(ben)
        tomorrow = local_today(ben) + timedelta(days=1)
        client.post(CHECKIN, answers(goal, date=tomorrow.isoformat()))
        assert not CheckIn.objects.exists()


def test_a_saved_measure_comes_back_without_trailing_zeros(client, ben, measured_goal):
    client.force_login(ben)
    client.post(CHECKIN, answers(measured_goal, **{f"measure_{measured_goal.pk}": "2"}))
    page = client.get(CHECKIN).content.decode()
    assert f'name="measure_{measured_goal.pk}" value="2"' in page
    assert "2.00" not in page


def test_changing_todays_check_in_keeps_answers_about_a_goal_paused_since(client, ben, goal, ana):
    from tests.factories import goal_for

    other = goal_for(ben, by=ben, agreed_by=ana, title="Sleep by eleven")
    today = timezone.localdate()
    client.force_login(ben)
    client.post(
        CHECKIN,
        {"date": today.isoformat(), f"rating_{goal.pk}": "4", f"rating_{other.pk}": "6"},
    )
    other.lifecycle_status = "on-hold"
    other.save()
    version = CheckIn.objects.get().version
    client.post(
        CHECKIN,
        {"date": today.isoformat(), f"rating_{goal.pk}": "5", "version": str(version)},
    )
    assert dict(GoalRating.objects.values_list("goal__title", "rating")) == {
        goal.title: 5,
        "Sleep by eleven": 6,
    }


def test_a_day_that_cannot_be_read_gets_the_same_words_in_the_picker_as_in_the_form(
    client, ben, goal
):
    client.force_login(ben)
    picked = client.get(CHECKIN, {"date": "next tuesday"})
    posted = client.post(CHECKIN, answers(goal, date="next tuesday"))
    assert words(picked, within="id_pick_date_error") == "Please enter a date, like 2026-11-27."
    assert "Please enter a date, like 2026-11-27." in words(posted, within="main")
    assert "Today's check-in" in words(picked, within="main")  # the form stays on today
    assert not CheckIn.objects.exists()


def test_a_day_out_of_range_stays_in_the_picker_with_what_is_wrong(client, ben):
    client.force_login(ben)
    day = local_today(ben) + timedelta(days=2)
    page = client.get(CHECKIN, {"date": day.isoformat()})
    assert words(page, within="id_pick_date_error").startswith("That day hasn't happened yet.")
    assert f'id="id_pick_date" value="{day.isoformat()}"' in page.content.decode()
