"""Factories for check-ins, their answers, wins and pauses (fiction)."""

from decimal import Decimal

import factory
from django.utils import timezone

from cairn.progress.models import CheckIn, GoalRating, MeasureValue, PlanUse, TrackingPause, Win
from tests.factories import ClientRecordFactory


class CheckInFactory(ClientRecordFactory):
    """Today's check-in; pass `date` for another day."""

    class Meta:
        model = CheckIn

    date = factory.LazyFunction(timezone.localdate)


class GoalAnswerFactory(factory.django.DjangoModelFactory):
    """A check-in's answer about one goal (a rating, a measure)."""

    checkin = factory.SubFactory(CheckInFactory)
    goal = factory.SubFactory("cairn.goals.tests.factories.GoalFactory")


class GoalRatingFactory(GoalAnswerFactory):
    class Meta:
        model = GoalRating

    rating = 5


class MeasureValueFactory(GoalAnswerFactory):
    class Meta:
        model = MeasureValue

    value = Decimal(3)


class PlanUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanUse

    checkin = factory.SubFactory(CheckInFactory)
    plan = factory.SubFactory("cairn.goals.tests.factories.PlanFactory")
    helped = 3


class WinFactory(ClientRecordFactory):
    class Meta:
        model = Win

    text = "Went to the pool"
    happened_on = factory.LazyFunction(timezone.localdate)


class TrackingPauseFactory(ClientRecordFactory):
    """A pause from tracking that began today and is still running."""

    class Meta:
        model = TrackingPause

    starts_on = factory.LazyFunction(timezone.localdate)
