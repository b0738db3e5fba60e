import zoneinfo
from typing import Any

from django import forms

from cairn.accounts.models import User

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


class ProfileForm(forms.ModelForm[User]):
    time_zone = forms.ChoiceField(
        label="Your time zone",
        choices=[(tz, tz.replace("_", " ")) for tz in TIME_ZONES],
        help_text="Check-ins and reminders follow your own day, wherever you are.",
        error_messages={
            "invalid_choice": "Please choose a time zone from the list, such as Europe/London."
        },
    )

    class Meta:
        model = User
        fields = ["name", "time_zone"]
        help_texts = {"name": "How Cairn greets you, and how your therapist sees you."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
