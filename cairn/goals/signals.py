"""Announcements to higher apps (reminders, progress), which goals never imports."""

from django.dispatch import Signal

# sender=Goal, goal=Goal, by=User
goal_proposed = Signal()
# sender=Milestone, milestone=Milestone, by=User
milestone_completed = Signal()
# sender=Goal, goal=Goal, by=User, kind: "change_proposed", "change_agreed", "revised",
# "agreed" or "commented". Reminders tells the other side, once per event.
goal_activity = Signal()
