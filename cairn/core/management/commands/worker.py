"""The task worker: django-tasks-db's worker, made to last.

The library's worker takes the queue's lock outside its own error handling, so one
"database is locked" ends it. This one waits and tries again with a growing pause,
hands back tasks that a killed worker left RUNNING, and refuses to start a second
time on the same machine (two would be safe, but it is almost always a mistake).
"""

import fcntl
import logging
import os
import time
from datetime import timedelta
from typing import IO, Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

logger = logging.getLogger("cairn.worker")

# The longest pause between tries while the database stays busy or away.
MAX_BACKOFF = 30.0


def requeue_stale(*, older_than: timedelta) -> int:
    """Tasks whose worker died mid-task go back to the queue. Every task Cairn
    runs may run again safely (e-mail is keyed, reminders are recorded once)."""
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=timezone.now() - older_than)
        .update(status="READY")
    )


class LastingWorker(Worker):
    def __init__(self, *, stale_after: timedelta, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stale_after = stale_after
        self.next_stale_check = 0.0

    def claim_next(self) -> DBTaskResult | None:
        if time.monotonic() >= self.next_stale_check:
            if count := requeue_stale(older_than=self.stale_after):
                logger.warning(
                    "Put %d task(s) left running by a stopped worker back in the queue.", count
                )
            self.next_stale_check = time.monotonic() + min(60.0, self.stale_after.total_seconds())
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def run(self) -> None:
        logger.info("Worker %s started (pid %d).", self.worker_id, os.getpid())
        backoff = 0.5
        while self.running:
            close_old_connections()
            try:
                task_result = self.claim_next()
            except DatabaseError as error:
                # Locked, restarting, unreachable: all pass. Wait and try again.
                logger.warning(
                    "The database is not answering (%s); trying again in %.1f s.", error, backoff
                )
                close_old_connections()
                time.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            backoff = 0.5
            if task_result is not None:
                self.run_task(task_result)
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    return
            elif self.batch:
                return
            elif self.running:
                time.sleep(self.interval)


def single_instance_lock() -> IO[str]:
    path = settings.VAR_DIR / "worker.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        pid = handle.read().strip() or "unknown"
        handle.close()
        raise CommandError(
            f"A Cairn worker is already running on this machine (pid {pid}). Nothing was "
            "changed. Stop that one first, or pass --allow-many to run another beside it."
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


class Command(BaseCommand):
    help = "Runs queued tasks (e-mail, reminders, housekeeping), surviving a busy database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue-name", default="*", help="Comma-separated queues, or * for all."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at an empty queue."
        )
        parser.add_argument("--batch", action="store_true", help="Run what is due, then stop.")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument(
            "--stale-after",
            type=float,
            default=settings.CAIRN_TASK_STALE_SECONDS,
            help="Seconds after which a task still marked running is run again.",
        )
        parser.add_argument("--allow-many", action="store_true", help="Run beside another worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not logger.handlers and not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO)
        lock = None if options["allow_many"] else single_instance_lock()
        worker = LastingWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=False,
            max_tasks=options["max_tasks"],
            worker_id=get_random_string(32),
            excluded_queue_names=[],
            stale_after=timedelta(seconds=options["stale_after"]),
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            if lock is not None:
                lock.close()
