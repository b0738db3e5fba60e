"""Writes to the session log, notes, summaries and the agenda. All audited."""

from datetime import date

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.audit import audit_client_data
from cairn.core.audit import Action
from cairn.core.risk import risk_excerpt, risk_phrases_in
from cairn.core.signals import risk_noted
from cairn.goals.models import Goal
from cairn.sessions import crypto
from cairn.sessions.models import AgendaItem, SessionNote, TherapySession


class ConflictError(Exception):
    def __init__(self, current: TherapySession | SessionNote) -> None:
        super().__init__("conflicting edit")
        self.current = current


def _audit(by: User, obj: Model, client: User, object_type: str) -> None:
    audit_client_data(
        actor=by, action=Action.WRITE, object_type=object_type, object_id=obj.pk, client=client
    )


@transaction.atomic
def session_create(
    *, client: User, therapist: User, held_on: date, length_minutes: int, kind: str
) -> TherapySession:
    session = TherapySession.objects.create(
        client=client,
        therapist=therapist,
        held_on=held_on,
        length_minutes=length_minutes,
        kind=kind,
    )
    _audit(therapist, session, client, "session")
    return session


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
        # A first save from a second window (no version yet) must not overwrite the first.
        if version is None or version != note.version:
            raise ConflictError(note)
        note.ciphertext = crypto.encrypt(text)
        note.version += 1
        note.save()
    _audit(author, note, session.client, "session_note")
    return note


@transaction.atomic
def summary_save(
    *, session: TherapySession, by: User, summary: str, homework: str, version: int
) -> TherapySession:
    current = TherapySession.objects.select_for_update().get(pk=session.pk)
    if current.version != version:
        raise ConflictError(current)
    current.summary, current.homework = summary, homework
    current.summary_shared_at = timezone.now() if (summary or homework) else None
    current.version += 1
    current.save()
    _audit(by, current, current.client, "session_summary")
    return current


@transaction.atomic
def agenda_add(*, client: User, text: str, goal: Goal | None) -> AgendaItem:
    item = AgendaItem.objects.create(
        client=client, text=text, goal=goal if goal and goal.client_id == client.pk else None
    )
    _audit(client, item, client, "agenda_item")
    phrases = risk_phrases_in(text)
    if phrases:
        risk_noted.send(
            sender=AgendaItem,
            client=client,
            source=item,
            reason="Words of risk in an agenda item: "
            + ", ".join(f"\u201c{p}\u201d" for p in phrases),
            excerpt=risk_excerpt(text),
            therapist_may_read=True,
        )
    return item


@transaction.atomic
def agenda_mark_discussed(
    *, item: AgendaItem, session: TherapySession | None, by: User
) -> AgendaItem:
    item.discussed_in = session
    item.discussed_at = timezone.now()
    item.save(update_fields=["discussed_in", "discussed_at", "updated_at"])
    _audit(by, item, item.client, "agenda_item")
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
