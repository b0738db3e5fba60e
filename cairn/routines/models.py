from django.conf import settings
from django.db import models

from cairn.accounts.models import owner
from cairn.core.models import BaseModel, VersionedModel
from cairn.goals.models import Goal

LIMITS = {"day": 10, "week": 21, "month": 60}
NAME_MAX = 120


class Period(models.TextChoices):
    DAY = "day", "a day"
    WEEK = "week", "a week"
    MONTH = "month", "a month"


PERIOD_DAYS = {Period.DAY: 1, Period.WEEK: 7, Period.MONTH: 30}


class Routine(BaseModel):
    client = owner(related_name="routines")
    name = models.CharField("routine", max_length=NAME_MAX)
    times = models.PositiveSmallIntegerField("how many times", default=1)
    period = models.CharField("every", max_length=10, choices=Period.choices, default=Period.DAY)
    time_of_day = models.TimeField("at what time (optional)", null=True, blank=True)
    from_goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="routines"
    )
    paused_at = models.DateField(null=True, blank=True)
    # Earlier pauses, [first day, last day] in ISO dates: they stay frozen after resuming.
    pauses = models.JSONField(default=list, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def unmarkable_reason(self) -> str | None:
        """Why no day of it can be marked now, in the words the page and the API give;
        None while it can be."""
        if self.archived_at is not None:
            return "This routine was taken off the list."
        if self.paused_at is not None:
            return "This routine is paused. Pick it up again whenever you're ready."
        return None

    @property
    def per_day(self) -> float:
        """How many times a day it is expected, e.g. 3 a week is 3/7."""
        return self.times / PERIOD_DAYS[Period(self.period)]

    @property
    def rhythm(self) -> str:
        if self.period == Period.DAY and self.times == 1:
            return "every day"
        if self.times == 1:
            return f"once {Period(self.period).label}"
        if self.times == 2:
            return f"twice {Period(self.period).label}"
        return f"{self.times} times {Period(self.period).label}"


class LogStatus(models.TextChoices):
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


class RoutineLog(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="logs")
    date = models.DateField()
    status = models.CharField(max_length=10, choices=LogStatus.choices)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["routine", "date"], name="one_log_per_routine_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.status}"


class MaintenancePlan(VersionedModel):
    """What to notice, what helps, who to call, and when to come back."""

    client = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maintenance_plan"
    )
    warning_signs = models.TextField("warning signs to notice", blank=True, max_length=4000)
    coping = models.TextField("what helps me", blank=True, max_length=4000)
    people = models.TextField("people I can reach out to", blank=True, max_length=2000)
    when_to_return = models.TextField(
        "when I'll contact the practice again", blank=True, max_length=2000
    )

    def __str__(self) -> str:
        return "Maintenance plan"
