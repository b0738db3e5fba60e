from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cairn.accounts.models import User
from cairn.api.models import DEFAULT_DAYS, MAX_DAYS, NAME_MAX, Scope
from cairn.care.roles import totp_code_matches
from cairn.core.form_fields import text_field


class ApiTokenForm(forms.Form):
    name = text_field(
        label="Name",
        max_length=NAME_MAX,
        help_text="What it is for, so you can tell it apart later. For example: “Phone shortcut”.",
        missing="Please give the token a name.",
    )
    scope = forms.ChoiceField(
        label="What it may do",
        choices=Scope.choices,
        initial=Scope.READ,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Please choose read only, or read and write."},
    )
    days = forms.IntegerField(
        label="Works for how many days",
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=f"Up to {MAX_DAYS} days (a year).",
        error_messages={
            "required": "Please say how many days the token should work.",
            "invalid": f"Please enter a number of days, like {DEFAULT_DAYS}.",
            "min_value": "Please choose at least 1 day.",
            "max_value": f"A token can work for at most {MAX_DAYS} days (a year).",
        },
    )

    def __init__(self, *args: Any, user: User, with_code: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if with_code:
            self.fields["code"] = forms.CharField(
                label="Code from your authenticator app",
                max_length=10,
                help_text="Staff confirm a new token with their authenticator.",
                widget=forms.TextInput(
                    attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
                ),
                error_messages={"required": "Please enter the code from your authenticator app."},
            )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().replace(" ", "")
        if not totp_code_matches(self.user, code):
            raise ValidationError("That code didn't match. Please try the current one.")
        return code
