"""The test database, migrated once and copied for each test worker.

Migrating Cairn from nothing costs seconds of CPU (more on PostgreSQL), and every
pytest-xdist worker used to pay it. Instead the first worker to arrive migrates a
template, named after a fingerprint of every migration, and each worker starts from
a copy of it (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL). The
template outlives the run, so the next run copies it straight away; a changed or new
migration changes the fingerprint, and a fresh template is built. `--create-db`
builds it afresh anyway.
"""

import fcntl
import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

ALIAS = "default"
# Where this process's template is (a file on SQLite, a database's name on
# PostgreSQL) once the test database is set up; tests that run Cairn in processes
# of their own start them on a copy of it (tests/test_crash.py).
location: str | None = None


def fingerprint() -> str:
    """Changes whenever a migration (Cairn's or a library's) or Django itself does."""
    digest = hashlib.sha256(django.get_version().encode())
    digest.update(repr(settings.CACHES).encode())  # createcachetable's table
    for app in sorted(apps.get_app_configs(), key=lambda a: a.label):
        for path in sorted((Path(app.path) / "migrations").glob("*.py")):
            digest.update(f"{app.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@contextmanager
def one_worker_at_a_time(lock_path: Path) -> Iterator[None]:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _point_at(connection: BaseDatabaseWrapper, name: str) -> None:
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _migrate(connection: BaseDatabaseWrapper, name: str) -> None:
    """Migrates the (existing, empty) database `name`, then lets go of it."""
    _point_at(connection, name)
    call_command("migrate", verbosity=0, interactive=False, database=ALIAS, run_syncdb=True)
    call_command("createcachetable", database=ALIAS)
    connection.close()


def worker_database_from_template(rebuild: bool, run_id: str) -> None:
    """Puts a migrated copy of the template where this worker's test database goes.

    Django's own set-up then finds it (keepdb) and only checks that nothing is left
    to migrate."""
    global location
    connection = connections[ALIAS]
    worker_name = connection.creation._get_test_db_name()
    original_name = connection.settings_dict["NAME"]
    var = Path(settings.VAR_DIR)
    built_marker = var / "test-template.run"
    with one_worker_at_a_time(var / "test-template.lock"):
        # --create-db rebuilds the template once per run, not once per worker.
        rebuild = rebuild and (not built_marker.exists() or built_marker.read_text() != run_id)
        try:
            if connection.vendor == "sqlite":
                location = _sqlite_copy(connection, Path(worker_name), var, rebuild)
            elif connection.vendor == "postgresql":
                location = _postgres_copy(connection, worker_name, str(original_name), rebuild)
            else:
                return  # Django's own set-up migrates it as usual
        finally:
            _point_at(connection, str(original_name))
        if rebuild:
            built_marker.write_text(run_id)
            built_marker.chmod(0o600)


def _sqlite_copy(connection: BaseDatabaseWrapper, worker: Path, var: Path, rebuild: bool) -> str:
    template = var / f"test-template-{fingerprint()}.sqlite3"
    if rebuild or not template.exists():
        for stale in var.glob("test-template-*.sqlite3*"):
            stale.unlink()
        building = template.with_suffix(".building")
        building.unlink(missing_ok=True)
        _migrate(connection, str(building))  # closing it folds the WAL back into the file
        building.chmod(0o600)
        building.replace(template)
    for leftover in (worker, Path(f"{worker}-wal"), Path(f"{worker}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(template, worker)
    worker.chmod(0o600)
    return str(template)


def _postgres_copy(
    connection: BaseDatabaseWrapper, worker: str, original_name: str, rebuild: bool
) -> str:
    prefix = f"test_{original_name}"[:40]  # names stay inside PostgreSQL's 63 characters
    template, building = f"{prefix}_template_{fingerprint()}", f"{prefix}_building"
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{prefix}_template_%"]
        )
        existing = {row[0] for row in cursor.fetchall()}
        build = rebuild or template not in existing
        if build:
            for stale in existing | {building}:
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quote(building)}")
    if build:
        _migrate(connection, building)
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(worker)} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quote(worker)} TEMPLATE {quote(template)}")
    return template
