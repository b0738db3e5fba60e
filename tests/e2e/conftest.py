"""A real Chromium, driven by Playwright, against Cairn on a live server.

Uses the system Chromium where there is one (CAIRN_CHROMIUM or /usr/bin/chromium),
else the browser `playwright install chromium` fetched.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import Page, sync_playwright

from cairn.home.demo import DEMO_PASSWORD, demo_totp_code
from tests.e2e.demo_snapshot import demo_seeded, session_kept, set_aside_removed

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
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


@pytest.fixture(scope="session")
def _demo_set_aside():
    yield
    set_aside_removed()


@pytest.fixture
def demo(_demo_set_aside, transactional_db, live_server):
    """The demo, as `seed_demo` makes it, behind a live server (tests/e2e/demo_snapshot.py)."""
    cache.clear()  # rate-limit counters and used authenticator codes
    demo_seeded()
    return live_server


@pytest.fixture
def page(browser, demo):
    context = browser.new_context(base_url=demo.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    # A worker's first chart starts matplotlib, which on a busy machine takes longer.
    page.set_default_navigation_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser, demo):
    context = browser.new_context(
        base_url=demo.url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    # A worker's first chart starts matplotlib, which on a busy machine takes longer.
    page.set_default_navigation_timeout(30_000)
    yield page
    context.close()


def check_page(page: Page, name: str) -> None:
    """Saves a screenshot and fails on any serious or critical accessibility problem."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    results = Axe().run(page)
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


def accept_invitation(page: Page, *, email: str, name: str, password: str, button: str) -> None:
    """Fill in an invitation's form (a newcomer's or a supporter's) and press `button`."""
    page.get_by_label("The email address this invitation was sent to").fill(email)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Choose a password").fill(password)
    page.get_by_label("The same password again").fill(password)
    page.get_by_role("button", name=button).click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
