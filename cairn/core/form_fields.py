"""Form fields every app asks for the same way, so they look and answer alike."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

# The longest search a person may type into a page's search box.
SEARCH_MAX = 100

MARKUP = re.compile(r"<\s*[a-zA-Z/!]|javascript:", re.IGNORECASE)


def no_markup(value: str) -> None:
    """Plain words only: web code in what a person types is almost always a paste gone wrong, or worse."""
    if value and MARKUP.search(value):
        raise ValidationError(
            "Please use plain words here: text that looks like web code (such as <script>) can't be saved."
        )


def text_field(
    *,
    label: str,
    max_length: int,
    rows: int | None = None,
    too_long: str = "",
    missing: str = "",
    **options: Any,
) -> forms.CharField:
    """Words a person types, in plain words (`no_markup`): on one line, or in a box of
    `rows` lines. `too_long` says what to do when it is over `max_length`, with `{limit}`
    where the limit goes ("Please keep it under {limit} characters." reads "under 1,000"),
    so the number is said once; `missing` says what to do when it is required and empty
    (without them, Django's own words)."""
    messages: dict[str, str] = {}
    if too_long:
        messages["max_length"] = too_long.format(limit=f"{max_length:,}")
    if missing:
        messages["required"] = missing
    if rows:
        options["widget"] = forms.Textarea(attrs={"rows": rows})
    field = forms.CharField(label=label, max_length=max_length, error_messages=messages, **options)
    field.validators.append(no_markup)
    return field


def search_query(params: QueryDict) -> str:
    """The words typed into a page's search box (`?q=`), at most SEARCH_MAX of them; the
    page's box says the same limit with `maxlength="{{ search_max }}"`."""
    return params.get("q", "").strip()[:SEARCH_MAX]


def date_input() -> forms.DateInput:
    """The browser's own date picker, filled in as ISO dates it understands."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(
    *, label: str, example: str = "2026-11-27", missing: str = "", **options: Any
) -> forms.DateField:
    """A date picked in the browser's calendar. A date that cannot be read is answered
    with an example; `missing` says what to choose when the field is required and empty
    (without it, Django's own words)."""
    messages = {"invalid": f"Please enter a date, like {example}."}
    if missing:
        messages["required"] = missing
    options.setdefault("widget", date_input())
    return forms.DateField(label=label, error_messages=messages, **options)
