"""Backups of the database while Cairn runs, and putting one back.

SQLite is copied with its online backup API (a consistent copy, WAL included,
while pages keep writing); PostgreSQL with pg_dump. A backup is one file named
for its moment, `cairn-20261128-020000.sqlite3` (or `.dump`); the folder keeps the
newest N. The note keys are never in a backup: they live outside the database
(CAIRN_NOTE_KEYS or var/note_keys) and must be kept safe separately.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

NAME = re.compile(r"^cairn-(\d{8}-\d{6})(?:-(\d+))?\.(?:sqlite3|dump)$")


class BackupError(Exception):
    """A refusal, in words for the person at the terminal; nothing was changed."""


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _database() -> dict[str, object]:
    return dict(connection.settings_dict)


def _pg_env() -> dict[str, str]:
    db = _database()
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args() -> list[str]:
    db = _database()
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed; it comes with PostgreSQL's client tools.")
    return path


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # Our own arguments, no shell.
    return subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603


def _writable_folder(folder: Path, *, create: bool) -> None:
    if not folder.exists():
        if not create:
            raise BackupError(
                f"The folder {folder} does not exist. Create it first (or leave out --to to "
                f"use {settings.CAIRN_BACKUP_DIR}). Nothing was written."
            )
        folder.mkdir(parents=True, exist_ok=True)
    if not folder.is_dir():
        raise BackupError(f"{folder} is not a folder. Nothing was written.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupError(
            f"Cairn may not write into {folder} (it is read-only for this user). "
            "Choose another folder with --to. Nothing was written."
        )


def _new_path(folder: Path, suffix: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"cairn-{stamp}.{suffix}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"cairn-{stamp}-{n}.{suffix}"
    return path


def backups_in(folder: Path) -> list[Path]:
    """Cairn's backups in the folder, oldest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    dated = []
    for path in folder.iterdir():
        if match := NAME.match(path.name):
            dated.append(((match.group(1), int(match.group(2) or 1)), path))
    return [path for _, path in sorted(dated)]


def backup_create(*, folder: Path | None = None, keep: int | None = None) -> Path:
    """Writes a consistent copy of the database into `folder`; returns its path."""
    explicit = folder is not None
    folder = Path(folder or settings.CAIRN_BACKUP_DIR)
    keep = settings.CAIRN_BACKUP_KEEP if keep is None else keep
    if keep < 1:
        raise BackupError("--keep must be at least 1. Nothing was written.")
    _writable_folder(folder, create=not explicit)
    if _is_sqlite():
        path = _new_path(folder, "sqlite3")
        _sqlite_backup(path)
    else:
        path = _new_path(folder, "dump")
        _pg_backup(path)
    for old in backups_in(folder)[:-keep]:
        old.unlink()
    return path


def _sqlite_backup(path: Path) -> None:
    source_name = str(_database()["NAME"])
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cairn-backup-")
    os.close(handle)
    try:
        source = sqlite3.connect(source_name, timeout=settings.CAIRN_DB_BUSY_SECONDS)
        target = sqlite3.connect(temporary)
        try:
            with target:
                source.backup(target)
            # A backup is one self-contained file, readable without its WAL.
            target.execute("PRAGMA journal_mode=DELETE")
            if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("The copy did not pass SQLite's integrity check. Try again.")
        finally:
            target.close()
            source.close()
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _pg_backup(path: Path) -> None:
    temporary = path.with_name(f".{path.name}.part")
    result = _run(
        [
            _tool("pg_dump"),
            "-Fc",
            "--no-owner",
            "-f",
            str(temporary),
            *_pg_args(),
            str(_database()["NAME"]),
        ],
        env=_pg_env(),
    )
    if result.returncode != 0:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


# Restoring.


def _known_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _migrations_in_sqlite(path: Path) -> set[tuple[str, str]]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(
                    f"{path} is damaged (SQLite's check failed). Nothing was changed."
                )
            tables = {
                row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"django_migrations", "core_auditevent", "accounts_user"} <= tables:
                raise BackupError(f"{path} is not a Cairn backup. Nothing was changed.")
            return set(db.execute("SELECT app, name FROM django_migrations"))
    except sqlite3.DatabaseError:
        raise BackupError(f"{path} is not a Cairn backup. Nothing was changed.") from None


def _migrations_in_dump(path: Path) -> set[tuple[str, str]]:
    listing = _run([_tool("pg_restore"), "-l", str(path)])
    if listing.returncode != 0 or "core_auditevent" not in listing.stdout:
        raise BackupError(f"{path} is not a Cairn backup. Nothing was changed.")
    data = _run([_tool("pg_restore"), "-a", "-t", "django_migrations", "-f", "-", str(path)])
    rows = set()
    in_copy = False
    for line in data.stdout.splitlines():
        if line.startswith("COPY "):
            in_copy = True
        elif line == "\\.":
            in_copy = False
        elif in_copy:
            parts = line.split("\t")
            if len(parts) >= 3:
                rows.add((parts[1], parts[2]))
    return rows


def _people_in_database() -> int:
    with connection.cursor() as cursor:
        if "accounts_user" not in connection.introspection.table_names(cursor):
            return 0
        cursor.execute("SELECT COUNT(*) FROM accounts_user")
        return int(cursor.fetchone()[0])


def restore_check(path: Path) -> None:
    """Refuses what is not a Cairn backup, or one from a newer Cairn."""
    if not path.is_file():
        raise BackupError(f"There is no file at {path}. Nothing was changed.")
    is_dump = path.read_bytes()[:5] == b"PGDMP"
    if is_dump == _is_sqlite():
        kind = "a PostgreSQL dump" if is_dump else "an SQLite file"
        raise BackupError(
            f"{path} is {kind}, but this Cairn uses {connection.vendor}. Nothing was changed."
        )
    found = _migrations_in_dump(path) if is_dump else _migrations_in_sqlite(path)
    newer = sorted(found - _known_migrations())
    if newer:
        names = ", ".join(f"{app}.{name}" for app, name in newer[:3])
        raise BackupError(
            f"{path} comes from a newer version of Cairn (it has {names}). Update Cairn to that "
            "version first, then restore. Nothing was changed."
        )


def backup_restore(*, path: Path, force: bool = False) -> Path | None:
    """Puts the backup into the configured database. Returns the safety copy made
    of what was there before (when there was anything)."""
    path = Path(path)
    restore_check(path)
    people = _people_in_database()
    if people and not force:
        raise BackupError(
            f"The database already holds data ({people} people). Restoring would replace all "
            "of it. Run again with --force to replace it (a backup of it is made first). "
            "Nothing was changed."
        )
    safety = backup_create() if people else None
    if _is_sqlite():
        _sqlite_restore(path)
    else:
        _pg_restore(path)
    return safety


def _sqlite_restore(path: Path) -> None:
    connection.close()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(str(_database()["NAME"]), timeout=settings.CAIRN_DB_BUSY_SECONDS)
    try:
        with target:
            source.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
    finally:
        source.close()
        target.close()


def _pg_restore(path: Path) -> None:
    connection.close()
    result = _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "-d",
            str(_database()["NAME"]),
            *_pg_args(),
            str(path),
        ],
        env=_pg_env(),
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed (the database is as it was): {result.stderr.strip()}")
