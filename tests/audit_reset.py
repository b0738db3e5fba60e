"""Emptying the audit log between tests that commit for real.

Most tests run inside a transaction that is rolled back, audit events included. The
browser tests (and the few others on `transactional_db`) commit, and Django's flush
after them empties only managed tables: the audit table is unmanaged and its triggers
refuse every delete, so its rows would outlive the test and show up in whatever test
the same worker runs next. Only the test suite ever lifts the guard, for one statement,
inside one transaction.
"""

import importlib

from django.db import connection, transaction

_initial = importlib.import_module("cairn.core.migrations.0001_initial")
SQLITE_NO_DELETE = next(s for s in _initial.SQLITE_TRIGGERS if "no_delete" in s)


def empty_audit_log() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
            cursor.execute("DELETE FROM core_auditevent")
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")
            cursor.execute("DELETE FROM core_auditevent")
            cursor.execute(SQLITE_NO_DELETE)
