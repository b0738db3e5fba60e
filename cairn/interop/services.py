"""Writes: asking for a download, preparing it in the worker, handing it over once;
a calendar feed's settings; the practice's retention setting. Deleting a client's own
space and closing an account are deletion.py's."""

import logging
import uuid
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import exports_of, may_export_journal, standing_of
from cairn.care.audit import audit_client_data, audit_practice_write, audit_write
from cairn.core.audit import Action, audit_record
from cairn.core.conflicts import locked, save_next_version
from cairn.interop.models import (
    BUSY,
    CalendarFeed,
    ExportJob,
    ExportKind,
    ExportStatus,
    RetentionPolicy,
    new_feed_token,
)

LINK_LIFETIME = timedelta(hours=24)
logger = logging.getLogger(__name__)


@transaction.atomic
def export_request(
    *, client: User, by: User, kind: str, params: dict[str, Any] | None = None
) -> ExportJob:
    """A new job for the worker; asked again while one is on its way, the same job."""
    running = (
        ExportJob.objects.select_for_update()
        .filter(
            requested_by=by,
            client=client,
            kind=kind,
            status__in=BUSY,
        )
        .first()
    )
    if running is not None:
        return running
    job = ExportJob.objects.create(client=client, requested_by=by, kind=kind, params=params or {})
    audit_client_data(
        actor=by, action=Action.READ, object_type=f"export_{kind}", object_id=job.pk, client=client
    )
    from cairn.interop.tasks import export_build

    # With the database queue the worker sees the task only once this transaction commits.
    export_build.enqueue(job_id=str(job.pk))
    return job


def _progress(job: ExportJob, percent: int, step: str) -> None:
    job.progress, job.step = percent, step
    ExportJob.objects.filter(pk=job.pk).update(progress=percent, step=step)


def export_run(*, job_id: str) -> None:
    job = ExportJob.objects.select_related("client", "requested_by").filter(pk=job_id).first()
    if job is None or not job.is_busy:
        return
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING)
    try:
        if job.kind == ExportKind.ZIP:
            from cairn.interop.export import export_zip

            content = export_zip(
                job.client,
                # The client's own copy has their whole journal; anyone else's none.
                include_journal=may_export_journal(job.requested_by, job.client),
                progress=lambda percent, step: _progress(job, percent, step),
            )
            filename = f"cairn-record-{timezone.localdate():%Y-%m-%d}.zip"
        else:
            from cairn.interop.report_render import report_pdf

            _progress(job, 20, "Drawing the charts")
            content = report_pdf(job.client, job.requested_by, job.params)
            filename = f"cairn-progress-report-{timezone.localdate():%Y-%m-%d}.pdf"
    except Exception:
        logger.exception("Export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.FAILED, step="")
        return
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE,
        progress=100,
        step="",
        content=content,
        filename=filename,
        ready_at=now,
        expires_at=now + LINK_LIFETIME,
    )


@transaction.atomic
def export_take(*, job_id: uuid.UUID, by: User) -> tuple[ExportJob, bytes]:
    """The file, handed over once, within a day, to the person who asked for it.
    Anything else is as if there were no such file (404)."""
    job = (
        ExportJob.objects.select_for_update()
        .select_related("client")
        .filter(exports_of(by), pk=job_id)
        .first()
    )
    if job is None or not job.is_waiting or job.content is None:
        raise Http404
    content = bytes(job.content)
    job.downloaded_at = timezone.now()
    job.content = None
    job.save(update_fields=["downloaded_at", "content", "updated_at"])
    audit_client_data(
        actor=by,
        action=Action.READ,
        object_type=f"export_{job.kind}_download",
        object_id=job.pk,
        client=job.client,
    )
    return job, content


def exports_expire() -> int:
    """Prepared files past their day are dropped, taken or not."""
    return ExportJob.objects.filter(expires_at__lte=timezone.now(), content__isnull=False).update(
        content=None
    )


@transaction.atomic
def calendar_feed_save(
    *, owner: User, by: User, reset: bool = False, show_titles: bool = False
) -> CalendarFeed:
    """Makes the person's calendar address (or a new one: the old stops working), or
    saves whether the client's own titles show. A therapist's diary names no client,
    so its write is audited as theirs alone."""
    feed, created = CalendarFeed.objects.get_or_create(client=owner)
    if reset and not created:
        feed.token = new_feed_token()
    elif not reset:
        feed.show_titles = show_titles
    feed.save()
    if standing_of(owner).is_therapist:
        audit_record(actor=by, action=Action.WRITE, object_type="calendar_feed", object_id=feed.pk)
    else:
        audit_write(by=by, obj=feed, object_type="calendar_feed", client=owner)
    return feed


@transaction.atomic
def retention_policy_save(*, policy: RetentionPolicy, version: int, by: User) -> RetentionPolicy:
    """Saves the practice's retention setting (its form carries the changes), unless
    someone saved it since the form showed `version` (ConflictError)."""
    if not policy._state.adding:  # a practice's first save has nothing to clash with
        locked(RetentionPolicy, policy.pk, version)
    save_next_version(policy)
    audit_practice_write(by=by, obj=policy, object_type="retention_policy")
    return policy
