from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cairn.core.backup import BackupError, backup_restore
from cairn.core.signals import backup_restored
from cairn.core.startup import database_in_use_mark


class Command(BaseCommand):
    help = "Puts a backup made by `manage.py backup` back into the configured database."
    # The database may be missing or empty: that is when one restores.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds data (a backup of it is made first).",
        )

    def handle(self, *args: Any, path: Path, force: bool, **options: Any) -> None:
        try:
            safety = backup_restore(path=path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        database_in_use_mark()
        if safety is not None:
            self.stdout.write(f"What was there before is kept in {safety}.")
        self.stdout.write(f"Restored {path}. Next: python manage.py migrate, then start Cairn.")
        for _receiver, problem in backup_restored.send(sender=self.__class__):
            if problem:
                self.stderr.write(self.style.WARNING(problem))
