"""The API's routine list and mark-done stay lean however long the history: a token
check, one access decision, the rows returned and their audit (one commit for a read:
cairn/core/tests/test_one_commit.py)."""

import json
from datetime import timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cairn.routines.models import RoutineLog


def add_days(routine, count: int, start: int) -> None:
    today = timezone.localdate()
    RoutineLog.objects.bulk_create(
        RoutineLog(routine=routine, date=today - timedelta(days=offset), status="done")
        for offset in range(start, start + count)
    )


def calls(client, routine, headers) -> list[list[str]]:
    """The SQL of one list and one mark, in that order."""
    mark = json.dumps({"date": timezone.localdate().isoformat(), "status": "done"})
    with CaptureQueriesContext(connection) as listing:
        assert client.get("/api/v1/routines", headers=headers).status_code == 200
    with CaptureQueriesContext(connection) as marking:
        response = client.post(
            f"/api/v1/routines/{routine.pk}/marks",
            mark,
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 201
    return [[q["sql"] for q in listing], [q["sql"] for q in marking]]


def test_the_routine_api_runs_the_same_queries_from_10_to_1000_days(client, ben, routine, bearer):
    headers = bearer(ben)
    with time_machine.travel(timezone.now(), tick=False):
        add_days(routine, 10, 1)
        calls(client, routine, headers)  # the token's first use is noted once a minute
        few = [len(sql) for sql in calls(client, routine, headers)]
        add_days(routine, 990, 11)
        assert [len(sql) for sql in calls(client, routine, headers)] == few


def test_marking_a_day_opens_no_savepoint_of_its_own(client, ben, routine, bearer):
    # Every statement inside the write holds SQLite's writers' lock: the service joins
    # the call's one transaction instead of nesting a SAVEPOINT and RELEASE in it.
    _, marking = calls(client, routine, bearer(ben))
    assert sum(sql.startswith("SAVEPOINT") for sql in marking) == 1
