from datetime import date, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from cairn.accounts.models import owner
from cairn.core.models import BaseModel, VersionedModel
from cairn.goals.models import RATING_MAX, Goal, Plan

CHECKIN_NOTE_MAX = 2000
# How long one check-in keeps a client in touch. Two rules read it and differ in whom
# they count: the caseload's "gone quiet" (home/caseload.py) flags a client only while
# a check-in is expected of them; the practice's check-in rate (home/practice.py)
# counts every current client.
IN_TOUCH_FOR = timedelta(days=14)
WIN_MAX = 300


class Mood(models.IntegerChoices):
    VERY_LOW = 1, "Very low"
    LOW = 2, "Low"
    OKAY = 3, "Okay"
    GOOD = 4, "Good"
    VERY_GOOD = 5, "Very good"


class Helped(models.IntegerChoices):
    NOT_MUCH = 1, "Not much"
    A_LITTLE = 2, "A little"
    A_LOT = 3, "A lot"


class CheckIn(VersionedModel):
    """One day's check-in. The date is the client's own local date."""

    client = owner(related_name="checkins")
    date = models.DateField()
    mood = models.PositiveSmallIntegerField(choices=Mood.choices, null=True, blank=True)
    note = models.TextField(
        "anything you'd like to remember", blank=True, max_length=CHECKIN_NOTE_MAX
    )

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "date"], name="one_checkin_per_client_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"Check-in {self.date}"


class GoalRating(models.Model):
    """A 0–10 rating of progress towards a goal (0 none, 5 half way, 10 reached)."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="ratings")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(RATING_MAX)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "goal"], name="one_rating_per_goal_per_checkin"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__lte=RATING_MAX), name="rating_0_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/10"


class MeasureValue(models.Model):
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="measures")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measure_values")
    value = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "goal"], name="one_value_per_goal_per_checkin"
            )
        ]

    def __str__(self) -> str:
        return str(self.value)


class PlanUse(models.Model):
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="plan_uses")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="uses")
    helped = models.PositiveSmallIntegerField(choices=Helped.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkin", "plan"], name="one_use_per_plan_per_checkin")
        ]

    def __str__(self) -> str:
        return self.get_helped_display()


class Win(BaseModel):
    """A small win the client logged. Completed milestones are wins too; they are
    read from the goals app rather than copied here."""

    client = owner(related_name="wins")
    text = models.CharField("your win", max_length=WIN_MAX)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="wins"
    )
    happened_on = models.DateField("when")

    class Meta:
        ordering = ["-happened_on", "-created_at"]

    def __str__(self) -> str:
        return self.text


class PauseReason(models.TextChoices):
    HOLIDAY = "holiday", "A holiday"
    ILLNESS = "illness", "Being unwell"
    BREAK = "break", "Just a break"


class TrackingPause(BaseModel):
    """Days when tracking rests: they count for nothing either way."""

    client = owner(related_name="tracking_pauses")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=20, choices=PauseReason.choices, default=PauseReason.BREAK)

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"Pause from {self.starts_on}"

    def covers(self, day: date) -> bool:
        """Tracking rests on `day` (pauses_covering says the same to the database)."""
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


def pauses_covering(day: date) -> models.Q:
    """The pauses in which tracking rests on `day`: begun by then, not ended before it."""
    return models.Q(starts_on__lte=day) & (
        models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
    )
