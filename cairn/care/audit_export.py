"""The admin's CSV export of the practice's audit log: its file's name, its columns,
each event's time in UTC, every cell safe for a spreadsheet, written a line at a time
so a long log streams. Reads, through `audit_log.py`."""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC

from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.audit_log import AuditRow, audit_rows_exported
from cairn.care.models import Practice
from cairn.care.roles import name_with_reference
from cairn.core.spreadsheet import safe_cell

AUDIT_CSV_COLUMNS = ["when (UTC)", "who", "what", "whose record", "outcome", "from", "address"]


class _Echo:
    """A file that hands back what is written to it, so csv.writer makes one line at a time."""

    def write(self, value: str) -> str:
        return value


@dataclass(frozen=True)
class AuditCsv:
    # "cairn-audit-2026-07-01.csv": the day it was made, in UTC like every time in it.
    filename: str
    # Header first, then a line per event, read only as they are taken.
    lines: Iterator[str]


def audit_csv(*, practice: Practice, filters: dict[str, object], by: User) -> AuditCsv:
    """The export of the practice's log as `filters` narrow it. The export is audited
    now, as `by` asks for it; the events are read only as the lines are taken."""
    return AuditCsv(
        filename=f"cairn-audit-{timezone.now().astimezone(UTC):%Y-%m-%d}.csv",
        lines=_lines(audit_rows_exported(practice=practice, filters=filters, by=by)),
    )


def _lines(rows: Iterable[AuditRow]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(AUDIT_CSV_COLUMNS)
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in _cells(row)])


def _cells(row: AuditRow) -> tuple[str, ...]:
    return (
        row.event.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        row.who,
        row.what,
        name_with_reference(row.client) if row.client else "",
        row.event.get_outcome_display(),
        row.event.ip,
        row.event.path,
    )
