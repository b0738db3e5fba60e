"""Announcements every app may send upwards without importing the app that listens.

`risk_noted` is the one path for a sign of risk, whatever app saw it (a check-in's
mood, words of risk in anything a client writes that the therapist reads, sent by
`core.risk.note_risk_in`, a PHQ-9 item 9 answer).
The safety app receives it, raises the risk flag and tells the treating therapist
when the therapist may read the source; the sender only says what it saw.

`backup_restored` asks every app, after `manage.py restore`, whether the restored
data needs something the backup cannot hold (the sessions app: the note key).
"""

from django.dispatch import Signal

# Sent inside the writing transaction (receivers write in the same transaction).
# sender=the model class of the source
# client=User                 whose record it is
# source=Model instance       what was written (check-in, entry, answer, ...)
# reason=str                  plain words for the therapist, worded by core.risk.risk_reason:
#                             the sign and where it was seen, e.g. "PHQ-9 question 9 in a
#                             questionnaire: “Several days”"
# excerpt=str                 the words in context ("" when there are none)
# therapist_may_read=bool     False for private text: only the client is shown support
# Heard by: safety.receivers.raise_the_flag (raises or updates the flag, which tells the
#   therapists caring for the client now, as safety's own risk_flag_raised says).
risk_noted = Signal()

# Sent by `manage.py restore` once the backup is back in place.
# Each receiver returns a warning in plain words for the person restoring, or None.
# Heard by: sessions.receivers.warn_of_unreadable_notes.
backup_restored = Signal()
