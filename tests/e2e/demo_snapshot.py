"""The demo, seeded once per test worker and put back before each browser test.

Seeding the demo writes months of invented history through Cairn's own services,
which costs seconds; every browser test used to pay that. Now the first browser test
on a worker seeds it and copies every table aside (a file beside the test database
on SQLite, a schema of its own on PostgreSQL), and each browser test after it
empties the tables and copies the rows back, which takes a fraction of a second.
Each test still starts from exactly the demo `seed_demo` makes, audit log included.
"""

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from tests.audit_reset import empty_audit_log

AUDIT_TABLE = "core_auditevent"
SCHEMA = "cairn_demo_snapshot"  # PostgreSQL: the copy's schema, in the test database
# A signed-in session is a row in each of these (tests/e2e/conftest.py: sign_in).
SESSION_TABLES = ("django_session", "usersessions_usersession")


class _SetAside:
    tables: list[str] = []
    file: Path | None = None  # SQLite: the copy


def _tables() -> list[str]:
    """Every table the demo can write to: not the migration record, not the cache
    (each test empties that itself)."""
    cache_tables = {
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"].endswith("DatabaseCache")
    }
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(set(names) - cache_tables - {"django_migrations"})


def demo_set_aside() -> bool:
    """Whether this worker has the demo set aside, to put back before the next test."""
    return bool(_SetAside.tables)


def demo_seeded() -> None:
    """Leaves the database holding the demo and nothing else."""
    if not _SetAside.tables:
        _seed_and_set_aside()
    elif connection.vendor == "sqlite":
        _put_back_sqlite()
    else:
        _put_back_postgresql()


def _seed_and_set_aside() -> None:
    call_command("seed_demo", verbosity=0)
    tables = _tables()
    quote = connection.ops.quote_name
    if connection.vendor == "sqlite":
        copy = Path(f"{connection.settings_dict['NAME']}.demo")
        copy.unlink(missing_ok=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(copy)])
        copy.chmod(0o600)
        _SetAside.file = copy
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            for table in tables:
                cursor.execute(f"CREATE TABLE {SCHEMA}.{quote(table)} AS TABLE {quote(table)}")
    _SetAside.tables = tables


@contextmanager
def _sqlite_copy_attached() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("ATTACH DATABASE %s AS demo", [str(_SetAside.file)])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DETACH DATABASE demo")


def _put_back_sqlite() -> None:
    quote = connection.ops.quote_name
    empty_audit_log()
    # SQLite's count of deferred key violations loses track when every table is
    # emptied and filled again in one transaction, so the keys are checked once the
    # rows are back instead, as loaddata does.
    with (
        _sqlite_copy_attached(),
        connection.constraint_checks_disabled(),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        for table in _SetAside.tables:
            if table != AUDIT_TABLE:  # empty already; its guard refuses DELETE
                cursor.execute(f"DELETE FROM main.{quote(table)}")
        for table in _SetAside.tables:
            cursor.execute(f"INSERT INTO main.{quote(table)} SELECT * FROM demo.{quote(table)}")
        connection.check_constraints()


def _put_back_postgresql() -> None:
    quote = connection.ops.quote_name
    empty_audit_log()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in _SetAside.tables:
            if table != AUDIT_TABLE:  # empty already; its guard refuses TRUNCATE
                cursor.execute(f"DELETE FROM {quote(table)}")
        for table in _SetAside.tables:
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {SCHEMA}.{quote(table)}")
        # New rows follow the demo's, whatever a test did to the sequences.
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)


def session_kept(session_key: str) -> None:
    """Adds a session somebody just signed in with to the demo set aside, so that
    every later browser test on this worker starts with it too."""
    if not _SetAside.tables:
        return
    target = "demo" if connection.vendor == "sqlite" else SCHEMA
    attached = _sqlite_copy_attached() if connection.vendor == "sqlite" else nullcontext()
    with attached, transaction.atomic(), connection.cursor() as cursor:
        for table in SESSION_TABLES:
            cursor.execute(
                f"INSERT INTO {target}.{table} SELECT * FROM {table} WHERE session_key = %s",
                [session_key],
            )


def set_aside_removed() -> None:
    if _SetAside.file is not None:
        _SetAside.file.unlink(missing_ok=True)
    _SetAside.file, _SetAside.tables = None, []
