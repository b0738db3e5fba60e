from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core import mail

from cairn.reminders.schedule import send_due_reminders
from cairn.reminders.tests.factories import PreferenceFactory
from cairn.routines.tests.factories import RoutineLogFactory


def test_a_weekly_routine_stops_reminding_once_its_target_is_met(ben, routine):
    PreferenceFactory(user=ben, checkin_rhythm="off")
    routine.time_of_day = time(7, 0)
    routine.save()
    monday = datetime(2026, 7, 6, 12, 0, tzinfo=ZoneInfo("UTC"))
    for offset in (1, 2, 3):  # three walks already this week (Fri, Sat, Sun)
        RoutineLogFactory(
            routine=routine, date=(monday - timedelta(days=offset)).date(), status="done"
        )
    send_due_reminders(monday)
    assert not mail.outbox
    # Saturday: only Sunday's walk is in the last seven days.
    send_due_reminders(monday + timedelta(days=5))
    assert len(mail.outbox) == 1
