"""The admin's CSV export of the practice's audit log: its columns, each event's time
in UTC, every cell safe for a spreadsheet, written a line at a time so a long log
streams. Reads, through `audit_log.py`."""

import csv
from collections.abc import Iterable, Iterator
from datetime import UTC

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


def audit_csv_lines(*, practice: Practice, filters: dict[str, object], by: User) -> Iterator[str]:
    """The export's lines, header first. The export is audited now, as `by` asks for
    it; the events are read only as the lines are taken."""
    return _lines(audit_rows_exported(practice=practice, filters=filters, by=by))


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
