"""At most one commit per request: small writes that belong to the request itself.

A page that only reads still writes two things: the audit events of what it read
and, now and then, the session (the idle timer). Each in its own commit would make
every read wait its turn for SQLite's one writer twice. `OneCommitMiddleware`
collects them while the view runs and writes them together, in one short
transaction, after the response is ready, so a read holds no write lock while it
renders. A request that may write (POST and the other unsafe methods) runs in one
transaction from the start: the service's own transaction becomes a savepoint in
it, and the write, its audit events and the session's save commit together.

The API's writes are the exception (READ_FIRST): a script's call authenticates,
checks access, reads and validates, then writes, and on SQLite a transaction holds
the one writer's lock from its BEGIN, so a transaction from the start would make
every other writer wait through all that reading (marking a day done was fully
serialised: the same 57 calls a second at 1, 8 and 16 connections). There the small
writes are collected as for a read, and the route opens `write_transaction()` for
its write alone: the collected writes join it at its end, so it is still the
request's one commit. A call that never writes, or whose write fails (refused,
invalid, a conflict), commits them at the end, as a read does.
"""

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Paths whose writes open their own transaction (`write_transaction`) after reading.
READ_FIRST = ("/api/",)


@dataclass
class _Pending:
    writes: list[Callable[[], object]] = field(default_factory=list)
    # New rows (audit events), inserted with one INSERT per model (`_insert`).
    rows: list[Model] = field(default_factory=list)

    def write(self) -> None:
        writes, rows = list(self.writes), list(self.rows)
        self.writes.clear()
        self.rows.clear()
        for write in writes:
            write()
        by_model: dict[type[Model], list[Model]] = {}
        for row in rows:
            by_model.setdefault(type(row), []).append(row)
        for model, same in by_model.items():
            _insert(model, same)


INSERT_SQL = "INSERT INTO {table} ({columns}) VALUES {rows}"


def _insert(model: type[Model], rows: list[Model]) -> None:
    """New rows of `model` (every value set, the id too), in one INSERT written by hand:
    every request runs it for its audit events, and bulk_create spent about 0.1 ms of
    CPU more on two events, building the statement (medians, interleaved)."""
    fields = model._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    batch = max(connection.ops.bulk_batch_size(list(fields), rows), 1)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            some = rows[start : start + batch]
            cursor.execute(
                INSERT_SQL.format(
                    table=connection.ops.quote_name(model._meta.db_table),
                    columns=columns,
                    rows=", ".join([row_sql] * len(some)),
                ),
                [
                    field.get_db_prep_save(field.pre_save(row, add=True), connection)
                    for row in some
                    for field in fields
                ],
            )
    for row in rows:
        row._state.adding = False
        row._state.db = connection.alias


_pending: ContextVar[_Pending | None] = ContextVar("cairn_pending_writes", default=None)
# Set while `write_transaction` runs its block: rows inserted there wait for its end.
_writing: ContextVar[bool] = ContextVar("cairn_writing", default=False)


def defer(write: Callable[[], object]) -> bool:
    """Runs `write` at the end of this request, with the request's other small writes.

    Answers False (and defers nothing) outside a request or inside a transaction,
    where the caller writes at once so its write joins that transaction.
    """
    pending = _pending.get()
    if pending is None or connection.in_atomic_block:
        return False
    pending.writes.append(write)
    return True


def defer_insert(row: Model) -> bool:
    """Inserts `row` (a new one) at the end of this request, in one INSERT with the
    other rows of its kind: a read's audit events, and a write's with them.

    Inside `write_transaction` the row waits for the end of its block and is dropped
    if the block fails, as its rollback would have dropped it. Answers False (and
    defers nothing) outside a request or inside any other transaction, where the
    caller inserts at once so its row joins that transaction."""
    pending = _pending.get()
    if pending is None or (connection.in_atomic_block and not _writing.get()):
        return False
    pending.rows.append(row)
    return True


@contextlib.contextmanager
def write_transaction() -> Iterator[None]:
    """The request's one transaction, opened only for its write: the small writes
    collected so far (audit events of the checks, the token's count) join it at its end,
    with the rows the write itself deferred (its audit event).

    A write that fails (a conflict, bad input found late) rolls back alone, and the
    rows it deferred are dropped with it: the small writes collected before it are
    still waiting, and the request commits them at its end, as it does for a refused
    call. Either way the request commits once. (The block must not catch a failure of
    its own: a savepoint rolled back inside it would keep the rows deferred in it.)"""
    pending = _pending.get()
    before = len(pending.rows) if pending is not None else 0
    with transaction.atomic():
        writing = _writing.set(True)
        try:
            yield
        except BaseException:
            if pending is not None:
                del pending.rows[before:]
            raise
        finally:
            _writing.reset(writing)
        if pending is not None:
            pending.write()


class OneCommitMiddleware:
    """Sits outside the session middleware, so the session's save is collected too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS and not request.path.startswith(READ_FIRST):
            with transaction.atomic():
                return self.get_response(request)
        token = _pending.set(_Pending())
        try:
            return self.get_response(request)
        finally:
            pending = _pending.get()
            _pending.reset(token)
            if pending is not None and (pending.writes or pending.rows):
                with transaction.atomic():
                    pending.write()
