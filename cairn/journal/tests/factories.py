"""Factories for journal entries (fiction)."""

import factory
from django.utils import timezone

from cairn.journal.models import JournalEntry, JournalEntryVersion
from tests.factories import ClientRecordFactory


class JournalEntryFactory(ClientRecordFactory):
    """A private entry; `shared=True` shares it with the client's therapists now."""

    class Meta:
        model = JournalEntry

    title = "Just for me"
    body = "Slept badly; worried about **work**."

    class Params:
        shared = factory.Trait(
            shared_with_therapist=True, shared_at=factory.LazyFunction(timezone.now)
        )


class JournalEntryVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JournalEntryVersion

    entry = factory.SubFactory(JournalEntryFactory)
    number = 1
    body = factory.SelfAttribute("entry.body")
    saved_at = factory.LazyFunction(timezone.now)
