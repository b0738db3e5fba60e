"""The progress app's pages, a module each by what a person is doing:

- checkins: checking in for a day (and its conflict page), the list of check-ins,
  pausing tracking and taking it up again.
- wins: the list of wins, with how far each goal has come, and logging one.
- goal_progress: a goal's progress page, its rating and measure charts, and a
  therapist's override of its achievement status.
- mood: the mood page and its chart."""
