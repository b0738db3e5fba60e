import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cairn.accounts.models import User, normal_email
from cairn.care.access import is_staff_address
from cairn.core.form_fields import date_field, text_field
from cairn.goals.forms import goals_choice, offer_goals
from cairn.sharing.models import CHEER_MAX, RELATIONSHIP_MAX, SupportGrant


class GrantFields(forms.Form):
    relationship = text_field(
        label="Who are they to you?",
        required=False,
        max_length=RELATIONSHIP_MAX,
        help_text="For example: my sister, a friend.",
    )
    goals = goals_choice(
        "Which goals may they follow?",
        help_text="They'll see the goal's title, its progress chart and status, and the steps you've reached. Never your journal, notes, barriers, plans or sessions.",
    )
    all_wins = forms.BooleanField(label="Show them my wins", required=False)
    safety_plan = forms.BooleanField(
        label="Share my safety plan",
        required=False,
        help_text="Off unless you tick it. They'll see your plan as it stands, read-only, so they know how to help.",
    )
    ends_on = date_field(
        label="Until",
        example="2027-03-31",
        required=False,
        help_text="Leave empty to share until you change your mind.",
    )

    def __init__(
        self, *args: Any, goals: Any, today: dt.date, waiting: Sequence[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        offer_goals(self, goals)
        if waiting:
            # A proposed goal isn't offered: it may still change or be set aside.
            titles = "; ".join(f"“{title}”" for title in waiting)
            field = self.fields["goals"]
            field.help_text = (
                f"{field.help_text} Not offered yet: {titles}. A goal can be shared once you "
                "and your therapist have both agreed to it."
            )
        self.today = today

    def clean_ends_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("ends_on")
        if day is not None and day < self.today:
            raise ValidationError(
                "That date has already passed. Please choose today or a later day."
            )
        return day

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if (
            not data.get("goals")
            and not data.get("all_wins")
            and not data.get("safety_plan")
            and not data.get("keep_items")
            and not self.errors
        ):
            raise ValidationError("Please choose at least one goal, or your wins, to share.")
        return data


class GrantEditForm(GrantFields):
    keep_items = forms.MultipleChoiceField(
        label="Wins you shared one by one",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick any you'd rather they no longer see.",
    )

    def __init__(self, *args: Any, items: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = self.fields["keep_items"]
        assert isinstance(keep, forms.MultipleChoiceField)
        keep.choices = items
        if not items:
            del self.fields["keep_items"]


INVITATIONS_PER_DAY = 5


class InviteForm(GrantFields):
    email = forms.EmailField(
        label="Their email address",
        error_messages={"invalid": "Please enter an email address like name@example.org."},
    )
    field_order = ["email", "relationship", "goals", "all_wins", "safety_plan", "ends_on"]

    def __init__(self, *args: Any, client: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client = client

    def clean_email(self) -> str:
        email = normal_email(str(self.cleaned_data["email"]))
        if email == normal_email(self.client.email):
            raise ValidationError(
                "That's your own address. Please enter the address of the person you'd like to share with."
            )
        if is_staff_address(email):
            raise ValidationError(
                "That address belongs to someone at a practice. Supporters are friends and family; your therapist already sees your record."
            )
        # Invitations go to any address the client types: a few a day, so Cairn
        # cannot be used to send mail to strangers in bulk.
        since = timezone.now() - dt.timedelta(days=1)
        if (
            SupportGrant.objects.filter(client=self.client, created_at__gte=since).count()
            >= INVITATIONS_PER_DAY
        ):
            raise ValidationError(
                f"You've sent {INVITATIONS_PER_DAY} invitations in the last day, which is as many as Cairn sends. Please try again tomorrow."
            )
        return email


class CheerForm(forms.Form):
    text = text_field(
        label="A few words of encouragement",
        max_length=CHEER_MAX,
        rows=2,
        too_long="Please keep it under {limit} characters.",
    )
    target = forms.CharField(widget=forms.HiddenInput)


class RevokeForm(forms.Form):
    """Stopping sharing with someone: the list's "Stop sharing" sends no block, its
    "Block" sends "1" (which also hides the cheers they sent)."""

    block = forms.ChoiceField(
        label="Block them too",
        choices=[("", "No"), ("1", "Yes")],
        required=False,
        error_messages={
            "invalid_choice": "“Block them too” should be yes or no. Please use the Stop sharing or Block button."
        },
    )

    def clean_block(self) -> bool:
        return bool(self.cleaned_data["block"] == "1")
