"""A new version of the client's vision; the earlier ones are kept as they were."""

from typing import Any

from django.db import transaction

from cairn.accounts.models import User
from cairn.core.risk import Written
from cairn.goals.models import RevisionReason, Vision
from cairn.goals.services.revisions import (
    changes_between,
    fields_of,
    note_risk_in_changes,
    revision_record,
)

VISION_FIELDS = [
    "feel_day_to_day",
    "relationships",
    "challenges_overcome",
    "focus_areas",
    "own_focus",
    "values",
]


@transaction.atomic
def vision_revise(*, client: User, by: User, data: dict[str, Any]) -> Written[Vision]:
    """Adds a new version of the vision; the earlier ones are kept as they were. Risk
    is noted in the client's words that changed."""
    previous = Vision.objects.select_for_update().filter(client=client).order_by("-number").first()
    vision = Vision.objects.create(
        client=client,
        number=(previous.number + 1) if previous else 1,
        written_by=by,
        **{name: data.get(name, [] if name == "focus_areas" else "") for name in VISION_FIELDS},
    )
    before = fields_of(previous, VISION_FIELDS) if previous else {}
    changes = changes_between(before, fields_of(vision, VISION_FIELDS))
    revision_record(
        obj=vision,
        by=by,
        reason=RevisionReason.EDITED if previous else RevisionReason.CREATED,
        changes=changes,
    )
    return Written(vision, note_risk_in_changes(vision, by=by, client=client, changes=changes))
