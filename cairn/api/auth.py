"""Who is calling the API: a personal access token, its rate and its body size."""

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from cairn.api.models import ApiToken
from cairn.api.services import api_token_authenticate

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
    """At most CAIRN_API_RATE_PER_MINUTE calls a minute per token, counted in the shared
    cache so that every worker process sees the same count."""

    def __init__(self) -> None:
        self._wait = 0.0

    def allow_request(self, request: HttpRequest) -> bool:
        token: Any = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return True
        now = time.time()
        window = int(now // 60)
        key = f"cairn:api-rate:{token.pk}:{window}"
        cache.add(key, 0, timeout=120)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=120)
            count = 1
        self._wait = 60 - (now % 60)
        return count <= settings.CAIRN_API_RATE_PER_MINUTE

    def wait(self) -> float | None:
        return self._wait
