"""Drawn parts of pages, kept in this process's memory and nowhere else: the one way
Cairn spares drawing clinical HTML again.

A part is kept under a key (`key_for`) that names what it is, what it was drawn from,
who is looking, their day, their time zone and their language, so nobody is ever
shown what was drawn for somebody else, and a part drawn yesterday is not shown
today. What it was drawn from is either

- the client's record version (`part_for`, or its clinical version for the
  pages a therapist works from): core.RecordVersion, read from the
  database on every request before anything else of the record, and changed in the
  same transaction as every write to what the pages show
  (cairn/home/record_versions.py), so no worker shows what another has since changed;
- or the very values the part shows (`parts_for`, the caseload's cards): a change to
  any of them is a new key.

Either way nothing has to be forgotten when the records change: the old key is
simply never asked for again, and the parts shown longest ago go first when the
store is full. Clinical content never goes to a shared cache (database or Redis) or
to disk. The forms' CSRF tokens and one-time keys belong to one request: a part is
kept with a placeholder where each goes, and they are filled in again every time it
is shown (`shown`).

The caller still checks access and audits the read on every request; this only
spares the reading and the drawing. What a showing must audit that the caller no
longer reads (a private note on the page) is kept with the part (`CachedPart.reads`).
"""

import secrets
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from cairn.core.models import RecordVersion
from cairn.core.once import FIELD, once_key_new

# How much HTML this process keeps, in characters (a caseload card is about 1,500, a
# client's page up to about 40,000); the part shown longest ago goes first.
KEEP_CHARACTERS = 40_000_000
# Unguessable, so no text a user wrote can pass for one.
CSRF_PLACEHOLDER = f"cairn-csrf-{secrets.token_hex(12)}"
ONCE_PLACEHOLDER = f"cairn-once-{secrets.token_hex(12)}"

type Key = tuple[object, ...]
# What showing a part audits as read: (object type, id) pairs.
type Reads = tuple[tuple[str, uuid.UUID], ...]


@dataclass(frozen=True)
class _Kept:
    html: str
    # When the clock, not a write, changes what the part says.
    until: datetime | None
    reads: Reads


_kept: OrderedDict[Key, _Kept] = OrderedDict()
_size = 0
_lock = threading.Lock()


def key_for(kind: str, *drawn_from: object, viewer_id: uuid.UUID, today: date) -> Key:
    """The key of a part of `kind` drawn from `drawn_from` (hashable values that say
    all of it) for this viewer, on their day, in this request's time zone and language."""
    return (
        kind,
        *drawn_from,
        viewer_id,
        today,
        timezone.get_current_timezone_name(),
        translation.get_language(),
    )


def _get(key: Key) -> _Kept | None:
    with _lock:
        kept = _kept.get(key)
        if kept is None:
            return None
        if kept.until is not None and kept.until <= timezone.now():
            _forget(key)
            return None
        _kept.move_to_end(key)
        return kept


def _put(key: Key, kept: _Kept) -> None:
    global _size
    with _lock:
        if key in _kept:
            _forget(key)
        _kept[key] = kept
        _size += len(kept.html)
        while _size > KEEP_CHARACTERS and len(_kept) > 1:
            _forget(next(iter(_kept)))


def _forget(key: Key) -> None:
    global _size  # called with _lock held
    _size -= len(_kept.pop(key).html)


def forget_all() -> None:
    """Forgets every part (for tests that count the work of drawing them)."""
    global _size
    with _lock:
        _kept.clear()
        _size = 0


# Every SET sees the new row's values as EXCLUDED (SQLite and PostgreSQL alike).
BUMP_VERSIONS_SQL = (
    'INSERT INTO "core_recordversion" ("client_id", "token", "clinical_token") VALUES {rows} '
    'ON CONFLICT ("client_id") DO UPDATE SET "token" = EXCLUDED."token"{clinical}'
)
BUMP_CLINICAL = ', "clinical_token" = EXCLUDED."clinical_token"'


# Read by hand: every showing of a kept part (each page and API read) runs it, and the
# ORM took longer to build this SELECT than the database to answer it.
VERSION_SQL = 'SELECT "{field}" FROM "core_recordversion" WHERE "client_id" = %s'


def record_version(client_id: uuid.UUID, *, clinical: bool = False) -> uuid.UUID | None:
    uuid_field = RecordVersion._meta.get_field("token")
    with connection.cursor() as cursor:
        cursor.execute(
            VERSION_SQL.format(field="clinical_token" if clinical else "token"),
            [uuid_field.get_db_prep_value(client_id, connection)],
        )
        row = cursor.fetchone()
    return None if row is None else uuid_field.to_python(row[0])


def record_changed(client_ids: Iterable[uuid.UUID | None], *, clinical: bool = True) -> None:
    """A write changed what these clients' pages show: in its transaction, each gets
    a new version, so no part kept under the old one is shown again. A write that is
    not `clinical` (a routine's day, a person's own settings) leaves the clinical
    version as it was."""
    ids = sorted({i for i in client_ids if i is not None})
    if not ids:
        return
    # Written by hand: every write runs it while holding the writers' lock, and the
    # ORM's bulk_create cost more CPU to build the statement than to run it. A client
    # without a row yet gets both versions new.
    uuid_field = RecordVersion._meta.get_field("token")
    params = [
        uuid_field.get_db_prep_value(value, connection)
        for client_id in ids
        for value in (client_id, uuid.uuid4(), uuid.uuid4())
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            BUMP_VERSIONS_SQL.format(
                rows=", ".join(["(%s, %s, %s)"] * len(ids)),
                clinical=BUMP_CLINICAL if clinical else "",
            ),
            params,
        )


@dataclass
class CachedPart:
    """One part for one key: `html` when it was kept, None when it is to be drawn
    (the caller then gathers what it shows, and `{% cachedpart %}` keeps it)."""

    key: Key | None
    html: str | None = None
    # When the clock, not a write, changes what the part says (set while drawing it).
    until: datetime | None = None
    # What every showing must audit as read (set while drawing it).
    reads: Reads = ()

    @property
    def missing(self) -> bool:
        return self.html is None

    def keep(self, html: str) -> None:
        self.html = html
        if self.key is not None:
            _put(self.key, _Kept(html, self.until, self.reads))


def part_for(
    kind: str,
    *,
    client_id: uuid.UUID,
    viewer_id: uuid.UUID,
    today: date,
    also: Key = (),
    clinical: bool = False,
) -> CachedPart:
    """The kept part of `kind` for this client's record as it is now, if any; for a
    part that shows only the clinical record (`clinical`), as its clinical record is."""
    version = record_version(client_id, clinical=clinical)
    key = key_for(kind, client_id, version, clinical, *also, viewer_id=viewer_id, today=today)
    kept = _get(key)
    if kept is None:
        return CachedPart(key)
    return CachedPart(key, kept.html, kept.until, kept.reads)


def never_kept() -> CachedPart:
    """A part drawn for this request only (a form with errors, a celebration)."""
    return CachedPart(None)


def parts_for(
    keys: Iterable[Key], draw: Callable[[list[Key]], dict[Key, str]]
) -> dict[Key, SafeString]:
    """The part under each key, for parts keyed by everything they show; `draw` is
    called once, with the keys not kept yet, and returns the HTML for each of them."""
    found: dict[Key, str] = {}
    missing: list[Key] = []
    for key in keys:
        kept = _get(key)
        if kept is None:
            missing.append(key)
        else:
            found[key] = kept.html
    if missing:
        for key, html in draw(missing).items():
            _put(key, _Kept(html, None, ()))
            found[key] = html
    return {key: mark_safe(html) for key, html in found.items()}  # noqa: S308  (drawn by the template engine, escaped there)


def shown(html: str, csrf_token: object) -> SafeString:
    """A kept part with this request's CSRF token and fresh one-time keys."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, str(csrf_token))
    if ONCE_PLACEHOLDER in html:
        pieces = html.split(ONCE_PLACEHOLDER)
        html = pieces[0] + "".join(
            format_html('<input type="hidden" name="{}" value="{}">', FIELD, once_key_new()) + rest
            for rest in pieces[1:]
        )
    return mark_safe(html)  # noqa: S308  (drawn by the template engine, escaped there)
