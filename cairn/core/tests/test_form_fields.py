"""What a person types is answered in Cairn's own words: plain words, a limit, a reminder."""

from django import forms

from cairn.core.form_fields import text_field


class NoteForm(forms.Form):
    note = text_field(
        label="A note",
        max_length=20,
        rows=3,
        too_long="Please keep the note under 20 characters.",
        missing="Please write the note.",
    )


def errors_for(note: str) -> list[str]:
    form = NoteForm({"note": note})
    form.is_valid()
    return form.errors.get("note", [])


def test_plain_words_are_kept():
    form = NoteForm({"note": "Walked 3 < 4 times"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == "Walked 3 < 4 times"


def test_web_code_is_refused():
    assert errors_for("<b>hi</b>") == [
        "Please use plain words here: text that looks like web code (such as <script>) can't be saved."
    ]


def test_the_limit_and_the_empty_field_are_answered_in_its_own_words():
    assert errors_for("x" * 21) == ["Please keep the note under 20 characters."]
    assert errors_for("") == ["Please write the note."]


def test_rows_make_a_box_of_that_height():
    html = str(NoteForm()["note"])
    assert html.startswith("<textarea") and 'rows="3"' in html and 'maxlength="20"' in html


def test_without_rows_it_is_one_line():
    assert isinstance(text_field(label="Name", max_length=20).widget, forms.TextInput)
