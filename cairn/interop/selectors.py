"""Reads: calendar feeds, the report and its goals, prepared downloads, the retention setting."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from cairn.accounts.models import User
from cairn.care import selectors as care_selectors
from cairn.care.access import exports_of, standing_of
from cairn.care.audit import audit_read
from cairn.care.models import Practice
from cairn.core.audit import Action, audit_record
from cairn.goals.models import Goal
from cairn.goals.selectors import goals_to_pick
from cairn.interop.calendar import feed_for, therapist_feed_for
from cairn.interop.deletion import closures_pending
from cairn.interop.models import AccountClosure, CalendarFeed, ExportJob, RetentionPolicy
from cairn.interop.report import Report
from cairn.interop.report_render import report_from_params


def calendar_by_token(token: str) -> bytes:
    """The calendar a feed's secret address opens, audited as read by its owner.
    Unknown addresses raise Http404 (audited as refused)."""
    feed = CalendarFeed.objects.filter(token=token).select_related("client").first()
    if feed is None:
        audit_record(actor=None, action=Action.READ, object_type="calendar_feed", allowed=False)
        raise Http404
    if standing_of(feed.client).is_therapist:
        # The therapist's own diary: times only, no client named, nothing clinical.
        audit_record(
            actor=feed.client, action=Action.READ, object_type="calendar_feed", object_id=feed.pk
        )
        return therapist_feed_for(feed.client)
    audit_read(by=feed.client, obj=feed, object_type="calendar_feed")
    return feed_for(feed.client, show_titles=feed.show_titles)


@dataclass(frozen=True)
class CalendarOwner:
    """Whose calendar the settings page is about: a therapist's own diary, or a
    client's own record (anyone else has none: 404)."""

    person: User
    is_therapist: bool


def calendar_owner_for(user: User) -> CalendarOwner:
    if standing_of(user).is_therapist:
        return CalendarOwner(person=user, is_therapist=True)
    return CalendarOwner(person=care_selectors.own_record(user), is_therapist=False)


def calendar_feed_of(owner: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(client=owner).first()


def report_goals(client: User) -> QuerySet[Goal]:
    """The goals a report can cover, oldest first: the same the report's form offers."""
    return goals_to_pick(client, to="link").order_by("created_at")


def report_read(*, client: User, by: User, params: dict[str, Any]) -> Report:
    """The progress report `params` ask for (report_render.report_from_params), its
    reading audited. The client was opened through care/access.py."""
    report = report_from_params(client, params)
    audit_read(by=by, obj=client, object_type="progress_report", client=client)
    return report


def export_job_get_for(*, user: User, job_id: uuid.UUID) -> ExportJob:
    """A prepared download, for the person who asked for it alone; for anyone else it
    does not exist (404)."""
    job = ExportJob.objects.filter(exports_of(user), pk=job_id).defer("content").first()
    if job is None:
        raise Http404
    return job


def retention_policy_of(practice: Practice) -> RetentionPolicy:
    """The practice's retention setting; unsaved defaults when it has none yet."""
    return RetentionPolicy.objects.filter(practice=practice).first() or RetentionPolicy(
        practice=practice
    )


def closures_waiting_read(*, practice: Practice, by: User) -> list[AccountClosure]:
    """The closed accounts whose records the practice keeps until their date, the
    admin's read of the list audited."""
    closures = closures_pending(practice)
    audit_record(actor=by, action=Action.READ, object_type="closures", practice_id=practice.pk)
    return closures


def closure_of(client_id: uuid.UUID) -> AccountClosure | None:
    """The client's closed account, if they closed it: their own space is gone, and
    the practice keeps the clinical record until `keep_until`."""
    return AccountClosure.objects.filter(client_id=client_id).first()
