"""Reads of journal entries. A client reads all their own; a therapist only the
entries shared with them, and only while access_for() says so."""

import uuid

from django.db.models import Q, QuerySet
from django.http import Http404

from cairn.accounts.models import User
from cairn.care.access import access_for, clients_readable_by
from cairn.care.audit import audit_client_data, audit_refused
from cairn.core.audit import Action
from cairn.journal.models import JournalEntry


def entries_visible_to(user: User) -> QuerySet[JournalEntry]:
    readable = clients_readable_by(user)
    own = Q(client=user)
    shared = Q(client__in=readable, shared_with_therapist=True) & ~Q(client=user)
    return JournalEntry.objects.filter(own | shared, deleted_at__isnull=True)


def entry_get_for(
    *, user: User, entry_id: uuid.UUID, write: bool = False, include_deleted: bool = False
) -> JournalEntry:
    """Writing is the author's alone: anyone else gets 404, as if it did not exist."""
    entries = JournalEntry.objects.filter(client=user) if write else entries_visible_to(user)
    if write and not include_deleted:
        entries = entries.filter(deleted_at__isnull=True)
    entry = entries.select_related("client").prefetch_related("goals").filter(pk=entry_id).first()
    if entry is None or (not write and not _may_read(user, entry)):
        audit_refused(
            actor=user,
            action=Action.WRITE if write else Action.READ,
            object_type="journal_entry",
            object_id=entry_id,
            client_id=JournalEntry.objects.filter(pk=entry_id)
            .values_list("client_id", flat=True)
            .first(),
        )
        raise Http404
    audit_client_data(
        actor=user,
        action=Action.WRITE if write else Action.READ,
        object_type="journal_entry",
        object_id=entry.pk,
        client=entry.client,
    )
    return entry


def _may_read(user: User, entry: JournalEntry) -> bool:
    if entry.client_id == user.pk:
        return True
    return entry.shared_with_therapist and access_for(user, entry.client).can_read_shared_journal


def entries_of(client: User, *, query: str = "", tag: str = "") -> QuerySet[JournalEntry]:
    entries = JournalEntry.objects.filter(client=client, deleted_at__isnull=True)
    if query:
        entries = entries.filter(Q(body__icontains=query) | Q(title__icontains=query))
    if tag:
        entries = entries.filter(tags__contains=f" {tag} ")
    return entries.prefetch_related("goals").order_by("-created_at")


def shared_entries_of(client: User) -> QuerySet[JournalEntry]:
    return (
        JournalEntry.objects.filter(
            client=client, shared_with_therapist=True, deleted_at__isnull=True
        )
        .prefetch_related("goals")
        .order_by("-shared_at")
    )


def recently_deleted(client: User) -> QuerySet[JournalEntry]:
    return JournalEntry.objects.filter(client=client, deleted_at__isnull=False).order_by(
        "-deleted_at"
    )
