"""Announcements to higher apps (reminders), which care never imports."""

from django.dispatch import Signal

# sender=CareRelationship, relationship=CareRelationship
care_ended = Signal()
