import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

SIGNED_IN_AT = "cairn_signed_in_at"
SEEN_AT = "cairn_seen_at"
# How often the idle timer is renewed: each renewal writes the session.
IDLE_RENEWAL_SECONDS = 60


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after sign-in, however active it has been.

    The idle limit (30 minutes) is the session's age, renewed by saving the
    session at most once a minute (so between 29 and 30 minutes idle); this adds
    the absolute limit, checked on the server.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
            if now - float(signed_in_at) > settings.CAIRN_SESSION_MAX_AGE:
                logout(request)
                messages.info(
                    request, "For your privacy you were signed out. Please sign in again."
                )
                return redirect(settings.LOGIN_URL)
            if now - float(request.session.get(SEEN_AT, 0)) >= IDLE_RENEWAL_SECONDS:
                request.session[SEEN_AT] = now
        return self.get_response(request)
