"""Factories for routines, their marks and the maintenance plan (fiction)."""

import factory
from django.utils import timezone

from cairn.routines.models import MaintenancePlan, Routine, RoutineLog
from tests.factories import ClientRecordFactory


class RoutineFactory(ClientRecordFactory):
    class Meta:
        model = Routine

    name = "A walk before breakfast"


class RoutineLogFactory(factory.django.DjangoModelFactory):
    """Today's mark on a routine: done."""

    class Meta:
        model = RoutineLog

    routine = factory.SubFactory(RoutineFactory)
    date = factory.LazyFunction(timezone.localdate)
    status = "done"


class MaintenancePlanFactory(ClientRecordFactory):
    class Meta:
        model = MaintenancePlan
