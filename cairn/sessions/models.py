from django.conf import settings
from django.db import models

from cairn.core.models import BaseModel
from cairn.goals.models import Goal

NOTE_MAX = 20_000
SUMMARY_MAX = 5_000


class SessionKind(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video"
    PHONE = "phone", "Phone"
    REVIEW = "review", "Review"
    OTHER = "other", "Other"


class TherapySession(BaseModel):
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapy_sessions"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sessions_held"
    )
    held_on = models.DateField("date")
    length_minutes = models.PositiveSmallIntegerField("length (minutes)")
    kind = models.CharField(
        max_length=20, choices=SessionKind.choices, default=SessionKind.IN_PERSON
    )
    summary = models.TextField("summary for the client", blank=True, max_length=SUMMARY_MAX)
    homework = models.TextField("homework for the client", blank=True, max_length=SUMMARY_MAX)
    summary_shared_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["client", "held_on"])]

    def __str__(self) -> str:
        return f"Session on {self.held_on:%d %B %Y}"


class SessionNote(BaseModel):
    """A therapist's private note. Stored encrypted; readable by its author alone."""

    session = models.ForeignKey(TherapySession, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ciphertext = models.TextField()
    version = models.PositiveIntegerField(default=1)

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

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_items"
    )
    text = models.CharField("what you'd like to talk about", max_length=500)
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
