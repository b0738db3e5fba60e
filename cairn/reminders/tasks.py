from django.tasks import task

from cairn.journal.services import entries_purge
from cairn.reminders.schedule import send_due_reminders


@task()
def reminders_tick() -> int:
    """The minute's housekeeping: reminders due now, and deleted journal entries
    whose undo window (journal's UNDO_WINDOW) has passed."""
    entries_purge()
    return send_due_reminders()
