"""Factories for calendar feeds, exports, retention and closed accounts (fiction)."""

from datetime import timedelta

import factory
from django.utils import timezone

from cairn.interop.models import AccountClosure, CalendarFeed, ExportJob, RetentionPolicy
from tests.factories import PracticeFactory, UserFactory


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    client = factory.SubFactory(UserFactory)


class ExportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportJob

    client = factory.SubFactory(UserFactory)
    requested_by = factory.SelfAttribute("client")
    kind = "zip"


class RetentionPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetentionPolicy

    practice = factory.SubFactory(PracticeFactory)
    years = 7


class AccountClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountClosure

    client = factory.SubFactory(UserFactory)
    keep_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
