from typing import Any

from django.core.management.base import BaseCommand

from cairn.sessions.services import notes_rotate_keys


class Command(BaseCommand):
    help = "Re-encrypts every private session note with the first key in CAIRN_NOTE_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        count = notes_rotate_keys()
        self.stdout.write(
            f"Re-encrypted {count} note{'s' if count != 1 else ''} with the newest key."
        )
