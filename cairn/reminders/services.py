"""Writes: reminder settings, reading notifications, unsubscribing, asking to return."""

from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care import care_team
from cairn.care import selectors as care_selectors
from cairn.reminders.models import Notification, Preference
from cairn.reminders.notify import notify, preference_of


@transaction.atomic
def preferences_save(*, user: User, preference: Preference, time_zone: str) -> None:
    """The reminder settings and the person's time zone, together or not at all."""
    preference.save()
    user.time_zone = time_zone
    user.save(update_fields=["time_zone"])


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def email_unsubscribe(*, user: User) -> None:
    preference = preference_of(user)
    preference.by_email = False
    preference.save(update_fields=["by_email", "updated_at"])


def return_ask(*, client: User) -> None:
    """A client after therapy asks to come back: their former therapists and the
    practice's admins hear of it."""
    people = {r.therapist for r in care_team.care_relationships_of_client(client)}
    practice = care_selectors.practice_of(client)
    if practice is not None:
        people |= set(care_selectors.admins_of(practice))
    for person in people:
        notify(
            user=person,
            kind="return_requested",
            message=f"{client.display_name} would like to start therapy again",
        )
