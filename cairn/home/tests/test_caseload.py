from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cairn.care.models import Role
from cairn.goals.models import Milestone
from cairn.home.caseload import FLAGS, attention_order, flags_for
from cairn.journal.models import JournalEntry
from cairn.progress.models import CheckIn, GoalRating
from tests.factories import care, goal_for, member

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        ({}, []),
        ({"worsening": True}, ["worsening"]),
        ({"last_checkin": None}, ["quiet"]),
        ({"last_checkin": TODAY - timedelta(days=14)}, ["quiet"]),
        ({"last_checkin": TODAY - timedelta(days=13)}, []),
        ({"overdue": 2}, ["overdue"]),
        ({"proposed": 1}, ["proposed"]),
        ({"newly_shared": 1}, ["shared"]),
        (
            {
                "worsening": True,
                "last_checkin": None,
                "overdue": 1,
                "proposed": 1,
                "newly_shared": 1,
            },
            ["worsening", "quiet", "shared", "overdue", "proposed"],
        ),
    ],
)
def test_the_flags_for_each_situation(situation, expected):
    values = {
        "worsening": False,
        "last_checkin": TODAY,
        "today": TODAY,
        "overdue": 0,
        "proposed": 0,
        "newly_shared": 0,
    }
    values.update(situation)
    assert [flag.code for flag in flags_for(**values)] == expected


def row(name, *codes):
    from cairn.accounts.models import User
    from cairn.home.caseload import CaseloadRow

    return CaseloadRow(
        client=User(name=name, email=f"{name}@x.test"),
        since=TODAY,
        goals=[],
        last_checkin=TODAY,
        flags=[FLAGS[c] for c in codes],
    )


@pytest.mark.parametrize(
    ("rows", "order"),
    [
        # A worsening goal comes before two weeks of quiet...
        ([row("Ada", "quiet"), row("Bo", "worsening")], ["Bo", "Ada"]),
        # ...quiet before an overdue step or a newly shared entry...
        ([row("Ada", "overdue"), row("Bo", "quiet")], ["Bo", "Ada"]),
        ([row("Ada", "proposed"), row("Bo", "shared")], ["Bo", "Ada"]),
        # ...several small things add up...
        ([row("Ada", "quiet"), row("Bo", "overdue", "proposed", "shared")], ["Bo", "Ada"]),
        # ...and those doing well come last, by name.
        ([row("Cy"), row("Ada"), row("Bo", "proposed")], ["Bo", "Ada", "Cy"]),
    ],
)
def test_the_order_of_attention(rows, order):
    assert [r.client.name for r in attention_order(rows)] == order


def test_the_caseload_shows_flags_trends_and_last_check_in(client, ana, ben, goal, practice):
    today = timezone.localdate()
    for offset, rating in ((20, 7), (3, 3)):
        checkin = CheckIn.objects.create(client=ben, date=today - timedelta(days=offset))
        GoalRating.objects.create(checkin=checkin, goal=goal, rating=rating)
    goal.achievement_status = "worsening"
    goal.save()
    Milestone.objects.create(goal=goal, title="Step", due_date=today - timedelta(days=2))
    JournalEntry.objects.create(
        client=ben, body="x", shared_with_therapist=True, shared_at=timezone.now()
    )
    quiet = member(practice, Role.CLIENT, email="quiet@example.test", name="Quinn Quiet")
    care(ana, quiet)
    client.force_login(ana)
    page = client.get("/").content.decode()
    assert "A goal has been harder lately" in page
    assert "A step is past its date" in page
    assert "A journal entry newly shared with you" in page
    assert "No check-in for 14 days or more" in page
    assert "3/10" in page and "↘" in page
    assert page.index("Ben Marchetti") < page.index("Quinn Quiet")
    assert "Quinn Quiet" not in client.get("/", {"q": "marchetti"}).content.decode()


def test_the_caseload_stays_constant_with_two_hundred_clients(client, ana, practice):
    def add(count: int, batch: str) -> None:
        today = timezone.localdate()
        for n in range(count):
            person = member(
                practice, Role.CLIENT, email=f"{batch}{n}@example.test", name=f"{batch} {n}"
            )
            care(ana, person)
            goal = goal_for(person, by=person, agreed_by=ana)
            checkin = CheckIn.objects.create(client=person, date=today - timedelta(days=n % 20))
            GoalRating.objects.create(checkin=checkin, goal=goal, rating=n % 11)
            Milestone.objects.create(goal=goal, title="Step", due_date=today - timedelta(days=1))

    client.force_login(ana)
    add(3, "few")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    add(197, "many")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/").content.decode()
    assert page.count('class="card caseload__row"') == 200
    assert len(many) == len(few)
