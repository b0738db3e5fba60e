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


def test_an_insert_cannot_replace_an_event(event):
    """SQLite's INSERT OR REPLACE (and PostgreSQL's upsert) would rewrite the event."""
    from django.db import connection

    table = "core_auditevent"
    event_id = event.pk.hex if connection.vendor == "sqlite" else str(event.pk)
    if connection.vendor == "sqlite":
        statement = (
            f"INSERT OR REPLACE INTO {table} (id, at, action, object_type, object_id, ip, path,"
            " outcome) VALUES (%s, %s, 'sign_in', '', '', '', '', 'allowed')"
        )
    else:
        statement = (
            f"INSERT INTO {table} (id, at, action, object_type, object_id, ip, path, outcome)"
            " VALUES (%s, %s, 'sign_in', '', '', '', '', 'allowed')"
            " ON CONFLICT (id) DO UPDATE SET outcome = 'allowed'"
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event_id, event.at])
    event.refresh_from_db()
    assert (event.action, event.outcome) == (Action.SIGN_IN_FAILED, "denied")


def test_the_table_cannot_be_emptied(event):
    """DELETE is refused on both databases; TRUNCATE (PostgreSQL only) is refused too."""
    from django.db import connection

    statement = (
        "TRUNCATE core_auditevent"
        if connection.vendor == "postgresql"
        else "DELETE FROM core_auditevent WHERE 1"
    )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.filter(pk=event.pk).exists()
