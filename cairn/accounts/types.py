from typing import TYPE_CHECKING

from django.http import HttpRequest

from cairn.accounts.models import User

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails


class AuthedRequest(HttpRequest):
    """A request from a signed-in person: the type views behind login_required take."""

    user: User
    htmx: "HtmxDetails"
