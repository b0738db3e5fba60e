"""Form fields every app asks for the same way, so they look and answer alike."""

from typing import Any

from django import forms


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
    return forms.DateField(label=label, widget=date_input(), error_messages=messages, **options)
