"""The API at /api/v1/: one NinjaAPI, token auth, a rate per token, JSON errors."""

from django.views.decorators.csp import csp_override
from ninja import NinjaAPI
from ninja.errors import Throttled

from cairn.api import errors, routes
from cairn.api.auth import TokenAuth, TokenRateThrottle

DOCS_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # Swagger UI sets inline styles.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

api = NinjaAPI(
    title="Cairn API",
    version="1",
    description=(
        "A client's record, for their own scripts and apps, and for a therapist's own clients. "
        "Send a personal access token (made on your account page) as `Authorization: Bearer …`. "
        'Lists answer `{"items": [...], "count": N}`; errors answer `{"message": "…"}`.'
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    docs_decorator=csp_override(DOCS_POLICY),
)
errors.install(api)


@api.exception_handler(Throttled)
def throttled(request, exc):  # type: ignore[no-untyped-def]
    return api.create_response(
        request, {"message": "Too many calls with this token; please wait a minute."}, status=429
    )


api.add_router("", routes.router)
