"""Reads for preparing a session: what happened since the previous held session up to
this one (check-ins, ratings, plans used, wins, steps, shared entries, changes, the
agenda) and the therapist's own last note, always through care/access.py; and the
preparation page as a whole (`session_prep_page`), with the client's safety plan, open
risk flags and questionnaire scores, each showing audited.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.care.access import journal_shared, private_notes_of
from cairn.care.audit import audit_client_data, audit_read
from cairn.core.audit import Action
from cairn.core.page_cache import part_for
from cairn.goals import history
from cairn.goals.models import Goal, Lifecycle, Milestone, Revision
from cairn.goals.selectors import goal_get_for
from cairn.journal.models import JournalEntry
from cairn.measures import selectors as measure_selectors
from cairn.progress.models import CheckIn, GoalRating, PlanUse, Win
from cairn.safety import selectors as safety_selectors
from cairn.sessions import crypto, selectors
from cairn.sessions.models import AgendaItem, SessionNote, SessionStatus, TherapySession


def _held_before(session: TherapySession) -> Q:
    """Sessions before this one: on an earlier day, or earlier on its day."""
    return Q(held_on__lt=session.held_on) | Q(
        held_on=session.held_on, start_time__lt=session.start_time
    )


def previous_session(session: TherapySession) -> TherapySession | None:
    """The held session before this one: where its preparation starts."""
    return (
        TherapySession.objects.filter(client_id=session.client_id, status=SessionStatus.HELD)
        .filter(_held_before(session))
        .exclude(pk=session.pk)
        .select_related("therapist")
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
        journal_shared(),
        client=client,
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
    rating_changes = _rating_changes(ratings, since=since)
    plans_used = _plans_used(uses)
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
        .filter(_held_before(session))
        .exclude(homework="")
        .order_by("-held_on", "-start_time")
        .first()
    )
    own_note = _own_last_note(session, user=user)
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
        plans_used=plans_used,
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


def _rating_changes(
    ratings: QuerySet[GoalRating], *, since: date | None
) -> list[dict[str, object]]:
    """Each goal rated in the preparation's time: where it stood before (or at its first
    rating in that time), where it is now, and how many ratings there were."""
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
    return rating_changes


def _plans_used(uses: QuerySet[PlanUse]) -> list[dict[str, object]]:
    """Each if-then plan used in the preparation's time, how often, and how it helped."""
    plans_used: dict[uuid.UUID, dict[str, object]] = {}
    for use in uses.select_related("plan", "plan__goal").order_by("checkin__date"):
        row = plans_used.setdefault(use.plan_id, {"plan": use.plan, "times": 0, "helped": []})
        row["times"] = int(str(row["times"])) + 1
        helped = row["helped"]
        assert isinstance(helped, list)
        helped.append(use.get_helped_display())
    return list(plans_used.values())


def _own_last_note(session: TherapySession, *, user: User) -> SessionNote | None:
    """The latest note `user` wrote on an earlier session of this client, if any;
    reading it is audited, as any read of a private note."""
    own_note = (
        SessionNote.objects.filter(
            private_notes_of(user),
            session__client=session.client,
            session__held_on__lte=session.held_on,
        )
        .exclude(session=session)
        .select_related("session", "session__therapist")
        .order_by("-session__held_on", "-session__start_time")
        .first()
    )
    if own_note is not None:
        audit_read(by=user, obj=own_note, object_type="session_note", client=session.client)
    return own_note


def session_prep_page(session: TherapySession, *, user: User) -> dict[str, object]:
    """What the preparation page shows `user`, a therapist who treats the session's
    client (the caller has checked it): as last drawn for them, unless the client's
    clinical record has changed since (cairn.core.page_cache), gathered and drawn
    again only then. Every showing audits the safety plan and the private note it
    shows, whether drawn now or kept."""
    # Every write to what the preparation shows (the session, its agenda, notes,
    # measures, the safety plan, the names it gives) gives the clinical record a new
    # version; a routine's day does not. Each therapist has their own.
    part = part_for(
        "session preparation",
        client_id=session.client_id,
        viewer_id=user.pk,
        today=local_today(user),
        also=(session.pk,),
        clinical=True,
    )
    context: dict[str, object] = {"session": session, "prep_part": part}
    if part.missing:
        # Read again after the record's version, so the part kept is no older than it.
        session = selectors.session_as_now(session)
        # Gathering the preparation audits the private note it shows.
        prep = preparation_for(session, user=user)
        plan = safety_selectors.safety_plan_of(session.client)
        context |= {
            "session": session,
            "prep": prep,
            "measure_scores": measure_selectors.scores_of(session.client),
            "safety_plan": plan,
            "open_risk_flags": safety_selectors.open_risk_flags_of(session.client),
        }
        part.reads = tuple(
            (object_type, object_id)
            for object_type, object_id in [
                ("safety_plan", plan.pk if plan else None),
                ("session_note", prep.own_last_note_id),
            ]
            if object_id is not None
        )
        reads = [(t, i) for t, i in part.reads if t != "session_note"]
    else:
        reads = list(part.reads)
    for object_type, object_id in reads:
        audit_client_data(
            actor=user,
            action=Action.READ,
            object_type=object_type,
            object_id=object_id,
            client=session.client,
        )
    return context
