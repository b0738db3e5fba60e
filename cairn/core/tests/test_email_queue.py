"""Email really goes through the database-backed queue and its worker."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.factories import client_invited

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The worker opens and closes its own connections, as it does in production.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("worker_lock_of_its_own"),
]


@override_settings(TASKS=DATABASE_QUEUE)
def test_an_invitation_waits_in_the_queue_until_the_worker_sends_it(ana, practice):
    from django_tasks_db.models import DBTaskResult

    client_invited(ana)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("worker", "--batch", verbosity=0)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["orla@example.test"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_password_reset_email_goes_through_the_queue(client, ben):
    client.post(reverse("account_reset_password"), {"email": "ben@example.test"})
    assert mail.outbox == []
    call_command("worker", "--batch", verbosity=0)
    assert len(mail.outbox) == 1
    assert "password" in mail.outbox[0].subject.lower()
