"""The task worker's part: preparing downloads."""

from django.tasks import task


@task()
def export_build(*, job_id: str) -> None:
    from cairn.interop.services import export_run

    export_run(job_id=job_id)


@task()
def records_expire_task() -> None:
    """Removes the records of closed accounts whose retention period has ended, and
    the contents of downloads nobody took in time."""
    from cairn.interop.deletion import records_expire
    from cairn.interop.services import exports_expire

    records_expire()
    exports_expire()
