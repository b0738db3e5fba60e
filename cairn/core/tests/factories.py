"""Factories for core's records: audit events, queued e-mail, heartbeats, once-keys."""

import uuid

import factory
from django.utils import timezone

from cairn.core.models import AuditEvent, Heartbeat, OnceKey, OutgoingEmail, RecordVersion


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    at = factory.LazyFunction(timezone.now)
    action = "view"
    outcome = "allowed"


class HeartbeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Heartbeat
        django_get_or_create = ("name",)

    name = "worker"
    at = factory.LazyFunction(timezone.now)


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutgoingEmail

    key = factory.Sequence(lambda n: f"email-{n}")
    to = factory.LazyFunction(lambda: ["ben@example.test"])
    subject = "A note from Cairn"
    body = "Hello from Willowbank Therapy."
    next_attempt_at = factory.LazyFunction(timezone.now)


class OnceKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnceKey

    key = factory.LazyFunction(uuid.uuid4)
    user_id = factory.LazyFunction(uuid.uuid4)
    next_url = "/"


class RecordVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecordVersion

    client_id = factory.LazyFunction(uuid.uuid4)
