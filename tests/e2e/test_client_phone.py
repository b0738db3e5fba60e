"""Every page a client can reach fits a 390 px phone: no sideways scrolling, a one-row header."""

import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest

from tests.e2e.conftest import screenshot, sign_in

pytestmark = pytest.mark.e2e

SKIP = re.compile(
    r"^/accounts/logout/|\.svg|\.ics|\.csv|\.json|/feed/|/export|/download|/unsubscribe|"
    r"^/static/|^/api/|/recovery-codes/download/"
)


# What the crawl measures on each page, in one round trip to the browser: how wide the
# page is against the window, how tall the header is, and where its links lead.
MEASURE = """() => ({
    width: document.documentElement.scrollWidth,
    window: window.innerWidth,
    header: document.querySelector(".site-header")?.getBoundingClientRect().height ?? null,
    links: Array.from(document.querySelectorAll("a[href]"), a => a.href),
})"""


def reachable_pages(page, on_each_page, limit: int = 90) -> list[str]:
    """The client's pages, found by following links from home, as a person would;
    `on_each_page(path, measured)` looks at each one's measurements (MEASURE)."""
    seen, queue, pages = {"/"}, deque(["/"]), []
    while queue and len(pages) < limit:
        path = queue.popleft()
        response = page.goto(path)
        if (
            response is None
            or response.status != 200
            or "html" not in response.headers.get("content-type", "")
        ):
            continue
        pages.append(path)
        measured = page.evaluate(MEASURE)
        on_each_page(path, measured)
        for href in measured["links"]:
            url = urlparse(urldefrag(href)[0])
            if url.netloc and url.netloc != urlparse(page.url).netloc:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if url.path and target not in seen and not SKIP.search(url.path):
                seen.add(target)
                queue.append(target)
    return pages


@pytest.mark.parametrize("email", ["client2@example.org", "client4@example.org"])
def test_every_page_a_client_reaches_fits_a_phone(phone, email):
    sign_in(phone, email)
    crowded, tall_headers = [], []

    def check(path: str, measured: dict) -> None:
        if measured["width"] > measured["window"] + 1:
            crowded.append(f"{path} ({measured['width']} px)")
        if measured["header"] is not None and measured["header"] > 72:
            tall_headers.append(path)

    pages = reachable_pages(phone, check)
    assert len(pages) > 15
    print(email, len(pages), pages)
    assert not crowded, f"These pages scroll sideways at 390 px: {crowded}"
    assert not tall_headers, f"The header takes more than one row on: {tall_headers}"


def test_the_phone_menu_opens_and_closes(phone):
    sign_in(phone, "client2@example.org")
    menu = phone.get_by_role("button", name=re.compile("^Menu"))
    links = phone.locator("#site-nav-list")
    assert not links.is_visible()
    menu.click()
    assert links.get_by_role("link", name="Journal").is_visible()
    screenshot(phone, "phone-menu-open", full_page=False)
    phone.keyboard.press("Escape")
    assert not links.is_visible()
