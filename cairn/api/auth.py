"""Who is calling the API: a personal access token, its rate and its body size."""

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from cairn.api.models import ApiToken
from cairn.api.services import api_token_authenticate, api_token_count_call
from cairn.core import one_commit

MAX_BODY_BYTES = 100 * 1024


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cairn_…`. The token's person becomes request.user, so the
    same selectors, access rules and audit apply as on the pages."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = api_token_authenticate(token.strip())
        if api_token is None:
            return None
        request.user = api_token.user
        length = request.META.get("CONTENT_LENGTH") or "0"
        if (int(length) if length.isdigit() else 0) > MAX_BODY_BYTES or (
            request.method in ("POST", "PUT", "PATCH") and len(request.body) > MAX_BODY_BYTES
        ):
            raise HttpError(413, f"body: at most {MAX_BODY_BYTES // 1024} KB, please.")
        return api_token


class TokenRateThrottle(BaseThrottle):
    """At most CAIRN_API_RATE_PER_MINUTE calls a minute per token, counted on the token's
    row so that every worker process sees the same count.

    The count is the one read with the token plus this call; the row's own count is
    bumped atomically in the call's commit (a read's one commit, or a write's
    transaction). Calls in flight at the same moment may each see the count before the
    others', so a script may overrun the limit by at most the server's concurrency, in
    exchange for a call that costs one small UPDATE instead of a cache round trip of
    its own (and its own commit).
    """

    def __init__(self) -> None:
        self._wait = 0.0

    def allow_request(self, request: HttpRequest) -> bool:
        token: Any = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return True
        now = time.time()
        minute = int(now // 60)
        count = (token.rate_count if token.rate_minute == minute else 0) + 1
        token.rate_minute, token.rate_count = minute, count

        def count_the_call() -> None:
            api_token_count_call(token, minute=minute)

        if not one_commit.defer(count_the_call):
            count_the_call()
        self._wait = 60 - (now % 60)
        return count <= settings.CAIRN_API_RATE_PER_MINUTE

    def wait(self) -> float | None:
        return self._wait
