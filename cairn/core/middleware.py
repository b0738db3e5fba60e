import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control

from cairn.core import audit, request_context
from cairn.core.masking import mask_tokens
from cairn.core.models import IP_MAX

logger = logging.getLogger(__name__)
_warned: set[str] = set()


def _warn_once(kind: str, message: str, *args: object) -> None:
    if kind not in _warned:
        _warned.add(kind)
        logger.warning(message, *args)


def client_ip(request: HttpRequest) -> str:
    """The caller's address. Behind CAIRN_TRUSTED_PROXIES proxies, the address the
    outermost trusted proxy saw: each proxy appends the address that connected to
    it, so the client is that many entries from the right of X-Forwarded-For and
    anything to the left of it (which the client may have written) is ignored."""
    remote = str(request.META.get("REMOTE_ADDR", ""))[:IP_MAX]
    proxies = getattr(settings, "CAIRN_TRUSTED_PROXIES", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies <= 0:
        if forwarded:
            _warn_once(
                "untrusted-xff",
                "Ignoring X-Forwarded-For from %s: CAIRN_TRUSTED_PROXIES is 0. If Cairn is "
                "behind a proxy, set it to the number of proxies.",
                remote,
            )
        return remote
    if len(forwarded) < proxies:
        _warn_once(
            "short-xff",
            "CAIRN_TRUSTED_PROXIES is %s but a request from %s came through %s: using the "
            "connecting address. Check the proxy count.",
            proxies,
            remote,
            len(forwarded),
        )
        return remote
    return forwarded[-proxies][:IP_MAX]


def _has_nul(request: HttpRequest) -> str | None:
    """The name of the first part of the request holding a NUL character, which no
    database column can store (PostgreSQL refuses it outright)."""
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return "address"
    if any("\x00" in name + value for name, value in request.COOKIES.items()):
        return "cookie"
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "") or "address"
    if request.method in ("POST", "PUT", "PATCH"):
        content_type = request.content_type or ""
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for key, values in request.POST.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return key.replace("\x00", "") or "form"
        elif b"\x00" in request.body or b"\\u0000" in request.body:
            return "body"
    return None


class RefuseNulMiddleware:
    """Answers 400, naming the field, for input holding a NUL character, before
    any view (or the session lookup, for a cookie) can pass it to the database
    (on PostgreSQL that was a 500). It runs before the session middleware, so
    the page it shows knows nobody."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = _has_nul(request)
        if field is not None:
            response = render(
                request,
                "errors/400.html",
                {"reason": f"The {field} held a character Cairn cannot store (a NUL byte)."},
                status=400,
            )
            for name, value in request.COOKIES.items():
                if "\x00" in name + value:
                    response.delete_cookie(name)  # so the next request works again
            return response
        return self.get_response(request)


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_context.current.set(
            request_context.RequestContext(ip=client_ip(request), path=mask_tokens(request.path))
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
