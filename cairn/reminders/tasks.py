from django.tasks import task

from cairn.reminders.schedule import send_due_reminders


@task()
def reminders_tick() -> int:
    return send_due_reminders()
