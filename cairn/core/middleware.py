from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from cairn.core import audit, request_context


def client_ip(request: HttpRequest) -> str:
    """The caller's address; behind a trusted proxy, the one it forwarded."""
    if getattr(settings, "CAIRN_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_context.current.set(
            request_context.RequestContext(ip=client_ip(request), path=request.path)
        )
        denial = audit.denial_recorded.set(False)
        try:
            response = self.get_response(request)
            # A refusal no selector recorded (a page for another role, a failed
            # CSRF check) still belongs in the audit log.
            if (
                response.status_code == 403
                and request.user.is_authenticated
                and not audit.denial_recorded.get()
            ):
                audit.audit_record(
                    actor=request.user,
                    action=audit.Action.READ
                    if request.method in ("GET", "HEAD")
                    else audit.Action.WRITE,
                    object_type="page",
                    allowed=False,
                )
            return response
        finally:
            audit.denial_recorded.reset(denial)
            request_context.current.reset(token)


class NoStoreMiddleware:
    """Pages seen by a signed-in person may hold client data: never cache them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


DRAFT_FIELD = "cairn_draft"
DRAFT_SAVED_COOKIE = "cairn_draft_saved"


class DraftSavedMiddleware:
    """Tells the browser a form's draft may go, once the server has saved the form.

    Long forms keep a draft in the browser (static/js/cairn.js) and post its name
    in `cairn_draft`. A save that went through answers a redirect to a signed-in
    person; then a short-lived cookie names the draft and the script removes it.
    A form sent back with errors, or a session that had expired (the redirect is
    to sign in, and nobody is signed in), keeps the draft.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code in (301, 302, 303)
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            name = request.POST.get(DRAFT_FIELD, "")
            if name and len(name) <= 300:
                response.set_cookie(
                    DRAFT_SAVED_COOKIE, name, max_age=120, samesite="Lax", httponly=False
                )
        return response
