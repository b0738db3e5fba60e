"""Factories for safety plans, risk flags and a practice's crisis settings (fiction)."""

import factory
from django.utils import timezone

from cairn.safety.models import CrisisSettings, ExpectationsSeen, RiskFlag, SafetyPlan
from tests.factories import ClientRecordFactory, PersonalFactory, PracticeFactory


class SafetyPlanFactory(ClientRecordFactory):
    """The first version of a client's own safety plan."""

    class Meta:
        model = SafetyPlan

    number = 1
    written_by = factory.SelfAttribute("client")


class RiskFlagFactory(ClientRecordFactory):
    """A flag raised now by words in a check-in, waiting for review."""

    class Meta:
        model = RiskFlag

    source_kind = "progress.checkin"
    source_id = factory.Sequence(str)
    reason = "Words about not wanting to be here"
    raised_at = factory.LazyFunction(timezone.now)


class CrisisSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrisisSettings

    practice = factory.SubFactory(PracticeFactory)
    country = "GB"


class ExpectationsSeenFactory(PersonalFactory):
    class Meta:
        model = ExpectationsSeen
