"""A client's session days: the next one (and so the measures due before it), the
last held and next planned (the record's and the sessions page's headers), and the
one something talked about goes with. Callers have opened the client's record
already; these read no further access."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from cairn.accounts.models import User
from cairn.measures.selectors import Due, measures_due_for
from cairn.sessions.models import SessionStatus, TherapySession


def _still_to_come(client: User, today: date) -> QuerySet[TherapySession]:
    """The client's sessions still to come, soonest first: planned, today or later. One
    held today is the last session, not the next; a cancelled or missed one neither."""
    return TherapySession.objects.filter(
        client=client, status=SessionStatus.PLANNED, held_on__gte=today
    ).order_by("held_on", "start_time")


def next_session_on(client: User, today: date) -> date | None:
    """The day of the client's next session (for measures due before each session)."""
    return _still_to_come(client, today).values_list("held_on", flat=True).first()


def measures_due_of(client: User, today: date) -> list[Due]:
    """The client's measures waiting to be filled in today. It lives here, not in
    measures, because some open days before the next session and measures sits
    below sessions (measures_due_for is told the day)."""
    return measures_due_for(client, today, next_session_on=next_session_on(client, today))


@dataclass(frozen=True)
class SessionDates:
    last: TherapySession | None
    next: TherapySession | None


def session_dates_of(client: User, today: date) -> SessionDates:
    """One client's last held and next planned session: two rows whatever the history.
    A planned session is never "last"; a held one never "next"."""
    sessions = TherapySession.objects.filter(client=client).select_related("therapist")
    return SessionDates(
        last=sessions.filter(status=SessionStatus.HELD, held_on__lte=today)
        .order_by("-held_on", "-start_time")
        .first(),
        next=_still_to_come(client, today).select_related("therapist").first(),
    )


def session_talked_in(client: User, today: date) -> TherapySession | None:
    """The session an agenda item marked discussed goes with when nobody names one (the
    agenda list): the client's latest on or before `today` that was not cancelled or
    missed, today's counting before it is marked held. One still ahead has not happened."""
    return (
        TherapySession.objects.filter(
            client=client,
            held_on__lte=today,
            status__in=[SessionStatus.HELD, SessionStatus.PLANNED],
        )
        .order_by("-held_on", "-start_time")
        .first()
    )
