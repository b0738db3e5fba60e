"""Demo check-ins, wins and journal entries: months of invented history with noise,
a setback and a recovery, because progress is not linear."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.goals.models import Goal, Lifecycle, Plan
from cairn.journal.models import JournalEntry
from cairn.journal.services import normalise_tags
from cairn.progress.models import CheckIn, GoalRating, MeasureValue, PlanUse, TrackingPause, Win
from cairn.progress.services import achievement_recompute

DAYS = 120


def _rating_on(
    day_index: int, rng: random.Random, *, start: float, end: float, worsening: bool = False
) -> int:
    """A slow climb with noise, and a setback around two thirds of the way; or, for
    someone going through a hard time now, a climb that falls away at the end."""
    progress = start + (end - start) * day_index / DAYS
    if worsening and day_index > DAYS * 0.75:
        progress -= (day_index - DAYS * 0.75) / (DAYS * 0.25) * 6.5
    elif int(DAYS * 0.55) <= day_index <= int(DAYS * 0.68):
        progress -= 3.0
    return max(0, min(10, round(progress + rng.gauss(0, 0.8))))


def seed_progress(
    client: User, *, holiday: bool = False, quiet_lately: bool = False, worsening: bool = False
) -> None:
    if CheckIn.objects.filter(client=client).exists():
        return
    rng = random.Random(client.email)
    today = local_today(client)
    goals = list(
        Goal.objects.filter(
            client=client, lifecycle_status__in=[Lifecycle.ACTIVE, Lifecycle.COMPLETED]
        )
    )
    plans = list(Plan.objects.filter(goal__in=goals))
    holiday_days = set(range(40, 50)) if holiday else set()
    checkins = []
    for index in range(DAYS):
        day = today - timedelta(days=DAYS - index)
        if index in holiday_days or rng.random() > 0.72:
            continue
        if quiet_lately and index > DAYS - 18:
            continue
        mood = max(
            1,
            min(
                5,
                round(2 + 2.2 * index / DAYS + rng.gauss(0, 0.7) - (1 if 66 <= index <= 80 else 0)),
            ),
        )
        checkins.append((index, CheckIn(client=client, date=day, mood=mood, note=_note(rng))))
    CheckIn.objects.bulk_create([c for _, c in checkins])
    ratings, values, uses = [], [], []
    for index, checkin in checkins:
        for goal in goals:
            if goal.start_date > checkin.date:
                continue
            ratings.append(
                GoalRating(
                    checkin=checkin,
                    goal=goal,
                    rating=_rating_on(
                        index, rng, start=5 if worsening else 2, end=8, worsening=worsening
                    ),
                )
            )
            if goal.measure_target is not None and goal.measure_baseline is not None:
                share = min(1.0, index / DAYS * 1.1) - (0.3 if 66 <= index <= 80 else 0)
                if worsening and index > DAYS * 0.75:
                    share -= (index - DAYS * 0.75) / (DAYS * 0.25) * 0.8
                value = (
                    float(goal.measure_baseline)
                    + (float(goal.measure_target) - float(goal.measure_baseline)) * share
                )
                values.append(
                    MeasureValue(
                        checkin=checkin,
                        goal=goal,
                        value=Decimal(max(0, round(value + rng.gauss(0, 0.4)))).quantize(
                            Decimal("1")
                        ),
                    )
                )
        for plan in plans:
            if rng.random() < 0.2:
                uses.append(PlanUse(checkin=checkin, plan=plan, helped=rng.choice([1, 2, 3, 3])))
    GoalRating.objects.bulk_create(ratings)
    MeasureValue.objects.bulk_create(values)
    PlanUse.objects.bulk_create(uses)
    if holiday:
        TrackingPause.objects.create(
            client=client,
            starts_on=today - timedelta(days=DAYS - 40),
            ends_on=today - timedelta(days=DAYS - 49),
            reason="holiday",
        )
    for goal in goals:
        if goal.lifecycle_status == Lifecycle.ACTIVE:
            achievement_recompute(goal)
    _wins(client, goals, rng, today)
    _journal(client, goals, rng)


NOTES = [
    "",
    "",
    "",
    "Long day at work.",
    "Slept better.",
    "Felt tense this morning, easier later.",
    "Nice chat with a neighbour.",
    "Tired but okay.",
    "Good walk.",
    "Hard to get going today.",
]


def _note(rng: random.Random) -> str:
    return rng.choice(NOTES)


WINS = [
    "Said no to an extra shift without apologising",
    "Went to the café on my own",
    "Cooked a proper dinner",
    "Got up and went out when I didn't feel like it",
    "Told my friend how I was really doing",
    "Took a break instead of pushing through",
]


def _wins(client: User, goals: list[Goal], rng: random.Random, today: object) -> None:
    day = local_today(client)
    for offset, text in zip((70, 45, 30, 12, 5), rng.sample(WINS, 5), strict=False):
        Win.objects.create(
            client=client,
            text=text,
            goal=rng.choice(goals) if goals and rng.random() < 0.5 else None,
            happened_on=day - timedelta(days=offset),
        )


ENTRIES = [
    (
        "A rough week",
        "Work has been a lot. I noticed the *knot in my stomach* again on Sunday evening.\n\n- slept badly twice\n- walked anyway on Wednesday",
        "work, sleep",
        False,
    ),
    (
        "Something shifted",
        "I spoke up today. My voice shook a bit, but **nobody minded**. I want to remember this.",
        "work, confidence",
        True,
    ),
    (
        "Setback",
        "The last two weeks were harder. I stopped walking and felt it. Going to try the rainy-day plan.",
        "setback, walking",
        True,
    ),
    (
        "Small things",
        "Coffee with my brother. We laughed about Dad's old car. I'd forgotten how easy it can be.",
        "family",
        False,
    ),
]


def _journal(client: User, goals: list[Goal], rng: random.Random) -> None:
    now = timezone.now()
    for offset, (title, body, tags, shared) in zip((80, 50, 25, 6), ENTRIES, strict=True):
        entry = JournalEntry.objects.create(
            client=client,
            title=title,
            body=body,
            mood=rng.randint(2, 4),
            tags=normalise_tags([t.strip() for t in tags.split(",")]),
            shared_with_therapist=shared,
            shared_at=now - timedelta(days=offset) if shared else None,
        )
        JournalEntry.objects.filter(pk=entry.pk).update(created_at=now - timedelta(days=offset))
        if goals:
            entry.goals.set(goals[:1])
