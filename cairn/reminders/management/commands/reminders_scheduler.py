import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cairn.interop.tasks import records_expire_task
from cairn.reminders.tasks import reminders_tick


class Command(BaseCommand):
    help = "Queues the reminder check for the task worker every minute (or once with --once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args: Any, once: bool, interval: int, **options: Any) -> None:
        while True:
            reminders_tick.enqueue()
            # Closed accounts past their retention period, and expired downloads.
            records_expire_task.enqueue()
            if once:
                return
            time.sleep(max(interval, 5))
