"""Writes: assignments and answers, each audited. A PHQ-9 question 9 answer above 0
is told to the safety app (risk_noted) inside the same transaction."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.care.audit import audit_write
from cairn.core.refusals import Refused
from cairn.core.risk import Written, risk_reason
from cairn.core.signals import risk_noted
from cairn.measures.models import MeasureAssignment, MeasureResponse, Schedule
from cairn.measures.scoring import (
    MEASURES,
    OPTIONS,
    RISK_ITEM,
    SCORES,
    Measure,
    ScoringError,
    check_answers,
    item9_positive,
    score,
)
from cairn.measures.selectors import (
    answer_day_out_of_range,
    answer_refusal,
    answer_unchosen,
    earliest_answer_day,
)


@transaction.atomic
def measure_assignment_create(
    *,
    client: User,
    by: User,
    measure: str,
    schedule: str,
    every_weeks: int | None,
    starts_on: date,
) -> MeasureAssignment:
    """Assigns a measure; an open assignment of the same measure is replaced."""
    for old in (
        MeasureAssignment.objects.current()
        .select_for_update()
        .filter(client=client, measure=measure)
    ):
        old.ended_at = timezone.now()
        old.save(update_fields=["ended_at", "updated_at"])
        audit_write(by=by, obj=old, object_type="measure_assignment")
    assignment = MeasureAssignment.objects.create(
        client=client,
        measure=measure,
        schedule=schedule,
        every_weeks=every_weeks if schedule == Schedule.EVERY_WEEKS else None,
        starts_on=starts_on,
        assigned_by=by,
    )
    audit_write(by=by, obj=assignment, object_type="measure_assignment")
    return assignment


@transaction.atomic
def measure_assignment_end(*, assignment: MeasureAssignment, by: User) -> MeasureAssignment:
    if assignment.ended_at is None:
        assignment.ended_at = timezone.now()
        assignment.save(update_fields=["ended_at", "updated_at"])
        audit_write(by=by, obj=assignment, object_type="measure_assignment")
    return assignment


@dataclass(frozen=True)
class ResponseWritten(Written[MeasureResponse]):
    """What `measure_response_save` saved. `saved` is False when the same answers came
    a moment ago (a double submit) and the earlier response stands. `risk_noted`: the
    answers given put question 9 above 0, so the person is offered support each time;
    the safety app is told once per response."""

    saved: bool


class NotAsked(Exception):
    """The client may not fill in this questionnaire now (selectors.answer_refusal);
    the message says why, in words for them."""


class AnswerRefused(Refused):
    """Answers that cannot be saved, in the words of the page's form: field "date",
    "answers", "answers[8]" (counted from 0) or "difficulty"."""


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def measure_response_save(
    *,
    client: User,
    by: User,
    measure: str,
    answers: list[int | None],
    difficulty: int | None,
    day: date,
    now: datetime | None = None,
) -> ResponseWritten:
    """Saves the answers given; with all of them, the response is scored and done.
    Continues the client's unfinished response of this measure, if there is one.
    The same answers sent twice in one minute (a double submit) are saved once.
    Raises AnswerRefused for answers the page's form would not take (_check_answers),
    NotAsked for a questionnaire the client may not fill in now.
    """
    spec = MEASURES[measure]
    _check_answers(spec, answers, difficulty)
    moment = now or timezone.now()
    if refusal := answer_refusal(client, spec, local_today(client, moment)):
        raise NotAsked(refusal)
    risky = item9_positive(spec, answers)
    try:
        with transaction.atomic():
            response = _unfinished_or_new(client, spec)
            response.date = day
            response.difficulty = difficulty
            _answer(response, spec, answers, moment)
            # Told once per response: a later save of the same answers offers support only.
            noting = risky and response.risk_noted_at is None
            if noting:
                response.risk_noted_at = moment
            response.save()
            audit_write(by=by, obj=response, object_type="measure_response")
            if noting:
                _tell_safety(client, response, spec)
    except IntegrityError:
        earlier = MeasureResponse.objects.filter(
            client=client, measure=measure, saved_minute=_minute(moment)
        ).first()
        if earlier is None:
            raise
        return ResponseWritten(earlier, risk_noted=risky, saved=False)
    return ResponseWritten(response, risk_noted=risky, saved=True)


def measure_answer(
    *,
    client: User,
    by: User,
    measure: str,
    answers: list[int | None],
    difficulty: int | None,
    day: date,
    today: date,
) -> ResponseWritten:
    """Answers sent without the page's form (the API): the day the page's ResponseForm
    allows (selectors.answer_day_out_of_range), then `measure_response_save`, which
    holds the answers to the page's rules. Raises AnswerRefused or NotAsked, nothing
    saved."""
    earliest = earliest_answer_day(client, today)
    if problem := answer_day_out_of_range(day, today=today, earliest=earliest):
        raise AnswerRefused("date", problem)
    return measure_response_save(
        client=client, by=by, measure=measure, answers=answers, difficulty=difficulty, day=day
    )


def _check_answers(spec: Measure, answers: list[int | None], difficulty: int | None) -> None:
    """One answer per question, each one of the four (None: left for later), and an
    answer to how difficult things were only where the measure asks it, one of the four;
    else AnswerRefused in the page's words (selectors.answer_unchosen). The page's form
    offers no other answers, so only a script sees these."""
    try:
        check_answers(spec, answers, partial=True)
    except ScoringError as error:
        if error.number is None:
            raise AnswerRefused(
                "answers",
                f"The {spec.name} has {len(spec.items)} questions. Please give one answer for each.",
            ) from None
        raise AnswerRefused(f"answers[{error.number - 1}]", answer_unchosen(error.number)) from None
    if difficulty is None:
        return
    if not spec.asks_difficulty:
        raise AnswerRefused(
            "difficulty",
            f"The {spec.name} does not ask how difficult things have been. Please leave it out.",
        )
    if difficulty not in SCORES:
        raise AnswerRefused("difficulty", answer_unchosen(None))


def _unfinished_or_new(client: User, spec: Measure) -> MeasureResponse:
    """The client's unfinished response of this measure, locked, or a new one; either
    way under the measure's open assignment."""
    response = (
        MeasureResponse.objects.select_for_update()
        .filter(client=client, measure=spec.code, completed_at__isnull=True)
        .first()
    ) or MeasureResponse(client=client, measure=spec.code)
    response.assignment = (
        MeasureAssignment.objects.current()
        .filter(client=client, measure=spec.code)
        .order_by("-created_at")
        .first()
    )
    return response


def _answer(
    response: MeasureResponse, spec: Measure, answers: list[int | None], moment: datetime
) -> None:
    """Puts the answers on the response and scores it once all are given."""
    response.answers = list(answers)
    response.saved_minute = _minute(moment)
    given = [answer for answer in answers if answer is not None]
    if len(given) == len(answers):
        scored = score(spec, given)
        response.total, response.band = scored.total, scored.band.code
        response.completed_at = moment


def _tell_safety(client: User, response: MeasureResponse, spec: Measure) -> None:
    answer = response.answers[RISK_ITEM - 1]
    assert answer is not None
    risk_noted.send(
        sender=MeasureResponse,
        client=client,
        source=response,
        # The question by its number and the answer the client chose, as the form words it.
        reason=risk_reason(
            f"{spec.name} question {RISK_ITEM}", source=response, said=[OPTIONS[answer]]
        ),
        excerpt="",
        therapist_may_read=True,
    )
