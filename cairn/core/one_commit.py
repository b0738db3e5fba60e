"""At most one commit per request: small writes that belong to the request itself.

A page that only reads still writes two things: the audit events of what it read
and, now and then, the session (the idle timer). Each in its own commit would make
every read wait its turn for SQLite's one writer twice. `OneCommitMiddleware`
collects them while the view runs and writes them together, in one short
transaction, after the response is ready, so a read holds no write lock while it
renders. A request that may write (POST and the other unsafe methods) runs in one
transaction from the start: the service's own transaction becomes a savepoint in
it, and the write, its audit events and the session's save commit together.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

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


class OneCommitMiddleware:
    """Sits outside the session middleware, so the session's save is collected too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS:
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
