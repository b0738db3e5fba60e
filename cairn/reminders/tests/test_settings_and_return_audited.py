"""A client's reminder settings, unsubscribing from e-mail and asking to come back to
therapy are their record's writes: the practice's audit log shows each of them."""

import pytest
from django.urls import reverse, reverse_lazy

from cairn.care.roles import name_with_reference
from cairn.reminders.notify import unsubscribe_token
from cairn.reminders.tests.factories import NotificationFactory, PreferenceFactory
from tests.page import words

AUDIT_LOG = reverse_lazy("care:audit_log")


def audit_log_about(client, admin, kind: str) -> str:
    client.force_login(admin)
    return words(client.get(AUDIT_LOG, {"kind": kind}), within="main")


def test_saving_reminder_settings_is_in_the_audit_log(client, ben, ed):
    PreferenceFactory(user=ben)
    client.force_login(ben)
    client.post(
        reverse("reminders:preferences"),
        {
            "checkin_rhythm": "weekly",
            "checkin_time": "19:00",
            "quiet_start": "22:00",
            "quiet_end": "08:00",
            "time_zone": "Europe/London",
            "in_app": "on",
        },
    )
    page = audit_log_about(client, ed, "reminder_preference")
    assert f"{name_with_reference(ben)} Changed the reminder settings" in page


@pytest.mark.parametrize("person", ["ben", "ana"])  # a client, and a therapist's own settings
def test_unsubscribing_from_email_is_in_the_audit_log(client, ed, request, person):
    someone = request.getfixturevalue(person)
    PreferenceFactory(user=someone)
    client.post(reverse("reminders:unsubscribe", args=[unsubscribe_token(someone)]))
    page = audit_log_about(client, ed, "reminder_preference")
    assert f"{name_with_reference(someone)} Changed the reminder settings" in page


def test_asking_to_start_therapy_again_is_in_the_audit_log(client, ben, ed):
    client.force_login(ben)
    client.post(reverse("reminders:ask_to_return"))
    page = audit_log_about(client, ed, "return_request")
    assert f"{name_with_reference(ben)} Asked to start therapy again" in page


def test_marking_notifications_read_is_not_audited(client, ben, ed):
    """The bell is the person's own inbox, not part of their record (services.py)."""
    NotificationFactory(user=ben)
    client.force_login(ben)
    client.post(reverse("reminders:notifications_read"))
    client.force_login(ed)
    changes_by_ben = client.get(AUDIT_LOG, {"person": ben.pk, "action": "write"})
    assert "Nothing matches these filters" in words(changes_by_ben, within="main")
