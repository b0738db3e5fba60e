"""Announcements to apps that react to sharing (reminders), which sharing never imports."""

from django.dispatch import Signal

# sender=Cheer, cheer=Cheer
cheer_sent = Signal()
