import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cairn.core.form_fields import date_field, text_field
from cairn.core.numbers import PlainNumberInput
from cairn.goals.forms import goal_choice, offer_goals
from cairn.goals.models import RATING_MAX, REASON_MAX, Goal, Plan
from cairn.progress.models import (
    CHECKIN_NOTE_MAX,
    WIN_MAX,
    CheckIn,
    Helped,
    Mood,
    PauseReason,
)
from cairn.progress.selectors import (
    SAYS_NOTHING,
    backdate_limit,
    checkin_answers,
    day_out_of_range,
    says_nothing,
)


def checkin_day(day: dt.date, *, today: dt.date, earliest: dt.date) -> dt.date:
    """`day`, when a check-in may be for it; else the error that says why not."""
    if problem := day_out_of_range(day, today=today, earliest=earliest):
        raise ValidationError(problem)
    return day


class CheckInForm(forms.Form):
    """Today's check-in: a rating per active goal, any measures, mood, plans used, a note."""

    # The day is chosen before the form is shown (a separate "earlier day" picker
    # reloads the page with that day's own check-in or an empty form), so the
    # answers on screen always belong to the day they are saved on.
    date = date_field(label="Which day is this for?", widget=forms.HiddenInput())
    mood = forms.TypedChoiceField(
        label="How are you feeling today?",
        choices=Mood.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    note = text_field(
        label="Anything you'd like to remember about today?",
        required=False,
        max_length=CHECKIN_NOTE_MAX,
        rows=2,
        too_long="Please keep the note under {limit} characters; the journal has room for more.",
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        goals: list[Goal],
        plans: list[Plan],
        today: dt.date,
        earliest: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.earliest = earliest or backdate_limit(today)
        self.goals = goals
        self.plans = plans
        day = self.initial.get("date", today)
        if day != today:
            when = f"on {day:%A} {day.day} {day:%B}"
            self.fields["mood"].label = f"How were you feeling {when}?"
            self.fields["note"].label = f"Anything you'd like to remember about {day:%A}?"
        for goal in goals:
            self.fields[f"rating_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.title,
                choices=[(n, str(n)) for n in range(RATING_MAX + 1)],
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                error_messages={
                    "invalid_choice": f"Please choose a rating from 0 to {RATING_MAX}."
                },
            )
            if goal.measure_name:
                self.fields[f"measure_{goal.pk}"] = forms.DecimalField(
                    label=f"{goal.measure_name}{f' ({goal.measure_unit})' if goal.measure_unit else ''}",
                    required=False,
                    max_digits=12,
                    decimal_places=2,
                    error_messages={
                        "invalid": "Please enter a number, like 3 or 7.5.",
                        "max_digits": "That number is too long to be right. Please check it.",
                        "max_decimal_places": "Please use at most two decimal places.",
                    },
                    widget=PlainNumberInput(attrs={"inputmode": "decimal", "step": "any"}),
                )
        for plan in plans:
            self.fields[f"plan_{plan.pk}"] = forms.TypedChoiceField(
                label=plan.sentence,
                choices=[("", "Didn't use it"), *Helped.choices],
                coerce=int,
                required=False,
                empty_value=None,
                error_messages={"invalid_choice": "Please choose how much it helped."},
            )

    @staticmethod
    def initial_for(day: dt.date, existing: CheckIn | None) -> dict[str, object]:
        """What the form shows for `day`: the day's check-in as saved, or none at version
        0 (which checkin_save reads as "the form showed no check-in")."""
        initial: dict[str, object] = {"date": day, "version": 0}
        if existing is not None:
            answers = checkin_answers(existing)
            initial |= {"mood": answers.mood, "note": answers.note, "version": existing.version}
            initial |= {f"rating_{goal}": rating for goal, rating in answers.ratings.items()}
            initial |= {f"measure_{goal}": value for goal, value in answers.measures.items()}
            initial |= {f"plan_{plan}": helped for plan, helped in answers.plan_uses.items()}
        return initial

    def clean_date(self) -> dt.date:
        return checkin_day(self.cleaned_data["date"], today=self.today, earliest=self.earliest)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and says_nothing(
            mood=data.get("mood"), note=data.get("note"), answers=self.answers()
        ):
            raise ValidationError(SAYS_NOTHING, code="empty")
        return data

    def rating_fields(self) -> list[tuple[Goal, forms.BoundField, forms.BoundField | None]]:
        return [
            (
                goal,
                self[f"rating_{goal.pk}"],
                self[f"measure_{goal.pk}"] if f"measure_{goal.pk}" in self.fields else None,
            )
            for goal in self.goals
        ]

    def plan_fields(self) -> list[forms.BoundField]:
        return [self[f"plan_{plan.pk}"] for plan in self.plans]

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "ratings": {
                g.pk: data[f"rating_{g.pk}"]
                for g in self.goals
                if data.get(f"rating_{g.pk}") is not None
            },
            "measures": {
                g.pk: data[f"measure_{g.pk}"]
                for g in self.goals
                if data.get(f"measure_{g.pk}") is not None
            },
            "plan_uses": {
                p.pk: data[f"plan_{p.pk}"]
                for p in self.plans
                if data.get(f"plan_{p.pk}") is not None
            },
        }


class WinForm(forms.Form):
    text = text_field(
        label="Your win, in a line",
        max_length=WIN_MAX,
        help_text="Big or small. For example: “Spoke up in the team meeting”.",
        too_long="Please keep it to a line (under {limit} characters); the journal has room for more.",
    )
    goal = goal_choice("Is it part of a goal?", empty_label="Not tied to a goal")
    happened_on = date_field(label="When")

    def __init__(self, *args: Any, goals: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        offer_goals(self, goals, "goal")

    def clean_happened_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["happened_on"]
        if day > self.today:
            raise ValidationError(
                "That day hasn't happened yet. Wins are for what you've already done."
            )
        return day


class CheckInDayForm(forms.Form):
    """The earlier day picked above the check-in (`?date=`, a separate form that
    reloads the page), read and checked as the check-in's own day is, in its words."""

    date = date_field(label="Which day?")

    def __init__(self, *args: Any, today: dt.date, earliest: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today, self.earliest = today, earliest
        # The day as read, shown again in the picker even when a check-in cannot be for it.
        self.picked: dt.date | None = None

    def clean_date(self) -> dt.date:
        self.picked = self.cleaned_data["date"]
        return checkin_day(self.picked, today=self.today, earliest=self.earliest)


class PauseForm(forms.Form):
    reason = forms.ChoiceField(
        label="What's going on?", choices=PauseReason.choices, widget=forms.RadioSelect
    )


class AchievementForm(forms.Form):
    status = forms.ChoiceField(label="Progress status", choices=[])
    reason_text = text_field(
        label="Why",
        max_length=REASON_MAX,
        rows=2,
        missing="Please say why you're changing the progress status.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from cairn.goals.models import Achievement

        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [("auto", "Work it out from the ratings"), *Achievement.choices]
