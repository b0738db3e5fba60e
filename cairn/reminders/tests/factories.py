"""Factories for reminder preferences and the bell's notifications (fiction)."""

import factory

from cairn.reminders.models import Notification, Preference, ReminderSent
from tests.factories import UserFactory


class PreferenceFactory(factory.django.DjangoModelFactory):
    """The defaults a person starts with; pass fields to change them."""

    class Meta:
        model = Preference

    user = factory.SubFactory(UserFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "checkin"
    message = "A moment to check in today?"


class ReminderSentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderSent

    user = factory.SubFactory(UserFactory)
    key = factory.Sequence(lambda n: f"checkin:{n}")
