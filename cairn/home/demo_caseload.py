"""Demo clients of the second therapist, so that her caseload shows every tier with its
reason (her client3 brings the risk tier): harder lately, gone quiet, stuck low, waiting
on the therapist, waiting on the client. Invented people; seeding twice changes nothing."""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from cairn.accounts.models import User
from cairn.goals.models import Goal, Lifecycle
from cairn.progress.models import CheckIn, GoalRating
from cairn.progress.services import achievement_recompute
from cairn.sessions.models import AgendaItem


def _goal(client: User, therapist: User, title: str, *, proposed_by: User, agreed: bool) -> Goal:
    goal = Goal.objects.create(
        client=client,
        proposed_by=proposed_by,
        title=title,
        why_it_matters="To feel more like myself again",
        confidence=6,
        start_date=timezone.localdate() - timedelta(days=90),
    )
    if agreed:
        goal.lifecycle_status = Lifecycle.ACTIVE
        goal.agreed_by = therapist if proposed_by == client else client
        goal.agreed_at = timezone.now() - timedelta(days=89)
        goal.save()
    return goal


def _ratings(goal: Goal, ratings: list[int], *, every: int, last_days_ago: int = 1) -> None:
    today = timezone.localdate()
    for n, rating in enumerate(ratings):
        day = today - timedelta(days=last_days_ago + every * (len(ratings) - 1 - n))
        checkin, _ = CheckIn.objects.get_or_create(client=goal.client, date=day)
        GoalRating.objects.create(checkin=checkin, goal=goal, rating=rating)
    achievement_recompute(goal)


def _worsening(client: User, therapist: User) -> None:
    goal = _goal(
        client, therapist, "Get out of the flat every day", proposed_by=therapist, agreed=True
    )
    _ratings(goal, [6, 7, 6, 5, 3, 3, 2], every=3)


def _quiet(client: User, therapist: User) -> None:
    goal = _goal(client, therapist, "Swim on Tuesday mornings", proposed_by=client, agreed=True)
    _ratings(goal, [3, 4, 4, 5], every=4, last_days_ago=19)


def _stuck(client: User, therapist: User) -> None:
    goal = _goal(client, therapist, "Ring my sister once a week", proposed_by=client, agreed=True)
    _ratings(goal, [2, 2, 3, 2, 2, 3, 2, 2], every=7)


def _waiting(client: User, therapist: User) -> None:
    goal = _goal(
        client, therapist, "Read before bed instead of scrolling", proposed_by=client, agreed=True
    )
    _ratings(goal, [5, 6, 6, 7, 7, 8], every=2)
    _goal(client, therapist, "Join the Thursday choir", proposed_by=client, agreed=False)
    AgendaItem.objects.create(client=client, text="How to say no at work without feeling guilty")


def _waiting_on_client(client: User, therapist: User) -> None:
    goal = _goal(
        client, therapist, "Cook a proper meal three times a week", proposed_by=client, agreed=True
    )
    _ratings(goal, [4, 5, 5, 6, 6, 6], every=2)
    _goal(
        client,
        therapist,
        "Take a lunch break away from the desk",
        proposed_by=therapist,
        agreed=False,
    )


TIER_CLIENTS: list[tuple[str, str, Callable[[User, User], None]]] = [
    ("demo-worsening@example.org", "Kit Marrowby", _worsening),
    ("demo-quiet@example.org", "Owen Tregarthen", _quiet),
    ("demo-stuck@example.org", "Nia Penhallow", _stuck),
    ("demo-waiting@example.org", "Priya Castellane", _waiting),
    ("demo-their-turn@example.org", "Jory Bellamy", _waiting_on_client),
]


def seed_caseload_tiers(
    therapist: User, person: Callable[[str, str], User], care: Callable[[User], None]
) -> None:
    for email, name, seed in TIER_CLIENTS:
        client = person(email, name)
        care(client)
        if not Goal.objects.filter(client=client).exists():
            seed(client, therapist)
