import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cairn.core.form_fields import SEARCH_MAX
from cairn.goals.forms import goals_choice, offer_goals
from cairn.journal.models import BODY_MAX, TAG_MAX, TAGS_MAX, TITLE_MAX
from cairn.progress.models import Mood

TAG = re.compile(r"^[\w-]+$")


def tag_of(text: str) -> str:
    """A tag as it is kept and searched for: lower case, spaces as dashes."""
    return text.strip().lower().replace(" ", "-")


class EntryForm(forms.Form):
    title = forms.CharField(label="A title", required=False, max_length=TITLE_MAX)
    body = forms.CharField(
        label="What's on your mind?",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Write freely. You can use Markdown: *italics*, **bold**, lists with -.",
        error_messages={
            "max_length": f"That's a long entry. Please keep one entry under {BODY_MAX:,} characters, and carry on in a new one.",
            "required": "Please write something before saving.",
        },
    )
    mood = forms.TypedChoiceField(
        label="Mood",
        choices=[("", "Not saying"), *Mood.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    tags = forms.CharField(
        label="Tags",
        required=False,
        max_length=300,
        help_text="Words to find it by later, separated by commas: sleep, work, family.",
    )
    goals = goals_choice("Is it about any of your goals?")

    def __init__(self, *args: Any, goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_goals(self, goals)

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data.get("tags", "")
        tags = [tag_of(t) for t in raw.split(",") if t.strip()]
        odd = [t for t in tags if len(t) > TAG_MAX or not TAG.match(t)]
        if odd:
            raise ValidationError(
                f"Tags can use letters, numbers and dashes, up to {TAG_MAX} characters each. Please change: %(tags)s",
                params={"tags": ", ".join(odd)},
            )
        if len(tags) > TAGS_MAX:
            raise ValidationError(f"Please use at most {TAGS_MAX} tags on one entry.")
        return tags


class SearchForm(forms.Form):
    q = forms.CharField(label="Search your journal", required=False, max_length=SEARCH_MAX)
    tag = forms.CharField(label="Tag", required=False, max_length=TAG_MAX)

    def clean_tag(self) -> str:
        return tag_of(self.cleaned_data["tag"])
