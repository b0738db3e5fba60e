"""Announcements to apps that react to sharing (reminders), which sharing never imports."""

from django.dispatch import Signal

# sender=Cheer, cheer=Cheer
# Heard by: reminders.receivers.tell_the_client.
cheer_sent = Signal()
