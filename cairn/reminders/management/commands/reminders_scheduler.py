import logging
import time
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from cairn.core.heartbeat import heartbeat_at, heartbeat_record
from cairn.core.tasks import emails_due, prune
from cairn.interop.tasks import records_expire_task
from cairn.reminders.tasks import reminders_tick

logger = logging.getLogger("cairn.scheduler")

PRUNE_EVERY = timedelta(hours=1)


def tick() -> None:
    """One round: the minute's reminder check and due e-mail, the hourly pruning (and
    the records past retention), and the heartbeat /healthz reads."""
    reminders_tick.enqueue()
    emails_due.enqueue()
    last_prune = heartbeat_at("prune")
    if last_prune is None or timezone.now() - last_prune >= PRUNE_EVERY:
        prune.enqueue()
        # Closed accounts past their retention period, and expired downloads.
        records_expire_task.enqueue()
        heartbeat_record("prune")
    heartbeat_record("scheduler")


class Command(BaseCommand):
    help = "Queues the reminder check for the task worker every minute (or once with --once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args: Any, once: bool, interval: int, **options: Any) -> None:
        backoff = 1.0
        while True:
            close_old_connections()
            try:
                tick()
            except DatabaseError as error:
                # A busy or restarting database is no reason to stop for good.
                logger.warning(
                    "The database is not answering (%s); trying again in %.0f s.", error, backoff
                )
                close_old_connections()
                time.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            backoff = 1.0
            if once:
                return
            time.sleep(max(interval, 5))
