"""Factories for check-ins, their answers, wins and pauses (fiction)."""

from decimal import Decimal

import factory
from django.utils import timezone

from cairn.progress.models import CheckIn, GoalRating, MeasureValue, PlanUse, TrackingPause, Win
from tests.factories import UserFactory


class CheckInFactory(factory.django.DjangoModelFactory):
    """Today's check-in; pass `date` for another day."""

    class Meta:
        model = CheckIn

    client = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(timezone.localdate)


class GoalRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalRating

    checkin = factory.SubFactory(CheckInFactory)
    goal = factory.SubFactory("cairn.goals.tests.factories.GoalFactory")
    rating = 5


class MeasureValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureValue

    checkin = factory.SubFactory(CheckInFactory)
    goal = factory.SubFactory("cairn.goals.tests.factories.GoalFactory")
    value = Decimal(3)


class PlanUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanUse

    checkin = factory.SubFactory(CheckInFactory)
    plan = factory.SubFactory("cairn.goals.tests.factories.PlanFactory")
    helped = 3


class WinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Win

    client = factory.SubFactory(UserFactory)
    text = "Went to the pool"
    happened_on = factory.LazyFunction(timezone.localdate)


class TrackingPauseFactory(factory.django.DjangoModelFactory):
    """A pause from tracking that began today and is still running."""

    class Meta:
        model = TrackingPause

    client = factory.SubFactory(UserFactory)
    starts_on = factory.LazyFunction(timezone.localdate)
