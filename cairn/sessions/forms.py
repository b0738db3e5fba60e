from typing import Any

from django import forms

from cairn.core.form_fields import date_field, text_field
from cairn.goals.forms import goal_choice, offer_goals
from cairn.sessions.models import AGENDA_MAX, NOTE_MAX, SUMMARY_MAX, SessionKind, SessionStatus


class SessionForm(forms.Form):
    held_on = date_field(label="Date", missing="Please enter the date.")
    start_time = forms.TimeField(
        label="Start time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "invalid": "Please enter a time, like 14:30.",
            "required": "Please enter the start time.",
        },
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
            "required": "Please enter the length in minutes.",
        },
    )
    kind = forms.ChoiceField(label="Kind", choices=SessionKind.choices)
    status = forms.ChoiceField(
        label="Status",
        choices=SessionStatus.choices,
        initial=SessionStatus.PLANNED,
        widget=forms.RadioSelect,
        help_text="Only a held session counts as the last session and can have a summary.",
        error_messages={
            "invalid_choice": "Please choose planned, held, cancelled or did not attend."
        },
    )


class SessionEditForm(SessionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Your private note",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            "Yours alone, and not part of your client's record: not your client, "
            "not other therapists, not admins will ever see it."
        ),
        error_messages={"max_length": f"Please keep a note under {NOTE_MAX:,} characters."},
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class SummaryForm(forms.Form):
    summary = text_field(
        label="Summary for your client",
        required=False,
        max_length=SUMMARY_MAX,
        rows=5,
        help_text="Your client sees it on their home page once you sign it.",
        too_long="Please keep the summary under {limit} characters.",
    )
    homework = text_field(
        label="Something to try before next time",
        required=False,
        max_length=SUMMARY_MAX,
        rows=3,
        too_long="Please keep it under {limit} characters.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class AgendaForm(forms.Form):
    text = text_field(
        label="What would you like to talk about?",
        max_length=AGENDA_MAX,
        help_text="Anything at all: something that happened, a question, a goal that feels stuck.",
        too_long="Please keep it under {limit} characters; the journal has room for more.",
    )
    goal = goal_choice("Is it about a goal?", empty_label="Not about a goal")

    def __init__(self, *args: Any, goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_goals(self, goals, "goal")


class AddendumForm(forms.Form):
    text = text_field(
        label="Addendum",
        max_length=SUMMARY_MAX,
        rows=3,
        help_text="Added below the signed summary with your name and today's date.",
        too_long="Please keep an addendum under {limit} characters.",
        missing="Please write the addendum.",
    )
