"""Announcements to higher apps (reminders), which the journal never imports."""

from django.dispatch import Signal

# sender=JournalEntry, entry=JournalEntry
entry_shared = Signal()
