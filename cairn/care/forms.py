from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from cairn.accounts.models import NAME_MAX, User, normal_email
from cairn.accounts.names import validate_plain_name
from cairn.care.audit_words import ABOUT, OTHERS
from cairn.care.care_team import GRANT_WORDS
from cairn.care.models import (
    END_REASON_MAX,
    HANDOVER_MAX,
    HANDOVER_MISSING,
    REFERENCE_MAX,
    REFERENCE_SHAPE,
    Practice,
    Role,
)
from cairn.care.roles import name_with_reference
from cairn.core.audit import Action
from cairn.core.form_fields import date_field
from cairn.core.models import AuditEvent


class PracticeForm(forms.ModelForm[Practice]):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Practice
        fields = [
            "name",
            "address",
            "phone",
            "opening_hours",
            "therapist_read_after_care_ends",
            "former_therapist_read_years",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"name": {"required": "Please give the practice's name."}}


class TypedFieldsMixin:
    """Typed access to fields whose options are set per request."""

    fields: dict[str, forms.Field]

    def choice_field(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field

    def model_field(self, name: str) -> forms.ModelChoiceField[User]:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        return field

    def people_field(self, name: str, people: Any) -> None:
        """A picker of people, clients shown with their practice reference."""
        field = self.model_field(name)
        field.queryset = people.select_related("membership")
        field.label_from_instance = name_with_reference  # type: ignore[method-assign,assignment]


class InvitationForm(TypedFieldsMixin, forms.Form):
    email = forms.EmailField(
        label="Their email address",
        max_length=254,
        error_messages={"invalid": "Please enter an email address like name@example.org."},
    )
    role = forms.ChoiceField(
        label="They will join as",
        choices=[],
        error_messages={
            "invalid_choice": (
                "You can invite clients. To add a therapist or admin, "
                "please ask your practice admin."
            )
        },
    )
    therapist = forms.ModelChoiceField(
        label="Their therapist",
        queryset=User.objects.none(),
        required=False,
        help_text="For a client: who will work with them.",
    )

    def __init__(self, *args: Any, roles: list[str], therapists: Any, **kwargs: Any) -> None:
        """`roles` the inviter may invite (access.roles_invitable_by); `therapists` to
        pick a client's therapist from, or None when the inviter is the therapist."""
        super().__init__(*args, **kwargs)
        self.choice_field("role").choices = [(role, Role(role).label) for role in roles]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0]
        if therapists is None:
            del self.fields["therapist"]
        else:
            self.model_field("therapist").queryset = therapists

    def clean_email(self) -> str:
        email = normal_email(self.cleaned_data["email"])
        if User.objects.with_email(email).exists():
            raise ValidationError(
                "There is already a Cairn account for this email address, "
                "so no invitation is needed."
            )
        return str(email)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if (
            "therapist" in self.fields
            and data.get("role") == Role.CLIENT
            and not data.get("therapist")
        ):
            self.add_error(
                "therapist", "Please choose the therapist who will work with this client."
            )
        return data


class InvitationAcceptForm(forms.Form):
    # A link can be forwarded, or seen over a shoulder: whoever opens it shows they
    # also hold the mailbox it was sent to before an account is made.
    email = forms.EmailField(
        label="The email address this invitation was sent to",
        help_text="You'll sign in with it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Please enter an email address like name@example.org."},
    )
    name = forms.CharField(
        label="Your name",
        max_length=NAME_MAX,
        help_text="How Cairn should greet you.",
        validators=[validate_plain_name],
        error_messages={"required": "Please tell us your name."},
    )
    password1 = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. A few unrelated words make a strong one.",
    )
    password2 = forms.CharField(
        label="The same password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invited_email = email

    def clean_email(self) -> str:
        email = normal_email(str(self.cleaned_data["email"]))
        if email != normal_email(self.invited_email):
            raise ValidationError(
                "That is not the address this invitation was sent to. Please type the "
                "address the invitation email came to."
            )
        return email

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are not the same. Please type it again.")
        elif first:
            try:
                password_validation.validate_password(
                    first, User(email=self.invited_email, name=data.get("name", ""))
                )
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class CareStartForm(TypedFieldsMixin, forms.Form):
    therapist = forms.ModelChoiceField(label="Therapist", queryset=User.objects.none())
    client = forms.ModelChoiceField(label="Client", queryset=User.objects.none())

    def __init__(self, *args: Any, therapists: Any, clients: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model_field("therapist").queryset = therapists
        self.people_field("client", clients)


THERAPIST_OF_PRACTICE = {
    "invalid_choice": "Please choose a therapist of this practice.",
    "required": "Please choose a therapist.",
}


class CoTherapistForm(TypedFieldsMixin, forms.Form):
    therapist = forms.ModelChoiceField(
        label="Co-therapist", queryset=User.objects.none(), error_messages=THERAPIST_OF_PRACTICE
    )
    # The grant's words are care_team's, the same table the client's page reads.
    may_write = forms.BooleanField(
        label=GRANT_WORDS["may_write"].asked, required=False, initial=True
    )
    may_treat = forms.BooleanField(
        label=GRANT_WORDS["may_treat"].asked, required=False, initial=True
    )

    def __init__(self, *args: Any, therapists: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model_field("therapist").queryset = therapists


class TransferForm(TypedFieldsMixin, forms.Form):
    therapist = forms.ModelChoiceField(
        label="New lead therapist",
        queryset=User.objects.none(),
        error_messages=THERAPIST_OF_PRACTICE,
    )
    handover_note = forms.CharField(
        label="Handover note",
        max_length=HANDOVER_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For the new therapist: where things stand, what helps, what to watch.",
        error_messages={"required": HANDOVER_MISSING},
    )

    def __init__(self, *args: Any, therapists: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model_field("therapist").queryset = therapists


class CareEndForm(forms.Form):
    ended_on = date_field(label="Last day of care")
    reason = forms.CharField(
        label="Why care is ending",
        max_length=END_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: goals reached, moving away, a different kind of support.",
        error_messages={"required": "Please say why care is ending."},
    )

    def __init__(self, *args: Any, started_on: Any, today: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.started_on, self.today = started_on, today

    def clean_ended_on(self) -> Any:
        day = self.cleaned_data["ended_on"]
        if day > self.today:
            raise ValidationError(
                "Care can be ended from today, not in advance. Please choose today or earlier."
            )
        if day < self.started_on:
            raise ValidationError("That's before care started. Please check the date.")
        return day


class AuditFilterForm(TypedFieldsMixin, forms.Form):
    person = forms.ModelChoiceField(label="Who acted", queryset=User.objects.none(), required=False)
    client = forms.ModelChoiceField(
        label="Whose record", queryset=User.objects.none(), required=False
    )
    kind = forms.ChoiceField(label="About", required=False, choices=[("", "Anything"), *ABOUT])
    action = forms.ChoiceField(
        label="Action",
        required=False,
        choices=[
            ("", "Any"),
            (Action.READ, "Opened"),
            (Action.WRITE, "Changed"),
            # Signing in and out, in the words the log's rows say them.
            *OTHERS.items(),
        ],
    )
    outcome = forms.ChoiceField(
        label="Outcome", required=False, choices=[("", "Any"), *AuditEvent.Outcome.choices]
    )
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, people: Any, clients: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people_field("person", people)
        self.people_field("client", clients)
        for name in ("person", "client"):
            self.model_field(name).error_messages["invalid_choice"] = (
                "That person isn't in this practice. Please pick someone from the list."
            )
        self.choice_field("kind").error_messages["invalid_choice"] = (
            "Please pick a kind from the list."
        )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "The end date is before the start date.")
        return data


class ClientReferenceForm(forms.Form):
    reference = forms.CharField(
        label="Practice reference",
        max_length=REFERENCE_MAX,
        required=False,
        help_text=f"{capfirst(REFERENCE_SHAPE)}. Leave it empty to have one made for you.",
        error_messages={"max_length": f"A reference is at most {REFERENCE_MAX} characters."},
    )
