"""Demo sessions every fortnight at a set time, with private notes, signed summaries
(one with an addendum), a cancelled session, the next planned one and an agenda.
Invented words only."""

from contextlib import suppress
from datetime import time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from cairn.accounts.models import User
from cairn.sessions import services
from cairn.sessions.models import SessionStatus, TherapySession

SUMMARIES = {
    "robin": [
        (
            "We looked at what Sunday evenings are like and named the dread together.",
            "Notice when the dread starts, and write down the time.",
        ),
        (
            "You tried the rainy-day plan twice. We talked about what made the second time easier.",
            "Keep the covered-market loop as your backup.",
        ),
        (
            "A harder fortnight. We agreed it's part of the path, not a step back to the start.",
            "One short walk, any day, no more.",
        ),
        (
            "You spoke up in the Tuesday meeting. We explored what you told yourself beforehand.",
            "Write one point down before each meeting.",
        ),
    ],
    "hard": [
        ("We talked about sleep and the late-night scrolling.", "Move the charger to the kitchen."),
        (
            "Work has been heavy. We slowed down and looked at what's in your control.",
            "One evening a week with no work email.",
        ),
    ],
    "quiet": [
        (
            "We reviewed your vision and picked sleep as the first focus.",
            "Try the book-instead-of-phone plan three nights.",
        ),
    ],
}
NOTES = [
    "Engaged well. Some avoidance around family topics; revisit gently.",
    "Mood lower this week. Check sleep and appetite next time. No risk indicators.",
    "Good insight into the thought pattern before meetings. Consider behavioural experiment.",
    "Discussed the setback without self-criticism, which is new.",
]


def _slot(therapist: User) -> tuple[int, time]:
    """A day offset and start time no other demo client of this therapist has, so
    that the diary has no overlaps: ten days a fortnight, ten hours a day."""
    taken = TherapySession.objects.filter(therapist=therapist).values("client").distinct().count()
    return taken % 10, time(8 + (taken // 10) % 10, 0)


def seed_sessions(client: User, therapist: User, *, kind: str) -> None:
    if TherapySession.objects.filter(client=client).exists():
        return
    today = timezone.localdate()
    summaries = SUMMARIES[kind]
    count = len(summaries)
    day_offset, start = _slot(therapist)
    held = []
    for number, (summary, homework) in enumerate(summaries):
        held_on = today - timedelta(days=14 * (count - number) + 2 + day_offset % 4)
        try:
            session = services.session_create(
                client=client,
                therapist=therapist,
                held_on=held_on,
                start_time=start,
                length_minutes=50,
                kind="in_person" if number % 2 else "video",
                status=SessionStatus.HELD,
            )
        except ValidationError:  # a full diary among hundreds of benchmark clients
            continue
        held.append(session)
        services.note_save(
            session=session, author=therapist, text=NOTES[number % len(NOTES)], version=None
        )
        services.summary_save(
            session=session,
            by=therapist,
            summary=summary,
            homework=homework,
            version=session.version,
            sign=True,
        )
    if kind == "robin" and held:
        services.addendum_add(
            session=held[0],
            by=therapist,
            text="We agreed by phone to move the next session to the morning.",
        )
    if kind == "hard":
        # A session that didn't happen: it is never "the last session".
        with suppress(ValidationError):
            services.session_create(
                client=client,
                therapist=therapist,
                held_on=today - timedelta(days=7),
                start_time=start,
                length_minutes=50,
                kind="video",
                status=SessionStatus.CANCELLED,
            )
    if kind != "quiet":
        with suppress(ValidationError):
            services.session_create(
                client=client,
                therapist=therapist,
                held_on=today + timedelta(days=5 + day_offset),
                start_time=start,
                length_minutes=50,
                kind="in_person",
                status=SessionStatus.PLANNED,
            )
    last = held[-1] if held else None
    discussed = services.agenda_add(client=client, text="How to say no to extra shifts", goal=None)
    services.agenda_mark_discussed(item=discussed.record, session=last, by=therapist)
    services.agenda_add(client=client, text="Family visit at the weekend feels daunting", goal=None)
