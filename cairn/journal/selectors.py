"""Reads of journal entries. A client reads all their own; a therapist only the
entries shared with them, and only while access_for() says so."""

import uuid

from django.db.models import Q, QuerySet

from cairn.accounts.models import User
from cairn.care.access import (
    Capability,
    journal_shared,
    may_read_journal_entry,
    may_read_journal_versions,
    record_get_for,
)
from cairn.journal.models import JournalEntry, JournalEntryVersion


def entry_get_for(
    *, user: User, entry_id: uuid.UUID, write: bool = False, include_deleted: bool = False
) -> JournalEntry:
    """Writing is the author's alone: anyone else gets 404, as if it did not exist."""
    entries = JournalEntry.objects.prefetch_related("goals")
    if not include_deleted or not write:
        entries = entries.filter(deleted_at__isnull=True)
    return record_get_for(
        JournalEntry,
        user=user,
        pk=entry_id,
        object_type="journal_entry",
        write=write,
        visible_if=Capability.SHARE if write else may_read_journal_entry,
        queryset=entries,
    )


def entry_versions_for(*, user: User, entry: JournalEntry) -> list[JournalEntryVersion]:
    """The earlier versions of an entry `user` has opened, as far as they may read them."""
    return list(entry.versions.all()) if may_read_journal_versions(user, entry) else []


def entries_of(client: User, *, query: str = "", tag: str = "") -> QuerySet[JournalEntry]:
    entries = JournalEntry.objects.filter(client=client, deleted_at__isnull=True)
    if query:
        entries = entries.filter(Q(body__icontains=query) | Q(title__icontains=query))
    if tag:
        entries = entries.filter(tags__contains=f" {tag} ")
    return entries.prefetch_related("goals").order_by("-created_at")


def shared_entries_of(client: User) -> QuerySet[JournalEntry]:
    return (
        JournalEntry.objects.filter(journal_shared(), client=client, deleted_at__isnull=True)
        .prefetch_related("goals")
        .order_by("-shared_at")
    )


def recently_deleted(client: User) -> QuerySet[JournalEntry]:
    return JournalEntry.objects.filter(client=client, deleted_at__isnull=False).order_by(
        "-deleted_at"
    )
