"""What the sessions app says when core announces something."""

from typing import Any

from django.dispatch import receiver

from cairn.core.signals import backup_restored
from cairn.sessions.crypto import note_keys_problem


@receiver(backup_restored)
def warn_of_unreadable_notes(sender: object, **kwargs: Any) -> str | None:
    # The note key is kept outside the database's backups, so a restored database
    # may hold notes that the configured key cannot read.
    return note_keys_problem()
