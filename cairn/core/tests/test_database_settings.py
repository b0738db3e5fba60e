"""The database keeps every acknowledged write, and a busy database makes pages
wait rather than fail."""

import contextlib
import fcntl
import os
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.urls import reverse

from cairn.core.sqlite3 import checkpoint


def test_every_write_is_on_disk_before_the_answer(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 2  # FULL
            cursor.execute("PRAGMA busy_timeout")
            # One setting says how long a page waits; nothing else overrides it.
            assert cursor.fetchone()[0] == settings.CAIRN_DB_BUSY_SECONDS * 1000
            assert connection.transaction_mode == "IMMEDIATE"  # type: ignore[attr-defined]
        else:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"
            cursor.execute("SHOW fsync")
            assert cursor.fetchone()[0] == "on"


def hold_the_write_lock(seconds: float, holding: threading.Event) -> None:
    """Another process's long write: a backup, a migration, a burst of check-ins."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # BEGIN IMMEDIATE already holds the one write lock; a write makes it plain.
                cursor.execute("CREATE TABLE IF NOT EXISTS lock_holder (x INTEGER)")
            else:
                # Every signed-in page appends to the audit log.
                cursor.execute("LOCK TABLE core_auditevent IN EXCLUSIVE MODE")
            holding.set()
            time.sleep(seconds)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_held_write_lock_makes_pages_wait_not_fail(client, ben):
    client.force_login(ben)
    holding = threading.Event()
    holder = threading.Thread(target=hold_the_write_lock, args=(6, holding))
    holder.start()
    assert holding.wait(10)
    start = time.monotonic()
    response = client.get(reverse("home:home"))  # audits the read, so it needs the write lock
    waited = time.monotonic() - start
    holder.join()
    # Longer than the 5 s that used to fail every page, and then the page.
    assert waited > 5
    assert response.status_code == 200
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TABLE IF EXISTS lock_holder")


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """A SQLite database of Cairn's own engine beside the test database, whichever
    that is: the queue belongs to the engine, so it is tested on both runs."""
    path = tmp_path / "queue.sqlite3"
    configured = connections.configure_settings(
        {
            "default": {},
            "queue": {"ENGINE": "cairn.core.sqlite3", "NAME": str(path), "OPTIONS": {"timeout": 1}},
        }
    )
    connections.settings["queue"] = configured["queue"]
    with django_db_blocker.unblock():
        yield path
        connections["queue"].close()
    del connections.settings["queue"]
    del connections["queue"]


def queue_is_free(database: Path) -> bool:
    """Whether another process could take the writers' lock file now."""
    descriptor = os.open(f"{database}-writers.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)
    return True


class HalfwayFailure(Exception):
    pass


@pytest.mark.parametrize("fails", [False, True])
def test_a_writer_keeps_its_place_in_line_until_it_commits_or_rolls_back(sqlite_file, fails):
    """SQLite's own wait sleeps up to 100 ms between tries, so a waiting writer could
    miss its turn again and again; writers queue on a lock file instead, held from
    BEGIN to COMMIT or ROLLBACK, so the next starts as soon as this one ends."""
    failing = pytest.raises(HalfwayFailure) if fails else contextlib.nullcontext()
    with failing, transaction.atomic(using="queue"):
        assert not queue_is_free(sqlite_file)
        with transaction.atomic(using="queue"):  # a savepoint keeps the place
            assert not queue_is_free(sqlite_file)
        if fails:
            raise HalfwayFailure("a write that fails halfway")
    assert queue_is_free(sqlite_file)


def hold_the_line(database: Path, seconds: float) -> threading.Thread:
    """Another process's transaction: the writers' lock file, held for `seconds`."""
    descriptor = os.open(f"{database}-writers.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    holder = threading.Thread(target=lambda: (time.sleep(seconds), os.close(descriptor)))
    holder.start()
    return holder


def test_a_writer_waits_in_line_until_the_one_before_it_is_done(sqlite_file):
    start = time.monotonic()
    holder = hold_the_line(sqlite_file, 0.3)
    with transaction.atomic(using="queue"):
        waited = time.monotonic() - start
        assert not queue_is_free(sqlite_file)
    holder.join()
    assert waited >= 0.3
    assert queue_is_free(sqlite_file)


def test_after_the_busy_timeout_sqlite_decides_and_the_line_moves_on(sqlite_file):
    """A writer that held the line past the busy timeout (1 s here) does not hold up
    the next for good: it goes ahead under SQLite's own lock, and the place it was
    waiting for is let go as soon as it comes."""
    holder = hold_the_line(sqlite_file, 1.5)
    start = time.monotonic()
    with transaction.atomic(using="queue"):
        waited = time.monotonic() - start
    assert 1 <= waited < 1.5
    holder.join()
    give_up = time.monotonic() + 2
    while not queue_is_free(sqlite_file):
        assert time.monotonic() < give_up, "the place given up was never let go"
        time.sleep(0.01)
    with transaction.atomic(using="queue"):
        assert not queue_is_free(sqlite_file)


def test_a_connection_of_cairns_engine_leaves_checkpoints_to_the_thread(sqlite_file):
    """Cairn's SQLite engine, tested beside whichever database the run uses."""
    with connections["queue"].cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        assert cursor.fetchone()[0] == 0
    assert any(thread.name == "sqlite-checkpoint" for thread in threading.enumerate())


def write_megabytes(megabytes: int) -> None:
    """One commit a megabyte: 256 pages each, so four cross SQLite's automatic
    checkpoint (1,000 pages) if it were on."""
    for _ in range(megabytes):
        with transaction.atomic(using="queue"), connections["queue"].cursor() as cursor:
            cursor.execute("INSERT INTO pages (data) VALUES (randomblob(1024 * 1024))")


def test_the_thread_checkpoints_so_the_wal_stays_about_a_second_long(sqlite_file):
    """No commit copies the WAL into the database file (that held every writer
    queued behind it); the thread does, and the next writer starts the WAL afresh."""
    queue = connections["queue"]
    with queue.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("CREATE TABLE pages (data BLOB)")
    wal = Path(f"{sqlite_file}-wal")
    before = sqlite_file.stat().st_size
    with checkpoint.lock:  # the thread waits
        write_megabytes(5)
        assert sqlite_file.stat().st_size == before
    give_up = time.monotonic() + 5 * checkpoint.EVERY_SECONDS
    while sqlite_file.stat().st_size < before + 5 * 1024 * 1024:
        assert time.monotonic() < give_up, "the thread did not checkpoint"
        time.sleep(0.05)
    with checkpoint.lock:  # its round is over
        five_megabytes_long = wal.stat().st_size
    write_megabytes(5)
    assert wal.stat().st_size <= five_megabytes_long
