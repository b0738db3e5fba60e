"""Reads of the machinery itself: how the task queue is doing."""

from datetime import datetime, timedelta

from django.db.models import Min
from django_tasks_db.models import DBTaskResult, get_date_max


def oldest_waiting_task_age(now: datetime) -> timedelta | None:
    """How long the longest-waiting due task has waited; None when nothing waits."""
    ready = DBTaskResult.objects.ready()
    unscheduled = ready.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"]
    scheduled = ready.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))["at"]
    waiting_since = min((at for at in (unscheduled, scheduled) if at is not None), default=None)
    return None if waiting_since is None else max(now - waiting_since, timedelta(0))
