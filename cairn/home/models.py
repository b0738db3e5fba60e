"""The caseload's summary of each client, kept beside the records it is drawn from.

One row per client (none for a client with nothing to say): what places them in a
tier of attention, and what their card shows. Written in the same transaction as
every record it is drawn from (cairn/home/receivers.py), and rebuilt from the
records by `manage.py caseload_rebuild`. It stores dates, never "how long ago":
whatever depends on today (gone quiet, the last and the next session, the trend
window, a step past its date) is worked out when the caseload is read.
"""

from django.conf import settings
from django.db import models


class CaseloadSummary(models.Model):
    # No database constraint: the row follows its client (see receivers), and a
    # client's deletion must not wait on it.
    client = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="caseload_summary",
    )
    # The tiers that do not move with time: when each began (None: not in it).
    risk_flag = models.ForeignKey(
        "safety.RiskFlag", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    risk_since = models.DateField(null=True, blank=True)
    worsening_since = models.DateField(null=True, blank=True)
    stuck_since = models.DateField(null=True, blank=True)
    waiting_since = models.DateField(null=True, blank=True)
    # "Gone quiet" is read against today from these two (and any pause).
    has_active_goal = models.BooleanField(default=False)
    last_checkin = models.DateField(null=True, blank=True)
    # The card, by the part of the record each comes from (see summary.py): reasons in
    # words ({part: [[tier, words, since], …]}), what waits on the client ({part:
    # [words, …]}), the active goals ([{"id", "title"}, …]) and their recent ratings
    # ({goal id: [[day, rating], …]}).
    reasons = models.JSONField(default=dict, blank=True)
    waiting_on_client = models.JSONField(default=dict, blank=True)
    goals = models.JSONField(default=list, blank=True)
    ratings = models.JSONField(default=dict, blank=True)
    # The earliest date of a step not yet done (of an active goal).
    first_open_due = models.DateField(null=True, blank=True)
    last_shared_at = models.DateTimeField(null=True, blank=True)
    # Session days that can still be "last" or "next" from the day of writing on.
    held_days = models.JSONField(default=list, blank=True)
    planned_days = models.JSONField(default=list, blank=True)
    phq9_total = models.PositiveSmallIntegerField(null=True, blank=True)
    gad7_total = models.PositiveSmallIntegerField(null=True, blank=True)
    # When it was last written: a card drawn from an unchanged summary is drawn alike,
    # so the caseload keeps it (cairn/home/caseload.py) until this moves.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # Everything that places a client in a tier, read from the index alone: the
            # caseload ranks all of a therapist's clients on each view (caseload_ranking.py).
            models.Index(
                fields=[
                    "client",
                    "risk_since",
                    "worsening_since",
                    "stuck_since",
                    "waiting_since",
                    "has_active_goal",
                    "last_checkin",
                ],
                name="home_summary_tier_facts",
            )
        ]

    def __str__(self) -> str:
        return f"Caseload summary of {self.client_id}"
