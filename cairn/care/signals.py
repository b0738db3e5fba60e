"""Announcements to higher apps (reminders), which care never imports."""

from django.dispatch import Signal

# sender=CareRelationship, relationship=CareRelationship
care_ended = Signal()

# sender=CareRelationship, relationship=CareRelationship: someone new can open
# the client's record (lead, co-therapist or a transfer); the client is told.
care_started = Signal()
