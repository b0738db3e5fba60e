import re
from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from cairn.accounts.models import done_by, made_by, owner
from cairn.core.models import BaseModel, VersionedModel
from cairn.goals.achievement_window import STUCK_FOR_WORDS, TOO_EARLY_BELOW, WINDOW

TITLE_MAX = 200
TEXT_MAX = 4000
REASON_MAX = 500
COMMENT_MAX = 1000
# A goal's progress rating: 0 none, 5 half way, 10 reached (CLINICAL.md). Progress's
# ratings are on it, and a goal's rating_target is a point of it.
RATING_MAX = 10
# How confident the client feels they can reach the goal: its own 0-to-10 question
# (smart.py reads 7 or more as achievable), not a point of the rating scale.
CONFIDENCE_MAX = 10


class FocusArea(models.TextChoices):
    ANXIETY = "anxiety", "Anxiety"
    COMMUNICATION = "communication", "Communication"
    CONFIDENCE = "confidence", "Confidence"
    MOOD = "mood", "Mood"
    SLEEP = "sleep", "Sleep"
    RELATIONSHIPS = "relationships", "Relationships"
    WORK = "work", "Work"


class Vision(BaseModel):
    """One version of a client's vision of life after therapy. Never overwritten:
    revising it adds a newer version, and the earlier ones stay readable."""

    client = owner(related_name="visions")
    number = models.PositiveIntegerField()
    feel_day_to_day = models.TextField(
        "how I would feel day to day", blank=True, max_length=TEXT_MAX
    )
    relationships = models.TextField(
        "what my relationships would look like", blank=True, max_length=TEXT_MAX
    )
    challenges_overcome = models.TextField(
        "which challenges I would have overcome", blank=True, max_length=TEXT_MAX
    )
    focus_areas = models.JSONField("focus areas", default=list, blank=True)
    own_focus = models.CharField("in my own words", max_length=TITLE_MAX, blank=True)
    values = models.TextField("what matters most to me", blank=True, max_length=TEXT_MAX)
    written_by = made_by()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "number"], name="one_vision_version_number_per_client"
            )
        ]

    def __str__(self) -> str:
        return f"Vision {self.number}"

    def focus(self) -> list[tuple[str, str]]:
        """The focus areas chosen, each as (label, code), then the client's own words
        with no code."""
        chosen = [
            (FocusArea(code).label, code) for code in self.focus_areas if code in FocusArea.values
        ]
        return chosen + ([(self.own_focus, "")] if self.own_focus else [])

    def focus_labels(self) -> list[str]:
        return [label for label, _ in self.focus()]


class Lifecycle(models.TextChoices):
    """FHIR R4 Goal.lifecycleStatus (http://hl7.org/fhir/goal-status)."""

    PROPOSED = "proposed", "Proposed, waiting for agreement"
    PLANNED = "planned", "Planned"
    ACCEPTED = "accepted", "Accepted"
    ACTIVE = "active", "Active"
    ON_HOLD = "on-hold", "Paused"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Set aside"
    ENTERED_IN_ERROR = "entered-in-error", "Entered in error"
    REJECTED = "rejected", "Not taken up"


class Achievement(models.TextChoices):
    """FHIR R4 Goal.achievementStatus (terminology.hl7.org/CodeSystem/goal-achievement)."""

    IN_PROGRESS = "in-progress", "In progress"
    IMPROVING = "improving", "Improving"
    WORSENING = "worsening", "Harder lately"
    NO_CHANGE = "no-change", "Steady"
    ACHIEVED = "achieved", "Achieved"
    SUSTAINING = "sustaining", "Sustaining"
    NOT_ACHIEVED = "not-achieved", "Not achieved"
    NO_PROGRESS = "no-progress", f"Stuck low for {STUCK_FOR_WORDS}"
    NOT_ATTAINABLE = "not-attainable", "Not attainable"


class Priority(models.TextChoices):
    HIGH = "high-priority", "High"
    MEDIUM = "medium-priority", "Medium"
    LOW = "low-priority", "Low"


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"


class Goal(VersionedModel):
    client = owner(related_name="goals")
    title = models.CharField("goal", max_length=TITLE_MAX)
    description = models.TextField("what exactly I will do", blank=True, max_length=TEXT_MAX)
    why_it_matters = models.TextField("why it matters to me", blank=True, max_length=TEXT_MAX)
    focus_area = models.CharField("focus area", max_length=TITLE_MAX, blank=True)
    measure_name = models.CharField(
        "what I will count or measure", max_length=TITLE_MAX, blank=True
    )
    measure_unit = models.CharField("unit", max_length=40, blank=True)
    measure_baseline = models.DecimalField(
        "where I am now", max_digits=12, decimal_places=2, null=True, blank=True
    )
    measure_target = models.DecimalField(
        "where I want to be", max_digits=12, decimal_places=2, null=True, blank=True
    )
    measure_direction = models.CharField(
        "which way is better", max_length=4, choices=Direction.choices, blank=True
    )
    confidence = models.PositiveSmallIntegerField(
        f"how confident I feel (0 to {CONFIDENCE_MAX})",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(CONFIDENCE_MAX)],
    )
    start_date = models.DateField("start date", default=timezone.localdate)
    target_date = models.DateField("target date", null=True, blank=True)
    priority = models.CharField(max_length=20, choices=Priority.choices, default=Priority.MEDIUM)
    lifecycle_status = models.CharField(
        max_length=20, choices=Lifecycle.choices, default=Lifecycle.PROPOSED
    )
    achievement_status = models.CharField(
        max_length=20, choices=Achievement.choices, default=Achievement.IN_PROGRESS
    )
    # Set when a therapist chose the achievement status by hand; ratings no longer change it.
    achievement_overridden = models.BooleanField(default=False)
    # What the derived status compared (progress/achievement.py): medians of the first and
    # last 3 ratings, and how many ratings there were.
    achievement_baseline = models.PositiveSmallIntegerField(null=True, blank=True)
    achievement_current = models.PositiveSmallIntegerField(null=True, blank=True)
    achievement_ratings = models.PositiveIntegerField(default=0)
    rating_target = models.PositiveSmallIntegerField(
        f"the rating that means reached (out of {RATING_MAX})",
        default=RATING_MAX,
        validators=[MinValueValidator(1), MaxValueValidator(RATING_MAX)],
    )
    status_date = models.DateField(default=timezone.localdate)
    proposed_by = made_by(related_name="goals_proposed")
    agreed_by = done_by(related_name="goals_agreed")
    agreed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "lifecycle_status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_date__isnull=True)
                | models.Q(target_date__gte=models.F("start_date")),
                name="goal_target_not_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__isnull=True)
                | models.Q(confidence__gte=0, confidence__lte=CONFIDENCE_MAX),
                name="goal_confidence_0_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(rating_target__gte=1, rating_target__lte=RATING_MAX),
                name="goal_rating_target_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.lifecycle_status in {Lifecycle.PROPOSED, Lifecycle.ACTIVE, Lifecycle.ON_HOLD}

    @property
    def has_measure(self) -> bool:
        return bool(self.measure_name) and self.measure_target is not None

    @property
    def achievement_label_for_client(self) -> str:
        """Stuck low is for the therapist to notice, never shown to the client as failure."""
        if self.achievement_status == Achievement.NO_PROGRESS:
            return "Steady for now"
        return self.get_achievement_status_display()

    @property
    def achievement_compares(self) -> str:
        """What the status compares, in words, next to every status shown."""
        if self.achievement_overridden:
            return "Set by the therapist, with a reason kept in the goal's history."
        count = self.achievement_ratings
        if self.achievement_status == Achievement.ACHIEVED and count >= WINDOW:
            return f"The last {WINDOW} ratings are all {self.rating_target} or more out of {RATING_MAX}."
        if count < TOO_EARLY_BELOW or self.achievement_baseline is None:
            so_far = "no ratings yet" if count == 0 else f"{count} so far"
            return (
                "Too early to say: it compares ratings once there are "
                f"{TOO_EARLY_BELOW} ({so_far})."
            )
        return (
            f"The last {WINDOW} ratings (middle one {self.achievement_current}) against "
            f"the first {WINDOW} (middle one {self.achievement_baseline})."
        )


class BarrierKind(models.TextChoices):
    TRIGGER = "trigger", "A place, time or trigger"
    RELATIONSHIP = "relationship", "A relationship"
    BEHAVIOUR = "behaviour", "A habit or behaviour"
    BELIEF = "belief", "A belief or thought"
    PRACTICAL = "practical", "Something practical"
    OTHER = "other", "Something else"


class Barrier(VersionedModel):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="barriers")
    kind = models.CharField("what kind of thing", max_length=20, choices=BarrierKind.choices)
    description = models.TextField("what might get in the way", max_length=TEXT_MAX)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.description[:60]


class Plan(VersionedModel):
    """An if-then plan (implementation intention) answering one or more barriers."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="plans")
    if_cue = models.TextField("If…", max_length=TEXT_MAX)
    then_action = models.TextField("then I will…", max_length=TEXT_MAX)
    barriers = models.ManyToManyField(Barrier, related_name="plans", blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.sentence[:80]

    @property
    def cue(self) -> str:
        """The "if" part without a repeated "If" or a closing comma."""
        return re.sub(r"^\s*if\s+", "", self.if_cue, flags=re.I).strip().rstrip(",.")

    @property
    def action(self) -> str:
        """The "then" part without a repeated "then I will" or a closing full stop."""
        text = re.sub(
            r"^\s*(?:then[\s,]+)?(?:i\s+will|i['’]ll)\s+", "", self.then_action, flags=re.I
        )
        return re.sub(r"^\s*then\s+", "", text, flags=re.I).strip().rstrip(".")

    @property
    def sentence(self) -> str:
        return f"If {self.cue}, then I will {self.action}."


class MilestoneQuerySet(models.QuerySet["Milestone"]):
    def open_and_dated(self) -> "MilestoneQuerySet":
        """Steps still to take that have a date, on goals being worked on (active): the
        steps the calendar shows, reminders tell of and the caseload counts as due."""
        return self.filter(
            goal__lifecycle_status=Lifecycle.ACTIVE, done_at__isnull=True, due_date__isnull=False
        )


class Milestone(VersionedModel):
    objects = MilestoneQuerySet.as_manager()

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("step", max_length=TITLE_MAX)
    position = models.PositiveIntegerField(default=0)
    due_date = models.DateField("by when", null=True, blank=True)
    reward = models.CharField("my reward when I get there", max_length=TITLE_MAX, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The order of a goal's steps, wherever they are read, shown or moved.
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class RevisionReason(models.TextChoices):
    CREATED = "created", "Written"
    EDITED = "edited", "Edited"
    NO_LONGER_FITS = "no_longer_fits", "It no longer fits"
    OUT_OF_REACH = "out_of_reach", "It feels out of reach"
    ACHIEVED_SOONER = "achieved_sooner", "Achieved sooner than planned"
    LIFE_CHANGED = "life_changed", "Life changed"
    OTHER = "other", "Another reason"
    AGREED = "agreed", "Agreed"
    PAUSED = "paused", "Paused"
    RESUMED = "resumed", "Picked up again"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Set aside"
    REOPENED = "reopened", "Reopened"
    REORDERED = "reordered", "Reordered"
    ACHIEVEMENT = "achievement", "Progress status set by hand"


@dataclass(frozen=True)
class StatusMove:
    """A move of a goal's lifecycle status a person makes by hand: from which statuses,
    to which, the reason its revision keeps, and its words on screen: the goal page's
    link, the page that asks (heading, a line of encouragement, the button) and what
    the person is told once it is done."""

    allowed_from: frozenset[str]
    to: str
    reason: str
    link: str
    heading: str
    lede: str
    button: str
    done: str


# The moves, in the order the goal page offers them; the key is the form's "action".
STATUS_MOVES = {
    "pause": StatusMove(
        allowed_from=frozenset({Lifecycle.ACTIVE}),
        to=Lifecycle.ON_HOLD,
        reason=RevisionReason.PAUSED,
        link="Pause it for now",
        heading="Pause this goal",
        lede="Life gets full sometimes. Pausing keeps everything as it is until you're ready.",
        button="Pause it",
        done="Paused. Resting is part of the work; pick it up whenever you're ready.",
    ),
    "resume": StatusMove(
        allowed_from=frozenset({Lifecycle.ON_HOLD}),
        to=Lifecycle.ACTIVE,
        reason=RevisionReason.RESUMED,
        link="Pick it up again",
        heading="Pick this goal up again",
        lede="Everything is just where you left it.",
        button="Pick it up again",
        done="Welcome back to this goal.",
    ),
    "complete": StatusMove(
        allowed_from=frozenset({Lifecycle.ACTIVE, Lifecycle.ON_HOLD}),
        to=Lifecycle.COMPLETED,
        reason=RevisionReason.COMPLETED,
        link="Mark it completed",
        heading="Mark this goal completed",
        lede="Finishing a goal is worth pausing on. What helped you get here?",
        button="Mark it completed",
        done="Completed. Well done: take a moment to notice how far you've come.",
    ),
    "cancel": StatusMove(
        allowed_from=frozenset({Lifecycle.PROPOSED, Lifecycle.ACTIVE, Lifecycle.ON_HOLD}),
        to=Lifecycle.CANCELLED,
        reason=RevisionReason.CANCELLED,
        link="Set it aside",
        heading="Set this goal aside",
        lede=(
            "Sometimes a goal stops fitting, and letting it go makes room for one that "
            "does. It stays in your record."
        ),
        button="Set it aside",
        done="Set aside. Letting go of a goal that doesn't fit is a good decision too.",
    ),
}


# The reasons a person chooses from when they revise a goal.
REVISE_REASONS = [
    RevisionReason.NO_LONGER_FITS,
    RevisionReason.OUT_OF_REACH,
    RevisionReason.ACHIEVED_SOONER,
    RevisionReason.LIFE_CHANGED,
    RevisionReason.OTHER,
]


class Revision(BaseModel):
    """One change to a vision, goal, barrier, plan or milestone: who, when, the
    fields before and after, and why. Append-only by convention of the services."""

    client = owner(related_name="+")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    object_type = models.CharField(max_length=20)
    object_id = models.UUIDField()
    by = made_by()
    reason = models.CharField(max_length=20, choices=RevisionReason.choices)
    reason_text = models.CharField("in your own words", max_length=REASON_MAX, blank=True)
    # {field name: [before, after]}, as text ready to show.
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "created_at"])]

    def __str__(self) -> str:
        return f"{self.object_type} {self.get_reason_display()}"


# What a person writes on a goal, in the order the form asks for it.
GOAL_FIELDS = [
    "title",
    "description",
    "why_it_matters",
    "focus_area",
    "measure_name",
    "measure_unit",
    "measure_baseline",
    "measure_target",
    "measure_direction",
    "rating_target",
    "confidence",
    "start_date",
    "target_date",
    "priority",
]

# Why it matters, where it fits, how sure one feels and how soon: each side's own to
# change at once. The rest is what both sides agreed to: a change to it, once a goal
# is agreed, waits for the other side (CLINICAL.md: goals are agreed by client and
# therapist).
OWN_FIELDS = {"why_it_matters", "focus_area", "confidence", "priority"}
AGREED_FIELDS = [name for name in GOAL_FIELDS if name not in OWN_FIELDS]


class ChangeStatus(models.TextChoices):
    WAITING = "waiting", "Changed, waiting for agreement"
    AGREED = "agreed", "Agreed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REPLACED = "replaced", "Replaced by a newer change"


class GoalChange(BaseModel):
    """A change one side made to an agreed goal's wording, measure, target or dates.
    Until the other side agrees, the goal as agreed stands; agreeing applies it."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="changes")
    proposed_by = made_by()
    # {field: the new value as the form gives it back (ISO dates, decimals as text)}
    values = models.JSONField(default=dict)
    # {field: [before, after]}, as text ready to show.
    changes = models.JSONField(default=dict)
    reason = models.CharField(max_length=20, choices=RevisionReason.choices)
    reason_text = models.CharField("in your own words", max_length=REASON_MAX, blank=True)
    status = models.CharField(
        max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.WAITING
    )
    answered_by = done_by()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal"],
                condition=models.Q(status="waiting"),
                name="one_waiting_change_per_goal",
            )
        ]

    def __str__(self) -> str:
        return f"Change to {self.goal_id} ({self.status})"


class GoalComment(BaseModel):
    """A short comment on a goal by the client or their therapist."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="comments")
    author = made_by()
    text = models.CharField("comment", max_length=COMMENT_MAX)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]
