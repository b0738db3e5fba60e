"""Writes to the session log, notes, summaries and the agenda. All audited."""

from datetime import date, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.care.access import is_holder
from cairn.care.audit import audit_write
from cairn.core.conflicts import locked, save_next_version, version_check
from cairn.core.risk import Written, note_risk_in
from cairn.goals.models import Goal
from cairn.sessions import crypto
from cairn.sessions.models import (
    AgendaItem,
    SessionNote,
    SessionStatus,
    SummaryAddendum,
    SummaryVersion,
    TherapySession,
)

# Further than this from today, a date is far more likely a typing slip than a plan.
HORIZON = timedelta(days=365)


def _check_session(session: TherapySession, *, today: date) -> None:
    """Raises ValidationError naming the field: a date beyond a year either way,
    a held session that hasn't happened yet, or a clash in the therapist's diary."""
    if session.held_on > today + HORIZON:
        raise ValidationError({"held_on": "That's more than a year ahead. Please check the date."})
    if session.held_on < today - HORIZON:
        raise ValidationError({"held_on": "That's more than a year ago. Please check the date."})
    if session.status == SessionStatus.HELD and session.held_on > today:
        raise ValidationError({"status": "A session can be marked as held once its day has come."})
    if session.status == SessionStatus.CANCELLED:
        return
    nearby = (
        TherapySession.objects.select_for_update()
        .filter(
            therapist=session.therapist,
            held_on__range=(
                session.held_on - timedelta(days=1),
                session.held_on + timedelta(days=1),
            ),
        )
        .exclude(status=SessionStatus.CANCELLED)
        .exclude(pk=session.pk)
        .select_related("therapist")
    )
    for other in nearby:
        if other.starts_at < session.ends_at and session.starts_at < other.ends_at:
            raise ValidationError(
                {
                    "start_time": (
                        "This overlaps another session in your diary, on "
                        f"{other.held_on.day} {other.held_on:%B} from {other.start_time:%H:%M} "
                        f"to {other.ends_at:%H:%M}. Please choose another time."
                    )
                }
            )


@transaction.atomic
def session_create(
    *,
    client: User,
    therapist: User,
    held_on: date,
    start_time: time,
    length_minutes: int,
    kind: str,
    status: str = SessionStatus.PLANNED,
) -> TherapySession:
    session = TherapySession(
        client=client,
        therapist=therapist,
        held_on=held_on,
        start_time=start_time,
        length_minutes=length_minutes,
        kind=kind,
        status=status,
    )
    _check_session(session, today=local_today(therapist))
    session.save()
    audit_write(by=therapist, obj=session, object_type="session", client=client)
    return session


@transaction.atomic
def session_update(
    *, session: TherapySession, by: User, version: int, **fields: object
) -> TherapySession:
    """Changes the date, time, length, kind or status, for the therapist who holds it
    (PermissionDenied for anyone else). A session whose summary is signed keeps its
    status: the record of what happened stands.

    Marked held (only once its day has come: _check_session), the session takes a
    summary (summary_save refuses one before), and it is the client's last session
    wherever the record says so: the next session's preparation gathers from it on
    (preparation.previous_session), the pages' "last session" (dates.session_dates_of)
    and the caseload's (home.summary). Nothing else is written and nobody is told."""
    current = locked(TherapySession, session.pk, version, related=["therapist", "client"])
    if not is_holder(by, current):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(current, name, value)
    if current.is_signed and current.status != SessionStatus.HELD:
        raise ValidationError(
            {"status": "This session's summary is signed, so it stays marked as held."}
        )
    _check_session(current, today=local_today(current.therapist))
    save_next_version(current)
    audit_write(by=by, obj=current, object_type="session", client=current.client)
    return current


@transaction.atomic
def note_save(
    *, session: TherapySession, author: User, text: str, version: int | None
) -> SessionNote:
    """Encrypts and saves the author's private note on the session."""
    note = SessionNote.objects.select_for_update().filter(session=session, author=author).first()
    if note is None:
        note = SessionNote.objects.create(
            session=session, author=author, ciphertext=crypto.encrypt(text)
        )
    else:
        # A first save from a second window (no version yet: 0, which no note is at)
        # must not overwrite the first.
        version_check(note, version or 0)
        note.ciphertext = crypto.encrypt(text)
        save_next_version(note)
    audit_write(by=author, obj=note, object_type="session_note", client=session.client)
    return note


@transaction.atomic
def summary_save(
    *,
    session: TherapySession,
    by: User,
    summary: str,
    homework: str,
    version: int,
    sign: bool = False,
) -> TherapySession:
    """Saves a new version of the session's summary; signing shares it with the
    client and closes it. Only the therapist who held the session writes it
    (PermissionDenied for anyone else); a signed summary takes addenda only."""
    # The version is compared last: a signed summary or someone else's session
    # says so, whichever version the form showed.
    current = locked(TherapySession, session.pk, None)
    if not is_holder(by, current):
        raise PermissionDenied
    if current.is_signed:
        raise ValidationError(
            {"summary": "This summary is signed, so it can't change. You can add an addendum."}
        )
    if current.status != SessionStatus.HELD:
        raise ValidationError(
            {"summary": "A summary belongs to a session that was held. Mark it as held first."}
        )
    version_check(current, version)
    if sign and not (summary.strip() or homework.strip()):
        raise ValidationError({"summary": "Please write the summary before signing it."})
    current.summary, current.homework = summary, homework
    current.summary_author = by
    if sign:
        current.summary_signed_at = timezone.now()
    save_next_version(current)
    SummaryVersion.objects.create(
        session=current,
        number=current.summary_versions.count() + 1,
        author=by,
        summary=summary,
        homework=homework,
        signed=sign,
    )
    audit_write(by=by, obj=current, object_type="session_summary", client=current.client)
    return current


@transaction.atomic
def addendum_add(*, session: TherapySession, by: User, text: str) -> SummaryAddendum:
    """A dated, attributed addition to a signed summary; refused before signing."""
    current = locked(TherapySession, session.pk, None)
    if not current.is_signed:
        raise ValidationError(
            {"text": "An addendum follows a signed summary, and this one isn't signed yet."}
        )
    addendum = SummaryAddendum.objects.create(session=current, author=by, text=text)
    audit_write(by=by, obj=addendum, object_type="session_summary", client=current.client)
    return addendum


@transaction.atomic
def agenda_add(*, client: User, text: str, goal: Goal | None) -> Written[AgendaItem]:
    item = AgendaItem.objects.create(
        client=client, text=text, goal=goal if goal and goal.client_id == client.pk else None
    )
    audit_write(by=client, obj=item, object_type="agenda_item", client=client)
    risk_noted = note_risk_in(text, client=client, source=item)
    return Written(item, risk_noted)


@transaction.atomic
def agenda_mark_discussed(
    *, item: AgendaItem, session: TherapySession | None, by: User
) -> AgendaItem:
    item.discussed_in = session
    item.discussed_at = timezone.now()
    item.save(update_fields=["discussed_in", "discussed_at", "updated_at"])
    audit_write(by=by, obj=item, object_type="agenda_item", client=item.client)
    return item


@transaction.atomic
def notes_rotate_keys() -> int:
    """Re-encrypts every note with the newest key (see crypto.py)."""
    count = 0
    for note in SessionNote.objects.select_for_update().all():
        note.ciphertext = crypto.rotate(note.ciphertext)
        note.save(update_fields=["ciphertext"])
        count += 1
    return count
