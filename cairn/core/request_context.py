"""Who is asking and from where, for code far from the view (the audit log).

Set by RequestContextMiddleware for the length of one request; empty in
commands and tasks, where the audit records no address.
"""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str
    path: str


current: ContextVar[RequestContext | None] = ContextVar("cairn_request_context", default=None)
