import re
from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from cairn.care.tokens import token_hash_field
from cairn.core.dates import years_after
from cairn.core.models import BaseModel, VersionedModel

REFERENCE_MAX = 20
# What a client's practice reference may be, and the words that say it (the form's help
# and the service's refusal): a letter or digit first, nothing a spreadsheet would run.
REFERENCE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]*$")
REFERENCE_SHAPE = f"up to {REFERENCE_MAX} letters, digits, dashes, dots or slashes, like C-1042"
HANDOVER_MAX = 4000
# A transfer of care always carries a note for the new lead: the form and the service ask.
HANDOVER_MISSING = "Please write a handover note."
END_REASON_MAX = 500


class Role(models.TextChoices):
    ADMIN = "admin", "Practice admin"
    THERAPIST = "therapist", "Therapist"
    CLIENT = "client", "Client"


# Only clients have a practice reference: it tells two clients of the same name apart.
# Given when they join (invitation_accept), changed by the practice's admin
# (access.client_memberships_administered_by), offered on the people page.
REFERENCE_ROLE = Role.CLIENT


class Practice(VersionedModel):
    name = models.CharField(max_length=120)
    address = models.TextField(blank=True, max_length=500)
    phone = models.CharField(max_length=40, blank=True)
    opening_hours = models.TextField(blank=True, max_length=500)
    therapist_read_after_care_ends = models.BooleanField(
        "therapists keep read-only access after care ends",
        default=False,
        help_text="When off, a therapist loses all access to a client's record once care ends.",
    )
    former_therapist_read_years = models.PositiveSmallIntegerField(
        "years a former therapist keeps read-only access",
        default=7,
        validators=[MaxValueValidator(30)],
        help_text="Counted from the day care ends; applies when the setting above is on.",
    )

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """A person's place in a practice. A person belongs to one practice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    # A client's practice reference ("C-1042"), so that two people of the same name can
    # be told apart. Set by the practice or generated; unique within the practice.
    reference = models.CharField("practice reference", max_length=REFERENCE_MAX, blank=True)

    class Meta:
        indexes = [models.Index(fields=["practice", "role"])]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "reference"],
                condition=~Q(reference=""),
                name="one_reference_per_practice",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.practice})"

    @property
    def has_reference(self) -> bool:
        """A client's membership: it has a practice reference (REFERENCE_ROLE)."""
        return self.role == REFERENCE_ROLE


class CareKind(models.TextChoices):
    LEAD = "lead", "Lead therapist"
    CO = "co", "Co-therapist"


def care_current(via: str = "") -> Q:
    """Care that has not ended, reached through `via` ("care_as_client__" from the
    client). A former therapist's reading after it ends is care/access.py's to say."""
    return Q(**{f"{via}ended_at__isnull": True})


class CareQuerySet(models.QuerySet["CareRelationship"]):
    def current(self) -> "CareQuerySet":
        """Care going on now: a lead or co-therapist working with the client."""
        return self.filter(care_current())

    def ended(self) -> "CareQuerySet":
        return self.filter(ended_at__isnull=False)

    def current_first(self, *then: str) -> "CareQuerySet":
        """Care going on now first, then care by when it ended, then `then`. Said
        outright because the databases differ: SQLite sorts a missing end first,
        PostgreSQL last."""
        return self.order_by(F("ended_at").asc(nulls_first=True), *then)


class CareRelationship(BaseModel):
    """A therapist's place in a client's care. One lead per client and practice at
    a time; anyone else joins as a co-therapist with what the grant says they may
    do, or takes over as lead through a transfer with a handover note."""

    practice = models.ForeignKey(
        Practice, on_delete=models.PROTECT, related_name="care_relationships"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="care_as_therapist"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="care_as_client"
    )
    kind = models.CharField(max_length=10, choices=CareKind.choices, default=CareKind.LEAD)
    # What a co-therapist may do besides reading; a lead may do everything.
    may_write = models.BooleanField("may work on goals and plans", default=True)
    may_treat = models.BooleanField(
        "may hold sessions, keep notes and sign summaries", default=True
    )
    handover_note = models.TextField("handover note", blank=True, max_length=HANDOVER_MAX)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(default=timezone.localdate)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=END_REASON_MAX, blank=True)

    objects = CareQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["therapist", "client"],
                condition=Q(ended_at__isnull=True),
                name="one_active_care_relationship_per_pair",
            ),
            models.UniqueConstraint(
                fields=["practice", "client"],
                condition=Q(ended_at__isnull=True, kind="lead"),
                name="one_lead_therapist_per_client",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.therapist} caring for {self.client}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    @property
    def is_lead(self) -> bool:
        return self.kind == CareKind.LEAD

    @property
    def read_until(self) -> datetime | None:
        """When a former therapist's read-only access ends; None when it never began."""
        if self.ended_at is None or not self.practice.therapist_read_after_care_ends:
            return None
        return years_after(self.ended_at, self.practice.former_therapist_read_years)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def unused(self) -> "InvitationQuerySet":
        """Neither accepted nor withdrawn: waiting, or run out and worth sending again.
        Sending one again withdraws the earlier ones for the same address."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Invitation(BaseModel):
    """An emailed link that lets someone set a password and join the practice.

    Only a hash of the link's secret is stored, so the table alone cannot be
    used to accept anyone's invitation.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_sent"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="For a client: the therapist who will care for them.",
    )
    token_hash = token_hash_field()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} as {self.get_role_display()}"

    @property
    def unusable_reason(self) -> str | None:
        """Why the link no longer opens, in the words its page and the accepting service
        give: "used", or "expired" (withdrawn or run out). None while it still opens."""
        if self.accepted_at is not None:
            return "used"
        if self.withdrawn_at is not None or self.expires_at <= timezone.now():
            return "expired"
        return None

    @property
    def is_pending(self) -> bool:
        return self.unusable_reason is None

    @property
    def email_key(self) -> str:
        """Its e-mail's key in the outbox (core.email): queued under it, and how it went
        read back by it on the people page."""
        return f"invitation:{self.pk}"
