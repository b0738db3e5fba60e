from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cairn.accounts.models import normal_email, owner
from cairn.care.tokens import token_hash_field
from cairn.core.models import BaseModel, VersionedModel
from cairn.goals.models import Goal, Milestone
from cairn.progress.models import Win

RELATIONSHIP_MAX = 80
CHEER_MAX = 280


class SupportGrant(VersionedModel):
    """What one supporter may see of one client's record, from when, until when."""

    client = owner(related_name="grants_given")
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grants_received",
        null=True,
        blank=True,
    )
    # Until accepted, the grant waits on an invitation to this address.
    email = models.EmailField()
    relationship = models.CharField("who they are to you", max_length=RELATIONSHIP_MAX, blank=True)
    goals = models.ManyToManyField(Goal, related_name="grants", blank=True)
    all_wins = models.BooleanField("all my wins", default=False)
    wins = models.ManyToManyField(Win, related_name="grants", blank=True)
    milestones = models.ManyToManyField(Milestone, related_name="grants", blank=True)
    # The safety plan is never shared unless the client ticks this for this person.
    safety_plan = models.BooleanField("my safety plan", default=False)
    ends_on = models.DateField("until", null=True, blank=True)
    token_hash = token_hash_field()
    invitation_expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    blocked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["supporter", "revoked_at"])]

    def __str__(self) -> str:
        return f"Sharing with {self.email}"

    @property
    def unusable_reason(self) -> str | None:
        """Why the invitation link no longer opens, in the words its page and the accepting
        services give: "used", or "expired" (withdrawn or run out). None while it still opens."""
        if self.accepted_at is not None:
            return "used"
        if self.revoked_at is not None or self.invitation_expires_at <= timezone.now():
            return "expired"
        return None

    def is_sent_to(self, email: str) -> bool:
        """Whether `email` is the address the invitation was sent to: a forwarded link is not
        an invitation, so it opens only for that address."""
        return normal_email(email) == normal_email(self.email)


def live_grants() -> Q:
    """Grants in force today: accepted, not stopped (a block stops one too) and not
    past their last day."""
    return Q(accepted_at__isnull=False, revoked_at__isnull=True, blocked=False) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
    )


def item_key(record: Goal | Win | Milestone) -> str:
    """How the sharing forms name a goal, a win or a step reached: "goal:<id>",
    "win:<id>" or "milestone:<id>" (the page writes it, the server finds it by it)."""
    return f"{record._meta.model_name}:{record.pk.hex}"


class Cheer(BaseModel):
    """A short word of encouragement from a supporter on a shared goal or win."""

    grant = models.ForeignKey(SupportGrant, on_delete=models.CASCADE, related_name="cheers")
    text = models.CharField("your message", max_length=CHEER_MAX)
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="cheers"
    )
    win = models.ForeignKey(
        Win, on_delete=models.CASCADE, null=True, blank=True, related_name="cheers"
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, null=True, blank=True, related_name="cheers"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]
