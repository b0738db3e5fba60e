"""Factories for API tokens (fiction)."""

from datetime import timedelta

import factory
from django.utils import timezone

from cairn.api.models import ApiToken
from cairn.care.tokens import token_hash
from tests.factories import PersonalFactory


class ApiTokenFactory(PersonalFactory):
    """A read token that works for a year; `secret` is the one to send (not stored)."""

    class Meta:
        model = ApiToken
        exclude = ("secret",)

    name = "My phone"
    secret = factory.Sequence(lambda n: f"cairn_planted{n:08d}")
    token_hash = factory.LazyAttribute(lambda t: token_hash(t.secret))
    prefix = factory.LazyAttribute(lambda t: t.secret[:10])
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=365))
