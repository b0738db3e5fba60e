"""Writes: reminder settings, reading notifications, unsubscribing, asking to return.

Each is audited but marking notifications read: a notification is the person's own
inbox (therapists and admins have one too), a note that something happened elsewhere
in Cairn, not part of anyone's record, and reading the list is not audited either."""

from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care import care_team
from cairn.care import selectors as care_selectors
from cairn.care.access import standing_of
from cairn.care.audit import audit_client_data
from cairn.core.audit import Action
from cairn.reminders.models import Notification, Preference
from cairn.reminders.notify import notify, preference_of


@transaction.atomic
def preferences_save(*, user: User, preference: Preference, time_zone: str) -> None:
    """The reminder settings and the person's time zone, together or not at all."""
    preference.save()
    user.time_zone = time_zone
    user.save(update_fields=["time_zone"])
    _audit_settings(user=user, preference=preference)


def _audit_settings(*, user: User, preference: Preference) -> None:
    """A person changed their own reminder settings: part of a client's record (so
    their practice sees it), or a therapist's or admin's own, under their practice."""
    audit_client_data(
        actor=user,
        action=Action.WRITE,
        object_type="reminder_preference",
        object_id=preference.pk,
        client=user if standing_of(user).is_client else None,
    )


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def email_unsubscribe(*, user: User) -> None:
    preference = preference_of(user)
    preference.by_email = False
    preference.save(update_fields=["by_email", "updated_at"])
    _audit_settings(user=user, preference=preference)


@transaction.atomic
def return_ask(*, client: User) -> None:
    """A client after therapy asks to come back: the request is audited, and their
    former therapists and the practice's admins hear of it."""
    audit_client_data(
        actor=client,
        action=Action.WRITE,
        object_type="return_request",
        object_id=client.pk,
        client=client,
    )
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
