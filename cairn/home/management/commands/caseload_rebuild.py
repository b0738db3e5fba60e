"""Draws every client's caseload summary again from their records: after a bulk
load, a restore, or to check the maintained summaries (they should not change)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from cairn.home.summary import summaries_rebuild


class Command(BaseCommand):
    help = "Rebuild every caseload summary from the records."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            count = summaries_rebuild()
        self.stdout.write(f"Caseload summaries rebuilt for {count} clients.")
