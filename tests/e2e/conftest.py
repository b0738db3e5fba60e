"""A real Chromium, driven by Playwright, against Cairn on a live server.

Uses the system Chromium where there is one (CAIRN_CHROMIUM or /usr/bin/chromium),
else the browser `playwright install chromium` fetched.

Screenshots cost more than the checks themselves, so a normal run takes none:
CAIRN_SCREENSHOTS=1 saves one of every page checked (for people reviewing pages),
and a failing test saves each of its pages as the test ended, whatever the setting.
"""

import os
import re
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from unittest import mock
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.cache import cache
from django.test import TransactionTestCase
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from cairn.home.demo import DEMO_PASSWORD, demo_totp_code
from tests.e2e.demo_snapshot import (
    demo_seeded,
    demo_set_aside,
    session_kept,
    set_aside_removed,
)

E2E_TESTS = Path(__file__).resolve().parent
SCREENSHOTS = E2E_TESTS.parents[1] / "test-results" / "screenshots"
SCREENSHOTS_WANTED = os.environ.get("CAIRN_SCREENSHOTS", "") not in ("", "0")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CAIRN_CHROMIUM"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class _Flush:
    # Set while a browser test ends and the next one on this worker is a browser
    # test too (pytest_runtest_teardown below).
    skipped = False


def _restores_demo(item: pytest.Item | None) -> bool:
    """Whether `item` is a browser test that starts from the demo put back."""
    return (
        item is not None
        and item.path.is_relative_to(E2E_TESTS)
        and "demo" in getattr(item, "fixturenames", ())
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a test on the live server Django empties every table and makes the
    content types and permissions again (a flush, about half a second); the next
    browser test would throw all that away at once, as it puts every table back from
    the demo set aside. So the flush is left out between two browser tests, and only
    the last one before any other test (or the end of the run) leaves the database
    empty, as every other test expects it."""
    _Flush.skipped = demo_set_aside() and _restores_demo(item) and _restores_demo(nextitem)
    try:
        return (yield)
    finally:
        _Flush.skipped = False


_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.failed:
        item.stash[_FAILED] = True  # new_page saves what each page showed
    return report


@pytest.fixture(scope="session")
def _demo_set_aside():
    flush = TransactionTestCase._fixture_teardown

    def flush_unless_the_demo_follows(self: TransactionTestCase) -> None:
        if not _Flush.skipped:
            flush(self)

    with mock.patch.object(TransactionTestCase, "_fixture_teardown", flush_unless_the_demo_follows):
        yield
    set_aside_removed()


@pytest.fixture
def demo(_demo_set_aside, transactional_db, live_server):
    """The demo, as `seed_demo` makes it, behind a live server (tests/e2e/demo_snapshot.py)."""
    cache.clear()  # rate-limit counters and used authenticator codes
    demo_seeded()
    return live_server


@pytest.fixture
def new_page(request, browser: Browser, demo) -> Iterator[Callable[..., Page]]:
    """Opens a page in a browser of its own (own cookies and storage, as another
    person's device would be), on a desktop or a phone; signed in as `email` when
    given (see sign_in). Every one is closed when the test ends, after a failing test
    saves what each showed."""
    pages: list[Page] = []

    def open_page(email: str | None = None, *, totp: bool = False, phone: bool = False) -> Page:
        size = PHONE if phone else {"viewport": {"width": 1280, "height": 900}}
        page = browser.new_context(base_url=demo.url, **size).new_page()
        page.set_default_timeout(10_000)
        # A worker's first chart starts matplotlib, which on a busy machine takes longer.
        page.set_default_navigation_timeout(30_000)
        pages.append(page)
        if email is not None:
            sign_in(page, email, totp=totp)
        return page

    yield open_page
    for number, page in enumerate(pages, start=1):
        if request.node.stash.get(_FAILED, False):
            with suppress(PlaywrightError):  # a page that crashed has nothing to show
                _save_screenshot(page, f"failed-{request.node.name}-{number}", full_page=True)
        page.context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture
def phone(new_page) -> Page:
    return new_page(phone=True)


def _save_screenshot(page: Page, name: str, *, full_page: bool) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe_name = re.sub(r"[^\w.-]+", "-", name)
    page.screenshot(path=str(SCREENSHOTS / f"{safe_name}.png"), full_page=full_page)


def screenshot(page: Page, name: str, *, full_page: bool = True) -> None:
    """Saves what the page looks like, for people reviewing pages (CAIRN_SCREENSHOTS=1)."""
    if SCREENSHOTS_WANTED:
        _save_screenshot(page, name, full_page=full_page)


_AXE = Axe()


def check_page(page: Page, name: str) -> None:
    """Fails on any serious or critical accessibility problem (axe, every rule)."""
    screenshot(page, name)
    results = _AXE.run(page)
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not problems, f"Accessibility problems on {name}:\n" + "\n".join(problems)


AUTHENTICATOR_PAGE_CHECKED: list[bool] = []
# Each person's session cookie, once they have signed in through the form on this
# worker; their session is kept with the demo (demo_snapshot.session_kept).
SIGNED_IN: dict[str, dict] = {}


# A chart is a request of its own, drawn by matplotlib in the live server. A worker's
# first chart imports matplotlib and lists its fonts (on a machine just started, read
# from disk: 21 s measured once here, about 1 s after), beside the charts that the page
# before asked for and left, still being drawn. On a busy machine that takes longer
# than the 10 s a click may: the work is slow, not the wait.
FIRST_CHART_MS = 30_000


def expect_chart_drawn(page: Page, chart: Locator) -> None:
    """Waits until the chart's image has finished, drawn or broken, for as long as a
    worker's first chart may take; then fails at once if it was not drawn (a chart
    that answers an error, or is no image)."""
    expect(chart).to_be_visible()
    page.wait_for_function(
        "img => img.complete", arg=chart.element_handle(), timeout=FIRST_CHART_MS
    )
    assert chart.evaluate("img => img.naturalWidth") > 0, (
        f"No chart at {chart.get_attribute('src')}"
    )


def sign_in(
    page: Page,
    email: str,
    password: str = DEMO_PASSWORD,
    *,
    totp: bool = False,
    fresh: bool = False,
) -> None:
    """Signs in through the form, and ends on the person's home page.

    Somebody who has signed in before on this worker comes back with the session
    they signed in with, as a browser that kept its cookie would, unless `fresh`
    (the tests of signing in itself); if that session has ended (a test signed them
    out, or it expired), they sign in through the form again."""
    if not fresh and email in SIGNED_IN:
        page.context.add_cookies([SIGNED_IN[email]])
        page.goto("/")
        if urlparse(page.url).path == "/":
            return
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    if totp:
        page.wait_for_url(re.compile("/accounts/2fa/authenticate/"))
        if not AUTHENTICATOR_PAGE_CHECKED:  # the same page at every sign-in: once is enough
            check_page(page, "sign-in-authenticator-code")
            AUTHENTICATOR_PAGE_CHECKED.append(True)
        page.get_by_label(re.compile("^Code", re.I)).fill(demo_totp_code())
        page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(re.compile(r"/$"))
    if password == DEMO_PASSWORD:
        _session_kept(page, email)


def _session_kept(page: Page, email: str) -> None:
    cookie = next(
        (c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME), None
    )
    if cookie is not None:
        session_kept(cookie["value"])
        SIGNED_IN[email] = cookie


def accept_invitation(page: Page, link: str, *, newcomer: str, password: str, button: str) -> None:
    """Opens an invitation's link (a newcomer's or a supporter's), checks its page,
    and accepts it as `newcomer` ("Name <email>") by pressing `button`."""
    name, email = re.fullmatch(r"(.+) <(.+)>", newcomer).groups()  # type: ignore[union-attr]
    page.goto(link)
    check_page(page, "invitation-" + button.lower().replace(" ", "-"))
    page.get_by_label("The email address this invitation was sent to").fill(email)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Choose a password").fill(password)
    page.get_by_label("The same password again").fill(password)
    page.get_by_role("button", name=button).click()


def follow_links(page: Page, *names: str) -> None:
    """Clicks the links named `names`, one page after another, as a person finds their way."""
    for name in names:
        page.get_by_role("link", name=name).click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
