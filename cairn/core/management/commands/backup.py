from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Writes a consistent, timestamped copy of the database (safe while Cairn runs), "
        "prints its path and keeps the newest N. The note keys are never in it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--to", type=Path, default=None, help=f"Folder (default {settings.CAIRN_BACKUP_DIR})."
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help=f"How many to keep (default {settings.CAIRN_BACKUP_KEEP}).",
        )

    def handle(self, *args: Any, to: Path | None, keep: int | None, **options: Any) -> None:
        try:
            path = backup_create(folder=to, keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(path))
