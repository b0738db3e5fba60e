"""A real Chromium, driven by Playwright, against Cairn on a live server.

Uses the system Chromium where there is one (CAIRN_CHROMIUM or /usr/bin/chromium),
else the browser `playwright install chromium` fetched.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import Page, sync_playwright

from cairn.home.demo import DEMO_PASSWORD, demo_totp_code

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


@pytest.fixture
def demo(transactional_db, live_server):
    cache.clear()  # rate-limit counters and used authenticator codes
    call_command("seed_demo", verbosity=0)
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


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD, *, totp: bool = False) -> None:
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
