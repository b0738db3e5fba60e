"""The task worker and the scheduler keep going when the database is busy, pick up
tasks a killed worker left, and refuse to start twice."""

import fcntl
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.utils import OperationalError
from django.tasks import task
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cairn.core.heartbeat import heartbeat_at
from cairn.core.management.commands import worker as worker_command
from cairn.core.models import Heartbeat

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("db_queue", "worker_lock_of_its_own"),
]

RUNS: list[str] = []


@task()
def remember(word: str) -> None:
    RUNS.append(word)


@pytest.fixture
def db_queue():
    RUNS.clear()
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


def test_the_worker_waits_out_a_locked_database(monkeypatch):
    remember.enqueue("after the lock")
    real_claim = worker_command.LastingWorker.claim_next
    failures = iter([True, True, False])

    def locked_twice(self):
        if next(failures, False):
            raise OperationalError("database is locked")
        return real_claim(self)

    monkeypatch.setattr(worker_command.LastingWorker, "claim_next", locked_twice)
    monkeypatch.setattr(worker_command.time, "sleep", lambda seconds: None)
    call_command("worker", "--batch", verbosity=0)
    assert RUNS == ["after the lock"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_task_left_running_by_a_dead_worker_runs_again_once():
    remember.enqueue("left behind")
    # A worker claimed it and was killed before finishing.
    DBTaskResult.objects.update(
        status="RUNNING", started_at=timezone.now() - timedelta(minutes=20), worker_ids=["dead"]
    )
    call_command("worker", "--batch", "--stale-after", "600", verbosity=0)
    call_command("worker", "--batch", "--stale-after", "600", verbosity=0)
    assert RUNS == ["left behind"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_task_running_now_is_left_to_its_worker():
    remember.enqueue("still running")
    DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now())
    call_command("worker", "--batch", "--stale-after", "600", verbosity=0)
    assert RUNS == []
    assert DBTaskResult.objects.get().status == "RUNNING"


def test_a_second_worker_says_one_is_running_and_changes_nothing():
    remember.enqueue("untouched")
    path = settings.VAR_DIR / "worker.lock"
    with path.open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(CommandError, match="already running"):
            call_command("worker", "--batch", verbosity=0)
    assert RUNS == []
    assert DBTaskResult.objects.get().status == "READY"


def test_the_scheduler_waits_out_a_locked_database_and_ticks(monkeypatch):
    from cairn.reminders.management.commands import reminders_scheduler

    real_tick = reminders_scheduler.tick
    failures = iter([True, False])

    def locked_once():
        if next(failures, False):
            raise OperationalError("database is locked")
        real_tick()

    monkeypatch.setattr(reminders_scheduler, "tick", locked_once)
    monkeypatch.setattr(reminders_scheduler.time, "sleep", lambda seconds: None)
    call_command("reminders_scheduler", "--once")
    assert heartbeat_at("scheduler") is not None
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == {
        "cairn.reminders.tasks.reminders_tick",
        "cairn.core.tasks.emails_due",
        "cairn.core.tasks.prune",
        "cairn.interop.tasks.records_expire_task",
    }


def test_the_scheduler_queues_pruning_once_an_hour():
    call_command("reminders_scheduler", "--once")
    call_command("reminders_scheduler", "--once")
    assert DBTaskResult.objects.filter(task_path="cairn.core.tasks.prune").count() == 1
    Heartbeat.objects.filter(name="prune").update(at=timezone.now() - timedelta(minutes=61))
    call_command("reminders_scheduler", "--once")
    assert DBTaskResult.objects.filter(task_path="cairn.core.tasks.prune").count() == 2
