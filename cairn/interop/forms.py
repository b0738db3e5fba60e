import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cairn.core.form_fields import date_field, text_field
from cairn.goals.forms import goals_choice, offer_goals
from cairn.interop.models import RETENTION_YEARS_MAX, RetentionPolicy
from cairn.interop.report import PARTS


class ReportForm(forms.Form):
    starts = date_field(
        label="From", example="2026-09-01", missing="Please choose the first day of the report."
    )
    ends = date_field(label="To", missing="Please choose the last day of the report.")
    parts = forms.MultipleChoiceField(
        label="What to include",
        choices=list(PARTS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Please choose from the list."},
    )
    goals = goals_choice(
        "Which goals",
        help_text="Leave all unticked to include every goal.",
        error_messages={"invalid_choice": "Please choose goals from the list."},
    )

    def __init__(self, *args: Any, goals: Any, therapist: bool, today: dt.date, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.today = today
        offer_goals(self, goals)
        if therapist:
            self.fields["comment"] = text_field(
                label="Your comment (optional)",
                required=False,
                max_length=3000,
                rows=4,
                help_text="Left empty, the report keeps a space to write on by hand.",
                too_long="Please keep the comment under {limit} characters.",
            )

    def clean_ends(self) -> dt.date:
        ends: dt.date = self.cleaned_data["ends"]
        if ends > self.today:
            raise ValidationError("The report can't go past today. Please choose today or earlier.")
        return ends

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and starts > ends:
            self.add_error("starts", "The first day comes after the last. Please swap them.")
        if starts and ends and (ends - starts).days > 366 * 5:
            self.add_error("starts", "Please choose a period of up to five years.")
        return data


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand this can't be undone",
        error_messages={"required": "Please tick the box to say you understand."},
    )


class RetentionForm(forms.ModelForm["RetentionPolicy"]):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = RetentionPolicy
        fields = ["years"]
        error_messages = {
            "years": {
                "required": "Please say how many years.",
                "invalid": "Please enter a whole number of years, like 8.",
                "min_value": "Please keep records for at least a year.",
                "max_value": f"Please choose at most {RETENTION_YEARS_MAX} years.",
            }
        }
