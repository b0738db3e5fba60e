"""Reads of sessions, notes and agenda items, always through care/access.py (what a
session's preparation reads is in preparation.py, a client's session days in dates.py).

Private notes are the strictest rule in Cairn: a note is found only by its author.
For anyone else it does not exist (404), whatever their role.
"""

import uuid
from datetime import date

from django.db.models import QuerySet

from cairn.accounts.models import User
from cairn.care.access import (
    Capability,
    Need,
    clients_readable_by,
    holds_as_therapist,
    may_read_summary_versions,
    private_notes_of,
    record_get_for,
    writes_summary_of,
)
from cairn.care.audit import audit_read
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
    """The session, with the therapist who holds it and the author of its summary (the
    session page names them under a draft or a signed summary), through the one checked
    lookup. The author may be unset: the outer join then costs no query more."""
    return record_get_for(
        TherapySession,
        user=user,
        pk=session_id,
        object_type="session",
        write=write,
        need=need,
        visible_if=visible_if,
        queryset=TherapySession.objects.select_related("therapist", "summary_author"),
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


def sessions_of_therapist(therapist: User, *, since: date) -> list[TherapySession]:
    """For the therapist's own calendar feed: their sessions, not cancelled."""
    return list(
        TherapySession.objects.filter(therapist=therapist, held_on__gte=since)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("therapist")
    )


def summary_history(
    *, user: User, session: TherapySession
) -> tuple[list[SummaryVersion], list[SummaryAddendum]]:
    """Every version of the summary, newest first, for those who may read them (none
    for the client, who reads the summary as signed), and the addenda, oldest first.
    Addenda belong below a signed summary: before it is signed there are none to show,
    so none are read."""
    versions = (
        list(session.summary_versions.select_related("author").order_by("-number"))
        if may_read_summary_versions(user, session)
        else []
    )
    addenda = (
        list(session.addenda.select_related("author").order_by("created_at"))
        if session.is_signed
        else []
    )
    return versions, addenda


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
