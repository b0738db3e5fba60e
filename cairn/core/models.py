import uuid

from django.db import models


class BaseModel(models.Model):
    """UUID keys, so ids in URLs reveal nothing about how many records exist."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
    # For a page that lists many clients (the caseload): their ids, comma-separated,
    # so that one view is one event and each listed client can still find it.
    client_ids = models.TextField(blank=True, default="")
    practice_id = models.UUIDField(null=True, blank=True, db_index=True)
    ip = models.CharField(max_length=45, blank=True)
    path = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)

    class Meta:
        managed = False
        db_table = "core_auditevent"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.outcome}"
