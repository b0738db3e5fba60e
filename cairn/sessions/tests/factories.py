"""Factories for therapy sessions, their notes, summaries and agenda (fiction)."""

from datetime import time

import factory
from django.utils import timezone

from cairn.sessions import crypto
from cairn.sessions.models import (
    AgendaItem,
    SessionNote,
    SummaryAddendum,
    SummaryVersion,
    TherapySession,
)
from tests.factories import UserFactory


class TherapySessionFactory(factory.django.DjangoModelFactory):
    """A fifty-minute session today at midnight (so never in the future), planned unless
    you pass `status="held"`."""

    class Meta:
        model = TherapySession

    client = factory.SubFactory(UserFactory)
    therapist = factory.SubFactory(UserFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    start_time = time(0, 0)
    length_minutes = 50


class SummaryVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SummaryVersion

    session = factory.SubFactory(TherapySessionFactory)
    number = 1
    author = factory.SelfAttribute("session.therapist")
    summary = "We talked about Sunday evenings."


class SummaryAddendumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SummaryAddendum

    session = factory.SubFactory(TherapySessionFactory)
    author = factory.SelfAttribute("session.therapist")
    text = "One thing I forgot to add."


class SessionNoteFactory(factory.django.DjangoModelFactory):
    """A therapist's private note; pass `text` and it is stored encrypted."""

    class Meta:
        model = SessionNote
        exclude = ("text",)

    session = factory.SubFactory(TherapySessionFactory)
    author = factory.SelfAttribute("session.therapist")
    text = "My own thoughts after the session"
    ciphertext = factory.LazyAttribute(lambda note: crypto.encrypt(note.text))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    client = factory.SubFactory(UserFactory)
    text = "Sunday evenings still feel heavy"
