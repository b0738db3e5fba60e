"""A client's record as plain JSON-ready data: one shape for the API and the full export.

Callers load the client through care/access.py first; these functions only read and
shape what that client owns. Nothing here writes or audits.
"""

import uuid
from datetime import date
from typing import Any

from cairn.accounts.models import User
from cairn.goals.models import Goal
from cairn.progress.models import CheckIn
from cairn.progress.selectors import WinRow
from cairn.progress.series import series_for
from cairn.routines.selectors import RoutineView, routines_of
from cairn.safety.models import SafetyPlan


def _latest_ratings(goals: list[Goal]) -> dict[uuid.UUID, tuple[date, int] | None]:
    series = series_for(goals)
    return {g.pk: (series[g.pk].ratings[-1] if series[g.pk].ratings else None) for g in goals}


def _item(obj: Any) -> dict[str, Any]:
    """What every item of the client's record starts with: its id and its client."""
    return {"id": obj.pk, "client": obj.client_id}


def goal_summary(goal: Goal, latest: tuple[date, int] | None) -> dict[str, Any]:
    return _item(goal) | {
        "title": goal.title,
        "lifecycle_status": goal.lifecycle_status,
        "achievement_status": goal.achievement_status,
        "priority": goal.priority,
        "start_date": goal.start_date,
        "target_date": goal.target_date,
        "latest_rating": ({"date": latest[0], "value": latest[1]} if latest is not None else None),
    }


def goal_detail(goal: Goal) -> dict[str, Any]:
    latest = _latest_ratings([goal])[goal.pk]
    return goal_summary(goal, latest) | {
        "description": goal.description,
        "why_it_matters": goal.why_it_matters,
        "confidence": goal.confidence,
        "measure": (
            {
                "name": goal.measure_name,
                "unit": goal.measure_unit,
                "baseline": goal.measure_baseline,
                "target": goal.measure_target,
                "direction": goal.measure_direction or None,
            }
            if goal.measure_name
            else None
        ),
        "milestones": [
            {
                "id": m.pk,
                "title": m.title,
                "position": m.position,
                "due_date": m.due_date,
                "done_at": m.done_at,
            }
            for m in goal.milestones.order_by("position", "created_at")
        ],
    }


def goals_data(goals: list[Goal]) -> list[dict[str, Any]]:
    latest = _latest_ratings(goals)
    return [goal_summary(goal, latest[goal.pk]) for goal in goals]


def checkin_data(checkin: CheckIn) -> dict[str, Any]:
    return _item(checkin) | {
        "date": checkin.date,
        "mood": checkin.mood,
        "note": checkin.note,
        "ratings": [{"goal": r.goal_id, "value": r.rating} for r in checkin.ratings.all()],
        "measures": [{"goal": m.goal_id, "value": m.value} for m in checkin.measures.all()],
    }


def checkins_data(checkins: list[CheckIn]) -> list[dict[str, Any]]:
    return [checkin_data(c) for c in checkins]


def routine_data(view: RoutineView) -> dict[str, Any]:
    routine = view.routine
    return _item(routine) | {
        "name": routine.name,
        "times": routine.times,
        "period": routine.period,
        "rhythm": routine.rhythm,
        "time_of_day": routine.time_of_day,
        "strength": view.strength,
        "paused": routine.paused_at is not None,
        "today": view.today or None,
    }


def routines_data(client: User, today: date) -> list[dict[str, Any]]:
    return [routine_data(view) for view in routines_of(client, today)]


def win_data(win: WinRow) -> dict[str, Any]:
    return _item(win) | {
        "text": win.text,
        "date": win.day,
        "goal": win.goal.pk if win.goal else None,
        "kind": win.kind,
    }


def measure_response_data(response: Any) -> dict[str, Any]:
    from cairn.measures.scoring import MEASURES

    return _item(response) | {
        "measure": response.measure,
        "name": MEASURES[response.measure].name,
        "date": response.date,
        "complete": response.completed_at is not None,
        "answers": list(response.answers),
        "difficulty": response.difficulty,
        "total": response.total,
        "band": response.band,
    }


def safety_plan_data(plan: Any) -> dict[str, Any]:
    return {
        "client": plan.client_id,
        "version": plan.number,
        "updated_at": plan.created_at,
    } | {name: getattr(plan, name) for name in SafetyPlan.STEPS}
