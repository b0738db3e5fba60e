"""Parts of pages drawn from a client's record, kept in this process under the
record's version, so a page whose record has not changed is neither read nor drawn
again.

The version (core.RecordVersion) is read from the database on every request, before
anything else of the record, so no worker shows what another has since changed; it
changes in the same transaction as every write to what the pages show
(cairn/home/record_versions.py). Only this process holds the HTML: clinical content
never goes to a shared cache. A part's key names the page, the record's version, who
is looking, their day and their time zone, so nobody is ever shown what was drawn for
somebody else, and a part drawn yesterday is not shown today. The forms' CSRF tokens
and one-time keys belong to one request: a part is kept with a placeholder where each
goes, and they are filled in again every time it is shown.

The caller still checks access and audits the read on every request; this only
spares the reading and the drawing.
"""

import secrets
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from cairn.core.models import RecordVersion
from cairn.core.once import FIELD, once_key_new

# Parts kept per process; the one shown longest ago goes first.
KEEP = 1000
# Unguessable, so no text a user wrote can pass for one.
CSRF_PLACEHOLDER = f"cairn-csrf-{secrets.token_hex(12)}"
ONCE_PLACEHOLDER = f"cairn-once-{secrets.token_hex(12)}"

type Key = tuple[object, ...]

_parts: OrderedDict[Key, tuple[str, datetime | None]] = OrderedDict()
_lock = threading.Lock()


def record_version(client_id: uuid.UUID) -> uuid.UUID | None:
    return RecordVersion.objects.filter(client_id=client_id).values_list("token", flat=True).first()


def record_changed(client_ids: Iterable[uuid.UUID | None]) -> None:
    """A write changed what these clients' pages show: in its transaction, each gets
    a new version, so no part kept under the old one is shown again."""
    ids = sorted({i for i in client_ids if i is not None})
    if ids:
        RecordVersion.objects.bulk_create(
            [RecordVersion(client_id=i, token=uuid.uuid4()) for i in ids],
            update_conflicts=True,
            unique_fields=["client_id"],
            update_fields=["token"],
        )


@dataclass
class CachedPart:
    """One page's part for one record version and one viewer: `html` when it was
    kept, None when it is to be drawn (the view then gathers what it shows)."""

    key: Key | None
    html: str | None = None
    # When the clock, not a write, changes what the part says (set while drawing it).
    until: datetime | None = None

    @property
    def missing(self) -> bool:
        return self.html is None

    def keep(self, html: str) -> None:
        self.html = html
        if self.key is None:
            return
        with _lock:
            _parts[self.key] = (html, self.until)
            _parts.move_to_end(self.key)
            while len(_parts) > KEEP:
                _parts.popitem(last=False)


def part_for(
    page: str, *, client_id: uuid.UUID, viewer_id: uuid.UUID, today: date, also: Key = ()
) -> CachedPart:
    """The kept part of `page` for this client's record as it is now, if any."""
    key: Key = (
        page,
        client_id,
        record_version(client_id),
        viewer_id,
        today,
        timezone.get_current_timezone_name(),
        *also,
    )
    with _lock:
        kept = _parts.get(key)
        if kept is not None and (kept[1] is None or kept[1] > timezone.now()):
            _parts.move_to_end(key)
            return CachedPart(key, kept[0])
    return CachedPart(key)


def never_kept() -> CachedPart:
    """A part drawn for this request only (a form with errors, a celebration)."""
    return CachedPart(None)


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


def forget_all() -> None:
    with _lock:
        _parts.clear()
