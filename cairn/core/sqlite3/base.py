"""Django's SQLite backend, with a queue for the one writer SQLite allows.

SQLite lets one connection write at a time. One that finds the write lock taken
does not wait in line: its busy handler sleeps and tries again, sleeping longer each
time (1, 2, 5, 10 … up to 100 ms between tries), so under steady writes a request
can keep missing its turn for most of a second while others, arriving later, take
it. Every page writes (its audit event, now and then the session) and every API call
counts its rate, so with a few worker processes that was the tail of the benchmark
(marking a day done: p99 960 ms at 8 connections with a median of 124 ms).

Here a transaction first takes an exclusive lock on a small file beside the
database, held until its COMMIT or ROLLBACK. The lock is asked for without blocking
and then again after a short nap (at most a millisecond), so the writer starts
within about a millisecond of the previous one's end, not up to 100 ms after it.
After the busy timeout it stops waiting for the file and leaves the decision to
SQLite's own lock, as before. Writes outside a transaction (single statements in
autocommit) do not queue here; SQLite's lock still keeps them safe.

A COMMIT does not checkpoint the WAL: that is left to a thread (checkpoint.py),
so no writer holds the line while the database file is written and fsynced.
"""

import fcntl
import os
import time
from typing import Any

from django.db.backends.sqlite3 import base

from cairn.core.sqlite3 import checkpoint

LONGEST_NAP = 0.001
# A WAL grown past this by a burst of writes is cut back to it once checkpointed.
WAL_KEPT_BYTES = 64 * 1024 * 1024


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._queue_file: int | None = None
        self._in_line = False

    def _queue_path(self) -> str | None:
        if self.is_in_memory_db():
            return None
        return f"{self.settings_dict['NAME']}-writers.lock"

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        if not self.is_in_memory_db():
            connection.execute("PRAGMA wal_autocheckpoint=0")
            connection.execute(f"PRAGMA journal_size_limit={WAL_KEPT_BYTES}")
            checkpoint.opened(str(self.settings_dict["NAME"]))
        return connection

    def _wait_for_turn(self) -> None:
        path = self._queue_path()
        if path is None:
            return
        if self._queue_file is None:
            self._queue_file = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        give_up = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        nap = 0.0001
        while True:
            try:
                fcntl.flock(self._queue_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() > give_up:
                    return  # SQLite's busy timeout decides from here
                time.sleep(nap)
                nap = min(nap * 2, LONGEST_NAP)
            else:
                self._in_line = True
                return

    def _leave_line(self) -> None:
        if self._in_line and self._queue_file is not None:
            self._in_line = False
            fcntl.flock(self._queue_file, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self) -> None:
        self._wait_for_turn()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private in the stubs
        except BaseException:
            self._leave_line()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]  # private in the stubs
        finally:
            self._leave_line()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]  # private in the stubs
        finally:
            self._leave_line()

    def _close(self) -> None:
        try:
            if self.connection is None or self.is_in_memory_db():
                super()._close()  # type: ignore[misc]  # private in the stubs
            else:
                with checkpoint.closing(str(self.settings_dict["NAME"])):
                    super()._close()  # type: ignore[misc]  # private in the stubs
        finally:
            self._leave_line()
            if self._queue_file is not None:
                os.close(self._queue_file)
                self._queue_file = None
