import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from cairn.accounts.middleware import SIGNED_IN_AT


@receiver(user_logged_in)
def start_session_clock(sender: object, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()
