"""Completed responses with a chosen total, for tests (fiction)."""

from datetime import date, datetime, time

from django.utils import timezone

from cairn.measures.models import MeasureResponse
from cairn.measures.scoring import MEASURES, band_for


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
    return MeasureResponse.objects.create(
        client=client,
        measure=measure,
        date=day,
        answers=answers,
        total=sum(answers),
        band=band_for(spec, sum(answers)).code,
        completed_at=moment,
        saved_minute=moment,
    )
