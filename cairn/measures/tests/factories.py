"""Completed responses with a chosen total, for tests (fiction)."""

from datetime import date, datetime, time

import factory
from django.utils import timezone

from cairn.measures.models import MeasureAssignment, MeasureResponse
from cairn.measures.scoring import MEASURES, band_for
from tests.factories import ClientRecordFactory, UserFactory


class MeasureAssignmentFactory(ClientRecordFactory):
    """A PHQ-9 asked for once, from today."""

    class Meta:
        model = MeasureAssignment

    measure = "phq9"
    schedule = "once"
    starts_on = factory.LazyFunction(timezone.localdate)
    assigned_by = factory.SubFactory(UserFactory)


class MeasureResponseFactory(ClientRecordFactory):
    """A PHQ-9 completed now: 8, mild, nothing on question 9. `response()` below builds
    one with a chosen total."""

    class Meta:
        model = MeasureResponse

    measure = "phq9"
    answers = factory.LazyFunction(lambda: [1, 1, 1, 1, 1, 1, 1, 1, 0])
    total = 8
    band = "mild"
    completed_at = factory.LazyFunction(timezone.now)
    date = factory.LazyAttribute(lambda r: r.completed_at.date())
    saved_minute = factory.LazyAttribute(lambda r: r.completed_at.replace(second=0, microsecond=0))


def answers_totalling(count: int, total: int) -> list[int]:
    answers = []
    for _ in range(count):
        answers.append(min(3, total))
        total -= answers[-1]
    return answers


def response(client, measure: str, day: date, total: int, *, item9: int = 0) -> MeasureResponse:
    spec = MEASURES[measure]
    answers = answers_totalling(len(spec.items) - (1 if measure == "phq9" else 0), total - item9)
    if measure == "phq9":
        answers.append(item9)
    moment = timezone.make_aware(datetime.combine(day, time(12, 0)))
    return MeasureResponseFactory(
        client=client,
        measure=measure,
        date=day,
        answers=answers,
        total=sum(answers),
        band=band_for(spec, sum(answers)).code,
        completed_at=moment,
        saved_minute=moment,
    )
