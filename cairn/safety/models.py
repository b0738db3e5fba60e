from django.conf import settings
from django.db import models
from django.db.models import Q

from cairn.accounts.models import done_by, made_by, owner
from cairn.care.models import Practice
from cairn.core.models import BaseModel, VersionedModel
from cairn.safety.crisis import COUNTRIES, DEFAULT_COUNTRY, NATIONAL_LINES, Country, Line

FLAG_REASON_MAX = 200
EXCERPT_MAX = 1000
REVIEW_NOTE_MAX = 2000


class Action(models.TextChoices):
    CALLED = "called", "Called the client"
    DISCUSSED = "discussed", "Discussed it in session"
    COLLEAGUE = "colleague", "Spoke to a colleague"
    NOT_A_CONCERN = "not_a_concern", "Not a concern now"


class RiskFlagQuerySet(models.QuerySet["RiskFlag"]):
    def open(self) -> "RiskFlagQuerySet":
        """The flags no therapist has reviewed yet (`RiskFlag.is_open`, in a query)."""
        return self.filter(reviewed_at__isnull=True)


class RiskFlag(BaseModel):
    """A sign of risk in something the therapist may read. It stays open until a
    treating therapist records what they did; the review is kept in the record."""

    client = owner(related_name="risk_flags")
    # What the sign was seen in: `core.risk.source_kind` and the row's id.
    source_kind = models.CharField(max_length=60)
    source_id = models.CharField(max_length=64)
    # What every page shows: the sign and where it was seen, worded once when the
    # flag was raised (`core.risk.risk_reason`), so a page never words it again.
    reason = models.CharField(max_length=FLAG_REASON_MAX)
    excerpt = models.TextField(blank=True, max_length=EXCERPT_MAX)
    raised_at = models.DateTimeField()
    reviewed_by = done_by(related_name="risk_flags_reviewed")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    action = models.CharField("what you did", max_length=20, choices=Action.choices, blank=True)
    note = models.TextField("note (optional)", blank=True, max_length=REVIEW_NOTE_MAX)

    objects = RiskFlagQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["client", "reviewed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(reviewed_at__isnull=True, action="")
                | Q(reviewed_at__isnull=False, reviewed_by__isnull=False) & ~Q(action=""),
                name="a_review_says_who_and_what",
            ),
        ]

    def __str__(self) -> str:
        return f"Risk flag {self.raised_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        """Not reviewed yet (`RiskFlag.objects.open()` asks the same of the database)."""
        return self.reviewed_at is None


def _step(label: str, help_text: str) -> models.TextField:
    """One step of the plan: the client's own words, in answer to the step's prompt."""
    return models.TextField(label, blank=True, max_length=2000, help_text=help_text)


class SafetyPlan(BaseModel):
    """One version of a client's safety plan (the six steps of the Stanley–Brown
    Safety Planning Intervention, in Cairn's own words, and reasons for living).
    A change adds a version; none is overwritten. The newest is the plan."""

    client = owner(related_name="safety_plans")
    number = models.PositiveIntegerField()
    written_by = made_by()
    warning_signs = _step(
        "Signs that a hard time may be starting",
        "Thoughts, feelings, situations or things I do that tell me it's building up.",
    )
    on_my_own = _step(
        "Things I can do on my own to take my mind off it",
        "Small things that have helped before, even a little.",
    )
    people_and_places = _step(
        "People and places that help me feel better",
        "Company or somewhere to be, without having to talk about how I feel.",
    )
    people_to_ask = _step(
        "People I can ask for help, and how to reach them",
        "Names and numbers, so I don't have to look for them.",
    )
    professionals = _step(
        "Professionals and crisis lines I can contact",
        "My therapist, my doctor, and the lines below. Emergency numbers are always there too.",
    )
    safer_surroundings = _step(
        "Making where I am safer",
        "What I can put away, give to someone to keep, or stay away from for now.",
    )
    reasons_for_living = _step(
        "What I live for",
        "People, hopes, things I love: what matters most to me.",
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "number"], name="one_safety_plan_version_per_number"
            )
        ]

    STEPS = (
        "warning_signs",
        "on_my_own",
        "people_and_places",
        "people_to_ask",
        "professionals",
        "safer_surroundings",
        "reasons_for_living",
    )

    def __str__(self) -> str:
        return f"Safety plan, version {self.number}"

    def steps(self) -> list[tuple[str, str, str]]:
        """(field name, label, what the client wrote) for every step, in order."""
        return [
            (
                name,
                str(getattr(self._meta.get_field(name), "verbose_name", name)),
                getattr(self, name),
            )
            for name in self.STEPS
        ]

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in self.STEPS)


class CrisisSettings(VersionedModel):
    """A practice's crisis resources: the one home of what a client does when they need
    urgent help from this practice (its number and hours, its own words, the national
    lines, its country's emergency number). Kept here, one-to-one with the practice, so
    the care app knows nothing of crises; a practice without a row gets its country's
    defaults (selectors.crisis_settings_of)."""

    practice = models.OneToOneField(
        Practice, on_delete=models.CASCADE, related_name="crisis_settings"
    )
    country = models.CharField(
        max_length=2,
        choices=[(c.code, c.name) for c in COUNTRIES.values()],
        default=DEFAULT_COUNTRY,
    )
    phone = models.CharField(
        "the practice's crisis number",
        max_length=40,
        blank=True,
        help_text="A number clients can call in your opening hours if things get bad.",
    )
    hours = models.CharField(
        "when it is answered",
        max_length=200,
        blank=True,
        help_text='For example "Monday to Friday, 9am to 5pm".',
    )
    # The practice's own words, as long as the practice's "crisis line" they replace
    # (safety 0002 moved every practice's here).
    urgent_help = models.TextField(
        "what to do if someone needs urgent help",
        blank=True,
        max_length=500,
        help_text=(
            "What someone should do if they need urgent help outside sessions, in your own "
            "words. Shown at the foot of every page, the sign-in page too."
        ),
    )
    national_lines = models.JSONField(
        "national lines to show",
        default=list,
        blank=True,
        help_text="Free lines open day and night.",
    )

    def __str__(self) -> str:
        return f"Crisis settings of {self.practice}"

    @property
    def country_info(self) -> Country:
        return COUNTRIES.get(self.country, COUNTRIES[DEFAULT_COUNTRY])

    @property
    def emergency(self) -> str:
        return self.country_info.emergency

    @property
    def lines(self) -> list[Line]:
        return [NATIONAL_LINES[code] for code in self.national_lines if code in NATIONAL_LINES]


class ExpectationsSeen(models.Model):
    """That a client has read, once, who reads what they write and when."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return "Expectations seen"
