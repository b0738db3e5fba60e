"""one_commit.write_transaction: a request that reads first opens its transaction for
its write alone, and the small writes collected before it commit with it."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from cairn.core import one_commit
from cairn.core.audit import Action, audit_record
from cairn.core.models import AuditEvent
from cairn.core.one_commit import OneCommitMiddleware


def written(*kinds: str) -> set[str]:
    """Which of these kinds of audit event were written (the audit log refuses the
    flush between transactional tests, so each test names its own kinds)."""
    return set(
        AuditEvent.objects.filter(object_type__in=kinds).values_list("object_type", flat=True)
    )


def api_post(view):  # type: ignore[no-untyped-def]
    return OneCommitMiddleware(view)(RequestFactory().post("/api/v1/anything"))


@pytest.mark.django_db(transaction=True)
def test_an_api_call_reads_outside_any_transaction_then_writes_in_one(ben):
    seen = {}

    def view(request):  # type: ignore[no-untyped-def]
        seen["reading"] = connection.in_atomic_block
        audit_record(actor=ben, action=Action.READ, object_type="check")  # collected
        with one_commit.write_transaction():
            seen["writing"] = connection.in_atomic_block
            audit_record(actor=ben, action=Action.WRITE, object_type="write")
        return HttpResponse()

    api_post(view)
    assert seen == {"reading": False, "writing": True}
    assert written("check", "write") == {"check", "write"}


@pytest.mark.django_db(transaction=True)
def test_the_audit_events_of_the_checks_and_of_the_write_are_one_insert(ben):
    from django.test.utils import CaptureQueriesContext

    def view(request):  # type: ignore[no-untyped-def]
        audit_record(actor=ben, action=Action.READ, object_type="check-one")
        with CaptureQueriesContext(connection) as queries, one_commit.write_transaction():
            audit_record(actor=ben, action=Action.WRITE, object_type="write-one")
        seen["inserts"] = [q for q in queries if q["sql"].startswith('INSERT INTO "core_audit')]
        return HttpResponse()

    seen: dict[str, list[object]] = {}
    api_post(view)
    assert written("check-one", "write-one") == {"check-one", "write-one"}
    assert len(seen["inserts"]) == 1


@pytest.mark.django_db(transaction=True)
def test_a_failed_write_keeps_the_calls_other_small_writes(ben):
    class LateConflict(Exception):
        pass

    def view(request):  # type: ignore[no-untyped-def]
        audit_record(actor=ben, action=Action.WRITE, object_type="check-kept")
        try:
            with one_commit.write_transaction():
                audit_record(actor=ben, action=Action.WRITE, object_type="write-failed")
                raise LateConflict
        except LateConflict:
            return HttpResponse(status=409)
        return HttpResponse()

    assert api_post(view).status_code == 409
    # The failed write is gone; the access check's audit event is kept.
    assert written("check-kept", "write-failed") == {"check-kept"}


@pytest.mark.django_db(transaction=True)
def test_a_page_post_still_runs_in_one_transaction_from_the_start(ben):
    seen = {}

    def view(request):  # type: ignore[no-untyped-def]
        seen["reading"] = connection.in_atomic_block
        return HttpResponse()

    OneCommitMiddleware(view)(RequestFactory().post("/goals/new/"))
    assert seen == {"reading": True}
