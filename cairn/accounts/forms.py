import zoneinfo
from typing import Any

from allauth.mfa.base.forms import AuthenticateForm
from django import forms

from cairn.accounts import throttle
from cairn.accounts.models import TIME_ZONE_UNKNOWN, User
from cairn.accounts.names import validate_plain_name

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def time_zone_field(**kwargs: Any) -> forms.ChoiceField:
    """A person's time zone, picked from the list by its name ("America/New York"): on
    their profile and with their reminder settings."""
    return forms.ChoiceField(
        label="Your time zone",
        choices=[(tz, tz.replace("_", " ")) for tz in TIME_ZONES],
        error_messages={"invalid_choice": TIME_ZONE_UNKNOWN},
        **kwargs,
    )


class ProfileForm(forms.ModelForm[User]):
    time_zone = time_zone_field(
        help_text="Check-ins and reminders follow your own day, wherever you are."
    )

    class Meta:
        model = User
        fields = ["name", "time_zone"]
        help_texts = {"name": "How Cairn greets you, and how your therapist sees you."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["name"].validators.append(validate_plain_name)


class AuthenticatorCodeForm(AuthenticateForm):
    """allauth's code form, with wrong codes counted per account on their own
    (apart from passwords and from everyone else at the same address)."""

    def clean_code(self) -> str:
        subject = str(self.user.pk)
        wait = throttle.seconds_to_wait(throttle.CODE, subject)
        if wait:
            raise forms.ValidationError(
                f"Too many wrong codes. Please wait {throttle.wait_in_words(wait)} "
                "and try again with the code your app shows then.",
                code="too_many_codes",
            )
        try:
            code: str = super().clean_code()
        except forms.ValidationError:
            if throttle.failure_record(throttle.CODE, subject) == throttle.CODE.free:
                throttle.owner_tell(user=self.user, policy=throttle.CODE)
            raise
        throttle.failures_clear(throttle.CODE, subject)
        return code
