"""Rendered pieces of pages, kept in this process's memory and nowhere else.

A piece is stored under a key drawn from everything it shows (`key_of`), so a
change to any of it is a new key and an old piece is never served: nothing has to
be forgotten when the records change. Clinical HTML stays in the process that drew
it: never in the shared cache (database or Redis), never on disk.
"""

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone, translation

# A day at most: every key that depends on the date carries it anyway.
_pieces = LocMemCache("cairn-pieces", {"TIMEOUT": 24 * 3600, "OPTIONS": {"MAX_ENTRIES": 20000}})


def key_of(kind: str, *parts: object) -> str:
    """A key for a piece of `kind` drawn from `parts` (their repr, so give values
    whose repr says all of them), in the language and time zone it is shown in."""
    described = repr((parts, translation.get_language(), timezone.get_current_timezone_name()))
    return f"{kind}:{hashlib.blake2b(described.encode(), digest_size=20).hexdigest()}"


def pieces_get_or_draw[T](
    keys: Iterable[str], draw: Callable[[list[str]], dict[str, T]]
) -> dict[str, T]:
    """The piece under each key; `draw` is called once, with the keys not kept yet,
    and returns the piece for each of them (HTML from a template stays safe)."""
    keys = list(keys)
    found = _pieces.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        drawn = draw(missing)
        _pieces.set_many(drawn)
        found.update(drawn)
    return {key: found[key] for key in keys}


def pieces_clear() -> None:
    """Forgets every piece (for tests that count the work of drawing them)."""
    _pieces.clear()
