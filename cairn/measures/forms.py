import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cairn.core.form_fields import date_field
from cairn.measures.models import MeasureCode, Schedule
from cairn.measures.scoring import DIFFICULTY_OPTIONS, DIFFICULTY_QUESTION, OPTIONS, Measure
from cairn.measures.selectors import answer_day_out_of_range, answer_unchosen

EVERY_WEEKS_MAX = 26


def _four_answers(label: str, options: tuple[str, ...], *, unchosen: str) -> forms.Field:
    """A question answered 0 to 3 by choosing its words; left empty, it waits for later."""
    return forms.TypedChoiceField(
        label=label,
        choices=list(enumerate(options)),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": unchosen},
    )


class ResponseForm(forms.Form):
    """One question a row, four answers each; those left empty are kept for later."""

    date = date_field(label="Which day are you answering for?")

    def __init__(
        self, *args: Any, measure: Measure, today: dt.date, earliest: dt.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.today = today
        self.earliest = earliest
        self.fields["date"].widget.attrs.update(
            {
                "max": today.isoformat(),
                "min": earliest.isoformat(),
            }
        )
        for number, text in enumerate(measure.items, start=1):
            self.fields[f"q{number}"] = _four_answers(
                f"{number}. {text}",
                OPTIONS,
                unchosen=answer_unchosen(number),
            )
        if measure.asks_difficulty:
            self.fields["difficulty"] = _four_answers(
                DIFFICULTY_QUESTION,
                DIFFICULTY_OPTIONS,
                unchosen=answer_unchosen(None),
            )

    @property
    def questions(self) -> list[forms.BoundField]:
        return [self[f"q{n}"] for n in range(1, len(self.measure.items) + 1)]

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if problem := answer_day_out_of_range(day, today=self.today, earliest=self.earliest):
            raise ValidationError(problem)
        return day

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if not self.errors and all(
            data.get(f"q{n}") is None for n in range(1, len(self.measure.items) + 1)
        ):
            raise ValidationError("Please answer at least one question before saving.")
        return data

    def answers(self) -> list[int | None]:
        return [self.cleaned_data.get(f"q{n}") for n in range(1, len(self.measure.items) + 1)]


class AssignmentForm(forms.Form):
    measure = forms.ChoiceField(
        label="Measure",
        choices=MeasureCode.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Please choose the PHQ-9 or the GAD-7."},
    )
    schedule = forms.ChoiceField(
        label="How often",
        choices=Schedule.choices,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Please choose once, every few weeks or before each session."
        },
    )
    every_weeks = forms.IntegerField(
        label="Every how many weeks",
        required=False,
        min_value=1,
        max_value=EVERY_WEEKS_MAX,
        help_text="Only for “every few weeks”. 2 is common.",
        error_messages={
            "min_value": "Please choose at least every week.",
            "max_value": f"Please choose at most every {EVERY_WEEKS_MAX} weeks.",
            "invalid": "Please enter a whole number of weeks, like 2.",
        },
    )
    starts_on = date_field(label="From")

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_starts_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["starts_on"]
        if day < self.today - dt.timedelta(days=31) or day > self.today + dt.timedelta(days=365):
            raise ValidationError("Please choose a day between a month ago and a year ahead.")
        return day

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if (
            data.get("schedule") == Schedule.EVERY_WEEKS
            and not data.get("every_weeks")
            and "every_weeks" not in self.errors
        ):
            self.add_error("every_weeks", "Please say every how many weeks, like 2.")
        return data
