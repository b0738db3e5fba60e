"""Writes to visions, goals and their parts, a module each by what is written:

- goal_lifecycle: a goal proposed, agreed, paused, completed, set aside; its
  achievement status.
- goal_changes: a change to a goal, and the other side's answer to it once both
  have agreed the goal.
- comments: a comment on a goal.
- barriers_and_plans, milestones: the goal's parts (parts holds what they share).
- vision: a new version of the client's vision.
- revisions: the change/diff helper and the revision every write keeps.

Each write runs in one transaction, keeps a revision (who, when, before and after,
why) and appends to the audit log."""
