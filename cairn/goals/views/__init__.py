"""The goals app's pages, a module each by what a person is doing:

- goal_pages: the list of goals, a new goal, a goal's page, its history and comments.
- goal_changes: changing a goal, agreeing to it or to a change, pausing or completing it.
- coach: the SMART coach beside the goal form, and what that form draws beside it.
- barriers_and_plans, milestones: a goal's parts (parts holds the pages they share).
- vision: the client's vision, its versions and the guided steps that write it."""
