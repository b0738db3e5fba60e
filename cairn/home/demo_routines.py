"""A demo client in maintenance after therapy: routines of varied strength, a
maintenance plan and a history of reminders. Invented people only."""

import random
from datetime import time, timedelta

from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.models import CareRelationship
from cairn.care.services import care_end
from cairn.reminders.models import Notification, Preference, ReminderSent, Rhythm
from cairn.routines.models import (
    PERIOD_DAYS,
    LogStatus,
    MaintenancePlan,
    Period,
    Routine,
    RoutineLog,
)

ROUTINES = [
    # name, times, period, share of expected days done, time of day
    ("A 20-minute walk", 3, "week", 0.9, time(7, 30)),
    ("Ten minutes of mindfulness", 1, "day", 0.55, time(21, 0)),
    ("Call or message a friend", 1, "week", 0.3, None),
]


def seed_maintenance(client: User, therapist: User) -> None:
    if Routine.objects.filter(client=client).exists():
        return
    rng = random.Random(client.email)
    today = timezone.localdate()
    relationship = (
        CareRelationship.objects.current().filter(client=client, therapist=therapist).first()
    )
    if relationship:
        care_end(
            relationship=relationship,
            by=therapist,
            reason="Goals reached; moving to maintenance",
            ended_on=today - timedelta(days=40),
        )
    for name, times, period, share, at in ROUTINES:
        routine = Routine.objects.create(
            client=client, name=name, times=times, period=period, time_of_day=at
        )
        Routine.objects.filter(pk=routine.pk).update(created_at=timezone.now() - timedelta(days=90))
        per_day = times / PERIOD_DAYS[Period(period)]
        logs = []
        for offset in range(90, 0, -1):
            if rng.random() < per_day * share:
                logs.append(
                    RoutineLog(
                        routine=routine, date=today - timedelta(days=offset), status=LogStatus.DONE
                    )
                )
            elif rng.random() < 0.05:
                logs.append(
                    RoutineLog(
                        routine=routine,
                        date=today - timedelta(days=offset),
                        status=LogStatus.SKIPPED,
                    )
                )
        RoutineLog.objects.bulk_create(logs)
    MaintenancePlan.objects.get_or_create(
        client=client,
        defaults={
            "warning_signs": "Lying awake past one in the morning for several nights.\nCancelling plans with friends.\nSkipping walks for more than a week.",
            "coping": "The walk round the park. Writing three lines before bed. Telling my partner early rather than late.",
            "people": "My partner, Sol. My friend Ayo (evenings are best).",
            "when_to_return": "If the warning signs last more than two weeks, I'll call the practice.",
        },
    )
    Preference.objects.update_or_create(user=client, defaults={"checkin_rhythm": Rhythm.WEEKLY})
    for offset in (14, 7, 0):
        day = today - timedelta(days=offset)
        ReminderSent.objects.get_or_create(user=client, key=f"checkin:{day.isoformat()}")
        Notification.objects.create(
            user=client, kind="checkin", message="You have a check-in waiting", link="/checkin/"
        )
