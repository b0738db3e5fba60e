"""The task worker's part: preparing downloads."""

from django.tasks import task


@task()
def export_build(*, job_id: str) -> None:
    from cairn.interop.services import export_run

    export_run(job_id=job_id)
