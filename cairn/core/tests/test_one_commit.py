"""At most one commit per request (issue 16, item 3), counted on a real connection.

Outside the test's own transaction (transactional_db), a write outside any atomic
block commits on its own, and leaving an atomic block commits: both are counted.
"""

import contextlib
import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cairn.core.models import AuditEvent
from cairn.progress.models import CheckIn
from tests.factories import TEST_PASSWORD

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@contextlib.contextmanager
def commits_counted() -> Iterator[list[str]]:
    commits: list[str] = []

    def on_execute(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        if not connection.in_atomic_block and sql.lstrip().upper().startswith(WRITES):
            commits.append(sql[:60])
        return execute(sql, params, many, context)

    real_commit = connection.commit

    def counted_commit() -> None:
        commits.append("COMMIT")
        real_commit()

    connection.commit = counted_commit  # type: ignore[method-assign]
    try:
        with connection.execute_wrapper(on_execute):
            yield commits
    finally:
        del connection.commit


@pytest.fixture
def signed_in_ben(client, ben, goal):
    client.post(reverse("account_login"), {"login": "ben@example.test", "password": TEST_PASSWORD})
    return client


@pytest.mark.django_db(transaction=True)
def test_a_read_commits_at_most_once_with_its_audit_events(signed_in_ben, ben, goal):
    pages = [
        "/",
        reverse("goals:goal_detail", args=[goal.pk]),
        reverse("progress:goal_progress", args=[goal.pk]),
        reverse("routines:routine_list", args=[ben.pk]),
    ]
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False) as traveller:
        for path in pages:
            traveller.shift(timedelta(seconds=5))
            before = AuditEvent.objects.filter(actor_id=ben.pk).count()
            with commits_counted() as commits:
                assert signed_in_ben.get(path).status_code == 200
            assert len(commits) <= 1, f"{path}: {commits}"
            # The read was audited all the same.
            assert AuditEvent.objects.filter(actor_id=ben.pk).count() > before, path


@pytest.mark.django_db(transaction=True)
def test_the_idle_timer_is_renewed_at_most_once_a_minute(signed_in_ben, ben):
    from django.contrib.sessions.models import Session

    def expiry():
        return Session.objects.get(session_key=signed_in_ben.session.session_key).expire_date

    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False) as traveller:
        signed_in_ben.get("/")
        renewed = expiry()
        traveller.shift(timedelta(seconds=30))
        signed_in_ben.get("/")
        assert expiry() == renewed
        traveller.shift(timedelta(seconds=31))
        signed_in_ben.get("/")
        assert expiry() > renewed


@pytest.mark.django_db(transaction=True)
def test_a_check_in_commits_with_its_audit_event(signed_in_ben, ben, goal):
    from cairn.accounts.time import local_today

    with time_machine.travel(timezone.now() + timedelta(seconds=20), tick=False):
        with commits_counted() as commits:
            response = signed_in_ben.post(
                reverse("progress:checkin"),
                {"date": local_today(ben).isoformat(), "mood": "4", f"rating_{goal.pk}": "6"},
            )
        assert response.status_code == 302
    assert CheckIn.objects.filter(client=ben).count() == 1
    assert len(commits) <= 1, commits


@pytest.mark.django_db(transaction=True)
def test_an_api_read_commits_once_with_its_rate_count_and_audit_event(client, ben, routine):
    from cairn.api.services import api_token_create

    token, secret = api_token_create(user=ben, name="Script", scope="read", days=30)
    headers = {"Authorization": f"Bearer {secret}"}
    with (
        time_machine.travel(timezone.now() + timedelta(seconds=20), tick=False),
        commits_counted() as commits,
    ):
        assert client.get("/api/v1/routines", headers=headers).status_code == 200
    assert commits == ["COMMIT"]
    # In that one commit: the read's audit event, the token's last use and its rate.
    assert AuditEvent.objects.filter(actor_id=ben.pk, object_type="routine_list").exists()
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.rate_count == 1


def mark(client, routine, secret, day):
    return client.post(
        f"/api/v1/routines/{routine.pk}/marks",
        json.dumps({"date": day.isoformat(), "status": "done"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )


@pytest.mark.django_db(transaction=True)
def test_an_api_write_commits_once_with_its_rate_count_and_audit_events(client, ben, routine):
    from cairn.api.services import api_token_create
    from cairn.routines.models import RoutineLog

    token, secret = api_token_create(user=ben, name="Script", scope="write", days=30)
    with (
        time_machine.travel(timezone.now() + timedelta(seconds=20), tick=False),
        commits_counted() as commits,
    ):
        assert mark(client, routine, secret, timezone.localdate()).status_code == 201
    assert commits == ["COMMIT"]
    assert RoutineLog.objects.filter(routine=routine, status="done").count() == 1
    assert AuditEvent.objects.filter(actor_id=ben.pk, object_type="routine_log").exists()
    token.refresh_from_db()
    assert token.rate_count == 1


@pytest.mark.django_db(transaction=True)
def test_an_api_write_holds_the_write_transaction_for_its_writes_alone(client, ben, routine):
    """On SQLite the writers' lock is held from BEGIN to COMMIT: the token, the access
    check, the routine and the strength are read before it or after it. Inside it: the
    call's count, the audit rows, the day's row (found, then written) and the record's
    version."""
    from cairn.api.services import api_token_create

    _, secret = api_token_create(user=ben, name="Script", scope="write", days=30)
    inside: list[str] = []
    outside: list[str] = []

    def on_execute(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        (inside if connection.in_atomic_block else outside).append(sql)
        return execute(sql, params, many, context)

    with (
        time_machine.travel(timezone.now() + timedelta(seconds=20), tick=False),
        connection.execute_wrapper(on_execute),
    ):
        assert mark(client, routine, secret, timezone.localdate()).status_code == 201
    reads_inside = [sql for sql in inside if sql.lstrip().upper().startswith("SELECT")]
    assert all('FROM "routines_routinelog"' in sql for sql in reads_inside), reads_inside
    assert len(reads_inside) <= 1, reads_inside
    written = {sql.split('"')[1] for sql in inside if sql.lstrip().upper().startswith(WRITES)}
    assert written == {
        "api_apitoken",
        "core_auditevent",
        "routines_routinelog",
        "core_recordversion",
    }
    # The reads of the call happened with no lock held.
    assert any('FROM "api_apitoken"' in sql for sql in outside)
    assert any('FROM "routines_routine"' in sql for sql in outside)


@pytest.mark.django_db(transaction=True)
def test_a_refused_api_write_still_counts_the_call_once(client, ben, routine):
    from cairn.api.services import api_token_create
    from cairn.routines.models import RoutineLog

    token, secret = api_token_create(user=ben, name="Script", scope="write", days=30)
    tomorrow = timezone.localdate() + timedelta(days=2)
    with (
        time_machine.travel(timezone.now() + timedelta(seconds=20), tick=False),
        commits_counted() as commits,
    ):
        assert mark(client, routine, secret, tomorrow).status_code == 422
    assert commits == ["COMMIT"]
    assert not RoutineLog.objects.filter(routine=routine).exists()
    token.refresh_from_db()
    assert token.rate_count == 1
