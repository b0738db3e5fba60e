from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from cairn.care.access import needs_mfa_enrolment

# Where someone without an authenticator app may still go: to set one up, to
# manage their account, to sign out.
OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/invitations/", "/support/")


class MfaEnrolmentMiddleware:
    """Therapists and admins add an authenticator app before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and needs_mfa_enrolment(user)
        ):
            messages.info(
                request,
                "Before you open any client's record, please add an authenticator app "
                "to your account. It takes about two minutes.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
