from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from cairn.core.form_fields import date_input, no_markup, text_field
from cairn.core.numbers import PlainNumberInput
from cairn.goals.models import (
    COMMENT_MAX,
    CONFIDENCE_MAX,
    GOAL_FIELDS,
    RATING_MAX,
    REASON_MAX,
    REVISE_REASONS,
    STATUS_MOVES,
    TEXT_MAX,
    TITLE_MAX,
    Barrier,
    BarrierKind,
    Direction,
    FocusArea,
    Goal,
    Milestone,
    Plan,
    RevisionReason,
)


def goal_choice(label: str, *, empty_label: str) -> forms.ModelChoiceField:
    """One of the client's goals, or none; the form offers them with `offer_goals`."""
    return forms.ModelChoiceField(
        label=label, queryset=Goal.objects.none(), required=False, empty_label=empty_label
    )


def goals_choice(label: str, **options: Any) -> forms.ModelMultipleChoiceField:
    """Any of the client's goals, ticked; the form offers them with `offer_goals`."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **options,
    )


def offer_goals(form: forms.Form, goals: Any, field: str = "goals") -> None:
    """Lets `field` choose among `goals` alone: the ones the view's selector gave."""
    choice = form.fields[field]
    assert isinstance(choice, forms.ModelChoiceField)  # the multiple choice is one too
    choice.queryset = goals


def plain_text(field: forms.Field) -> forms.Field:
    """A model form's text field in plain words, its limit (the model field's) said in the
    form's own words."""
    assert isinstance(field, forms.CharField) and field.max_length is not None
    limit = field.max_length
    field.validators.append(no_markup)
    # Field.run_validators replaces a validator's message by the field's own for its code.
    field.error_messages["max_length"] = (
        f"Please keep this under {limit:,} characters; you can add more detail in the description."
    )
    field.widget.attrs.setdefault("maxlength", str(limit))
    return field


class GoalForm(forms.ModelForm[Goal]):
    confidence = forms.IntegerField(
        label=f"How confident do you feel you can do this? (0 to {CONFIDENCE_MAX})",
        required=False,
        min_value=0,
        max_value=CONFIDENCE_MAX,
        error_messages={
            "min_value": f"Confidence goes from 0 (not at all) to {CONFIDENCE_MAX} (completely sure).",
            "max_value": f"Confidence goes from 0 (not at all) to {CONFIDENCE_MAX} (completely sure).",
            "invalid": f"Please enter a whole number from 0 to {CONFIDENCE_MAX}.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Goal
        fields = GOAL_FIELDS
        labels = {
            "title": "Your goal in a sentence",
            "description": "What exactly will you do? Where, when, how often?",
            "why_it_matters": "Why does this matter to you?",
            "focus_area": "Which part of your vision is it about?",
        }
        error_messages = {"title": {"required": "Please write the goal in a sentence."}}
        help_texts = {
            "title": "For example: “Walk round the park for 20 minutes three times a week”.",
            "why_it_matters": "It could link to your vision or something you value.",
            "measure_name": "For example “walks a week” or “hours of sleep”.",
            "target_date": "A date to aim for. You can always change it later.",
            "rating_target": "10 unless you agree together that a lower rating means reached.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "why_it_matters": forms.Textarea(attrs={"rows": 3}),
            "start_date": date_input(),
            "target_date": date_input(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in GOAL_FIELDS:
            if isinstance(self.fields[name], forms.CharField):  # words, not numbers or dates
                plain_text(self.fields[name])
        self.fields["focus_area"].widget = forms.TextInput(attrs={"list": "focus-areas"})
        for name in ("measure_baseline", "measure_target"):
            self.fields[name].error_messages["invalid"] = "Please enter a number, like 3 or 7.5."
            self.fields[name].widget = PlainNumberInput(
                attrs={"inputmode": "decimal", "step": "any"}
            )
        self.fields["rating_target"].required = False
        self.fields["rating_target"].widget.attrs.update({"min": "1", "max": str(RATING_MAX)})
        for code in ("min_value", "max_value", "invalid"):
            self.fields["rating_target"].error_messages[code] = (
                f"The rating that means reached is a whole number from 1 to {RATING_MAX}."
            )
        self.fields["start_date"].error_messages["invalid"] = (
            "Please enter a date, like 2027-03-31."
        )
        self.fields["target_date"].error_messages["invalid"] = (
            "Please enter a date, like 2027-03-31."
        )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        start, target = data.get("start_date"), data.get("target_date")
        today = date.today()
        if start and abs((start - today).days) > 365 * 5:
            self.add_error("start_date", "Please choose a start date within five years of today.")
        if target and (target - today).days > 365 * 10:
            self.add_error(
                "target_date",
                "That's more than ten years away. What would a nearer date look like?",
            )
        if start and target and target < start:
            self.add_error(
                "target_date", "The target date is before the start date. Please pick a later date."
            )
        if data.get("rating_target") is None and "rating_target" in self.fields:
            data["rating_target"] = self.instance.rating_target if self.instance.pk else RATING_MAX
        baseline: Decimal | None = data.get("measure_baseline")
        goal: Decimal | None = data.get("measure_target")
        direction = data.get("measure_direction")
        if baseline is not None and goal is not None and not direction and baseline != goal:
            # Where you are and where you want to be already say which way is better.
            direction = Direction.UP if goal > baseline else Direction.DOWN
            data["measure_direction"] = direction
        if (baseline is not None or goal is not None) and not data.get("measure_name"):
            self.add_error(
                "measure_name", "Please say what you will measure, for example “walks a week”."
            )
        if baseline is not None and goal is not None and direction:
            if baseline == goal:
                self.add_error(
                    "measure_target",
                    "The target is the same as where you are now. What would a step forward look like?",
                )
            elif (direction == Direction.UP) != (goal > baseline):
                self.add_error(
                    "measure_direction",
                    "This doesn't match the numbers: check whether higher or lower is better.",
                )
        return data


class GoalReviseForm(GoalForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label="Why are you changing it?",
        choices=[(r.value, r.label) for r in REVISE_REASONS],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose why you're changing it."},
    )
    reason_text = text_field(label="In your own words", required=False, max_length=REASON_MAX)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if (
            data.get("reason") == RevisionReason.OTHER
            and not data.get("reason_text", "").strip()
            and not self.has_error("reason_text")
        ):
            self.add_error("reason_text", "Please say a few words about why.")
        return data


class GoalStatusForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[(action, action) for action in STATUS_MOVES], widget=forms.HiddenInput
    )
    reason_text = text_field(
        label="Anything you'd like to note about why?",
        required=False,
        max_length=REASON_MAX,
        rows=2,
    )


class BarrierForm(forms.ModelForm[Barrier]):
    class Meta:
        model = Barrier
        fields = ["kind", "description"]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "description": "For example: “Sunday evenings, when I start dreading Monday”."
        }
        error_messages = {"description": {"required": "Please say what might get in the way."}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_text(self.fields["description"])
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = BarrierKind.choices


class PlanForm(forms.ModelForm[Plan]):
    barriers = forms.ModelMultipleChoiceField(
        label="Which of these does it answer?",
        queryset=Barrier.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Plan
        fields = ["if_cue", "then_action", "barriers"]
        labels = {"if_cue": "If…", "then_action": "…then I will"}
        help_texts = {
            "if_cue": "The moment or situation, e.g. “it's Sunday evening and I start dreading Monday”.",
            "then_action": "One specific thing, e.g. “take a ten-minute walk round the block”.",
        }
        widgets = {
            "if_cue": forms.Textarea(attrs={"rows": 2}),
            "then_action": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, goal: Goal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_text(self.fields["if_cue"])
        plain_text(self.fields["then_action"])
        barriers = self.fields["barriers"]
        assert isinstance(barriers, forms.ModelMultipleChoiceField)
        barriers.queryset = Barrier.objects.filter(goal=goal)


class MilestoneForm(forms.ModelForm[Milestone]):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "reward"]
        widgets = {"due_date": date_input()}
        help_texts = {
            "title": "A smaller step on the way, e.g. “Walk once this week”.",
            "reward": "Something kind you'll give yourself, e.g. “a long bath” or “a new book”.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_text(self.fields["title"])
        plain_text(self.fields["reward"])
        self.fields["due_date"].error_messages["invalid"] = "Please enter a date, like 2027-03-31."


class CommentForm(forms.Form):
    text = text_field(
        label="Add a comment",
        max_length=COMMENT_MAX,
        rows=2,
        too_long="Please keep a comment under {limit} characters.",
    )


class VersionForm(forms.Form):
    """The version the page was loaded at, and (optionally) why the change."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason_text = text_field(
        label="Why the change?",
        required=False,
        max_length=REASON_MAX,
        help_text="A few words, kept in the goal's history.",
    )


# The vision, one calm step at a time.
VISION_STEPS: list[dict[str, str]] = [
    {
        "field": "feel_day_to_day",
        "title": "How would you feel, day to day?",
        "prompt": "Imagine therapy has helped as much as you hope. You wake up on an ordinary day. "
        "How do you feel? What's different in the morning, at work, in the evening?",
        "example": "I'd wake up without that knot in my stomach, and look forward to the walk to work.",
    },
    {
        "field": "relationships",
        "title": "What would your relationships look like?",
        "prompt": "Think of the people who matter to you: family, friends, a partner, colleagues. "
        "How would things be between you?",
        "example": "I'd call my sister every week, and say so when something bothers me.",
    },
    {
        "field": "challenges_overcome",
        "title": "Which challenges would you have overcome?",
        "prompt": "What's hard right now that you'd like to be behind you?",
        "example": "Speaking up in meetings. Getting to sleep before midnight.",
    },
    {
        "field": "focus_areas",
        "title": "Where would you like to focus?",
        "prompt": "Pick the areas that feel most important now, or put it in your own words.",
        "example": "",
    },
    {
        "field": "values",
        "title": "What matters most to you?",
        "prompt": "Your values are what you'd like your life to stand for. Goals that grow from them "
        "tend to last.",
        "example": "Kindness, being a good dad, time outdoors, honesty.",
    },
]


class VisionTextStepForm(forms.Form):
    answer = text_field(label="Your answer", required=False, max_length=TEXT_MAX, rows=5)

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = label


class VisionFocusStepForm(forms.Form):
    focus_areas = forms.MultipleChoiceField(
        label="Focus areas",
        choices=FocusArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    own_focus = text_field(label="Or in your own words", required=False, max_length=TITLE_MAX)
