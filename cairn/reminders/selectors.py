"""Reads of a person's own notifications and reminder settings."""

from cairn.accounts.models import User
from cairn.reminders.models import Notification, Preference


def notifications_of(user: User, *, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("-created_at")[:limit])


def preference_to_edit(user: User) -> Preference:
    """The person's reminder settings; unsaved defaults until they first save them
    (opening the page writes nothing)."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def unread_count(user: User) -> int:
    """How many of the person's notifications they have yet to read (the bell)."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
