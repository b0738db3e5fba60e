"""Announcements to higher apps (reminders), which the journal never imports."""

from django.dispatch import Signal

# sender=JournalEntry, entry=JournalEntry
# Heard by: reminders.receivers.tell_the_therapist.
entry_shared = Signal()
