"""Announcements to higher apps (reminders, measures), which care never imports.
Each says who hears it, so that what follows a care service is read here."""

from django.dispatch import Signal

# sender=CareRelationship, relationship=CareRelationship (sent once care_end commits)
# Heard by: reminders.receivers.tell_the_client_kindly (the client is told, warmly,
#   that what they wrote is still theirs), reminders.receivers.tell_the_admins_when_no_one_leads
#   (a lead's care ended and co-therapists stay), measures.receivers.stop_asking (with
#   nobody caring for the client now, their questionnaires end).
care_ended = Signal()

# sender=CareRelationship, relationship=CareRelationship: someone new can open
# the client's record (lead, co-therapist or a transfer); the client is told.
# Heard by: reminders.receivers.tell_the_client_who_can_see.
care_started = Signal()
