"""The shapes the API answers with and accepts. Input refuses unknown fields."""

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints, WithJsonSchema

from cairn.goals.models import RATING_MAX
from cairn.measures.scoring import SCORES
from cairn.progress.models import CHECKIN_NOTE_MAX, Mood
from cairn.routines.models import LogStatus


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class Message(Schema):
    message: str


class FieldError(Schema):
    field: str
    message: str


class ValidationMessage(Schema):
    message: str
    errors: list[FieldError]


class LatestRating(Schema):
    date: date
    value: int


class GoalOut(Schema):
    id: uuid.UUID
    client: uuid.UUID
    title: str
    lifecycle_status: str
    achievement_status: str
    priority: str
    start_date: date
    target_date: date | None
    latest_rating: LatestRating | None


class MilestoneOut(Schema):
    id: uuid.UUID
    title: str
    position: int
    due_date: date | None
    done_at: datetime | None


class MeasureOut(Schema):
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    direction: str | None = Field(
        description="'up' when higher is better, 'down' when lower is; null when none was chosen."
    )


class GoalDetailOut(GoalOut):
    description: str
    why_it_matters: str
    confidence: int | None
    measure: MeasureOut | None
    milestones: list[MilestoneOut]


class GoalList(Schema):
    items: list[GoalOut]
    count: int


class RatingOut(Schema):
    goal: uuid.UUID
    value: int


class MeasureValueOut(Schema):
    goal: uuid.UUID
    value: Decimal


class CheckInOut(Schema):
    id: uuid.UUID
    client: uuid.UUID
    date: date
    mood: int | None
    note: str
    ratings: list[RatingOut]
    measures: list[MeasureValueOut]


class CheckInSaved(CheckInOut):
    support: str | None = Field(
        description="When the mood or note asks for it: where to find help now, as the page shows"
    )


class CheckInList(Schema):
    items: list[CheckInOut]
    count: int


class RatingIn(Strict):
    goal: uuid.UUID
    value: int = Field(ge=0, le=RATING_MAX)


class CheckInIn(Strict):
    date: date
    ratings: list[RatingIn] = Field(default_factory=list, max_length=50)
    mood: int | None = Field(
        default=None,
        ge=min(Mood.values),
        le=max(Mood.values),
        description=f"{Mood.VERY_LOW} {Mood.VERY_LOW.label.lower()} … "
        f"{Mood.VERY_GOOD} {Mood.VERY_GOOD.label.lower()}",
    )
    # Trimmed before it is measured, as the check-in page's form does.
    note: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=CHECKIN_NOTE_MAX)] | None
    ) = None


class RoutineOut(Schema):
    id: uuid.UUID
    client: uuid.UUID
    name: str
    times: int
    period: str
    rhythm: str
    time_of_day: time | None
    strength: int = Field(description="Habit strength in percent, 0–100")
    paused: bool
    today: str | None


class RoutineList(Schema):
    items: list[RoutineOut]
    count: int


class MarkIn(Strict):
    date: date
    # The statuses a mark may have are routines' LogStatus; the document describes them
    # in place (an enum of its values), as it did when they were written out here.
    status: Annotated[
        LogStatus,
        WithJsonSchema({"enum": list(LogStatus.values), "title": "Status", "type": "string"}),
    ]


class MarkOut(Schema):
    routine: uuid.UUID
    date: date
    status: str
    strength: int


class WinOut(Schema):
    id: uuid.UUID
    client: uuid.UUID
    text: str
    date: date
    goal: uuid.UUID | None
    kind: Literal["logged", "milestone"] = Field(
        description="'logged': a small win the client wrote down (its id is the win's); "
        "'milestone': a step of a goal they reached (its id is the milestone's)."
    )


class WinList(Schema):
    items: list[WinOut]
    count: int


class MeasureResponseOut(Schema):
    id: uuid.UUID
    client: uuid.UUID
    measure: str
    name: str
    date: date
    complete: bool
    answers: list[int | None]
    difficulty: int | None
    total: int | None
    band: str


class MeasureResponseList(Schema):
    items: list[MeasureResponseOut]
    count: int


class QuestionOut(Schema):
    number: int
    text: str


class DueMeasureOut(Schema):
    measure: str
    name: str
    since: date
    stem: str
    questions: list[QuestionOut]
    options: list[str] = Field(description="The answers, in order: their index is the score")


class DueMeasureList(Schema):
    items: list[DueMeasureOut]
    count: int


class MeasureAnswerIn(Strict):
    date: date
    answers: list[int] = Field(description="One answer per question, each 0–3")
    # Described as 0–3, and refused outside it by measures' service, in the page's words
    # ("The last question: please choose one of the four answers."), as each answer is.
    difficulty: (
        Annotated[
            int,
            WithJsonSchema({"maximum": max(SCORES), "minimum": min(SCORES), "type": "integer"}),
        ]
        | None
    ) = Field(
        default=None,
        description="The PHQ-9's last question (how difficult), 0–3; the GAD-7 does not ask it",
    )


class MeasureAnswerOut(MeasureResponseOut):
    support: str | None = Field(
        description="When an answer asks for it: where to find help now, as the page shows"
    )


class SafetyPlanOut(Schema):
    client: uuid.UUID
    version: int
    updated_at: datetime
    warning_signs: str
    on_my_own: str
    people_and_places: str
    people_to_ask: str
    professionals: str
    safer_surroundings: str
    reasons_for_living: str
