"""Factories for reminder preferences and the bell's notifications (fiction)."""

import factory

from cairn.reminders.models import Notification, Preference, ReminderSent
from tests.factories import PersonalFactory


class PreferenceFactory(PersonalFactory):
    """The defaults a person starts with; pass fields to change them."""

    class Meta:
        model = Preference


class NotificationFactory(PersonalFactory):
    class Meta:
        model = Notification

    kind = "checkin"
    message = "A moment to check in today?"


class ReminderSentFactory(PersonalFactory):
    class Meta:
        model = ReminderSent

    key = factory.Sequence(lambda n: f"checkin:{n}")
