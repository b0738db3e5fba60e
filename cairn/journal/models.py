from django.db import models

from cairn.accounts.models import owner
from cairn.core.models import VersionedModel
from cairn.goals.models import Goal
from cairn.journal.markdown import plain_text
from cairn.progress.models import Mood

TITLE_MAX = 200
BODY_MAX = 20_000
TAG_MAX = 30  # characters in one tag
TAGS_MAX = 10  # tags on one entry


class JournalEntry(VersionedModel):
    client = owner(related_name="journal_entries")
    title = models.CharField("title", max_length=TITLE_MAX, blank=True)
    body = models.TextField("what's on your mind", max_length=BODY_MAX)
    mood = models.PositiveSmallIntegerField(null=True, blank=True)
    # Normalised tags, space-separated with a space at each end, so " sleep " finds one.
    tags = models.CharField(max_length=500, blank=True)
    goals = models.ManyToManyField(Goal, related_name="journal_entries", blank=True)
    shared_with_therapist = models.BooleanField(default=False)
    shared_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "deleted_at", "created_at"])]

    def __str__(self) -> str:
        when = self.created_at
        return self.title or f"Entry of {when.day} {when:%B %Y}"

    @property
    def preview(self) -> str:
        """The entry's words as plain text, without Markdown's marks."""
        return plain_text(self.body)

    @property
    def mood_word(self) -> str:
        """The word the client chose ("Good"), not its number."""
        return Mood(self.mood).label if self.mood in Mood.values else ""

    @property
    def tag_list(self) -> list[str]:
        return self.tags.split()


class JournalEntryVersion(models.Model):
    """An earlier version of an entry, kept when it is edited."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField()
    mood = models.PositiveSmallIntegerField(null=True, blank=True)
    tags = models.CharField(max_length=500, blank=True)
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="one_journal_version_number")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"
