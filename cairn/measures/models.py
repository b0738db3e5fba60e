from django.db import models

from cairn.accounts.models import made_by, owner
from cairn.core.models import BaseModel
from cairn.measures.scoring import GAD7, MEASURES, PHQ9, band_words

# The highest total any measure has (the PHQ-9's 27): what the database allows.
TOTAL_MAX = max(measure.maximum for measure in MEASURES.values())


class MeasureCode(models.TextChoices):
    PHQ9 = PHQ9, MEASURES[PHQ9].name
    GAD7 = GAD7, MEASURES[GAD7].name


class Schedule(models.TextChoices):
    ONCE = "once", "Once"
    EVERY_WEEKS = "every_weeks", "Every few weeks"
    BEFORE_SESSION = "before_session", "Before each session"


class AssignmentQuerySet(models.QuerySet["MeasureAssignment"]):
    def current(self) -> "AssignmentQuerySet":
        """The open assignments, not stopped: one per client and measure."""
        return self.filter(ended_at__isnull=True)


class MeasureAssignment(BaseModel):
    """A therapist asks a client to fill in a measure: once, every N weeks, or
    before each session. One open assignment per client and measure."""

    client = owner(related_name="measure_assignments")
    measure = models.CharField(max_length=10, choices=MeasureCode.choices)
    schedule = models.CharField(max_length=20, choices=Schedule.choices)
    every_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    starts_on = models.DateField()
    assigned_by = made_by()
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "measure"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_assignment_per_measure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} ({self.rhythm})"

    @property
    def rhythm(self) -> str:
        if self.schedule == Schedule.EVERY_WEEKS:
            weeks = self.every_weeks or 1
            return "every week" if weeks == 1 else f"every {weeks} weeks"
        return "once" if self.schedule == Schedule.ONCE else "before each session"


class MeasureResponse(BaseModel):
    """A client's answers. While some are left, `total` and `band` are empty and the
    answers given are kept (None for those left) until the client comes back."""

    client = owner(related_name="measure_responses")
    measure = models.CharField(max_length=10, choices=MeasureCode.choices)
    assignment = models.ForeignKey(
        MeasureAssignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
    )
    date = models.DateField("the day it is about")
    answers = models.JSONField(default=list)
    difficulty = models.PositiveSmallIntegerField(null=True, blank=True)
    total = models.PositiveSmallIntegerField(null=True, blank=True)
    band = models.CharField(max_length=20, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The minute of the last save: a double submit lands in the same minute and is
    # refused by the constraint, so it is saved once.
    saved_minute = models.DateTimeField()
    # Set when a question 9 answer above 0 was told to the safety app, so it is told once.
    risk_noted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "created_at"]
        indexes = [models.Index(fields=["client", "measure", "date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "measure", "saved_minute"], name="one_response_save_per_minute"
            ),
            models.UniqueConstraint(
                fields=["client", "measure"],
                condition=models.Q(completed_at__isnull=True),
                name="one_unfinished_response_per_measure",
            ),
            models.CheckConstraint(
                condition=models.Q(total__isnull=True) | models.Q(total__lte=TOTAL_MAX),
                name="measure_total_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} on {self.date:%d %B %Y}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def band_label(self) -> str:
        return band_words(self.band)

    @property
    def questions_left(self) -> list[int]:
        """The numbers (from 1) of the questions not answered yet."""
        count = len(MEASURES[self.measure].items)
        given = list(self.answers) + [None] * (count - len(self.answers))
        return [number for number, answer in enumerate(given[:count], start=1) if answer is None]
