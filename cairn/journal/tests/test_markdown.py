"""Journal Markdown against a corpus of XSS payloads: no script, no handlers, no javascript: links."""

import re
from html.parser import HTMLParser

import pytest

from cairn.journal.markdown import ALLOWED_TAGS, render

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    '![img](x" onerror="alert(1))',
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<details open ontoggle=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "<scr<script>ipt>alert(1)</script>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[a](vbscript:msgbox(1))",
    '<form action="javascript:alert(1)"><input type=submit></form>',
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    '[x](https://example.org "title" onmouseover=alert(1))',
    "<<script>script>alert(1)<</script>/script>",
]


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def elements(html: str):
    parser = Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_survives_rendering(payload):
    html = render(payload)
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, html
        for name, value in attrs:
            assert not name.lower().startswith("on"), html
            scheme = re.sub(r"\s", "", (value or "")).lower().split(":")[0]
            if name in ("href", "src", "action", "data", "xlink:href"):
                assert scheme in ("http", "https", "mailto") or ":" not in (value or ""), html


def test_markdown_still_works():
    html = render(
        "Some *kind* words and **bold** ones.\n\n- a list\n- [a link](https://example.org)"
    )
    assert "<em>kind</em>" in html and "<strong>bold</strong>" in html and "<li>a list</li>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">a link</a>' in html
