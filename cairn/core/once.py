"""One-time keys for create forms: Save pressed again creates nothing twice.

When an answer is lost on the way back (a dropped connection, a phone going into a
tunnel), the person sees no result and presses Save again. Every create form
carries a fresh key (`{% once_key %}`, in components/form_fields.html); the view,
wrapped in `create_once`, records the key with the page the first save led to, in
the same transaction as what it created. The same key again leads to that page
and creates nothing.
"""

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from cairn.core.ids import parse_uuid
from cairn.core.models import PATH_MAX, OnceKey

FIELD = "once"

View = Callable[..., HttpResponse]


def once_key_new() -> str:
    return str(uuid.uuid4())


def create_once(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = parse_uuid(request.POST.get(FIELD)) if request.method == "POST" else None
        user_id = getattr(request.user, "pk", None)
        if key is None or user_id is None:
            return view(request, *args, **kwargs)
        used = OnceKey.objects.filter(key=key).first()
        if used is not None:
            # Someone else's key (never sent by Cairn) is treated as no key.
            return (
                redirect(used.next_url)
                if used.user_id == user_id
                else view(request, *args, **kwargs)
            )
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                if response.status_code in (301, 302, 303) and response.has_header("Location"):
                    OnceKey.objects.create(
                        key=key, user_id=user_id, next_url=response["Location"][:PATH_MAX]
                    )
        except IntegrityError:
            # The same key, saved a moment ago by a request running alongside:
            # this one's creation is undone, and it leads where the first led.
            used = OnceKey.objects.filter(key=key, user_id=user_id).first()
            if used is None:
                raise
            return redirect(used.next_url)
        return response

    return wrapper
