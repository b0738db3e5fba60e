from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib.humanize.templatetags.humanize import apnumber

from cairn.accounts.forms import time_zone_field
from cairn.reminders.models import Preference

# The hours a day that quiet hours must leave for reminders, at the least.
HOURS_FOR_REMINDERS = 4


class PreferenceForm(forms.ModelForm[Preference]):
    time_zone = time_zone_field()

    class Meta:
        model = Preference
        fields = [
            "checkin_rhythm",
            "checkin_time",
            "routine_reminders",
            "step_reminders",
            "quiet_start",
            "quiet_end",
            "by_email",
            "in_app",
            "in_app_details",
        ]
        widgets = {
            name: forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
            for name in ("checkin_time", "quiet_start", "quiet_end")
        }
        help_texts = {
            "in_app_details": "E-mails never name your goals or routines, whatever you choose here.",
            "quiet_start": "No reminders between these times.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("checkin_time", "quiet_start", "quiet_end"):
            self.fields[name].error_messages["invalid"] = "Please enter a time, like 19:00."

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        start, end, at = data.get("quiet_start"), data.get("quiet_end"), data.get("checkin_time")
        if start is not None and end is not None:
            span = (
                datetime.combine(datetime.min, end) - datetime.combine(datetime.min, start)
            ) % timedelta(days=1)
            left_for_reminders = timedelta(days=1) - span
            if span == timedelta(0) or left_for_reminders < timedelta(hours=HOURS_FOR_REMINDERS):
                self.add_error(
                    "quiet_end",
                    "Quiet hours this long leave no time for reminders. Please keep at least "
                    f"{apnumber(HOURS_FOR_REMINDERS)} hours outside them, or turn reminders off instead.",
                )
            elif at is not None and Preference(quiet_start=start, quiet_end=end).is_quiet(at):
                self.add_error(
                    "checkin_time",
                    "That time falls in your quiet hours. Please pick a time outside them.",
                )
        return data
