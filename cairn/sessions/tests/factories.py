"""Factories for therapy sessions, their notes, summaries and agenda (fiction)."""

from datetime import time, timedelta

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
from tests.factories import ClientRecordFactory, UserFactory


class TherapySessionFactory(ClientRecordFactory):
    """A fifty-minute session today at midnight (so never in the future), planned unless
    you pass `status="held"`."""

    class Meta:
        model = TherapySession

    therapist = factory.SubFactory(UserFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    start_time = time(0, 0)
    length_minutes = 50

    class Params:
        # The last session before the one being prepared.
        held_ten_days_ago = factory.Trait(
            held_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10)),
            start_time=time(10, 0),
            status="held",
        )


class SessionWritingFactory(factory.django.DjangoModelFactory):
    """What the session's therapist wrote about it (a summary, an addendum, a note)."""

    session = factory.SubFactory(TherapySessionFactory)
    author = factory.SelfAttribute("session.therapist")


class SummaryVersionFactory(SessionWritingFactory):
    class Meta:
        model = SummaryVersion

    number = 1
    summary = "We talked about Sunday evenings."


class SummaryAddendumFactory(SessionWritingFactory):
    class Meta:
        model = SummaryAddendum

    text = "One thing I forgot to add."


class SessionNoteFactory(SessionWritingFactory):
    """A therapist's private note; pass `text` and it is stored encrypted."""

    class Meta:
        model = SessionNote
        exclude = ("text",)

    text = "My own thoughts after the session"
    ciphertext = factory.LazyAttribute(lambda note: crypto.encrypt(note.text))


class AgendaItemFactory(ClientRecordFactory):
    class Meta:
        model = AgendaItem

    text = "Sunday evenings still feel heavy"
