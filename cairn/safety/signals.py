"""Announcements to apps above safety (reminders), which safety never imports."""

from django.dispatch import Signal

# Sent inside the transaction that raised the flag, so that the flag and the
# therapists' notices are saved together or not at all.
# sender=RiskFlag, flag=RiskFlag (a new one: an open flag updated again is not announced)
# Heard by: reminders.receivers.tell_the_therapists_at_once (in the bell of each
#   therapist caring for the client now; the e-mail is risk_flag_raise's own).
risk_flag_raised = Signal()
