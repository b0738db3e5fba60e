"""E-mail that arrives at least once and never twice.

`email_queue` stores the message under a key saying what it is for, in the
caller's transaction, and queues its sending in the same transaction. A send
that fails is tried again with a growing pause for about half a day; after the
last try the message is marked failed and the practice's admin sees it. The same
key queued again, or a task run twice, sends nothing more: a message is claimed
before it is sent, and a claim left by a killed worker is released after a while.
Each message has a Message-ID made from its own id, so in the one case no database
can rule out (killed after the mail server took it, before it was marked sent) a
mail program still shows it once.
"""

import logging
import uuid
from datetime import datetime, timedelta
from typing import NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.utils import timezone

from cairn.core.models import EMAIL_KEY_MAX, ERROR_MAX, SUBJECT_MAX, OutgoingEmail

logger = logging.getLogger("cairn.email")

Status = OutgoingEmail.Status

# Tries in all, and the pause before each retry: 1, 2, 4 ... minutes, at most an hour.
MAX_ATTEMPTS = 16
MAX_PAUSE = timedelta(hours=1)


def claim_expires() -> timedelta:
    """A message claimed this long ago and still not marked sent lost its worker."""
    return timedelta(seconds=settings.CAIRN_EMAIL_CLAIM_SECONDS)


def retry_pause(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** (attempts - 1)), MAX_PAUSE)


class Message(TypedDict):
    """What an e-mail says and to whom."""

    subject: str
    body: str
    to: list[str]
    html: NotRequired[str]
    headers: NotRequired[dict[str, str]]


def email_queue(
    *, key: str, practice_id: uuid.UUID | None = None, **message: Unpack[Message]
) -> OutgoingEmail:
    """Stores the message once per key and sends it after the caller's transaction commits."""
    email, created = OutgoingEmail.objects.get_or_create(
        key=key[:EMAIL_KEY_MAX],
        defaults={
            "subject": message["subject"][:SUBJECT_MAX],
            "body": message["body"],
            "to": message["to"],
            "html": message.get("html", ""),
            "headers": message.get("headers") or {},
            "practice_id": practice_id,
            "next_attempt_at": timezone.now(),
        },
    )
    if created:
        from cairn.core.tasks import email_send

        # The database queue stores the task in the caller's transaction; a queue
        # elsewhere may run it before the commit, and then the minute's sweep
        # (emails_send_due) sends it.
        email_send.enqueue(str(email.pk))
    return email


def _message_id(email: OutgoingEmail) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "cairn.invalid"
    return f"<{email.pk}@{domain}>"


def email_deliver(email_id: uuid.UUID | str, *, now: datetime | None = None) -> str:
    """Sends one message if it is due and nobody else is sending it; returns its status."""
    now = now or timezone.now()
    due = Q(status=Status.QUEUED, next_attempt_at__lte=now)
    abandoned = Q(status=Status.SENDING, claimed_at__lt=now - claim_expires())
    claimed = OutgoingEmail.objects.filter(due | abandoned, pk=email_id).update(
        status=Status.SENDING, claimed_at=now
    )
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None or not claimed:
        return email.status if email else ""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        to=list(email.to),
        headers={**email.headers, "Message-ID": _message_id(email)},
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    attempts = email.attempts + 1
    try:
        message.send()
    except Exception as error:  # whatever the mail server or network did, try again later
        reason = f"{type(error).__name__}: {error}"[:ERROR_MAX]
        if attempts >= MAX_ATTEMPTS:
            logger.error("Gave up on e-mail %s after %d tries: %s", email.key, attempts, reason)
            status, next_at = Status.FAILED, now
        else:
            logger.warning("E-mail %s not sent (try %d): %s", email.key, attempts, reason)
            status, next_at = Status.QUEUED, now + retry_pause(attempts)
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=status, attempts=attempts, next_attempt_at=next_at, last_error=reason
        )
        return status
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=Status.SENT, attempts=attempts, sent_at=timezone.now(), last_error=""
    )
    return Status.SENT


def emails_send_due(*, now: datetime | None = None) -> int:
    """Every message whose time has come, including claims a killed worker left."""
    now = now or timezone.now()
    OutgoingEmail.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - claim_expires()
    ).update(status=Status.QUEUED)
    due = OutgoingEmail.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now)
    return sum(
        email_deliver(pk, now=now) == Status.SENT
        for pk in due.order_by("next_attempt_at").values_list("pk", flat=True)[:500]
    )


def email_retry(*, email: OutgoingEmail) -> None:
    """An admin asks for a failed message to be tried again."""
    OutgoingEmail.objects.filter(pk=email.pk, status=Status.FAILED).update(
        status=Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )
    from cairn.core.tasks import email_send

    email_send.enqueue(str(email.pk))
