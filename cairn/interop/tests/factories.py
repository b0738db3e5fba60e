"""Factories for calendar feeds, exports, retention and closed accounts (fiction)."""

from datetime import timedelta

import factory
from django.utils import timezone

from cairn.interop.models import AccountClosure, CalendarFeed, ExportJob, RetentionPolicy
from tests.factories import ClientRecordFactory, PracticeFactory


class CalendarFeedFactory(ClientRecordFactory):
    class Meta:
        model = CalendarFeed


class ExportJobFactory(ClientRecordFactory):
    class Meta:
        model = ExportJob

    requested_by = factory.SelfAttribute("client")
    kind = "zip"


class RetentionPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetentionPolicy

    practice = factory.SubFactory(PracticeFactory)
    years = 7


class AccountClosureFactory(ClientRecordFactory):
    class Meta:
        model = AccountClosure

    keep_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
