from datetime import timedelta

from django.db.utils import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from cairn.core.heartbeat import heartbeat_record


def waiting_task(enqueued_minutes_ago: int) -> None:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="cairn.core.tasks.prune",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=enqueued_minutes_ago)
    )


def test_it_answers_ok_when_the_queue_moves_and_the_scheduler_ticks(client, db):
    heartbeat_record("scheduler", timezone.now() - timedelta(seconds=30))
    waiting_task(enqueued_minutes_ago=1)
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert 55 <= body["queue_oldest_waiting_seconds"] <= 70
    assert 25 <= body["scheduler_last_tick_seconds_ago"] <= 40


def test_it_answers_503_when_a_task_has_waited_over_ten_minutes(client, db):
    heartbeat_record("scheduler")
    waiting_task(enqueued_minutes_ago=11)
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert "worker" in response.json()["reason"]


def test_it_answers_503_when_the_scheduler_stopped_ticking(client, db):
    heartbeat_record("scheduler", timezone.now() - timedelta(minutes=11))
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["queue_oldest_waiting_seconds"] is None
    assert "scheduler" in response.json()["reason"]


def test_it_answers_503_when_the_scheduler_never_ran(client, db):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json()["reason"] == "scheduler: it has never run"


def test_it_answers_503_with_a_reason_when_the_database_is_down(client, db, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", broken_cursor)
        response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "reason": "database: OperationalError"}
