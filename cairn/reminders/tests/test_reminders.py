"""Reminders at the client's own time, in their time zone, across daylight-saving
changes, never in quiet hours, never twice, never with clinical words."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from cairn.progress.tests.factories import CheckInFactory, TrackingPauseFactory
from cairn.reminders.models import Notification, ReminderSent
from cairn.reminders.notify import unsubscribe_token
from cairn.reminders.schedule import send_due_reminders
from cairn.reminders.tests.factories import PreferenceFactory
from tests.page import words

UTC = ZoneInfo("UTC")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def prefs(ben):
    return PreferenceFactory(user=ben, checkin_time=time(19, 0))


def checkin_emails():
    return [m for m in mail.outbox if "check-in waiting" in m.subject]


@pytest.mark.parametrize(
    ("zone", "moment", "sent"),
    [
        # London in summer (BST, UTC+1): 19:00 local is 18:00 UTC.
        ("Europe/London", "2026-07-01 17:59", False),
        ("Europe/London", "2026-07-01 18:00", True),
        # The day after the clocks go back (GMT): 19:00 local is 19:00 UTC.
        ("Europe/London", "2026-10-25 18:30", False),
        ("Europe/London", "2026-10-25 19:00", True),
        # New York after its own change (EST, UTC-5): 19:00 local is 00:00 UTC next day.
        ("America/New_York", "2026-11-02 23:59", False),
        ("America/New_York", "2026-11-03 00:00", True),
        # Auckland in its summer (NZDT, UTC+13): 19:00 local is 06:00 UTC.
        ("Pacific/Auckland", "2026-12-01 06:00", True),
    ],
)
def test_check_in_reminders_follow_the_clients_own_clock(ben, prefs, zone, moment, sent):
    ben.time_zone = zone
    ben.save()
    send_due_reminders(at(moment))
    assert bool(checkin_emails()) is sent


def test_never_twice_however_often_the_task_runs(ben, prefs):
    for minute in range(5):
        send_due_reminders(at("2026-07-01 18:00") + timedelta(minutes=minute))
    assert len(checkin_emails()) == 1
    assert ReminderSent.objects.filter(user=ben).count() == 1
    assert Notification.objects.filter(user=ben, kind="checkin").count() == 1


def test_never_in_quiet_hours(ben, prefs):
    prefs.checkin_time, prefs.quiet_start, prefs.quiet_end = time(7, 0), time(22, 0), time(8, 0)
    prefs.save()
    send_due_reminders(at("2026-07-01 06:30"))  # 07:30 in London: quiet
    assert not checkin_emails()
    send_due_reminders(at("2026-07-01 07:05"))  # 08:05: quiet hours are over
    assert len(checkin_emails()) == 1


def test_no_reminder_once_the_client_has_checked_in(ben, prefs):
    from datetime import date

    CheckInFactory(client=ben, date=date(2026, 7, 1))
    send_due_reminders(at("2026-07-01 18:30"))
    assert not checkin_emails()


def test_no_clinical_words_in_any_email(ben, prefs, goal, routine, milestone):
    from datetime import date

    routine.time_of_day = time(7, 0)
    routine.save()
    milestone.due_date = date(2026, 7, 1)
    milestone.save()
    send_due_reminders(at("2026-07-01 18:30"))
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        text = message.subject + message.body
        for private in (goal.title, routine.name, milestone.title, "Walk", "walk"):
            assert private not in text
        assert "/unsubscribe/" in message.body
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_unsubscribe_works_without_signing_in_and_changes_nothing_else(client, ben, prefs):
    token = unsubscribe_token(ben)
    assert client.get(reverse("reminders:unsubscribe", args=[token])).status_code == 200
    client.post(reverse("reminders:unsubscribe", args=[token]))
    prefs.refresh_from_db()
    assert prefs.by_email is False
    assert (prefs.in_app, prefs.checkin_rhythm, prefs.checkin_time) == (True, "daily", time(19, 0))
    send_due_reminders(at("2026-07-01 18:30"))
    assert not checkin_emails()
    assert Notification.objects.filter(user=ben, kind="checkin").exists()


def test_a_tampered_unsubscribe_link_reveals_nothing(client, ben, prefs):
    token = unsubscribe_token(ben)
    tampered = reverse("reminders:unsubscribe", args=[token[:-2] + "xx"])
    assert client.get(tampered).status_code == 404
    assert client.post(tampered).status_code == 404
    prefs.refresh_from_db()
    assert prefs.by_email is True


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_worker_sends_them_and_a_restart_sends_no_duplicate(ben):
    import time_machine

    PreferenceFactory(user=ben, checkin_time=time(19, 0))
    with time_machine.travel(at("2026-07-01 18:10"), tick=False):
        call_command("reminders_scheduler", "--once")
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        call_command(
            "db_worker", "--batch", "--no-startup-delay", verbosity=0
        )  # sends the e-mail queued
        call_command("reminders_scheduler", "--once")  # after a restart
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(checkin_emails()) == 1


@pytest.mark.parametrize(
    ("quiet_end", "saved"),
    [("06:00", True), ("06:01", False)],  # quiet from 10:00: twenty hours, and a minute more
)
def test_quiet_hours_leave_at_least_four_hours_for_reminders(client, ben, prefs, quiet_end, saved):
    client.force_login(ben)
    response = client.post(
        reverse("reminders:preferences"),
        {
            "checkin_rhythm": "daily",
            "checkin_time": "08:00",
            "quiet_start": "10:00",
            "quiet_end": quiet_end,
            "time_zone": "Europe/London",
            "by_email": "on",
        },
    )
    prefs.refresh_from_db()
    assert (prefs.quiet_start == time(10, 0)) is saved
    refused = "Please keep at least four hours outside them" in words(response, within="main")
    assert refused is not saved


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"quiet_start": "08:00", "quiet_end": "08:00"},
            "quiet_end",
            "Quiet hours this long leave no time",
        ),
        (
            {"quiet_start": "09:00", "quiet_end": "07:00"},
            "quiet_end",
            "Quiet hours this long leave no time",
        ),
        ({"checkin_time": "23:00"}, "checkin_time", "That time falls in your quiet hours"),
        (
            {"time_zone": "Atlantis/Lost_City"},
            "time_zone",
            "Please choose a time zone from the list",
        ),
        ({"checkin_time": "7pm"}, "checkin_time", "Please enter a time, like 19:00."),
    ],
)
def test_bad_preferences_get_a_clear_message(client, ben, prefs, data, field, message):
    values = {
        "checkin_rhythm": "daily",
        "checkin_time": "19:00",
        "quiet_start": "22:00",
        "quiet_end": "08:00",
        "time_zone": "Europe/London",
        "by_email": "on",
        "in_app": "on",
    } | data
    client.force_login(ben)
    response = client.post(reverse("reminders:preferences"), values)
    assert message in response.content.decode()
    prefs.refresh_from_db()
    assert (prefs.quiet_start, prefs.checkin_time) == (time(22, 0), time(19, 0))


def test_a_proposed_goal_rings_the_bell_of_the_other_side(
    client, ben, ana, django_capture_on_commit_callbacks
):
    from cairn.goals.services.goal_lifecycle import goal_propose

    with django_capture_on_commit_callbacks(execute=True):
        goal_propose(client=ben, by=ana, data={"title": "Try a new class"})
    client.force_login(ben)
    page = client.get(reverse("home:home")).content.decode()
    assert (
        '<span class="visually-hidden">Notifications: </span>1<span class="visually-hidden"> new</span>'
        in page
    )
    listing = client.get(reverse("reminders:notification_list")).content.decode()
    assert "Your therapist proposed a goal for you to look at" in listing
    assert "Try a new class" not in listing  # details only if Ben chooses them
    client.post(reverse("reminders:notifications_read"))
    assert "Notifications: </span>0" in client.get(reverse("home:home")).content.decode()


def test_a_cheer_and_a_shared_entry_notify(
    client, ana, ben, fays_grant, goal, private_entry, django_capture_on_commit_callbacks
):
    from cairn.journal.services import entry_share
    from cairn.sharing.services import cheer_send

    with django_capture_on_commit_callbacks(execute=True):
        cheer_send(grant=fays_grant, supporter=fays_grant.supporter, text="Go Ben", target=goal)
        entry_share(entry=private_entry, shared=True)
    assert Notification.objects.filter(user=ben, kind="cheer").exists()
    assert Notification.objects.filter(user=ana, kind="journal_shared").exists()


def test_an_unsubscribe_link_expires_and_says_where_to_find_a_fresh_one(client, ben, prefs):
    import time_machine

    with time_machine.travel(datetime.now(ZoneInfo("UTC")) - timedelta(days=61)):
        old = unsubscribe_token(ben)
    response = client.post(reverse("reminders:unsubscribe", args=[old]))
    assert response.status_code == 410
    assert "Every reminder e-mail carries a fresh one" in response.content.decode()
    prefs.refresh_from_db()
    assert prefs.by_email is True
    with time_machine.travel(datetime.now(ZoneInfo("UTC")) - timedelta(days=59)):
        recent = unsubscribe_token(ben)
    assert client.get(reverse("reminders:unsubscribe", args=[recent])).status_code == 200


def test_every_email_carries_a_fresh_unsubscribe_link(ben, prefs):
    import time_machine

    with time_machine.travel(datetime.now(ZoneInfo("UTC"))):
        first = unsubscribe_token(ben)
    with time_machine.travel(datetime.now(ZoneInfo("UTC")) + timedelta(days=1)):
        second = unsubscribe_token(ben)
    assert first != second


def test_an_expired_unsubscribe_link_says_how_long_links_last(client, ben, monkeypatch):
    # The page reads the links' lifetime from the rule that expires them.
    import time_machine

    from cairn.reminders import notify

    monkeypatch.setattr(notify, "UNSUBSCRIBE_DAYS", 45)
    with time_machine.travel(datetime.now(ZoneInfo("UTC")) - timedelta(days=50)):
        old = unsubscribe_token(ben)
    response = client.get(reverse("reminders:unsubscribe", args=[old]))
    assert response.status_code == 410
    assert "Links to stop reminder e-mails work for 45 days." in words(response)


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "sent"),
    [
        (date(2026, 6, 28), None, False),  # paused from the home page, still resting
        (date(2026, 6, 28), date(2026, 7, 1), False),  # a pause that ends tonight
        (date(2026, 6, 28), date(2026, 6, 30), True),  # back since this morning
        (date(2026, 7, 2), None, True),  # a pause that begins tomorrow
    ],
)
def test_no_reminder_while_tracking_rests(ben, prefs, starts_on, ends_on, sent):
    # The days the home page says tracking rests are the days nothing nudges.
    TrackingPauseFactory(client=ben, starts_on=starts_on, ends_on=ends_on)
    send_due_reminders(at("2026-07-01 18:30"))
    assert bool(checkin_emails()) is sent
