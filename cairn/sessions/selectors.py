"""Reads of sessions, notes and agenda items, always through care/access.py.

Private notes are the strictest rule in Cairn: a note is found only by its author.
For anyone else it does not exist (404), whatever their role.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from cairn.accounts.models import User
from cairn.care.access import (
    Capability,
    Need,
    clients_readable_by,
    holds_as_therapist,
    private_notes_of,
    record_get_for,
    writes_summary_of,
)
from cairn.care.audit import audit_client_data, audit_read
from cairn.core.audit import Action
from cairn.goals import history
from cairn.goals.models import Goal, Lifecycle, Milestone, Revision
from cairn.goals.selectors import goal_get_for
from cairn.journal.models import JournalEntry
from cairn.progress.models import CheckIn, GoalRating, PlanUse, Win
from cairn.sessions import crypto
from cairn.sessions.models import (
    AgendaItem,
    SessionNote,
    SessionStatus,
    SummaryAddendum,
    SummaryVersion,
    TherapySession,
)


def sessions_visible_to(user: User) -> QuerySet[TherapySession]:
    return TherapySession.objects.filter(client__in=clients_readable_by(user))


def session_get_for(
    *, user: User, session_id: uuid.UUID, write: bool = False, as_holder: bool = False
) -> TherapySession:
    """Writing a session (summary, addenda) is for the therapists who treat the
    client; changing its time or summary (`as_holder`) for the one who holds it."""
    need: Need[TherapySession] | None = Capability.TREAT if write else None
    if as_holder:
        need = holds_as_therapist(user)
    return _session_checked(user=user, session_id=session_id, write=write or as_holder, need=need)


def _session_checked(
    *,
    user: User,
    session_id: uuid.UUID,
    write: bool,
    need: Need[TherapySession] | None,
    visible_if: Need[TherapySession] | None = None,
) -> TherapySession:
    """The session, with the therapist who holds it, through the one checked lookup."""
    return record_get_for(
        TherapySession,
        user=user,
        pk=session_id,
        object_type="session",
        write=write,
        need=need,
        visible_if=visible_if,
        queryset=TherapySession.objects.select_related("therapist"),
    )


def session_as_now(session: TherapySession) -> TherapySession:
    """The session read again (its access already checked), as a part kept under the
    record's version is drawn from (cairn.core.page_cache)."""
    return (
        TherapySession.objects.select_related("therapist", "client").filter(pk=session.pk).first()
        or session
    )


def session_summary_get_for(*, user: User, session_id: uuid.UUID) -> TherapySession:
    """The session whose summary `user` writes: they hold it and have not signed it
    (403 otherwise; a signed summary takes addenda only)."""
    return _session_checked(
        user=user, session_id=session_id, write=True, need=writes_summary_of(user)
    )


def session_note_get_for(
    *, user: User, session_id: uuid.UUID, write: bool = False
) -> TherapySession:
    """The session whose private note `user` keeps. Only the client's therapists have
    notes: for the client, an admin or a supporter the note page does not exist (404).
    Writing one is for those who treat the client."""
    treats = Capability.TREAT if write else None
    return _session_checked(
        user=user, session_id=session_id, write=write, need=treats, visible_if=Capability.THERAPIST
    )


def session_for_agenda_item(
    *, user: User, item: AgendaItem, session_id: uuid.UUID | None
) -> TherapySession | None:
    """The session (of the item's client, visible to `user`) it was discussed in."""
    if session_id is None:
        return None
    return sessions_visible_to(user).filter(pk=session_id, client=item.client).first()


def sessions_of(client: User) -> list[TherapySession]:
    return list(
        TherapySession.objects.filter(client=client)
        .select_related("therapist")
        .order_by("-held_on", "-start_time", "-created_at")
    )


def note_text_for(*, user: User, session: TherapySession) -> tuple[SessionNote | None, str]:
    """The author's own note on this session, decrypted; nobody else's, ever."""
    note = SessionNote.objects.filter(private_notes_of(user), session=session).first()
    if note is None:
        return None, ""
    audit_read(by=user, obj=note, object_type="session_note", client=session.client)
    return note, crypto.decrypt(note.ciphertext)


def previous_session(session: TherapySession) -> TherapySession | None:
    """The held session before this one: where its preparation starts."""
    return (
        TherapySession.objects.filter(client_id=session.client_id, status=SessionStatus.HELD)
        .filter(
            Q(held_on__lt=session.held_on)
            | Q(held_on=session.held_on, start_time__lt=session.start_time)
        )
        .exclude(pk=session.pk)
        .select_related("therapist")
        .order_by("-held_on", "-start_time")
        .first()
    )


def next_session_on(client: User, today: date) -> date | None:
    """The day of the client's next logged session, today or later (for measures due
    before each session)."""
    return (
        TherapySession.objects.filter(client=client, held_on__gte=today)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("held_on")
        .values_list("held_on", flat=True)
        .first()
    )


@dataclass(frozen=True)
class SessionDates:
    last: TherapySession | None
    next: TherapySession | None


def session_dates_for(client_ids: list[uuid.UUID], today: date) -> dict[uuid.UUID, SessionDates]:
    """Each client's last held and next planned session, in two queries whatever the
    number of clients. A planned session is never "last"; a held one never "next"."""
    held = (
        TherapySession.objects.filter(
            client_id__in=client_ids, status=SessionStatus.HELD, held_on__lte=today
        )
        .select_related("therapist")
        .order_by("client_id", "-held_on", "-start_time")
    )
    planned = (
        TherapySession.objects.filter(
            client_id__in=client_ids, status=SessionStatus.PLANNED, held_on__gte=today
        )
        .select_related("therapist")
        .order_by("client_id", "held_on", "start_time")
    )
    last: dict[uuid.UUID, TherapySession] = {}
    for session in held:
        last.setdefault(session.client_id, session)
    upcoming: dict[uuid.UUID, TherapySession] = {}
    for session in planned:
        upcoming.setdefault(session.client_id, session)
    return {
        client_id: SessionDates(last=last.get(client_id), next=upcoming.get(client_id))
        for client_id in client_ids
    }


def session_dates_of(client: User, today: date) -> SessionDates:
    """One client's last held and next planned session: two rows whatever the history
    (`session_dates_for` is for many clients at once)."""
    sessions = TherapySession.objects.filter(client=client).select_related("therapist")
    return SessionDates(
        last=sessions.filter(status=SessionStatus.HELD, held_on__lte=today)
        .order_by("-held_on", "-start_time")
        .first(),
        next=sessions.filter(status=SessionStatus.PLANNED, held_on__gte=today)
        .order_by("held_on", "start_time")
        .first(),
    )


def sessions_of_therapist(therapist: User, *, since: date) -> list[TherapySession]:
    """For the therapist's own calendar feed: their sessions, not cancelled."""
    return list(
        TherapySession.objects.filter(therapist=therapist, held_on__gte=since)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("therapist")
    )


def summary_history(session: TherapySession) -> tuple[list[SummaryVersion], list[SummaryAddendum]]:
    """Every version of the summary, newest first, and the addenda, oldest first."""
    return (
        list(session.summary_versions.select_related("author").order_by("-number")),
        list(session.addenda.select_related("author").order_by("created_at")),
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
    """An item to mark discussed. Unknown to those who may not write the record (404);
    the client sees it but marking is their therapist's part (403)."""
    return record_get_for(
        AgendaItem,
        user=user,
        pk=item_id,
        object_type="agenda_item",
        write=True,
        need=Capability.STEER,
        visible_if=Capability.WRITE,
    )


def latest_shared_summary(client: User) -> TherapySession | None:
    """The signed summary of the latest held session that has one."""
    return (
        TherapySession.objects.filter(
            client=client, status=SessionStatus.HELD, summary_signed_at__isnull=False
        )
        .select_related("therapist", "summary_author")
        .prefetch_related("addenda__author")
        .order_by("-held_on", "-start_time")
        .first()
    )


@dataclass(frozen=True)
class Preparation:
    since: date | None
    until: date
    previous: TherapySession | None
    to_try: TherapySession | None
    own_last_note: str
    own_last_note_session: TherapySession | None
    own_last_note_id: uuid.UUID | None
    checkins: list[CheckIn]
    rating_changes: list[dict[str, object]]
    plans_used: list[dict[str, object]]
    wins: list[Win]
    milestones_done: list[Milestone]
    milestones_overdue: list[Milestone]
    shared_entries: list[JournalEntry]
    proposed_goals: list[Goal]
    revisions: list[history.RevisionInWords]
    agenda: list[AgendaItem]


def _by_day(field: str, session: TherapySession, until: datetime, prefix: str = "") -> Q:
    """Dated things up to the session: days before it, and from its own day only
    what was written before it began."""
    return Q(**{f"{field}__lt": session.held_on}) | Q(
        **{field: session.held_on, f"{prefix}created_at__lt": until}
    )


def _window(session: TherapySession) -> tuple[TherapySession | None, datetime | None, datetime]:
    previous = previous_session(session)
    return previous, (previous.ends_at if previous else None), session.starts_at


def session_goal_get_for(*, user: User, session: TherapySession, goal_id: uuid.UUID) -> Goal:
    """One of the session's client's goals, for the preparation; another client's
    goal is 404 here, even one `user` may open elsewhere."""
    goal = goal_get_for(user=user, goal_id=goal_id)
    if goal.client_id != session.client_id:
        raise Http404
    return goal


def ratings_in_window(session: TherapySession, goal: Goal) -> list[tuple[date, int]]:
    """The goal's ratings from the previous held session up to this one: the prep chart."""
    previous, since, until = _window(session)
    ratings = GoalRating.objects.filter(
        _by_day("checkin__date", session, until, "checkin__"), goal=goal
    )
    if previous is not None and since is not None:
        ratings = ratings.filter(checkin__date__gte=previous.held_on)
    return list(ratings.order_by("checkin__date").values_list("checkin__date", "rating"))


# The most of each kind of news (wins, steps reached, shared entries, changes) a
# preparation lists.
PREPARATION_LIST_MAX = 50


def preparation_for(session: TherapySession, *, user: User) -> Preparation:
    """Exactly the time since the previous held session up to this one: nothing
    from after this session's start, so an old session's page reads as it did then."""
    previous, since_moment, until = _window(session)
    since = previous.held_on if previous else None
    client = session.client
    checkins = CheckIn.objects.filter(_by_day("date", session, until), client=client).order_by(
        "-date"
    )
    wins = (
        Win.objects.filter(_by_day("happened_on", session, until), client=client)
        .select_related("goal")
        .order_by("-happened_on")
    )
    done = (
        Milestone.objects.filter(goal__client=client, done_at__lt=until)
        .select_related("goal")
        .order_by("-done_at")
    )
    entries = JournalEntry.objects.filter(
        client=client,
        shared_with_therapist=True,
        deleted_at__isnull=True,
        shared_at__lt=until,
    ).order_by("-shared_at")
    revisions = (
        Revision.objects.filter(client=client, goal__isnull=False, created_at__lt=until)
        .exclude(reason="created")
        .select_related("by", "goal")
        .order_by("-created_at")
    )
    proposed = Goal.objects.filter(
        client=client, lifecycle_status=Lifecycle.PROPOSED, created_at__lt=until
    )
    uses = PlanUse.objects.filter(
        _by_day("checkin__date", session, until, "checkin__"), checkin__client=client
    )
    ratings = GoalRating.objects.filter(
        _by_day("checkin__date", session, until, "checkin__"),
        goal__client=client,
        goal__lifecycle_status=Lifecycle.ACTIVE,
    )
    if since is not None and since_moment is not None:
        checkins = checkins.filter(date__gte=since)
        wins = wins.filter(happened_on__gte=since)
        done = done.filter(done_at__gte=since_moment)
        entries = entries.filter(shared_at__gte=since_moment)
        revisions = revisions.filter(created_at__gte=since_moment)
        uses = uses.filter(checkin__date__gte=since)
    else:
        checkins = checkins[:30]
    by_goal: dict[uuid.UUID, list[tuple[date, int]]] = {}
    goals: dict[uuid.UUID, Goal] = {}
    for rating in ratings.select_related("goal", "checkin").order_by("checkin__date"):
        goals[rating.goal_id] = rating.goal
        by_goal.setdefault(rating.goal_id, []).append((rating.checkin.date, rating.rating))
    rating_changes = []
    for goal_id, points in by_goal.items():
        before = [r for d, r in points if since is not None and d < since]
        after = [r for d, r in points if since is None or d >= since]
        if after:
            rating_changes.append(
                {
                    "goal": goals[goal_id],
                    "from": before[-1] if before else after[0],
                    "to": after[-1],
                    "count": len(after),
                }
            )
    plans_used: dict[uuid.UUID, dict[str, object]] = {}
    for use in uses.select_related("plan", "plan__goal").order_by("checkin__date"):
        row = plans_used.setdefault(use.plan_id, {"plan": use.plan, "times": 0, "helped": []})
        row["times"] = int(str(row["times"])) + 1
        helped = row["helped"]
        assert isinstance(helped, list)
        helped.append(use.get_helped_display())
    agenda = (
        AgendaItem.objects.filter(client=client, created_at__lt=until)
        .filter(Q(discussed_at__isnull=True) | Q(discussed_in=session) | Q(discussed_at__gte=until))
        .select_related("goal")
    )
    # The latest "to try before next time" set before this session, however far back.
    to_try = (
        TherapySession.objects.filter(
            client=client, status=SessionStatus.HELD, summary_signed_at__lt=until
        )
        .filter(
            Q(held_on__lt=session.held_on)
            | Q(held_on=session.held_on, start_time__lt=session.start_time)
        )
        .exclude(homework="")
        .order_by("-held_on", "-start_time")
        .first()
    )
    own_note = (
        SessionNote.objects.filter(
            private_notes_of(user),
            session__client=client,
            session__held_on__lte=session.held_on,
        )
        .exclude(session=session)
        .select_related("session", "session__therapist")
        .order_by("-session__held_on", "-session__start_time")
        .first()
    )
    if own_note is not None:
        audit_client_data(
            actor=user,
            action=Action.READ,
            object_type="session_note",
            object_id=own_note.pk,
            client=client,
        )
    return Preparation(
        since=since,
        until=session.held_on,
        previous=previous,
        to_try=to_try,
        own_last_note=crypto.decrypt(own_note.ciphertext) if own_note else "",
        own_last_note_session=own_note.session if own_note else None,
        own_last_note_id=own_note.pk if own_note else None,
        checkins=list(checkins),
        rating_changes=rating_changes,
        plans_used=list(plans_used.values()),
        wins=list(wins[:PREPARATION_LIST_MAX]),
        milestones_done=list(done[:PREPARATION_LIST_MAX]),
        milestones_overdue=list(
            Milestone.objects.filter(
                goal__client=client,
                goal__lifecycle_status=Lifecycle.ACTIVE,
                due_date__lt=session.held_on,
                created_at__lt=until,
            )
            .filter(Q(done_at__isnull=True) | Q(done_at__gte=until))
            .select_related("goal")
        ),
        shared_entries=list(entries[:PREPARATION_LIST_MAX]),
        proposed_goals=list(proposed.select_related("proposed_by")),
        revisions=history.describe(revisions[:PREPARATION_LIST_MAX]),
        agenda=list(agenda),
    )
