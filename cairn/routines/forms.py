from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cairn.core.form_fields import no_markup, text_field
from cairn.goals.forms import offer_goals
from cairn.goals.models import Goal
from cairn.routines.models import LIMITS, NAME_MAX, MaintenancePlan, Period

SUGGESTIONS = {
    "walk": ("A 20-minute walk", 3, Period.WEEK),
    "mindfulness": ("Ten minutes of mindfulness", 1, Period.DAY),
    "friend": ("Call or message a friend", 1, Period.WEEK),
    "sleep": ("Wind down: screens off by 10:30pm", 5, Period.WEEK),
    "movement": ("Something active: a swim, a class, a bike ride", 2, Period.WEEK),
}


class RoutineForm(forms.Form):
    name = text_field(
        label="Your routine", max_length=NAME_MAX, help_text="For example: a walk before breakfast."
    )
    times = forms.IntegerField(
        label="How many times",
        min_value=1,
        error_messages={
            "min_value": "Please choose at least once.",
            "invalid": "Please enter a whole number, like 3.",
        },
    )
    period = forms.ChoiceField(label="Every", choices=Period.choices)
    time_of_day = forms.TimeField(
        label="At what time?",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="For a gentle reminder at that time.",
        error_messages={"invalid": "Please enter a time, like 07:30."},
    )
    from_goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_goals(self, goals, "from_goal")

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        times, period = data.get("times"), data.get("period")
        if times is not None and period in LIMITS and times > LIMITS[period]:
            self.add_error(
                "times",
                f"That's more than {LIMITS[period]} times {Period(period).label}. A routine you can keep up is worth more than a big one.",
            )
        return data


class MaintenancePlanForm(forms.ModelForm[MaintenancePlan]):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = MaintenancePlan
        fields = ["warning_signs", "coping", "people", "when_to_return"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
        help_texts = {
            "warning_signs": "Early signs that things are slipping, e.g. “sleeping badly for several nights”.",
            "coping": "Strategies that work for you. The plans that helped most are listed above to choose from.",
            "people": "Names and how to reach them.",
            "when_to_return": "For example: “if the warning signs last more than two weeks”.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].validators.append(no_markup)

    def clean_version(self) -> int | None:
        value = self.cleaned_data.get("version")
        if value is not None and value < 1:
            raise ValidationError("Please reload the page and try again.")
        return value
