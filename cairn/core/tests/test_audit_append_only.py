import pytest
from django.db import DatabaseError, transaction

from cairn.core.audit import Action, audit_record
from cairn.core.models import AuditEvent


@pytest.fixture
def event(db) -> AuditEvent:
    return audit_record(
        actor=None, action=Action.SIGN_IN_FAILED, object_type="account", allowed=False
    )


def test_the_database_refuses_to_change_an_event(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(outcome="allowed")
    event.refresh_from_db()
    assert event.outcome == "denied"


def test_the_database_refuses_to_delete_an_event(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_raw_sql_cannot_change_it_either(event):
    from django.db import connection

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()
