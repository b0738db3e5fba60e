"""Announcements to higher apps (reminders, progress), which goals never imports."""

from django.dispatch import Signal

# sender=Goal, goal=Goal, by=User
# Heard by: reminders.receivers.tell_the_other_side.
goal_proposed = Signal()
# sender=Milestone, milestone=Milestone, by=User
# Heard by: nobody yet (progress finds the steps reached itself, as wins).
milestone_completed = Signal()
# sender=Goal, goal=Goal, by=User, kind: "change_proposed", "change_agreed", "revised",
# "agreed" or "commented".
# Heard by: reminders.receivers.tell_the_other_side_once (the other side is told, once
#   per event), progress.receivers.status_again_when_the_mark_changes (an agreed new
#   target can change the achievement status at once).
goal_activity = Signal()
