"""What progress announces to the apps above it (it imports none of them)."""

from django.dispatch import Signal

# A check-in and its ratings were saved (ratings are bulk-created, which no
# post_save sees). Sent inside the transaction, so a receiver's writes commit with it.
# Arguments: client.
checkin_saved = Signal()
