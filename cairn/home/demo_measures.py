"""Demo PHQ-9 and GAD-7 answers. Invented people and numbers only.

- "relapse": six months of both measures every two weeks: a steady improvement to
  reliable recovery, then a relapse to reliable deterioration in the last weeks.
- "item9": one recent PHQ-9 with question 9 above 0, saved through the service so
  that the safety app raises the flag the therapist has not reviewed yet.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from cairn.accounts.models import User
from cairn.measures.models import MeasureAssignment, MeasureResponse, Schedule
from cairn.measures.scoring import MEASURES, band_for
from cairn.measures.services import measure_response_save

# Fortnightly totals, oldest first: 13 of each, about six months.
RELAPSE = {
    "phq9": [14, 13, 12, 10, 9, 7, 6, 5, 5, 8, 12, 16, 20],
    "gad7": [12, 11, 10, 8, 7, 6, 5, 4, 5, 7, 10, 13, 16],
}


def _answers(measure: str, total: int) -> list[int]:
    """Answers adding up to `total`, spread over the questions; PHQ-9 question 9 at 0."""
    count = len(MEASURES[measure].items) - (1 if measure == "phq9" else 0)
    answers = [0] * count
    for step in range(total):
        answers[step % count] += 1
    if measure == "phq9":
        answers.append(0)
    return answers


def seed_measures(client: User, therapist: User, *, kind: str) -> None:
    if MeasureResponse.objects.filter(client=client).exists():
        return
    today = timezone.localdate()
    if kind == "relapse":
        first = today - timedelta(weeks=2 * (len(RELAPSE["phq9"]) - 1))
        for measure, totals in RELAPSE.items():
            assignment = MeasureAssignment.objects.create(
                client=client,
                measure=measure,
                schedule=Schedule.EVERY_WEEKS,
                every_weeks=2,
                starts_on=first,
                assigned_by=therapist,
            )
            for number, total in enumerate(totals):
                day = first + timedelta(weeks=2 * number)
                moment = timezone.make_aware(datetime.combine(day, time(18, 30)))
                MeasureResponse.objects.create(
                    client=client,
                    measure=measure,
                    assignment=assignment,
                    date=day,
                    answers=_answers(measure, total),
                    difficulty=(1 if total < 10 else 2)
                    if MEASURES[measure].asks_difficulty
                    else None,
                    total=total,
                    band=band_for(MEASURES[measure], total).code,
                    completed_at=moment,
                    saved_minute=moment.replace(second=0),
                )
    elif kind == "item9":
        day = today - timedelta(days=2)
        MeasureAssignment.objects.create(
            client=client,
            measure="phq9",
            schedule=Schedule.ONCE,
            starts_on=day - timedelta(days=5),
            assigned_by=therapist,
        )
        measure_response_save(
            client=client,
            by=client,
            measure="phq9",
            answers=[1, 2, 1, 2, 1, 1, 0, 0, 1],
            difficulty=1,
            day=day,
            now=timezone.make_aware(datetime.combine(day, time(21, 10))),
        )
