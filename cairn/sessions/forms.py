import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cairn.goals.forms import no_markup
from cairn.goals.models import Goal
from cairn.sessions.models import NOTE_MAX, SUMMARY_MAX, SessionKind


class SessionForm(forms.Form):
    held_on = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Please enter a date, like 2026-11-27."},
    )
    length_minutes = forms.IntegerField(
        label="Length (minutes)",
        min_value=1,
        max_value=600,
        initial=50,
        error_messages={
            "min_value": "A session lasts at least a minute.",
            "max_value": "That's longer than ten hours. Please check the length.",
            "invalid": "Please enter the length in whole minutes, like 50.",
        },
    )
    kind = forms.ChoiceField(label="Kind", choices=SessionKind.choices)

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_held_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["held_on"]
        if day > self.today + dt.timedelta(days=365):
            raise ValidationError("That's more than a year ahead. Please check the date.")
        if day < self.today - dt.timedelta(days=365 * 20):
            raise ValidationError("That's a very long time ago. Please check the date.")
        return day


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Your private note",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Only you will ever see this: not your client, not other therapists, not admins.",
        error_messages={"max_length": f"Please keep a note under {NOTE_MAX:,} characters."},
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label="Summary for your client",
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Your client sees this on their home page.",
        error_messages={"max_length": f"Please keep the summary under {SUMMARY_MAX:,} characters."},
    )
    homework = forms.CharField(
        label="Something to try before next time",
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Please keep it under {SUMMARY_MAX:,} characters."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["summary"].validators.append(no_markup)
        self.fields["homework"].validators.append(no_markup)


class AgendaForm(forms.Form):
    text = forms.CharField(
        label="What would you like to talk about?",
        max_length=500,
        help_text="Anything at all: something that happened, a question, a goal that feels stuck.",
        error_messages={
            "max_length": "Please keep it under 500 characters; the journal has room for more."
        },
    )
    goal = forms.ModelChoiceField(
        label="Is it about a goal?",
        queryset=Goal.objects.none(),
        required=False,
        empty_label="Not about a goal",
    )

    def __init__(self, *args: Any, goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal = self.fields["goal"]
        assert isinstance(goal, forms.ModelChoiceField)
        goal.queryset = goals
        self.fields["text"].validators.append(no_markup)
