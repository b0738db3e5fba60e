"""What a person types is answered in Cairn's own words: plain words, a limit, a reminder."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from cairn.core.form_fields import text_field

PLAIN_WORDS = (
    "Please use plain words here: text that looks like web code (such as <script>) can't be saved."
)


def note() -> forms.CharField:
    """A required note of up to 2,000 characters, in a box three rows high."""
    return text_field(
        label="A note",
        max_length=2000,
        rows=3,
        too_long="Please keep the note under {limit} characters.",
        missing="Please write the note.",
    )


def refusal(value: str) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        note().clean(value)
    return refused.value.messages


def test_plain_words_are_kept():
    assert note().clean("Walked 3 < 4 times") == "Walked 3 < 4 times"


def test_web_code_is_refused():
    assert refusal("<b>hi</b>") == [PLAIN_WORDS]


def test_the_limit_and_the_empty_field_are_answered_in_its_own_words():
    assert refusal("x" * 2001) == ["Please keep the note under 2,000 characters."]
    assert refusal("") == ["Please write the note."]


def test_rows_make_a_box_the_browser_also_limits():
    field = note()
    assert isinstance(field.widget, forms.Textarea)
    assert field.widget.attrs["rows"] == 3 and field.widget.attrs["maxlength"] == "2000"


def test_without_rows_it_is_one_line():
    assert isinstance(text_field(label="Name", max_length=20).widget, forms.TextInput)
