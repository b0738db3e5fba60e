"""What progress announces to the apps above it (it imports none of them)."""

from django.dispatch import Signal

# A check-in and its ratings were saved (ratings are bulk-created, which no
# post_save sees). Sent inside the transaction, so a receiver's writes commit with it.
# Arguments: client.
# Heard by: home.receivers.refresh_after_checkin (the caseload's summary),
#   home.record_versions._checkin_saved (the pages kept under the record's version).
checkin_saved = Signal()
