import uuid

from django.db import models

IP_MAX = 45  # an IPv6 address written out in full
PATH_MAX = 300  # a path or link kept in a row: the audit event's path, a form's next page
EMAIL_KEY_MAX = 200
SUBJECT_MAX = 300
ERROR_MAX = 300


class BaseModel(models.Model):
    """UUID keys, so ids in URLs reveal nothing about how many records exist."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(BaseModel):
    """A record two people may edit at once. Every save names the version it started
    from and moves it on (cairn/core/conflicts.py), so the second of two saves is
    refused with a conflict page instead of being laid over the first."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One access to client data, sign-in or denied request. Append-only.

    The table is created by this app's migration together with triggers that
    make the database itself refuse UPDATE and DELETE. It is unmanaged so that
    nothing in Django (including the test runner's flush) tries to empty it.
    Ids are kept as plain values, not foreign keys, so that deleting a person
    never has to touch the log. No clinical text is ever stored here.
    """

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", "Allowed"
        DENIED = "denied", "Denied"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(db_index=True)
    actor_id = models.UUIDField(null=True, blank=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    client_id = models.UUIDField(null=True, blank=True, db_index=True)
    # A list (the caseload) is one event naming every client it showed, space-separated.
    client_ids = models.TextField(blank=True, default="")
    practice_id = models.UUIDField(null=True, blank=True, db_index=True)
    ip = models.CharField(max_length=IP_MAX, blank=True)
    path = models.CharField(max_length=PATH_MAX, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)

    class Meta:
        managed = False
        db_table = "core_auditevent"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.outcome}"

    @property
    def listed_count(self) -> int:
        return len(self.client_ids.split())


class Heartbeat(models.Model):
    """When a background process last did its round (the scheduler's tick), so
    /healthz can say when one has stopped."""

    name = models.CharField(max_length=40, primary_key=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"


class OutgoingEmail(models.Model):
    """One e-mail Cairn means to send, kept until it is sent (or given up on).

    The key names what the mail is for ("reminder:<user>:checkin:2026-11-28",
    "invitation:<id>"): asking to send the same key twice sends it once. The
    worker sends due mail, retries failures with a growing pause for hours, and
    after the last try marks it failed for the practice's admin to see.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.CharField(max_length=EMAIL_KEY_MAX, unique=True)
    practice_id = models.UUIDField(null=True, blank=True, db_index=True)
    to = models.JSONField()
    subject = models.CharField(max_length=SUBJECT_MAX)
    body = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=ERROR_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"


class OnceKey(models.Model):
    """A create form's one-time key, used: pressing Save again with the same key
    (after an answer that never arrived) leads to what the first press made."""

    key = models.UUIDField(primary_key=True)
    user_id = models.UUIDField()
    next_url = models.CharField(max_length=PATH_MAX)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return str(self.key)


class RecordVersion(models.Model):
    """What a client's record looks like now, as a token that changes with every
    write to anything their pages show (cairn/home/record_versions.py sets it in the
    write's own transaction). Pages drawn from the record are kept per process under
    it (cairn/core/page_cache.py), so an unchanged record is not read again. No row:
    nothing was written since this table began, which is a version too.
    `clinical_token` changes with the clinical writes only (not a routine's days or a
    person's own settings): the pages a therapist works from are kept under it."""

    client_id = models.UUIDField(primary_key=True)
    token = models.UUIDField(default=uuid.uuid4)
    clinical_token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return f"{self.client_id}: {self.token}"
