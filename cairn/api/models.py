from django.db import models
from django.utils import timezone

from cairn.accounts.models import owner
from cairn.care.tokens import token_hash_field
from cairn.core.models import BaseModel

# How long a new token works unless its maker says otherwise, and at most (a year).
DEFAULT_DAYS = 90
MAX_DAYS = 365
NAME_MAX = 80


class Scope(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


class ApiToken(BaseModel):
    """A personal access token. Only a hash is stored: the token is shown once."""

    user = owner(related_name="api_tokens")
    name = models.CharField("name", max_length=NAME_MAX)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    token_hash = token_hash_field()
    # The first characters, so a person can tell their tokens apart.
    prefix = models.CharField(max_length=16)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The calls made in the current minute (counted since the epoch), kept on the
    # token's own row: read with the token, bumped with one UPDATE in the call's own
    # commit, shared by every worker process, and never a growing table.
    rate_minute = models.PositiveBigIntegerField(default=0)
    rate_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == Scope.WRITE
