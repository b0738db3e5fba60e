import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

SIGNED_IN_AT = "cairn_signed_in_at"


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after sign-in, however active it has been.

    The idle limit (30 minutes) is the session cookie's age, renewed on each
    request; this adds the absolute limit, checked on the server.
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
        return self.get_response(request)
