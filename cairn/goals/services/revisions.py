"""What a write changed, in words, and the revision that keeps it: every service of
goals writes through these."""

from datetime import date
from decimal import Decimal

from django.db.models import Model

from cairn.accounts.models import User
from cairn.care.access import is_own_record
from cairn.care.audit import audit_client_data
from cairn.core.audit import Action
from cairn.core.conflicts import save_next_version
from cairn.core.risk import note_risk_in_words_of
from cairn.goals.models import Barrier, Goal, Milestone, Plan, Revision, Vision


def shown(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def changes_between(before: dict[str, object], after: dict[str, object]) -> dict[str, list[str]]:
    return {
        name: [shown(before.get(name)), shown(after[name])]
        for name in after
        if shown(before.get(name)) != shown(after[name])
    }


def revision_record(
    *,
    obj: Vision | Goal | Barrier | Plan | Milestone,
    by: User,
    reason: str,
    reason_text: str = "",
    changes: dict[str, list[str]] | None = None,
) -> Revision:
    """Keeps a revision of `obj` and audits the write; the client and goal it is filed
    under come from `obj` (a vision belongs to no goal, a step to its goal)."""
    goal: Goal | None
    if isinstance(obj, Vision):
        client, goal = obj.client, None
    else:
        goal = obj if isinstance(obj, Goal) else obj.goal
        client = goal.client
    revision = Revision.objects.create(
        client=client,
        goal=goal,
        object_type=obj._meta.model_name or "",
        object_id=obj.pk,
        by=by,
        reason=reason,
        reason_text=reason_text,
        changes=changes or {},
    )
    audit_client_data(
        actor=by,
        action=Action.WRITE,
        object_type=obj._meta.model_name or "",
        object_id=obj.pk,
        client=client,
    )
    return revision


def save_with_revision(
    *,
    obj: Goal | Barrier | Plan | Milestone,
    by: User,
    reason: str,
    reason_text: str = "",
    changes: dict[str, list[str]] | None = None,
) -> Revision:
    """Saves `obj` one version on (a form still showing the version before is stale)
    and keeps the revision that says why."""
    save_next_version(obj)
    return revision_record(obj=obj, by=by, reason=reason, reason_text=reason_text, changes=changes)


def fields_of(obj: Model, names: list[str]) -> dict[str, object]:
    return {name: getattr(obj, name) for name in names}


def change_of(obj: Model, values: dict[str, object]) -> dict[str, list[str]]:
    """What setting `values` on `obj` would change, as a revision keeps it:
    {field: [before, after]} in text, leaving out the fields that would read the same."""
    return changes_between(fields_of(obj, list(values)), values)


def apply_change(obj: Model, values: dict[str, object]) -> dict[str, list[str]]:
    """Sets `values` on `obj` (not saved) and returns what changed, for the revision."""
    change = change_of(obj, values)
    for name, value in values.items():
        setattr(obj, name, value)
    return change


def status_change(obj: Goal, field: str, value: str) -> dict[str, list[str]]:
    """Sets the status `field` of `obj` to `value` (not saved) and returns the change
    for the revision: a status is kept in the words the page shows ("Paused"), not its
    code ("on-hold"), so the history reads the same whatever the codes become."""
    before = getattr(obj, f"get_{field}_display")()
    setattr(obj, field, value)
    return {field: [before, getattr(obj, f"get_{field}_display")()]}


# The fields in which a client writes in their own words, which the therapist reads.
WORDS_OF: dict[type[Model], list[str]] = {
    Goal: ["title", "description", "why_it_matters", "focus_area", "measure_name"],
    Vision: ["feel_day_to_day", "relationships", "challenges_overcome", "own_focus", "values"],
    Barrier: ["description"],
    Plan: ["if_cue", "then_action"],
    Milestone: ["title", "reward"],
}


def note_risk_in_changes(
    obj: Vision | Goal | Barrier | Plan | Milestone,
    *,
    by: User,
    client: User,
    changes: dict[str, list[str]],
    reason_text: str = "",
) -> bool:
    """Notes risk in the words this save wrote ({field: [before, after]}, and the
    reason given for it), when the client wrote them. Says whether it told."""
    written = [changes[name][-1] for name in WORDS_OF[type(obj)] if name in changes]
    return note_risk_in_words_of(
        *written, reason_text, client=client, source=obj, by_client=is_own_record(by, client.pk)
    )
