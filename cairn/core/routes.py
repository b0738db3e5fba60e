from collections.abc import Callable

from django.http import HttpResponseBase
from django.urls import URLPattern, path

View = Callable[..., HttpResponseBase]


def route(pattern: str, view: View) -> URLPattern:
    """A URL named after its view function.

    STYLE.md gives the view and its URL name one name (`milestone_complete` →
    `goals:milestone_complete`); taking the name from the function means the two
    cannot drift apart and a urls.py line says each only once. Where a URL's name
    must differ from its view's, write Django's `path(..., name=...)` instead.
    """
    return path(pattern, view, name=view.__name__)
