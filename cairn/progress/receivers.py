"""What progress does when a lower app announces something."""

from typing import Any

from django.dispatch import receiver

from cairn.goals.signals import goal_activity


@receiver(goal_activity)
def status_again_when_the_mark_changes(sender: object, goal: Any, kind: str, **kwargs: Any) -> None:
    """A new agreed "reached" mark (rating_target) can change the status at once."""
    from cairn.progress.services import achievement_recompute

    if kind in ("revised", "change_agreed"):
        achievement_recompute(goal)
