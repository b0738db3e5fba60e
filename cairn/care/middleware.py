from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from cairn.care.access import needs_mfa_enrolment

# Where someone without an authenticator app may still go: their account's pages (to set
# one up, to manage their account, to sign out: allauth's and ours, under ACCOUNT_PAGES as
# config/urls.py mounts them), and the pages open to anyone: the health check, and the
# links of an invitation to the practice or to support a client. Not /invitations/new/
# and its neighbours: inviting people into the practice is staff work like any other.
ACCOUNT_PAGES = "/accounts/"
OPEN_PAGES = frozenset({"core:healthz", "care:invitation_accept", "sharing:invite_accept"})


def _open_without_mfa(request: HttpRequest) -> bool:
    if request.path.startswith((ACCOUNT_PAGES, settings.STATIC_URL)):
        return True
    try:
        return resolve(request.path_info).view_name in OPEN_PAGES
    except Resolver404:
        return False


class MfaEnrolmentMiddleware:
    """Therapists and admins add an authenticator app before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and needs_mfa_enrolment(user) and not _open_without_mfa(request):
            messages.info(
                request,
                "Before you open any client's record, please add an authenticator app "
                "to your account. It takes about two minutes.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
