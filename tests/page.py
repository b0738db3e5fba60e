"""What a person meets on a page: its words without the markup, and its headings.

Tests assert on these rather than on HTML substrings, so a change of markup that
leaves the page reading the same does not break them. Words a screen reader
announces (visually hidden text) count as words on the page.
"""

from html.parser import HTMLParser

from django.http import HttpResponse

_SILENT = {"script", "style", "template", "head"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Inline elements run on with the words around them; every other tag is a break.
_INLINE = {"a", "abbr", "b", "code", "em", "i", "label", "small", "span", "strong", "time"}
# Elements without an end tag: they neither open nor close a part of the page.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _Reader(HTMLParser):
    def __init__(self, within: str | None) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self.headings: list[str] = []
        self._silent = 0
        self._heading: list[str] | None = None
        self._within = within
        # How deep inside the element `within` names (always "inside" without one).
        self._depth = 0 if within else 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._within:
            if self._depth == 0 and ("id", self._within) not in attrs:
                return
            if tag not in _VOID:
                self._depth += 1
        if tag not in _INLINE:
            self.chunks.append(" ")
        if tag in _SILENT:
            self._silent += 1
        elif tag in _HEADINGS:
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 0:
            return
        if self._within and tag not in _VOID:
            self._depth -= 1
        if tag not in _INLINE:
            self.chunks.append(" ")
        if tag in _SILENT:
            self._silent = max(0, self._silent - 1)
        elif tag in _HEADINGS and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._silent or self._depth == 0:
            return
        self.chunks.append(data)
        if self._heading is not None:
            self._heading.append(data)


def _read(response: HttpResponse, within: str | None = None) -> _Reader:
    reader = _Reader(within)
    reader.feed(response.content.decode())
    reader.close()
    return reader


def words(response: HttpResponse, *, within: str | None = None) -> str:
    """The page's text as a person reads it: tags gone, entities decoded, spaces collapsed.
    `within`, an element's id, keeps to that part of the page: `within="main"` leaves
    out the header and footer every page has (the practice's name, phone and crisis
    line among them), so words found there are this page's own."""
    return " ".join("".join(_read(response, within).chunks).split())


def headings(response: HttpResponse) -> list[str]:
    """The page's headings, in order."""
    return _read(response).headings
