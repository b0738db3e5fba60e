"""Announcements to apps above safety (reminders), which safety never imports."""

from django.dispatch import Signal

# Sent inside the transaction that raised the flag, so that the flag and the
# therapists' notices are saved together or not at all.
# sender=RiskFlag, flag=RiskFlag (a new one: an open flag updated again is not announced)
risk_flag_raised = Signal()
