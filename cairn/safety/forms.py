from django import forms

from cairn.safety.crisis import country_choices, line_choices
from cairn.safety.models import REVIEW_NOTE_MAX, Action, CrisisSettings, SafetyPlan


class RiskReviewForm(forms.Form):
    action = forms.ChoiceField(
        label="What did you do?",
        choices=Action.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you did, so the record says it."},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=REVIEW_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the flag in the client's record. Optional.",
    )


class SafetyPlanForm(forms.ModelForm):
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    class Meta:
        model = SafetyPlan
        fields = list(SafetyPlan.STEPS)
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in SafetyPlan.STEPS}


CRISIS_FIELDS = forms.fields_for_model(
    CrisisSettings,
    fields=["phone", "hours", "urgent_help"],
    widgets={"urgent_help": forms.Textarea(attrs={"rows": 3})},
)


class CrisisSettingsForm(forms.Form):
    country = forms.ChoiceField(
        label="Country",
        choices=country_choices,
        help_text="Sets the emergency number clients are shown.",
    )
    # The number, its hours and the practice's own words are the model's own fields:
    # their label, help and limit.
    phone = CRISIS_FIELDS["phone"]
    hours = CRISIS_FIELDS["hours"]
    urgent_help = CRISIS_FIELDS["urgent_help"]
    national_lines = forms.MultipleChoiceField(
        label="National lines to show",
        choices=line_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Free lines open day and night, shown with your own number.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone", "")).strip()
        allowed = set("0123456789 +-()")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 3):
            raise forms.ValidationError(
                "Enter a phone number with digits, spaces, +, - or brackets only."
            )
        return phone
