"""Secrets that travel in URLs (calendar feeds, unsubscribe and invitation links)
are masked wherever a path is written down: the audit log's path and log lines.

The routes are read from the URLconf: any route with a `<… :token>` part counts,
so a new link of that kind is masked without anyone remembering to list it.
"""

import logging
import re
from collections.abc import Iterator, Sequence

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

MASK = "[token]"
_PART = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _routes(patterns: Sequence[object], prefix: str) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and "token>" in str(pattern.pattern):
            yield prefix + str(pattern.pattern)


def _route_regex(route: str) -> str:
    """The route up to its token, then the token: up to what follows it in the
    route (`.ics`, `/`) or wherever the path ends, so a cut-off link is masked too."""
    regex, end = "", 0
    for part in _PART.finditer(route):
        literal = route[end : part.start()]
        regex += re.escape(literal)
        end = part.end()
        if part["name"] == "token":
            following = route[end:].split("<")[0]
            stop = re.escape(following) + "|" if following else ""
            return regex + rf"(?P<token>[^/?#\s\"']+?)(?={stop}[/?#\s\"']|$)"
        regex += r"[^/?#\s\"']+"
    return regex


_patterns: list[re.Pattern[str]] | None = None
_building = False


def _token_patterns() -> list[re.Pattern[str]] | None:
    """The patterns, built once from the URLconf; None while the URLconf cannot be
    read yet (a message logged while it is being imported holds no request path)."""
    global _patterns, _building
    if _patterns is not None or _building:
        return _patterns
    _building = True
    try:
        routes = sorted(set(_routes(get_resolver().url_patterns, "")), key=len, reverse=True)
    except Exception:  # the URLconf is mid-import or broken: try again next time
        return None
    finally:
        _building = False
    _patterns = [re.compile("/" + _route_regex(route)) for route in routes]
    return _patterns


def mask_tokens(text: str) -> str:
    """`text` with the token of every token-bearing path in it replaced by [token]."""
    if "/" not in text or not apps.ready:
        return text
    for pattern in _token_patterns() or []:
        text = pattern.sub(
            lambda match: (
                match.group(0)[: match.start("token") - match.start()]
                + MASK
                + match.group(0)[match.end("token") - match.start() :]
            ),
            text,
        )
    return text


# Loggers that write request paths and do not pass through the root handler.
ACCESS_LOGGERS = ("django.server", "django.request", "gunicorn.access", "gunicorn.error")


class MaskTokens(logging.Filter):
    """A logging filter: the record's message with its tokens masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
