"""When a reminder stays silent: in quiet hours (from their first minute up to, not
including, their last), on the days the check-in rhythm leaves out, while tracking is
paused, before the check-in time (a questionnaire), and when the client did not ask
(a step due)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from cairn.progress.services import tracking_pause
from cairn.reminders.models import Preference
from cairn.reminders.schedule import send_due_reminders
from cairn.reminders.tests.factories import PreferenceFactory

UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("start", "end", "moment", "quiet"),
    [
        # Across midnight: 22:00 to 08:00.
        (time(22, 0), time(8, 0), time(21, 59), False),
        (time(22, 0), time(8, 0), time(22, 0), True),
        (time(22, 0), time(8, 0), time(3, 0), True),
        (time(22, 0), time(8, 0), time(7, 59), True),
        (time(22, 0), time(8, 0), time(8, 0), False),
        (time(22, 0), time(8, 0), time(12, 0), False),
        # Within a day: a lunchtime rest, 13:00 to 14:00.
        (time(13, 0), time(14, 0), time(12, 59), False),
        (time(13, 0), time(14, 0), time(13, 0), True),
        (time(13, 0), time(14, 0), time(13, 59), True),
        (time(13, 0), time(14, 0), time(14, 0), False),
        (time(13, 0), time(14, 0), time(23, 0), False),
    ],
)
def test_quiet_hours_run_from_their_first_minute_to_their_last(start, end, moment, quiet):
    assert Preference(quiet_start=start, quiet_end=end).is_quiet(moment) is quiet


def reminded_on(ben, day: date, rhythm: str) -> bool:
    """Whether Ben (in London, summer time) is reminded at 19:30 on `day`."""
    PreferenceFactory(user=ben, checkin_time=time(19, 0), checkin_rhythm=rhythm)
    send_due_reminders(datetime(day.year, day.month, day.day, 18, 30, tzinfo=UTC))
    return any("check-in waiting" in m.subject for m in mail.outbox)


@pytest.mark.parametrize(
    ("rhythm", "day", "reminded"),
    [
        ("daily", date(2026, 7, 4), True),  # a Saturday
        ("weekdays", date(2026, 7, 3), True),  # a Friday
        ("weekdays", date(2026, 7, 4), False),  # a Saturday
        ("weekdays", date(2026, 7, 5), False),  # a Sunday
        ("weekly", date(2026, 7, 6), True),  # a Monday
        ("weekly", date(2026, 7, 7), False),  # a Tuesday
        ("off", date(2026, 7, 6), False),
    ],
)
def test_the_rhythm_chooses_the_days(ben, rhythm, day, reminded):
    assert reminded_on(ben, day, rhythm) is reminded


def test_no_reminder_while_tracking_is_paused(ben):
    tracking_pause(client=ben, by=ben, starts_on=date(2026, 6, 20), reason="break")
    assert not reminded_on(ben, date(2026, 7, 1), "daily")


def test_a_questionnaire_reminder_waits_for_the_check_in_time(ben, measure_assignment):
    PreferenceFactory(user=ben, checkin_time=time(19, 0), checkin_rhythm="off")
    london = ZoneInfo("Europe/London")
    today = timezone.localdate(timezone=london)  # Ben's own day

    def questionnaire_reminders_at(hour: int, minute: int) -> int:
        send_due_reminders(datetime.combine(today, time(hour, minute), tzinfo=london))
        return sum("questionnaire waiting" in m.subject for m in mail.outbox)

    assert questionnaire_reminders_at(18, 59) == 0
    assert questionnaire_reminders_at(19, 0) == 1


@pytest.mark.parametrize("wanted", [True, False])
def test_a_step_due_today_is_reminded_only_when_the_client_asked(ben, milestone, wanted):
    milestone.due_date = date(2026, 7, 1)
    milestone.save()
    PreferenceFactory(user=ben, checkin_rhythm="off", step_reminders=wanted)
    send_due_reminders(datetime(2026, 7, 1, 18, 30, tzinfo=UTC))
    assert any("step on one of your goals" in m.subject for m in mail.outbox) is wanted
