"""Demo safety data: the practice's crisis settings (its number, and its words on what
to do if someone needs urgent help), a safety plan for client2 written with their
therapist, an earlier risk flag the therapist reviewed, and (unless the measures demo
already gave one) an unreviewed flag for client3 so the risk tier shows on the demo
caseload. Invented people and words only."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.models import Practice
from cairn.core.risk import source_kind
from cairn.progress.models import CheckIn, Mood
from cairn.progress.services import checkin_risk_reason
from cairn.safety.models import Action, CrisisSettings, RiskFlag, SafetyPlan

CRISIS_SETTINGS = {
    "country": "GB",
    "phone": "01632 960 419",
    "hours": "Monday to Friday, 8am to 7pm",
    "urgent_help": (
        "If you are in danger or thinking of harming yourself, call 999 or go to your "
        "nearest emergency department. You can call the Samaritans any time on 116 123."
    ),
    "national_lines": ["samaritans", "shout"],
}
PLAN_V1 = {
    "warning_signs": "Lying awake past 3am. Cancelling on people. Thinking 'what's the point'.",
    "on_my_own": "A long shower. The rain sounds playlist. Drawing, even badly.",
    "people_and_places": "The café by the harbour. Sitting with my neighbour's dog.",
    "people_to_ask": "My sister Bryony: 07700 900461. My friend Jas: 07700 900872.",
    "professionals": "Dr Fenwick at Harbour Light. My GP surgery: 01632 960 771.",
    "safer_surroundings": "",
    "reasons_for_living": "My sister's kids. Swimming in the sea again next summer.",
}
PLAN_V2_CHANGES = {
    "safer_surroundings": "Bryony keeps the spare tablets at hers. I keep only a week's worth.",
    "on_my_own": "A long shower. The rain sounds playlist. Drawing, even badly. "
    "Walking to the end of the pier and back.",
}


def seed_safety(
    *, practice: Practice, client2: User, therapist: User, client3: User, therapist2: User
) -> None:
    CrisisSettings.objects.get_or_create(practice=practice, defaults=CRISIS_SETTINGS)
    if SafetyPlan.objects.filter(client=client2).exists():
        return
    now = timezone.now()
    first = SafetyPlan.objects.create(client=client2, number=1, written_by=client2, **PLAN_V1)
    second = SafetyPlan.objects.create(
        client=client2, number=2, written_by=therapist, **(PLAN_V1 | PLAN_V2_CHANGES)
    )
    SafetyPlan.objects.filter(pk=first.pk).update(created_at=now - timedelta(days=41))
    SafetyPlan.objects.filter(pk=second.pk).update(created_at=now - timedelta(days=34))

    earlier = (
        CheckIn.objects.filter(client=client2, date__lte=(now - timedelta(days=42)).date())
        .order_by("-date")
        .first()
    )
    if earlier is not None:
        RiskFlag.objects.create(
            client=client2,
            source_kind=source_kind(earlier),
            source_id=str(earlier.pk),
            reason=checkin_risk_reason(mood=Mood.VERY_LOW, note=""),
            excerpt=earlier.note,
            raised_at=now - timedelta(days=42),
            reviewed_by=therapist,
            reviewed_at=now - timedelta(days=41, hours=20),
            action=Action.CALLED,
            note="Rang the same afternoon. Safe, tired; agreed to write a safety plan together.",
        )

    # The measures demo gives client3 an unreviewed PHQ-9 question 9 answer; without
    # it, their latest check-in carries the flag instead.
    if not RiskFlag.objects.filter(client=client3).exists():
        latest = CheckIn.objects.filter(client=client3).order_by("-date").first()
        if latest is not None:
            latest.mood = Mood.VERY_LOW
            latest.note = "Everything feels heavy. Some days I can't go on like this."
            latest.save(update_fields=["mood", "note", "updated_at"])
            RiskFlag.objects.create(
                client=client3,
                source_kind=source_kind(latest),
                source_id=str(latest.pk),
                reason=checkin_risk_reason(mood=latest.mood, note=latest.note),
                excerpt=latest.note,
                raised_at=timezone.make_aware(datetime.combine(latest.date, time(21, 30))),
            )
