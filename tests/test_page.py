"""tests/page.py reads a part of the page as a person would read that part alone."""

from django.http import HttpResponse

from tests.page import headings, words

PAGE = HttpResponse(
    "<header>Willowbank Therapy</header>"
    '<main id="main"><h1>My plan</h1><div><p>Call Tom<br>or walk</p>'
    '<input name="x"></div><p>Samaritans: 116 123</p></main>'
    "<footer>Samaritans on 116 123</footer>"
)


def test_the_whole_page_without_within():
    assert words(PAGE) == (
        "Willowbank Therapy My plan Call Tom or walk Samaritans: 116 123 Samaritans on 116 123"
    )
    assert headings(PAGE) == ["My plan"]


def test_within_keeps_to_the_element_and_everything_nested_in_it():
    assert words(PAGE, within="main") == "My plan Call Tom or walk Samaritans: 116 123"


def test_within_an_element_not_on_the_page_reads_nothing():
    assert words(PAGE, within="support-now") == ""
