"""Writes: check-ins, wins, pauses and the achievement status they lead to."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cairn.accounts.models import User
from cairn.care.access import is_own_record
from cairn.care.audit import audit_write
from cairn.core.conflicts import ConflictError, save_next_version
from cairn.core.form_fields import no_markup
from cairn.core.refusals import Refused
from cairn.core.risk import (
    Written,
    note_risk_in_words_of,
    risk_excerpt,
    risk_phrases_in,
    risk_reason,
    words_of_risk_reason,
)
from cairn.core.signals import risk_noted
from cairn.goals.models import Goal, Plan
from cairn.goals.selectors import goals_to_pick
from cairn.goals.services.goal_lifecycle import goal_set_achievement
from cairn.progress.achievement import achievement_of
from cairn.progress.models import (
    CheckIn,
    GoalRating,
    MeasureValue,
    Mood,
    PlanUse,
    TrackingPause,
    Win,
)
from cairn.progress.selectors import (
    SAYS_NOTHING,
    Answers,
    checkin_answers,
    checkin_of_day,
    day_out_of_range,
    earliest_checkin_day,
    says_nothing,
)
from cairn.progress.signals import checkin_saved


def _merged(saved: Answers, mine: Answers) -> tuple[Answers, list[str]]:
    """Both saves' answers where they don't overlap; the questions both answered
    differently are clashes, which only the person can settle."""
    clashes = []
    if saved.mood is not None and mine.mood is not None and saved.mood != mine.mood:
        clashes.append("mood")
    if saved.note and mine.note and saved.note != mine.note:
        clashes.append("note")
    for kind in ("ratings", "measures", "plan_uses"):
        theirs, ours = getattr(saved, kind), getattr(mine, kind)
        clashes += [f"{kind}:{key}" for key in ours if key in theirs and theirs[key] != ours[key]]
    merged = Answers(
        mood=mine.mood if mine.mood is not None else saved.mood,
        note=mine.note or saved.note,
        ratings={**saved.ratings, **mine.ratings},
        measures={**saved.measures, **mine.measures},
        plan_uses={**saved.plan_uses, **mine.plan_uses},
    )
    return merged, clashes


@dataclass(frozen=True)
class CheckInWritten(Written[CheckIn]):
    """What `checkin_save` saved. `merged`: the day had been saved elsewhere since the
    form showed it, and both saves' answers were kept. `risk_noted`: the answers saved
    (merged ones included) may be a sign of risk, so the person is offered support;
    the therapist is told only when the mood or note changed."""

    merged: bool


def checkin_risk_reason(*, mood: int | None, note: str) -> str:
    """Why a check-in may be a sign of risk, in plain words for the therapist (a
    flag's reason, worded by core.risk); "" if it is not: the lowest mood, or words
    of suicide or self-harm in the note."""
    phrases = risk_phrases_in(note)
    reasons = [
        risk_reason(f"Mood “{Mood.VERY_LOW.label}”", source=CheckIn)
        if mood == Mood.VERY_LOW
        else "",
        words_of_risk_reason(phrases, source=CheckIn) if phrases else "",
    ]
    return ". ".join(r for r in reasons if r)


@transaction.atomic
def checkin_save(
    *,
    client: User,
    by: User,
    day: date,
    mood: int | None,
    note: str,
    ratings: dict[uuid.UUID, int],
    measures: dict[uuid.UUID, Decimal],
    plan_uses: dict[uuid.UUID, int],
    version: int | None,
    shown_goals: list[uuid.UUID] | None = None,
    shown_plans: list[uuid.UUID] | None = None,
) -> CheckInWritten:
    """Creates the day's check-in, or replaces what the form showed: one per client
    per day. Answers about goals the form no longer shows (a goal paused since) stay.

    `version` is the version the form showed, 0 (or None) when it showed no
    check-in. Saved elsewhere since (another tab, another device): answers to
    different questions are merged; different answers to the same question raise
    ConflictError, and nothing is saved. The note is kept without its surrounding
    spaces, whoever sends it (the page's form trims it too).
    """
    note = note.strip()
    checkin = CheckIn.objects.select_for_update().filter(client=client, date=day).first()
    before = (checkin.mood, checkin.note) if checkin is not None else None
    merged = False
    if checkin is None:
        try:
            # Two first saves of the same day at once: the database lets one in.
            with transaction.atomic():
                checkin = CheckIn.objects.create(client=client, date=day, mood=mood, note=note)
        except IntegrityError:
            raise ConflictError(CheckIn.objects.get(client=client, date=day)) from None
    else:
        if (version or 0) != checkin.version:
            answers, clashes = _merged(
                checkin_answers(checkin), Answers(mood, note, ratings, measures, plan_uses)
            )
            if clashes:
                raise ConflictError(checkin, clashes)
            mood, note = answers.mood, answers.note
            ratings, measures, plan_uses = answers.ratings, answers.measures, answers.plan_uses
            merged = True
        checkin.mood, checkin.note = mood, note
        save_next_version(checkin)
        goal_ids = shown_goals if shown_goals is not None else [*ratings, *measures]
        plan_ids = shown_plans if shown_plans is not None else list(plan_uses)
        checkin.ratings.filter(goal_id__in=goal_ids).delete()
        checkin.measures.filter(goal_id__in=goal_ids).delete()
        checkin.plan_uses.filter(plan_id__in=plan_ids).delete()
    touched = set(shown_goals or []) | set(ratings) | set(measures)
    goals = {g.pk: g for g in Goal.objects.filter(client=client, pk__in=touched)}
    GoalRating.objects.bulk_create(
        GoalRating(checkin=checkin, goal=goals[goal_id], rating=rating)
        for goal_id, rating in ratings.items()
        if goal_id in goals
    )
    MeasureValue.objects.bulk_create(
        MeasureValue(checkin=checkin, goal=goals[goal_id], value=value)
        for goal_id, value in measures.items()
        if goal_id in goals
    )
    plans = set(
        Plan.objects.filter(goal__client=client, pk__in=list(plan_uses)).values_list(
            "pk", flat=True
        )
    )
    PlanUse.objects.bulk_create(
        PlanUse(checkin=checkin, plan_id=plan_id, helped=helped)
        for plan_id, helped in plan_uses.items()
        if plan_id in plans
    )
    # Every goal whose answers changed, given or taken away, gets its status again.
    for goal in goals.values():
        achievement_recompute(goal)
    audit_write(by=by, obj=checkin, object_type="checkin", client=client)
    checkin_saved.send(sender=CheckIn, client=client)
    # Told when the mood or note says so, not again when only a rating changed.
    reason = checkin_risk_reason(mood=mood, note=note)
    if reason and before != (mood, note):
        risk_noted.send(
            sender=CheckIn,
            client=client,
            source=checkin,
            reason=reason,
            excerpt=risk_excerpt(note) or note[:300],
            therapist_may_read=True,
        )
    return CheckInWritten(checkin, risk_noted=bool(reason), merged=merged)


class CheckInRefused(Refused):
    """Why `checkin_update` saved nothing: `field` is the part of the check-in that is
    wrong ("date", "note", "ratings[1].goal"), or "" for the check-in as a whole."""


@dataclass(frozen=True)
class CheckInUpdated:
    written: CheckInWritten
    created: bool


def checkin_update(
    *,
    client: User,
    by: User,
    day: date,
    today: date,
    mood: int | None,
    note: str | None,
    ratings: Sequence[tuple[uuid.UUID, int]],
) -> CheckInUpdated:
    """A check-in sent without the page's form (the API): the same rules as the page's
    CheckInForm, then `checkin_save`. It updates the day as it stands: ratings given
    replace those goals' ratings; mood and note replace the day's when given (None
    keeps the day's), and the day's other answers stay. A check-in that would leave the
    day saying nothing is refused, as the page refuses one.

    Raises CheckInRefused, nothing saved: a day the client may not check in for (the
    page's words), a goal that is not one they rate or is rated twice, a note with web
    code in it. ConflictError: the day was being saved at the same moment."""
    earliest = earliest_checkin_day(client, today, for_day=day)
    if problem := day_out_of_range(day, today=today, earliest=earliest):
        raise CheckInRefused("date", problem)
    rated = set(goals_to_pick(client, to="rate").values_list("pk", flat=True))
    by_goal: dict[uuid.UUID, int] = {}
    for index, (goal, value) in enumerate(ratings):
        if goal not in rated:
            raise CheckInRefused(f"ratings[{index}].goal", "is not one of your active goals.")
        if goal in by_goal:
            raise CheckInRefused(f"ratings[{index}].goal", "is rated twice; rate each goal once.")
        by_goal[goal] = value
    if note:
        try:
            no_markup(note)
        except ValidationError as error:
            raise CheckInRefused("note", error.messages[0]) from None
    existing = checkin_of_day(client, day)
    if existing is not None:
        mood = mood if mood is not None else existing.mood
        note = note if note is not None else existing.note
    if says_nothing(mood=mood, note=note, answers={"ratings": by_goal}) and (
        existing is None or _says_nothing_else(existing)
    ):
        raise CheckInRefused("", SAYS_NOTHING)
    written = checkin_save(
        client=client,
        by=by,
        day=day,
        mood=mood,
        note=note or "",
        ratings=by_goal,
        measures={},
        plan_uses={},
        # The day as it stands is what is updated; a save at the same moment still conflicts.
        version=existing.version if existing else 0,
    )
    return CheckInUpdated(written, created=existing is None)


def _says_nothing_else(checkin: CheckIn) -> bool:
    """Whether the day holds no answer but its mood and note (no rating, measure or plan
    used): rare, so only then read."""
    kept = checkin_answers(checkin)
    return says_nothing(
        mood=None,
        note=None,
        answers={"ratings": kept.ratings, "measures": kept.measures, "plan_uses": kept.plan_uses},
    )


def achievement_recompute(goal: Goal) -> Goal:
    """The goal's status again from all its ratings, by the one rule (achievement.py)."""
    ratings = list(GoalRating.objects.filter(goal=goal).values_list("checkin__date", "rating"))
    status = achievement_of(ratings, target=goal.rating_target)
    return goal_set_achievement(
        goal=goal,
        status=status.code,
        basis=(status.baseline, status.current, status.ratings),
    )


@transaction.atomic
def achievement_override(*, goal: Goal, by: User, status: str, reason_text: str) -> Goal:
    """A therapist sets the status by hand, or ("auto") hands it back to the ratings."""
    if status == "auto":
        goal = goal_set_achievement(
            goal=goal,
            status=goal.achievement_status,
            by=by,
            override=False,
            reason_text=reason_text,
        )
        return achievement_recompute(goal)
    return goal_set_achievement(
        goal=goal, status=status, by=by, override=True, reason_text=reason_text
    )


@transaction.atomic
def win_create(
    *, client: User, by: User, text: str, goal: Goal | None, happened_on: date
) -> Written[Win]:
    """The win; risk is noted in the client's own words (a therapist notes wins too)."""
    win = Win.objects.create(client=client, text=text, goal=goal, happened_on=happened_on)
    audit_write(by=by, obj=win, object_type="win", client=client)
    by_client = is_own_record(by, client.pk)
    return Written(win, note_risk_in_words_of(text, client=client, source=win, by_client=by_client))


@transaction.atomic
def tracking_pause(*, client: User, by: User, starts_on: date, reason: str) -> TrackingPause:
    TrackingPause.objects.filter(client=client, ends_on__isnull=True).update(ends_on=starts_on)
    pause = TrackingPause.objects.create(client=client, starts_on=starts_on, reason=reason)
    audit_write(by=by, obj=pause, object_type="tracking_pause", client=client)
    return pause


@transaction.atomic
def tracking_resume(*, client: User, by: User, today: date) -> None:
    """Ends the pause yesterday: today counts again. A pause begun today leaves no trace."""
    for pause in TrackingPause.objects.select_for_update().filter(
        client=client, ends_on__isnull=True
    ):
        audit_write(by=by, obj=pause, object_type="tracking_pause", client=client)
        if pause.starts_on >= today:
            pause.delete()
            continue
        pause.ends_on = today - timedelta(days=1)
        pause.save(update_fields=["ends_on", "updated_at"])
