import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from cairn.accounts.models import owner
from cairn.core.models import BaseModel, VersionedModel


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(BaseModel):
    """A client's private calendar address. The token is the only key: resetting
    it makes every old address stop working at once."""

    client = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    show_titles = models.BooleanField("show my own titles for steps and routines", default=False)

    def __str__(self) -> str:
        return "Calendar feed"


class ExportKind(models.TextChoices):
    ZIP = "zip", "Everything, as a ZIP file"
    REPORT_PDF = "report_pdf", "Progress report, as a PDF"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being prepared"
    DONE = "done", "Ready"
    FAILED = "failed", "Could not be made"


# A job on its way: waiting for the worker, or being prepared by it.
BUSY = (ExportStatus.QUEUED, ExportStatus.RUNNING)


class ExportJob(BaseModel):
    """A file prepared by the task worker for one person. Its link works once, for a
    day, for the person who asked; after that the file is gone."""

    client = owner(related_name="export_jobs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ExportKind.choices)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_busy(self) -> bool:
        return self.status in BUSY

    @property
    def is_waiting(self) -> bool:
        """Whether the file waits to be taken: made, not downloaded yet, and within its day."""
        return (
            self.status == ExportStatus.DONE
            and self.downloaded_at is None
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )


DEFAULT_RETENTION_YEARS = 8
RETENTION_YEARS_MAX = 100


class RetentionPolicy(VersionedModel):
    """How long a practice keeps a closed account's clinical record. Kept here,
    one-to-one with the practice, so the care app needs no change; a practice
    without a row keeps records for DEFAULT_RETENTION_YEARS."""

    practice = models.OneToOneField(
        "care.Practice", on_delete=models.CASCADE, related_name="retention_policy"
    )
    years = models.PositiveSmallIntegerField(
        "years a closed account's clinical record is kept",
        default=DEFAULT_RETENTION_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(RETENTION_YEARS_MAX)],
        help_text="Counted from the day the client closes their account. Check what the law "
        "and your professional body ask of you (in England, 8 years for adults is usual).",
    )

    def __str__(self) -> str:
        return f"{self.years} years"


class AccountClosure(BaseModel):
    """A client asked to close their account. Their own space went at once; the
    clinical record waits until `keep_until`, then the worker removes it all."""

    client = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_closure"
    )
    practice = models.ForeignKey(
        "care.Practice", on_delete=models.CASCADE, null=True, related_name="+"
    )
    keep_until = models.DateField()

    class Meta:
        ordering = ["keep_until"]

    def __str__(self) -> str:
        return f"Closed; kept until {self.keep_until}"
