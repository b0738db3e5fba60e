"""E-mail arrives at least once and never twice, through a real SMTP conversation."""

import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cairn.core.email import MAX_ATTEMPTS, email_queue, emails_send_due
from cairn.core.models import OutgoingEmail
from cairn.core.tests.factories import OutgoingEmailFactory
from cairn.reminders.schedule import send_due_reminders
from config.settings import mailer_from_url
from tests.factories import member


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(settings):
    """A mail server on a port of its own, down until the test starts it."""
    port = free_port()
    settings.MAILERS = {"default": mailer_from_url(f"smtp://127.0.0.1:{port}")}
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    yield controller, inbox
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


def clients_due_a_reminder(practice, count):
    people = []
    for n in range(count):
        person = member(practice, "client", email=f"walker{n}@example.test", name=f"Walker {n}")
        person.time_zone = "UTC"
        person.save()
        people.append(person)
    return people


def test_a_mail_server_down_for_a_minute_still_gets_every_reminder_once(db, practice, smtp):
    controller, inbox = smtp
    people = clients_due_a_reminder(practice, 5)
    evening = timezone.now().replace(hour=20, minute=0)
    # The server is down: every reminder is recorded, none is lost.
    assert send_due_reminders(evening) == 5
    assert inbox.messages == []
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"queued"}
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}

    # Thirty seconds on: not yet time to try again, and the server is still down.
    assert emails_send_due(now=timezone.now() + timedelta(seconds=30)) == 0

    controller.start()  # a minute later the server is back
    assert emails_send_due(now=timezone.now() + timedelta(minutes=2)) == 5
    # The scheduler's next rounds, and the same reminders asked for again, send nothing more.
    assert emails_send_due(now=timezone.now() + timedelta(hours=3)) == 0
    assert send_due_reminders(evening) == 0
    recipients = sorted(m.decode() for m in inbox.messages)
    assert len(recipients) == 5
    for person in people:
        assert sum(person.email in m for m in recipients) == 1


def test_the_same_key_queued_twice_sends_once(db, smtp):
    controller, inbox = smtp
    controller.start()
    for _ in range(2):
        email_queue(
            key="invitation:one", subject="Cairn: hello", body="Hi", to=["orla@example.test"]
        )
    emails_send_due(now=timezone.now() + timedelta(hours=1))
    assert len(inbox.messages) == 1
    assert OutgoingEmail.objects.get().status == "sent"


def test_a_send_interrupted_by_a_killed_worker_is_sent_later_once(db, smtp):
    controller, inbox = smtp
    controller.start()
    email = email_queue(key="reminder:x", subject="Cairn: hi", body="Hi", to=["orla@example.test"])
    inbox.messages.clear()
    # As if a worker claimed it and was killed before the mail went out.
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status="sending", claimed_at=timezone.now() - timedelta(minutes=6)
    )
    assert emails_send_due() == 1
    assert emails_send_due(now=timezone.now() + timedelta(hours=1)) == 0
    assert len(inbox.messages) == 1


def test_after_the_last_try_the_admin_sees_it_and_can_try_again(client, ed, practice, smtp):
    controller, inbox = smtp
    email_queue(
        key="invitation:far",
        subject="Cairn: an invitation from Willowbank Therapy",
        body="Hi",
        to=["nowhere@example.test"],
        practice_id=practice.pk,
    )
    later = timezone.now()
    for _ in range(MAX_ATTEMPTS + 2):
        later += timedelta(hours=2)
        emails_send_due(now=later)
    email = OutgoingEmail.objects.get()
    assert email.status == "failed"
    assert email.attempts == MAX_ATTEMPTS
    # Tries spread over hours, not seconds.
    assert later - email.created_at > timedelta(hours=12)

    client.force_login(ed)
    page = client.get(reverse("care:people")).content.decode()
    assert "E-mails that could not be sent" in page
    assert "nowhere@example.test" in page

    controller.start()
    response = client.post(reverse("care:email_retry", args=[email.pk]))
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.status == "sent"
    assert len(inbox.messages) == 1
    assert "could not be sent" not in client.get(reverse("care:people")).content.decode()


def test_another_practices_admin_cannot_retry_it(client, other_practice, practice, db):
    email = OutgoingEmailFactory(practice_id=practice.pk, status="failed")
    stranger = member(other_practice, "admin", mfa=True, email="hal@example.test", name="Hal")
    client.force_login(stranger)
    assert client.post(reverse("care:email_retry", args=[email.pk])).status_code == 404
    email.refresh_from_db()
    assert email.status == "failed"


def test_a_new_invitation_shows_queued_then_sent(client, ed, practice, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(ed)
    client.post(
        reverse("care:invitation_create"),
        {"email": "wren@example.test", "role": "therapist"},
        follow=True,
    )
    page = client.get(reverse("care:people")).content.decode()
    assert "wren@example.test" in page and "E-mail queued" in page
    assert mail.outbox == []
    emails_send_due()
    assert len(mail.outbox) == 1
    assert "E-mail sent" in client.get(reverse("care:people")).content.decode()
