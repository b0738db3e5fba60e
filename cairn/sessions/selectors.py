"""Reads of sessions, notes and agenda items, always through care/access.py.

Private notes are the strictest rule in Cairn: a note is found only by its author.
For anyone else it does not exist (404), whatever their role.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import access_for, clients_readable_by
from cairn.care.audit import audit_client_data
from cairn.core.audit import Action, audit_record
from cairn.goals.models import Goal, Lifecycle, Milestone, Revision
from cairn.journal.models import JournalEntry
from cairn.progress.models import CheckIn, GoalRating, Win
from cairn.sessions import crypto
from cairn.sessions.models import AgendaItem, SessionNote, TherapySession


def sessions_visible_to(user: User) -> QuerySet[TherapySession]:
    return TherapySession.objects.filter(client__in=clients_readable_by(user))


def session_get_for(*, user: User, session_id: uuid.UUID, write: bool = False) -> TherapySession:
    """Writing a session (summary, notes) is for therapists with write access to the record."""
    session = (
        sessions_visible_to(user)
        .select_related("client", "therapist")
        .filter(pk=session_id)
        .first()
    )
    action = Action.WRITE if write else Action.READ
    if session is None:
        audit_record(
            actor=user, action=action, object_type="session", object_id=session_id, allowed=False
        )
        raise Http404
    if write and (session.client_id == user.pk or not access_for(user, session.client).can_write):
        audit_client_data(
            actor=user,
            action=action,
            object_type="session",
            object_id=session.pk,
            client=session.client,
            allowed=False,
        )
        raise PermissionDenied
    audit_client_data(
        actor=user,
        action=action,
        object_type="session",
        object_id=session.pk,
        client=session.client,
    )
    return session


def sessions_of(client: User) -> list[TherapySession]:
    return list(
        TherapySession.objects.filter(client=client)
        .select_related("therapist")
        .order_by("-held_on", "-created_at")
    )


def note_text_for(*, user: User, session: TherapySession) -> tuple[SessionNote | None, str]:
    """The author's own note on this session, decrypted; nobody else's, ever."""
    note = SessionNote.objects.filter(session=session, author=user).first()
    if note is None:
        return None, ""
    audit_client_data(
        actor=user,
        action=Action.READ,
        object_type="session_note",
        object_id=note.pk,
        client=session.client,
    )
    return note, crypto.decrypt(note.ciphertext)


def previous_session(session: TherapySession) -> TherapySession | None:
    return (
        TherapySession.objects.filter(client_id=session.client_id, held_on__lt=session.held_on)
        .order_by("-held_on", "-created_at")
        .first()
    )


def next_session_on(client: User, today: date) -> date | None:
    """The day of the client's next logged session, today or later (for measures due
    before each session)."""
    return (
        TherapySession.objects.filter(client=client, held_on__gte=today)
        .order_by("held_on")
        .values_list("held_on", flat=True)
        .first()
    )


def open_agenda(client: User) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(client=client, discussed_at__isnull=True).select_related("goal")
    )


def agenda_of(client: User) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(client=client)
        .select_related("goal", "discussed_in")
        .order_by("discussed_at", "-created_at")
    )


def agenda_item_get_for(*, user: User, item_id: uuid.UUID) -> AgendaItem:
    item = (
        AgendaItem.objects.filter(client__in=clients_readable_by(user))
        .select_related("client")
        .filter(pk=item_id)
        .first()
    )
    if item is None or not access_for(user, item.client).can_write:
        audit_record(
            actor=user,
            action=Action.WRITE,
            object_type="agenda_item",
            object_id=item_id,
            allowed=False,
        )
        raise Http404
    audit_client_data(
        actor=user,
        action=Action.WRITE,
        object_type="agenda_item",
        object_id=item.pk,
        client=item.client,
    )
    return item


def latest_shared_summary(client: User) -> TherapySession | None:
    return (
        TherapySession.objects.filter(client=client, summary_shared_at__isnull=False)
        .select_related("therapist")
        .order_by("-held_on")
        .first()
    )


@dataclass(frozen=True)
class Preparation:
    since: date | None
    checkins: list[CheckIn]
    rating_changes: list[dict[str, object]]
    wins: list[Win]
    milestones_done: list[Milestone]
    milestones_overdue: list[Milestone]
    shared_entries: list[JournalEntry]
    proposed_goals: list[Goal]
    revisions: list[Revision]
    agenda: list[AgendaItem]


def preparation_for(session: TherapySession, today: date) -> Preparation:
    """Everything since the previous session, on one page."""
    previous = previous_session(session)
    since = previous.held_on if previous else None
    since_moment = timezone.make_aware(datetime.combine(since, time.min)) if since else None
    client = session.client
    checkins = CheckIn.objects.filter(client=client).order_by("-date")
    wins = Win.objects.filter(client=client).select_related("goal").order_by("-happened_on")
    done = (
        Milestone.objects.filter(goal__client=client, done_at__isnull=False)
        .select_related("goal")
        .order_by("-done_at")
    )
    entries = JournalEntry.objects.filter(
        client=client, shared_with_therapist=True, deleted_at__isnull=True
    ).order_by("-shared_at")
    revisions = (
        Revision.objects.filter(client=client, goal__isnull=False)
        .select_related("by", "goal")
        .order_by("-created_at")
    )
    if since is not None and since_moment is not None:
        checkins = checkins.filter(date__gte=since)
        wins = wins.filter(happened_on__gte=since)
        done = done.filter(done_at__gte=since_moment)
        entries = entries.filter(shared_at__gte=since_moment)
        revisions = revisions.filter(created_at__gte=since_moment)
    else:
        checkins = checkins[:30]
        revisions = revisions[:30]
    rating_changes = []
    active = list(Goal.objects.filter(client=client, lifecycle_status=Lifecycle.ACTIVE))
    ratings = (
        GoalRating.objects.filter(goal__in=active)
        .values_list("goal_id", "checkin__date", "rating")
        .order_by("checkin__date")
    )
    by_goal: dict[uuid.UUID, list[tuple[date, int]]] = {}
    for goal_id, day, rating in ratings:
        by_goal.setdefault(goal_id, []).append((day, rating))
    for goal in active:
        points = by_goal.get(goal.pk, [])
        before = [r for d, r in points if since is None or d < since]
        after = [r for d, r in points if since is None or d >= since]
        if after:
            rating_changes.append(
                {
                    "goal": goal,
                    "from": before[-1] if before else after[0],
                    "to": after[-1],
                    "count": len(after),
                }
            )
    return Preparation(
        since=since,
        checkins=list(checkins),
        rating_changes=rating_changes,
        wins=list(wins[:50]),
        milestones_done=list(done[:50]),
        milestones_overdue=list(
            Milestone.objects.filter(
                goal__client=client,
                goal__lifecycle_status=Lifecycle.ACTIVE,
                done_at__isnull=True,
                due_date__lt=today,
            ).select_related("goal")
        ),
        shared_entries=list(entries[:50]),
        proposed_goals=list(
            Goal.objects.filter(client=client, lifecycle_status=Lifecycle.PROPOSED).select_related(
                "proposed_by"
            )
        ),
        revisions=[r for r in revisions if r.reason not in ("created",)][:50],
        agenda=open_agenda(client),
    )
