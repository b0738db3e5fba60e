from datetime import time

from django.conf import settings
from django.db import models

from cairn.accounts.models import owner
from cairn.core.models import BaseModel

MESSAGE_MAX = 300


class Rhythm(models.TextChoices):
    DAILY = "daily", "Every day"
    WEEKDAYS = "weekdays", "On weekdays"
    WEEKLY = "weekly", "Once a week (Mondays)"
    OFF = "off", "No check-in reminders"


def seven_in_the_evening() -> time:
    """The check-in reminder's default hour. A callable, because Django warns about a
    fixed time default (W161) whenever a command starts within seconds of 19:00."""
    return time(19, 0)


class Preference(BaseModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    checkin_rhythm = models.CharField(
        "check-in reminders", max_length=10, choices=Rhythm.choices, default=Rhythm.DAILY
    )
    checkin_time = models.TimeField("at", default=seven_in_the_evening)
    routine_reminders = models.BooleanField("remind me of routines at their time", default=True)
    step_reminders = models.BooleanField("remind me when a step is due", default=True)
    quiet_start = models.TimeField("quiet from", default=time(22, 0))
    quiet_end = models.TimeField("quiet until", default=time(8, 0))
    by_email = models.BooleanField("by e-mail", default=True)
    in_app = models.BooleanField("in Cairn (the bell)", default=True)
    in_app_details = models.BooleanField(
        "show goal and routine names in Cairn's own notifications", default=False
    )

    def __str__(self) -> str:
        return "Reminder preferences"

    def is_quiet(self, moment: time) -> bool:
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= moment < self.quiet_end
        return moment >= self.quiet_start or moment < self.quiet_end


class Notification(BaseModel):
    user = owner(related_name="notifications")
    kind = models.CharField(max_length=30)
    message = models.CharField(max_length=MESSAGE_MAX)
    link = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message


class ReminderSent(models.Model):
    """One row per reminder ever sent. The unique key is what makes a second run,
    or a restarted worker, send nothing twice."""

    user = owner(related_name="+")
    key = models.CharField(max_length=120)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_reminder_per_key")]

    def __str__(self) -> str:
        return self.key
