"""Factories for supporters' grants and their cheers (fiction)."""

from datetime import timedelta

import factory
from django.utils import timezone

from cairn.sharing.models import Cheer, SupportGrant
from tests.factories import ClientRecordFactory


class SupportGrantFactory(ClientRecordFactory):
    """An invitation not yet accepted; pass `supporter` and `accepted_at` for an accepted one."""

    class Meta:
        model = SupportGrant
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"supporter{n}@example.test")
    token_hash = factory.Sequence(lambda n: f"grant-{n}")
    invitation_expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    @factory.post_generation
    def goals(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.goals.set(extracted)


class CheerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cheer

    grant = factory.SubFactory(SupportGrantFactory)
    text = "So proud of you!"
