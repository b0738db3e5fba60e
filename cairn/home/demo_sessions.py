"""Demo sessions every fortnight, with private notes, shared summaries and an agenda.
Invented words only."""

from datetime import timedelta

from django.utils import timezone

from cairn.accounts.models import User
from cairn.sessions import services
from cairn.sessions.models import TherapySession

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


def seed_sessions(client: User, therapist: User, *, kind: str) -> None:
    if TherapySession.objects.filter(client=client).exists():
        return
    today = timezone.localdate()
    summaries = SUMMARIES[kind]
    count = len(summaries)
    for number, (summary, homework) in enumerate(summaries):
        held_on = today - timedelta(days=14 * (count - number) + 2)
        session = services.session_create(
            client=client,
            therapist=therapist,
            held_on=held_on,
            length_minutes=50,
            kind="in_person" if number % 2 else "video",
        )
        services.note_save(
            session=session, author=therapist, text=NOTES[number % len(NOTES)], version=None
        )
        services.summary_save(
            session=session,
            by=therapist,
            summary=summary,
            homework=homework,
            version=session.version,
        )
    last = TherapySession.objects.filter(client=client).order_by("-held_on").first()
    discussed = services.agenda_add(client=client, text="How to say no to extra shifts", goal=None)
    services.agenda_mark_discussed(item=discussed, session=last, by=therapist)
    services.agenda_add(client=client, text="Family visit at the weekend feels daunting", goal=None)
