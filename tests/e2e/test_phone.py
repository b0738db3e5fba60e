"""Every main page fits a phone: no sideways scrolling, and no serious accessibility problem."""

import re

import pytest

from tests.e2e.conftest import check_page, sign_in

pytestmark = pytest.mark.e2e

CLIENT_PAGES = [
    "/",
    "/checkin/",
    "/journal/",
    "/sharing/",
    "/preferences/",
    "/calendar/",
    "/help/goals/",
]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_clients_pages_fit_a_phone(phone):
    sign_in(phone, "client@example.org")
    home = phone.content()
    goal_path = re.search(r'href="(/goals/[0-9a-f-]+/)"', home).group(1)
    client_id = re.search(r'href="/clients/([0-9a-f-]+)/goals/"', home).group(1)
    pages = [
        *CLIENT_PAGES,
        goal_path,
        goal_path + "progress/",
        goal_path + "history/",
        f"/clients/{client_id}/goals/",
        f"/clients/{client_id}/wins/",
        f"/clients/{client_id}/routines/",
        f"/clients/{client_id}/maintenance/",
    ]
    crowded = []
    for path in pages:
        phone.goto(path)
        if not fits(phone):
            crowded.append(path)
    assert not crowded, f"These pages scroll sideways on a phone: {crowded}"
    phone.goto(goal_path)
    check_page(phone, "goal-detail-phone")


def test_the_therapists_pages_fit_a_phone(phone):
    sign_in(phone, "therapist@example.org", totp=True)
    assert fits(phone)
    check_page(phone, "caseload-phone")
    phone.get_by_role("link", name="Robin Ashgrove", exact=True).click()
    # Measure the new page, not the caseload while it is being replaced.
    phone.wait_for_url(re.compile(r"/clients/[0-9a-f-]+/$"))
    phone.wait_for_load_state()
    assert fits(phone)
    check_page(phone, "client-overview-phone")
