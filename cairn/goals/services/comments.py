"""A comment on a goal: the client and therapist talking about it beside the goal."""

from django.db import transaction

from cairn.accounts.models import User
from cairn.care.access import is_own_record
from cairn.care.audit import audit_write
from cairn.core.risk import Written, note_risk_in_words_of
from cairn.goals.models import Goal, GoalComment
from cairn.goals.services.goal_lifecycle import announce


@transaction.atomic
def goal_comment_add(*, goal: Goal, by: User, text: str) -> Written[GoalComment]:
    """The comment; risk is noted in the client's own words only (a therapist may
    well write "self-harm" in a plan)."""
    comment = GoalComment.objects.create(goal=goal, author=by, text=text)
    audit_write(by=by, obj=comment, object_type="goal_comment", client=goal.client)
    by_client = is_own_record(by, goal.client_id)
    risk_noted = note_risk_in_words_of(
        text, client=goal.client, source=comment, by_client=by_client
    )
    announce(goal, by, "commented")
    return Written(comment, risk_noted)
