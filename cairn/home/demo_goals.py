"""Demo visions, goals, barriers, plans and milestones, written through the services
so that their revisions and audit events are real. Invented people only."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cairn.accounts.models import User
from cairn.goals import services
from cairn.goals.models import Goal, Milestone


def _goal(client: User, by: User, agree: User | None, **data: Any) -> Goal:
    goal = services.goal_propose(client=client, by=by, data=data)
    if agree is not None and goal.lifecycle_status == "proposed":
        goal = services.goal_agree(goal=goal, by=agree)
    return goal


def _steps(goal: Goal, by: User, steps: list[tuple[str, int | None, str, bool]]) -> list[Milestone]:
    today = timezone.localdate()
    made = []
    for title, due_in_days, reward, done in steps:
        milestone = services.milestone_create(
            goal=goal,
            by=by,
            data={
                "title": title,
                "due_date": today + timedelta(days=due_in_days)
                if due_in_days is not None
                else None,
                "reward": reward,
            },
        )
        if done:
            milestone = services.milestone_complete(milestone=milestone, by=by)
            if due_in_days is not None:
                # Reached on the day it was due, weeks ago, rather than all today.
                reached = timezone.now() + timedelta(days=due_in_days)
                Milestone.objects.filter(pk=milestone.pk).update(done_at=reached)
        made.append(milestone)
    return made


def _barrier_with_plan(
    goal: Goal, by: User, kind: str, barrier: str, plan: tuple[str, str] | None
) -> None:
    made = services.barrier_create(goal=goal, by=by, data={"kind": kind, "description": barrier})
    if plan is not None:
        services.plan_create(
            goal=goal, by=by, data={"if_cue": plan[0], "then_action": plan[1], "barriers": [made]}
        )


def seed_robin(client: User, therapist: User) -> None:
    """The first demo client: a revised vision and goals in every state."""
    today = timezone.localdate()
    services.vision_revise(
        client=client,
        by=client,
        data={
            "feel_day_to_day": "Less on edge. I'd wake up without the knot in my stomach.",
            "relationships": "I'd see my brother more.",
            "challenges_overcome": "Dreading Mondays.",
            "focus_areas": ["anxiety", "relationships"],
            "own_focus": "",
            "values": "Family, the outdoors",
        },
    )
    services.vision_revise(
        client=client,
        by=client,
        data={
            "feel_day_to_day": "Steady most days. I'd wake up without the knot in my stomach and "
            "actually look forward to the walk to work.",
            "relationships": "I'd call my brother every week and tell my manager when something isn't working.",
            "challenges_overcome": "Dreading Mondays. Going quiet in meetings when I have something to say.",
            "focus_areas": ["anxiety", "communication", "relationships"],
            "own_focus": "Getting outside more",
            "values": "Family, honesty, time outdoors, being someone people can rely on",
        },
    )
    walking = _goal(
        client,
        client,
        therapist,
        title="Walk round the park for 20 minutes three times a week",
        description="After work on Monday, Wednesday and Friday, the loop past the pond.",
        why_it_matters="Walking settles my mind, and I want the energy to enjoy weekends with my family.",
        focus_area="Getting outside more",
        measure_name="walks a week",
        measure_unit="walks",
        measure_baseline=Decimal(0),
        measure_target=Decimal(3),
        measure_direction="up",
        confidence=8,
        start_date=today - timedelta(days=70),
        target_date=today + timedelta(days=50),
        priority="high-priority",
    )
    _barrier_with_plan(
        walking,
        client,
        "trigger",
        "Rainy evenings after a long day",
        ("it's raining when I leave work", "walk two laps of the covered market instead"),
    )
    _barrier_with_plan(
        walking,
        client,
        "belief",
        "Telling myself I'm too tired to bother",
        (
            "I catch myself thinking I'm too tired",
            "put my shoes on and promise myself just ten minutes",
        ),
    )
    _barrier_with_plan(walking, client, "relationship", "My sister visiting at weekends", None)
    _steps(
        walking,
        client,
        [
            ("Walk once this week", -56, "A hot chocolate from the kiosk", True),
            ("Walk twice a week for two weeks", -30, "A new paperback", True),
            ("Three walks a week for a whole month", 30, "Tickets to the coast", False),
        ],
    )
    speaking = _goal(
        client,
        therapist,
        client,
        title="Speak up in every team meeting",
        description="Say at least one thing in each meeting.",
        why_it_matters="I have ideas and I'm tired of keeping them to myself.",
        focus_area="Communication",
        confidence=5,
        start_date=today - timedelta(days=45),
        target_date=today + timedelta(days=40),
    )
    speaking = services.goal_revise(
        goal=speaking,
        by=client,
        version=speaking.version,
        reason="out_of_reach",
        reason_text="Every meeting felt like too much at once. Once a week is a step I can take.",
        data={
            "title": "Speak up once in the weekly team meeting",
            "description": "Say at least one thing in the Tuesday team meeting.",
            "confidence": 7,
        },
    )
    # The new wording of an agreed goal takes effect once the therapist agrees.
    waiting = services.goal_change_waiting(speaking)
    if waiting is not None:
        speaking = services.goal_change_agree(change=waiting, by=therapist)
    _barrier_with_plan(
        speaking,
        client,
        "belief",
        "Thinking my idea isn't good enough",
        (
            "I start doubting my idea in the meeting",
            "write it on my notepad and say it before the next agenda item",
        ),
    )
    _steps(
        speaking,
        client,
        [
            ("Write one point down before the meeting", -20, "", True),
            ("Say one thing out loud", 7, "A takeaway on Friday", False),
        ],
    )
    _goal(
        client,
        therapist,
        None,
        title="Write three lines in a journal before bed, five nights a week",
        description="Three lines about the day, on the nights I'm home.",
        why_it_matters="Noticing good moments, so anxious thoughts aren't the only ones that stick.",
        focus_area="Anxiety",
        confidence=6,
        target_date=today + timedelta(days=60),
    )
    calling = _goal(
        client,
        client,
        therapist,
        title="Call my brother every Sunday for a month",
        description="A phone call on Sunday afternoon.",
        why_it_matters="Family matters to me, and we'd drifted apart.",
        focus_area="Relationships",
        confidence=9,
        start_date=today - timedelta(days=100),
        target_date=today - timedelta(days=60),
    )
    _steps(
        calling,
        client,
        [("First call", -95, "", True), ("Four Sundays in a row", -65, "Lunch out with him", True)],
    )
    services.goal_set_status(
        goal=calling,
        by=client,
        action="complete",
        version=calling.version,
        reason_text="We talk most weeks now without me having to plan it.",
    )


def seed_simple(client: User, therapist: User, *, waiting: bool) -> None:
    """Any other demo client: a vision, an active goal with steps, maybe one waiting."""
    today = timezone.localdate()
    services.vision_revise(
        client=client,
        by=client,
        data={
            "feel_day_to_day": "Rested, and able to concentrate at work.",
            "relationships": "More patient with the people I live with.",
            "challenges_overcome": "Lying awake until two in the morning.",
            "focus_areas": ["sleep", "mood"],
            "own_focus": "",
            "values": "Calm, kindness, learning",
        },
    )
    sleep = _goal(
        client,
        client,
        therapist,
        title="Screens off by 10:30pm on weeknights",
        description="Phone on the kitchen charger at 10:30, a book instead.",
        why_it_matters="Better sleep means I'm kinder to myself and the people I live with.",
        focus_area="Sleep",
        measure_name="nights a week with screens off",
        measure_unit="nights",
        measure_baseline=Decimal(1),
        measure_target=Decimal(5),
        measure_direction="up",
        confidence=7,
        start_date=today - timedelta(days=40),
        target_date=today + timedelta(days=45),
    )
    _barrier_with_plan(
        sleep,
        client,
        "behaviour",
        "Scrolling in bed when I can't settle",
        ("I reach for my phone in bed", "read two pages of my book instead"),
    )
    _steps(
        sleep,
        client,
        [
            ("Charger moved to the kitchen", -30, "", True),
            ("Three nights in a week", 10, "A new mug", False),
        ],
    )
    if waiting:
        _goal(
            client,
            client,
            None,
            title="Get to bed by 11pm on weeknights",
            description="Lights out by 11 from Monday to Thursday.",
            why_it_matters="I want mornings that don't start in a rush.",
            focus_area="Sleep",
            confidence=7,
            target_date=today + timedelta(days=30),
        )


def seed_goals(client: User, therapist: User, *, kind: str) -> None:
    if Goal.objects.filter(client=client).exists():
        return
    if kind == "robin":
        seed_robin(client, therapist)
    else:
        seed_simple(client, therapist, waiting=kind == "waiting")
