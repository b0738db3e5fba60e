"""A client's session days: the next one (and so the measures due before it) and the
last held and next planned (the record's and the sessions page's headers). Callers
have opened the client's record already; these read no further access."""

import uuid
from dataclasses import dataclass
from datetime import date

from cairn.accounts.models import User
from cairn.measures.selectors import Due, measures_due_for
from cairn.sessions.models import SessionStatus, TherapySession


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


def measures_due_of(client: User, today: date) -> list[Due]:
    """The client's measures waiting to be filled in today. It lives here, not in
    measures, because some open days before the next session and measures sits
    below sessions (measures_due_for is told the day)."""
    return measures_due_for(client, today, next_session_on=next_session_on(client, today))


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
