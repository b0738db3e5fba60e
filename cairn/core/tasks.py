"""Background work that belongs to no feature: sending mail and pruning."""

from datetime import timedelta
from typing import Unpack

from django.contrib.sessions.models import Session
from django.db.models import Q
from django.tasks import TaskContext, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cairn.core.email import Message, email_deliver, email_queue, emails_send_due
from cairn.core.models import OnceKey, OutgoingEmail

# How long finished things are kept before the hourly pruning removes them.
KEEP_TASK_RESULTS = timedelta(days=7)
KEEP_ONCE_KEYS = timedelta(days=2)
KEEP_SENT_EMAIL = timedelta(days=30)
KEEP_FAILED_EMAIL = timedelta(days=90)


@task()
def email_send(email_id: str) -> str:
    return email_deliver(email_id)


@task()
def emails_due() -> int:
    return emails_send_due()


@task(takes_context=True)
def send_email(context: TaskContext, **message: Unpack[Message]) -> None:
    """For callers without a key of their own: the task's id is the key, so a task
    run twice still sends once, and a failed send is retried like any other."""
    email = email_queue(key=f"task:{context.task_result.id}", **message)
    email_deliver(email.pk)


@task()
def prune() -> dict[str, int]:
    """Hourly: what nobody needs any more, so nothing grows without bound."""
    now = timezone.now()
    counts = {
        "task results": DBTaskResult.objects.filter(
            status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=now - KEEP_TASK_RESULTS
        ).delete()[0],
        "sessions": Session.objects.filter(expire_date__lt=now).delete()[0],
        "one-time keys": OnceKey.objects.filter(created_at__lt=now - KEEP_ONCE_KEYS).delete()[0],
        "e-mails": OutgoingEmail.objects.filter(
            Q(status=OutgoingEmail.Status.SENT, sent_at__lt=now - KEEP_SENT_EMAIL)
            | Q(status=OutgoingEmail.Status.FAILED, created_at__lt=now - KEEP_FAILED_EMAIL)
        ).delete()[0],
    }
    return counts
