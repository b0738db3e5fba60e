"""Behaviour a review found missing: each test names what a person would notice."""

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from cairn.core.models import AuditEvent


def test_a_refused_page_is_in_the_practice_audit_log(client, ben, ed, practice):
    client.force_login(ben)
    assert client.get("/practice/people/").status_code == 403
    event = AuditEvent.objects.get(actor_id=ben.pk, outcome="denied")
    assert (event.object_type, event.practice_id, event.path) == (
        "page",
        practice.pk,
        "/practice/people/",
    )
    client.force_login(ed)
    assert "Refused" in client.get("/practice/audit/", {"outcome": "denied"}).content.decode()


def test_sign_ins_and_refused_goals_reach_the_admins_log(client, ben, dana, ed, goal, practice):
    from tests.factories import TEST_PASSWORD

    client.post("/accounts/login/", {"login": "dana@example.test", "password": TEST_PASSWORD})
    assert client.get(f"/goals/{goal.pk}/").status_code == 404
    events = AuditEvent.objects.filter(practice_id=practice.pk, actor_id=dana.pk)
    assert events.filter(action="sign_in").exists()
    assert events.filter(object_type="goal", outcome="denied").exists()


def test_the_caseload_is_audited_once_per_view_naming_its_clients(client, ana, ben):
    client.force_login(ana)
    client.get("/")
    event = AuditEvent.objects.get(actor_id=ana.pk, object_type="caseload")
    assert event.client_ids == str(ben.pk)


def test_marking_discussed_never_redirects_off_site_or_fails_on_a_bad_session(
    client, ana, agenda_item
):
    client.force_login(ana)
    response = client.post(
        f"/agenda/{agenda_item.pk}/discussed/",
        {"session": "not-a-uuid", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response.url == "/"


def test_an_unreadable_version_is_a_conflict_not_an_error(client, ben, private_entry):
    client.force_login(ben)
    response = client.post(
        f"/journal/{private_entry.pk}/edit/", {"body": "New words", "version": "abc"}
    )
    assert response.status_code == 409


def test_a_unit_with_a_dollar_sign_still_draws(client, ben, goal):
    from cairn.progress.models import CheckIn, MeasureValue

    goal.measure_name, goal.measure_unit = "savings", "$\\frac"
    goal.save()
    checkin = CheckIn.objects.create(client=ben, date=timezone.localdate())
    MeasureValue.objects.create(checkin=checkin, goal=goal, value=Decimal(5))
    client.force_login(ben)
    assert client.get(f"/goals/{goal.pk}/measure.svg").status_code == 200


def test_a_forwarded_supporter_link_does_not_open_for_another_account(
    client, dana, pending_invitation
):
    from cairn.sharing.models import SupportGrant

    client.force_login(dana)
    response = client.post(f"/support/{pending_invitation}/")
    assert response.status_code == 403
    assert "sent to another address" in response.content.decode()
    assert SupportGrant.objects.get(email="hal@example.test").accepted_at is None


def test_a_first_note_from_a_second_window_does_not_overwrite_the_first(
    client, ana, therapy_session
):
    from cairn.sessions import crypto
    from cairn.sessions.models import SessionNote

    client.force_login(ana)
    client.post(f"/sessions/{therapy_session.pk}/note/", {"text": "From the first window"})
    response = client.post(
        f"/sessions/{therapy_session.pk}/note/", {"text": "From the second window"}
    )
    assert response.status_code == 409
    assert "From the first window" in response.content.decode()
    assert crypto.decrypt(SessionNote.objects.get().ciphertext) == "From the first window"
    version = SessionNote.objects.get().version
    client.post(
        f"/sessions/{therapy_session.pk}/note/", {"text": "Both, merged", "version": str(version)}
    )
    assert crypto.decrypt(SessionNote.objects.get().ciphertext) == "Both, merged"


def test_which_way_is_better_follows_from_the_numbers(client, ben):
    from cairn.goals.models import Goal

    client.force_login(ben)
    client.post(
        f"/clients/{ben.pk}/goals/new/",
        {
            "title": "Fewer late nights",
            "measure_name": "nights up past midnight",
            "measure_baseline": "5",
            "measure_target": "1",
            "start_date": timezone.localdate().isoformat(),
            "priority": "medium-priority",
        },
    )
    assert Goal.objects.get().measure_direction == "down"


def test_changing_todays_check_in_keeps_answers_about_a_goal_paused_since(client, ben, goal, ana):
    from cairn.progress.models import CheckIn, GoalRating
    from tests.factories import goal_for

    other = goal_for(ben, by=ben, agreed_by=ana, title="Sleep by eleven")
    today = timezone.localdate()
    client.force_login(ben)
    client.post(
        "/checkin/",
        {"date": today.isoformat(), f"rating_{goal.pk}": "4", f"rating_{other.pk}": "6"},
    )
    other.lifecycle_status = "on-hold"
    other.save()
    version = CheckIn.objects.get().version
    client.post(
        "/checkin/", {"date": today.isoformat(), f"rating_{goal.pk}": "5", "version": str(version)}
    )
    assert dict(GoalRating.objects.values_list("goal__title", "rating")) == {
        goal.title: 5,
        "Sleep by eleven": 6,
    }


def test_paused_days_stay_frozen_after_resuming_and_cannot_be_marked(client, ben, routine):
    from cairn.routines.models import RoutineLog

    client.force_login(ben)
    client.post(f"/routines/{routine.pk}/pause/", {"paused": "1"})
    client.post(f"/routines/{routine.pk}/log/", {"status": "done"})
    assert not RoutineLog.objects.exists()
    routine.refresh_from_db()
    routine.paused_at = timezone.localdate() - timedelta(days=5)
    routine.save()
    client.post(f"/routines/{routine.pk}/pause/", {"paused": "0"})
    routine.refresh_from_db()
    yesterday = timezone.localdate() - timedelta(days=1)
    assert routine.pauses == [[(yesterday - timedelta(days=4)).isoformat(), yesterday.isoformat()]]
    page = client.get(f"/clients/{ben.pk}/routines/").content.decode()
    assert page.count("day--paused") >= 5


def test_a_weekly_routine_stops_reminding_once_its_target_is_met(ben, routine):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.core import mail

    from cairn.reminders.models import Preference
    from cairn.reminders.schedule import send_due_reminders
    from cairn.routines.models import RoutineLog

    Preference.objects.create(user=ben, checkin_rhythm="off")
    routine.time_of_day = time(7, 0)
    routine.save()
    monday = datetime(2026, 7, 6, 12, 0, tzinfo=ZoneInfo("UTC"))
    for offset in (1, 2, 3):  # three walks already this week (Fri, Sat, Sun)
        RoutineLog.objects.create(
            routine=routine, date=(monday - timedelta(days=offset)).date(), status="done"
        )
    send_due_reminders(monday)
    assert not mail.outbox
    send_due_reminders(
        monday + timedelta(days=5)
    )  # Saturday: only Sunday's walk is in the last seven days
    assert len(mail.outbox) == 1


def test_the_calendar_spreads_three_a_week_and_carries_its_time_zone(
    client, ben, routine, calendar_feed
):
    from icalendar import Calendar

    routine.time_of_day = time(7, 30)
    routine.save()
    calendar = Calendar.from_ical(client.get(f"/calendar/{calendar_feed.token}.ics").content)
    event = next(c for c in calendar.walk("VEVENT") if str(c["SUMMARY"]) == "Your routine")
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_ending_care_tells_the_client_and_they_can_ask_to_return(
    client, ana, ben, ed, ana_and_ben, django_capture_on_commit_callbacks
):
    from cairn.care.services import care_end
    from cairn.reminders.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        care_end(relationship=ana_and_ben, by=ana, reason="Goals reached")
    assert Notification.objects.filter(user=ben, kind="care_ended").exists()
    client.force_login(ben)
    client.post("/after-therapy/return/")
    assert set(
        Notification.objects.filter(kind="return_requested").values_list("user", flat=True)
    ) == {ana.pk, ed.pk}


def test_one_shared_win_can_be_taken_back_without_ending_the_grant(
    client, ben, fay, fays_grant, bens_win
):
    fays_grant.all_wins = False
    fays_grant.save()
    fays_grant.wins.add(bens_win)
    client.force_login(ben)
    goal = fays_grant.goals.first()
    response = client.post(
        f"/sharing/{fays_grant.pk}/edit/", {"goals": [str(goal.pk)], "keep_items": []}
    )
    assert response.status_code == 302
    client.force_login(fay)
    page = client.get(f"/shared/{fays_grant.pk}/").content.decode()
    assert "Went to the pool" not in page and goal.title in page


def test_a_routine_can_be_removed_and_its_history_kept(client, ben, routine):
    from cairn.routines.models import Routine, RoutineLog

    RoutineLog.objects.create(routine=routine, date=timezone.localdate(), status="done")
    client.force_login(ben)
    client.post(f"/routines/{routine.pk}/remove/")
    page = client.get(f"/clients/{ben.pk}/routines/").content.decode()
    assert "is off your list" in page
    assert 'id="routine-' not in page
    assert Routine.objects.get().archived_at is not None and RoutineLog.objects.exists()


def test_the_coach_is_on_the_page_where_a_goal_is_changed(client, ben, goal):
    client.force_login(ben)
    page = client.get(f"/goals/{goal.pk}/edit/").content.decode()
    assert 'id="smart-coach"' in page and 'id="goal-form"' in page


def test_changing_a_step_keeps_why_and_a_clash_shows_the_saved_step(client, ben, milestone):
    from cairn.goals.models import Revision

    client.force_login(ben)
    client.post(
        f"/milestones/{milestone.pk}/edit/",
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
    response = client.post(
        f"/milestones/{milestone.pk}/edit/", {"title": "Walk daily", "version": milestone.version}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Walk twice this week" in page and "A new paperback" in page and "Walk daily" in page


def test_a_refused_comment_keeps_its_words_and_says_why(client, ben, goal):
    client.force_login(ben)
    response = client.post(f"/goals/{goal.pk}/comments/", {"text": "<b>hi</b> and more words"})
    page = response.content.decode()
    assert "Please use plain words here" in page
    assert "&lt;b&gt;hi&lt;/b&gt; and more words" in page
