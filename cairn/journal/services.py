"""Writes to the journal, each in one transaction and audited. Entries are the
client's alone to write; sharing is their choice, entry by entry."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import journal_entry_open_to_therapists
from cairn.care.audit import audit_write
from cairn.core.conflicts import locked, save_next_version
from cairn.core.risk import Written, note_risk_in, risk_phrases_in
from cairn.journal.models import JournalEntry, JournalEntryVersion
from cairn.journal.signals import entry_shared

# How long a deleted entry can be brought back before it is removed for good.
UNDO_WINDOW = timedelta(days=30)
FIELDS = ["title", "body", "mood", "tags"]


def normalise_tags(tags: list[str]) -> str:
    unique = sorted({t.lower() for t in tags if t})
    return f" {' '.join(unique)} " if unique else ""


def _audit(entry: JournalEntry, by: User) -> None:
    audit_write(by=by, obj=entry, object_type="journal_entry")


def _words_of(entry: JournalEntry) -> str:
    """What the client wrote: the entry's title and text."""
    return f"{entry.title}\n{entry.body}"


def _note_risk(entry: JournalEntry) -> bool:
    """A private entry is told too, with `therapist_may_read=False`: nobody is sent
    anything; only the client is shown support (by the view, on what this says)."""
    return note_risk_in(
        _words_of(entry),
        client=entry.client,
        source=entry,
        therapist_may_read=journal_entry_open_to_therapists(entry),
    )


@transaction.atomic
def entry_create(*, client: User, data: dict[str, Any]) -> Written[JournalEntry]:
    entry = JournalEntry.objects.create(
        client=client,
        title=data.get("title", ""),
        body=data["body"],
        mood=data.get("mood"),
        tags=normalise_tags(data.get("tags", [])),
    )
    entry.goals.set([g for g in data.get("goals", []) if g.client_id == client.pk])
    _audit(entry, client)
    return Written(entry, _note_risk(entry))


@transaction.atomic
def entry_revise(
    *, entry: JournalEntry, data: dict[str, Any], version: int
) -> Written[JournalEntry]:
    """Saves the edit and keeps the version before it."""
    current = locked(JournalEntry, entry.pk, version)
    JournalEntryVersion.objects.create(
        entry=current,
        number=current.version,
        title=current.title,
        body=current.body,
        mood=current.mood,
        tags=current.tags,
        saved_at=current.updated_at,
    )
    current.title = data.get("title", "")
    current.body = data["body"]
    current.mood = data.get("mood")
    current.tags = normalise_tags(data.get("tags", []))
    save_next_version(current)
    current.goals.set([g for g in data.get("goals", []) if g.client_id == current.client_id])
    _audit(current, current.client)
    return Written(current, _note_risk(current))


@transaction.atomic
def entry_share(*, entry: JournalEntry, shared: bool) -> Written[JournalEntry]:
    """Shares the entry, or makes it private again. Shared once more (from a page left
    open), nobody is told again: its words were noted when written and when first
    shared, and the client is offered support as then."""
    newly = shared and not entry.shared_with_therapist
    entry.shared_with_therapist = shared
    entry.shared_at = timezone.now() if shared else None
    entry.save(update_fields=["shared_with_therapist", "shared_at", "updated_at"])
    _audit(entry, entry.client)
    if newly:
        risk_noted = _note_risk(entry)
        transaction.on_commit(lambda: entry_shared.send(sender=JournalEntry, entry=entry))
    else:
        risk_noted = shared and bool(risk_phrases_in(_words_of(entry)))
    return Written(entry, risk_noted)


@transaction.atomic
def entry_delete(*, entry: JournalEntry) -> JournalEntry:
    entry.deleted_at = timezone.now()
    entry.save(update_fields=["deleted_at", "updated_at"])
    _audit(entry, entry.client)
    return entry


@transaction.atomic
def entry_restore(*, entry: JournalEntry) -> JournalEntry:
    entry.deleted_at = None
    entry.save(update_fields=["deleted_at", "updated_at"])
    _audit(entry, entry.client)
    return entry


@transaction.atomic
def entries_purge(*, now: Any = None) -> int:
    """Removes for good the entries deleted longer ago than the undo window."""
    cutoff = (now or timezone.now()) - UNDO_WINDOW
    count, _ = JournalEntry.objects.filter(deleted_at__lt=cutoff).delete()
    return count
