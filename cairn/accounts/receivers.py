import time
from typing import Any

from allauth.account.signals import password_changed, password_reset
from allauth.usersessions.models import UserSession
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from cairn.accounts import throttle
from cairn.accounts.middleware import SEEN_AT, SIGNED_IN_AT


@receiver(user_logged_in)
def start_session_clock(sender: object, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        # Signing in saves the session: the idle timer starts from here.
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now


@receiver(password_changed)
@receiver(password_reset)
def end_every_session(sender: object, request: Any, user: Any, **kwargs: Any) -> None:
    """A new password closes every session on the server, on every device."""
    for session in UserSession.objects.filter(user=user):
        session.end()


@receiver(password_reset)
def lift_the_sign_in_wait(sender: object, request: Any, user: Any, **kwargs: Any) -> None:
    """Whoever could reset the password by e-mail is the owner: no more waiting."""
    throttle.failures_clear(throttle.ACCOUNT, user.email)
    throttle.failures_clear(throttle.CODE, str(user.pk))
