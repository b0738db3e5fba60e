"""Printed pages: the maintenance plan on one A4 sheet; the progress page says whose and when."""

import re

import pytest

from tests.e2e.conftest import screenshot, sign_in

pytestmark = pytest.mark.e2e


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def client_id(page) -> str:
    return re.search(r'href="/clients/([0-9a-f-]+)/goals/"', page.content()).group(1)


def test_the_maintenance_plan_prints_on_one_a4_page(page):
    sign_in(page, "client4@example.org")
    page.goto(f"/clients/{client_id(page)}/maintenance/")
    assert "My maintenance plan" in page.content()
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})
    screenshot(page, "maintenance-plan-print")
    # Chromium's own print, A4 with its default margins, as the browser's print button does.
    assert pdf_pages(page.pdf(format="A4", prefer_css_page_size=True)) == 1


def test_the_progress_page_prints_with_name_dates_and_practice(page):
    sign_in(page, "client2@example.org")
    goal = re.search(r'href="(/goals/[0-9a-f-]+/)"', page.content()).group(1)
    page.goto(goal + "progress/")
    page.emulate_media(media="print")
    heading = page.locator(".print-only").first
    assert heading.is_visible()
    text = heading.inner_text()
    assert "Tamsin Holloway" in text
    assert "Harbour Light Counselling" in text
    assert re.search(r"\d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}", text)
    screenshot(page, "progress-print")
    page.emulate_media(media="screen")
    assert not page.locator(".print-only").first.is_visible()
