"""WAL checkpoints off the request path: a thread of each process, every second.

In WAL mode a commit appends to the -wal file, and a checkpoint copies those pages
back into the database file. SQLite's automatic checkpoint (every 1,000 pages)
runs inside the COMMIT of whichever transaction crosses the mark, with the fsyncs
of the database file that `synchronous=FULL` asks for, while that writer still
holds its place at the head of the writers' queue (base.py). Marking a day done
writes about 14 pages, so about one commit in seventy did it, took several times
longer than the others and held up every writer queued behind it: about 1% of
the calls, the share a p99 is made of.

So the request connections turn the automatic checkpoint off, and each process
that opened one runs this thread: once a second, for each database it has open, it
opens a connection of its own and runs a PASSIVE checkpoint, which copies what no
reader still needs without waiting for (or holding up) readers or writers. The
writes are as durable as before: a commit is on disk in the WAL, fsynced, before
it is acknowledged; a checkpoint only moves it. After a complete checkpoint the
next writer starts the WAL again from its beginning, so it stays about one second
of writes long (and `journal_size_limit` trims a file grown by a burst).

A connection's close and a checkpoint of its database take the same lock, and a
database is checkpointed only while the process has a connection to it open: the
process's last connection to close still finds itself the last one, and SQLite
then folds the WAL back into the database file and removes it, as before (the test
template is copied as a plain file afterwards). Backups read through SQLite's
online backup API, which sees the WAL's pages wherever they are.
"""

import contextlib
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from urllib.parse import quote

EVERY_SECONDS = 1.0

# Held by every round of checkpoints and around closing a connection.
lock = threading.Lock()
_open: Counter[str] = Counter()  # this process's open connections, by database file
_running = False


def _forget() -> None:
    """A forked child (a gunicorn worker) has no thread yet and none of its parent's
    connections, and must not inherit a lock the parent's thread held."""
    global lock, _running
    lock = threading.Lock()
    _open.clear()
    _running = False


os.register_at_fork(after_in_child=_forget)


def opened(path: str) -> None:
    """A connection to `path` opened: check it in and make sure the thread runs."""
    global _running
    with lock:
        _open[path] += 1
        if not _running:
            _running = True
            threading.Thread(target=_every_second, name="sqlite-checkpoint", daemon=True).start()


@contextlib.contextmanager
def closing(path: str) -> Iterator[None]:
    """Around closing a connection to `path`: no checkpoint of it is under way while
    it closes, and none starts after the process's last one closed."""
    with lock:
        try:
            yield
        finally:
            _open[path] -= 1
            if _open[path] <= 0:
                del _open[path]


def checkpoint(path: str) -> tuple[int, int, int]:
    """A PASSIVE checkpoint of `path`: (busy, pages in the WAL, pages copied back)."""
    # mode=rw: a database deleted meanwhile is not made again, empty.
    db = sqlite3.connect(f"file:{quote(path)}?mode=rw", uri=True, timeout=0, isolation_level=None)
    try:
        busy, in_wal, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        db.close()
    return int(busy), int(in_wal), int(copied)


def _every_second() -> None:
    while True:
        time.sleep(EVERY_SECONDS)
        with lock:
            for path in list(_open):
                # Locked or gone: the next round tries again.
                with contextlib.suppress(sqlite3.Error):
                    checkpoint(path)
