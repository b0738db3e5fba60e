from datetime import datetime, timedelta

from django.conf import settings
from django.db import models

from cairn.accounts.models import done_by, made_by, owner
from cairn.accounts.time import zone_of
from cairn.core.models import BaseModel, VersionedModel
from cairn.goals.models import Goal

NOTE_MAX = 20_000
SUMMARY_MAX = 5_000
AGENDA_MAX = 500


class SessionKind(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video"
    PHONE = "phone", "Phone"
    REVIEW = "review", "Review"
    OTHER = "other", "Other"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"


class TherapySession(VersionedModel):
    """One session, planned or past. Only a held session counts as "the last
    session" and can carry a shared summary. Date and start time are in the
    therapist's time zone."""

    client = owner(related_name="therapy_sessions")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sessions_held"
    )
    held_on = models.DateField("date")
    start_time = models.TimeField("start time")
    length_minutes = models.PositiveSmallIntegerField("length (minutes)")
    kind = models.CharField(
        max_length=20, choices=SessionKind.choices, default=SessionKind.IN_PERSON
    )
    status = models.CharField(
        max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    # The summary as it stands now; every saved version is a SummaryVersion.
    summary = models.TextField("summary for the client", blank=True, max_length=SUMMARY_MAX)
    homework = models.TextField("homework for the client", blank=True, max_length=SUMMARY_MAX)
    summary_author = done_by()
    # Signing shares the summary with the client and closes it to edits: only
    # addenda follow.
    summary_signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-start_time", "-created_at"]
        indexes = [
            models.Index(fields=["client", "held_on"]),
            models.Index(fields=["therapist", "held_on"]),
        ]

    def __str__(self) -> str:
        return f"Session on {self.held_on.day} {self.held_on:%B %Y}"

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.held_on, self.start_time, tzinfo=zone_of(self.therapist))

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.length_minutes)

    @property
    def is_held(self) -> bool:
        return self.status == SessionStatus.HELD

    @property
    def is_signed(self) -> bool:
        return self.summary_signed_at is not None


class SummaryVersion(BaseModel):
    """Every saved version of a session's shared summary, kept and shown."""

    session = models.ForeignKey(
        TherapySession, on_delete=models.CASCADE, related_name="summary_versions"
    )
    number = models.PositiveIntegerField()
    author = made_by()
    summary = models.TextField(blank=True, max_length=SUMMARY_MAX)
    homework = models.TextField(blank=True, max_length=SUMMARY_MAX)
    signed = models.BooleanField(default=False)

    class Meta:
        ordering = ["session", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"], name="one_summary_version_number_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"Summary, version {self.number}"


class SummaryAddendum(BaseModel):
    """A dated, attributed addition to a signed summary. Never edited."""

    session = models.ForeignKey(TherapySession, on_delete=models.CASCADE, related_name="addenda")
    author = made_by()
    text = models.TextField("addendum", max_length=SUMMARY_MAX)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return "Addendum"


class SessionNote(VersionedModel):
    """A therapist's private note. Stored encrypted; readable by its author alone."""

    session = models.ForeignKey(TherapySession, on_delete=models.CASCADE, related_name="notes")
    author = made_by()
    ciphertext = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "author"], name="one_note_per_author_per_session"
            )
        ]

    def __str__(self) -> str:
        return "Private note"


class AgendaItem(BaseModel):
    """Something the client wants to discuss with their therapist."""

    client = owner(related_name="agenda_items")
    text = models.CharField("what you'd like to talk about", max_length=AGENDA_MAX)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items"
    )
    discussed_in = models.ForeignKey(
        TherapySession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    discussed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["discussed_at", "created_at"]

    def __str__(self) -> str:
        return self.text
