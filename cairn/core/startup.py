"""Refusing to start when the database is missing but this folder shows Cairn was
used here before: starting anyway would quietly begin a new, empty Cairn.

`var/database-in-use` names each database Cairn has run on from this folder; it is
written after every migrate. `migrate` (and so `make run`) and the web server run
the check (config/wsgi.py); CAIRN_FRESH_START=true skips it, on purpose.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.db import connection

FRESH_START = "CAIRN_FRESH_START"


def marker_path() -> Path:
    return Path(settings.VAR_DIR) / "database-in-use"


def database_identity() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:{Path(str(db['NAME'])).resolve()}"
    return f"{connection.vendor}://{db.get('HOST') or ''}:{db.get('PORT') or ''}/{db['NAME']}"


def _used_before() -> bool:
    path = marker_path()
    return path.exists() and database_identity() in path.read_text().splitlines()


def database_in_use_mark() -> None:
    path = marker_path()
    known = path.read_text().splitlines() if path.exists() else []
    if database_identity() not in known:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join([*known, database_identity()]) + "\n")


def _database_is_empty() -> bool:
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        if not os.path.exists(name) or os.path.getsize(name) == 0:
            return True
    with connection.cursor() as cursor:
        return "django_migrations" not in connection.introspection.table_names(cursor)


def database_problem() -> str | None:
    if settings.TESTING or os.environ.get(FRESH_START, "").lower() in {"1", "true", "yes"}:
        return None
    if not _used_before() or not _database_is_empty():
        return None
    return (
        f"The database ({connection.settings_dict['NAME']}) is missing or empty, but Cairn ran "
        f"on it from here before ({marker_path()}). Starting now would begin a new, empty "
        "Cairn. To get your data back: python manage.py restore PATH-TO-BACKUP (backups are in "
        f"{settings.CAIRN_BACKUP_DIR} unless you keep them elsewhere). To start afresh on "
        f"purpose: {FRESH_START}=true make run (or delete {marker_path()})."
    )


@checks.register(checks.Tags.database)
def check_database_present(**kwargs: object) -> list[checks.CheckMessage]:
    problem = database_problem()
    return [checks.Critical(problem, id="cairn.E001")] if problem else []
