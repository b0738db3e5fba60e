"""Two people saving the same record: the second save is refused, never silently
laid over the first (optimistic concurrency on a version number).

Every edit form carries the version of the record it showed. The service that saves
it, inside its transaction:

    current = locked(Goal, goal.pk, version)   # raises ConflictError if stale
    ...change current...
    save_next_version(current)                 # a form still showing the old one now conflicts

`select_for_update` holds the row until the transaction ends on PostgreSQL; on
SQLite it does nothing, and the IMMEDIATE transaction (config/settings.py) already
lets one writer in at a time. Either way, nobody changes the row between the check
and the save. The view catches ConflictError and shows both versions.
"""

from collections.abc import Sequence
from typing import Any, Protocol, cast

from django.db.models import Model, QuerySet


class Versioned(Protocol):
    """A model with `version = models.PositiveIntegerField(default=1)`."""

    version: int

    def save(self) -> None: ...


class ConflictError(Exception):
    """Someone saved first. `current` is the record as it is saved now, for the
    conflict page to show beside the person's own; `clashes` names the answers that
    differ where two saves are otherwise merged (a day's check-in)."""

    def __init__(self, current: Any = None, clashes: list[str] | None = None) -> None:
        super().__init__("conflicting edit")
        self.current = current
        self.clashes = clashes or []


def version_check(row: Model, version: int | None) -> None:
    """Raises ConflictError if `row` is no longer at the `version` the form showed.
    None means the action edits no field a person could have seen change (completing
    a step, agreeing to a goal): nothing to compare."""
    if version is not None and cast(Versioned, row).version != version:
        raise ConflictError(row)


def locked[M: Model](
    model: type[M], pk: object, version: int | None, *, related: Sequence[str] = ()
) -> M:
    """The row, locked until the transaction ends, if it is still at `version`
    (ConflictError if not; see version_check). `related` are foreign keys to load
    with it, as for select_related."""
    rows = model._default_manager.select_for_update()
    if related:
        rows = rows.select_related(*related)
    row = rows.get(pk=pk)
    version_check(row, version)
    return row


def locked_or_new[M: Model](rows: QuerySet[M], version: int | None, **new: Any) -> M:
    """For a record a client or practice has one of (a plan, settings): the one row
    `rows` holds, locked and still at `version` (see `locked`), or, while there is
    none, a new unsaved one made from `new`, which save_next_version saves as version 1."""
    row = rows.select_for_update().first()
    if row is None:
        return rows.model(version=0, **new)
    version_check(row, version)
    return row


def save_next_version(row: Versioned) -> None:
    """Saves `row` one version on: a form still showing the version before is stale."""
    row.version += 1
    row.save()
