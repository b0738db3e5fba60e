"""What routines announce to the apps above them (they import none of them)."""

from django.dispatch import Signal

# A day's answer was written in one statement (INSERT … ON CONFLICT, which no
# post_save sees). Sent inside the transaction, so a receiver's writes commit with it.
# Arguments: client_id.
# Heard by: home.record_versions._routine_logged (the pages kept under the record's version).
routine_logged = Signal()
