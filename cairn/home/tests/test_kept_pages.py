"""The client's pages are kept under their record's version (cairn.core.page_cache):
whatever changes the record shows at once, nobody sees a page kept for someone else,
and every showing is still checked and audited."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cairn.accounts.time import local_today
from cairn.core.models import AuditEvent
from cairn.core.once import FIELD
from cairn.core.page_cache import CSRF_PLACEHOLDER, ONCE_PLACEHOLDER
from cairn.goals.models import GoalChange
from cairn.goals.tests.test_goal_edit import form_data
from cairn.home.record_versions import CLIENTS_OF, NOT_SHOWN, cairn_models


def home():
    return reverse("home:home")


def goal_page(goal):
    return reverse("goals:goal_detail", args=[goal.pk])


def progress_page(goal):
    return reverse("progress:goal_progress", args=[goal.pk])


def routines_page(client_id):
    return reverse("routines:routine_list", args=[client_id])


def queries(browser, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(path).status_code == 200
    return len(captured)


def test_an_unchanged_record_is_not_read_again(client, ben, goal, milestone, routine):
    client.force_login(ben)
    for path in (home(), goal_page(goal), progress_page(goal), routines_page(ben.pk)):
        drawn = queries(client, path)
        kept = client.get(path).content.decode()
        assert queries(client, path) < drawn
        # The kept page is the page, placeholders filled in.
        assert CSRF_PLACEHOLDER not in kept and ONCE_PLACEHOLDER not in kept


def test_a_check_in_shows_at_once_on_the_home_and_progress_pages(client, ben, goal):
    client.force_login(ben)
    assert "Check in for today" in client.get(home()).content.decode()
    assert "Latest rating" not in client.get(home()).content.decode()
    client.post(
        reverse("progress:checkin"),
        {"date": local_today(ben).isoformat(), "mood": "4", f"rating_{goal.pk}": "7"},
    )
    page = client.get(home()).content.decode()
    assert "Done for today" in page
    assert "Latest rating: 7 out of 10" in page
    table = client.get(progress_page(goal)).content.decode()
    assert "<td>7</td>" in table


def test_a_goal_edit_shows_at_once_on_the_goal_page(client, ana, ben, goal):
    client.force_login(ben)
    assert "Changed, waiting for agreement" not in client.get(goal_page(goal)).content.decode()
    client.post(reverse("goals:goal_edit", args=[goal.pk]), form_data(goal, title="Swim twice"))
    assert "Changed, waiting for agreement" in client.get(goal_page(goal)).content.decode()
    # Ana agrees: Ben's page, kept with the change waiting, shows the new title.
    client.force_login(ana)
    change = GoalChange.objects.get(goal=goal, status="waiting")
    client.post(reverse("goals:goal_change_agree", args=[change.pk]))
    client.force_login(ben)
    assert "<h1>Swim twice</h1>" in client.get(goal_page(goal)).content.decode()


def test_a_day_marked_shows_at_once_on_the_routines_page(client, ben, routine):
    client.force_login(ben)
    assert "Done for today. Nice." not in client.get(routines_page(ben.pk)).content.decode()
    client.post(reverse("routines:routine_log", args=[routine.pk]), {"status": "done"})
    assert "Done for today. Nice." in client.get(routines_page(ben.pk)).content.decode()


def test_a_new_name_shows_at_once_on_the_pages_of_everyone_around(client, ana, ben, goal):
    # Ben's home names his therapist: her page kept with her old name is not shown.
    client.force_login(ben)
    assert "Working with Ana Thornbury" in client.get(home()).content.decode()
    ana.name = "Ana Okafor"
    ana.save()
    assert "Working with Ana Okafor" in client.get(home()).content.decode()


def test_nobody_is_shown_a_page_kept_for_someone_else(client, ana, ben, fay, goal, routine):
    bens, anas = Client(), Client()
    bens.force_login(ben)
    anas.force_login(ana)
    log_a_win = f'href="{reverse("progress:win_create")}?goal={goal.pk}"'
    # Drawn for Ben, then kept: only Ben logs a win from his goal or marks his days.
    for _ in range(2):
        assert log_a_win in bens.get(goal_page(goal)).content.decode()
        assert "Done today" in bens.get(routines_page(ben.pk)).content.decode()
    assert log_a_win not in anas.get(goal_page(goal)).content.decode()
    assert "Done today" not in anas.get(routines_page(ben.pk)).content.decode()
    assert "Done today" in bens.get(routines_page(ben.pk)).content.decode()
    # A supporter never reaches the kept pages at all.
    client.force_login(fay)
    for path in (goal_page(goal), progress_page(goal), routines_page(ben.pk)):
        assert client.get(path).status_code == 404


def test_every_showing_of_a_kept_page_is_audited(client, ben, goal):
    client.force_login(ben)
    client.get(goal_page(goal))
    before = AuditEvent.objects.filter(object_type="goal", object_id=goal.pk).count()
    client.get(goal_page(goal))
    assert AuditEvent.objects.filter(object_type="goal", object_id=goal.pk).count() == before + 1


def test_a_kept_page_carries_this_requests_csrf_token_and_fresh_one_time_keys(ben, routine):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ben)
    browser.get(routines_page(ben.pk))
    first = browser.get(routines_page(ben.pk)).content.decode()
    second = browser.get(routines_page(ben.pk)).content.decode()
    once = re.compile(rf'name="{FIELD}" value="([0-9a-f-]+)"')
    assert once.findall(first) and not set(once.findall(first)) & set(once.findall(second))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second)
    assert token is not None
    marked = browser.post(
        reverse("routines:routine_log", args=[routine.pk]),
        {"status": "done", "csrfmiddlewaretoken": token.group(1)},
    )
    assert marked.status_code == 302


def test_every_model_says_whose_pages_it_changes():
    # A model added later must say whose record it belongs to, or that no page shows it.
    unplaced = [
        model._meta.label
        for model in cairn_models()
        if model._meta.label not in NOT_SHOWN
        and model._meta.label not in CLIENTS_OF
        and "client" not in {f.name for f in model._meta.fields}
    ]
    assert unplaced == []
