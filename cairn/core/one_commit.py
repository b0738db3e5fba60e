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

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Paths whose writes open their own transaction (`write_transaction`) after reading.
READ_FIRST = ("/api/",)

_pending: ContextVar[list[Callable[[], object]] | None] = ContextVar(
    "cairn_pending_writes", default=None
)


def defer(write: Callable[[], object]) -> bool:
    """Runs `write` at the end of this request, with the request's other small writes.

    Answers False (and defers nothing) outside a request or inside a transaction,
    where the caller writes at once so its write joins that transaction.
    """
    pending = _pending.get()
    if pending is None or connection.in_atomic_block:
        return False
    pending.append(write)
    return True


@contextlib.contextmanager
def write_transaction() -> Iterator[None]:
    """The request's one transaction, opened only for its write: the small writes
    collected so far (audit events of the checks, the token's count) join it at its end.

    A write that fails (a conflict, bad input found late) rolls back alone: the small
    writes are still waiting, and the request commits them at its end, as it does for
    a refused call. Either way the request commits once."""
    with transaction.atomic():
        yield
        pending = _pending.get()
        if pending:
            collected = list(pending)
            pending.clear()
            for write in collected:
                write()


class OneCommitMiddleware:
    """Sits outside the session middleware, so the session's save is collected too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS and not request.path.startswith(READ_FIRST):
            with transaction.atomic():
                return self.get_response(request)
        token = _pending.set([])
        try:
            return self.get_response(request)
        finally:
            pending = _pending.get() or []
            _pending.reset(token)
            if pending:
                with transaction.atomic():
                    for write in pending:
                        write()
