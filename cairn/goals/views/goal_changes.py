"""Changing a goal (with the conflict page when someone saved first), agreeing to a
proposed goal or to a waiting change, withdrawing a change, and moving a goal on:
paused, resumed, completed, set aside."""

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.types import AuthedRequest
from cairn.care.access import is_own_record
from cairn.core.conflicts import ConflictError
from cairn.core.risk import offer_support
from cairn.goals import history, selectors
from cairn.goals.forms import GoalReviseForm, GoalStatusForm
from cairn.goals.models import GOAL_FIELDS, STATUS_MOVES, Goal
from cairn.goals.services import goal_changes, goal_lifecycle
from cairn.goals.services.goal_lifecycle import NotAllowed
from cairn.goals.services.revisions import changes_between, fields_of
from cairn.goals.sides import (
    goal_change_answer_first,
    goal_change_has_nobody_to_answer,
    goal_change_needs_agreement,
    goal_change_replaces,
    goal_change_settled_at_once,
    proposal_seen_by,
)
from cairn.goals.views.coach import goal_form_context


@login_required
@require_POST
def goal_change_agree(request: AuthedRequest, change_id: uuid.UUID) -> HttpResponse:
    change = selectors.goal_change_get_for(user=request.user, change_id=change_id)
    _attempt(
        request,
        lambda: goal_changes.goal_change_agree(change=change, by=request.user),
        done="Agreed. The goal now reads as changed.",
    )
    return redirect("goals:goal_detail", change.goal_id)


@login_required
@require_POST
def goal_change_withdraw(request: AuthedRequest, change_id: uuid.UUID) -> HttpResponse:
    change = selectors.goal_change_get_for(user=request.user, change_id=change_id)
    _attempt(
        request,
        lambda: goal_changes.goal_change_withdraw(change=change, by=request.user),
        done="Withdrawn. The goal stays as you both agreed it.",
    )
    return redirect("goals:goal_detail", change.goal_id)


def _attempt(request: AuthedRequest, act: Callable[[], object], *, done: str) -> None:
    """Runs `act` and says `done`, or, when the goal's rules refuse it, why."""
    try:
        act()
    except NotAllowed as error:
        messages.info(request, str(error))
    else:
        messages.success(request, done)


@login_required
@require_POST
def goal_agree(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    _attempt(
        request,
        lambda: goal_lifecycle.goal_agree(goal=goal, by=request.user),
        done="Agreed. This goal is now active: here's to the first step.",
    )
    return redirect("goals:goal_detail", goal.pk)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    if request.method != "POST":
        return _goal_edit_page(request, goal)
    form = GoalReviseForm(request.POST, instance=goal)
    if not form.is_valid():
        return _goal_edit_page(request, goal, form)
    try:
        revised = goal_changes.goal_revise(
            goal=goal,
            by=request.user,
            data=form.cleaned_data,
            version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
            reason_text=form.cleaned_data["reason_text"],
        )
    except ConflictError as conflict:
        return _goal_conflict(request, goal, conflict.current)
    except NotAllowed as error:
        messages.info(request, str(error))
        return redirect("goals:goal_detail", goal.pk)
    if revised.risk_noted:
        offer_support(request)
    if revised.waiting is not None:
        other = "your therapist" if is_own_record(request.user, goal.client_id) else "your client"
        messages.success(
            request,
            f"Saved as a change for {other} to agree. Until then the goal stays as you "
            "both agreed it.",
        )
    elif revised.replaced_waiting:
        messages.success(
            request,
            "Saved. It takes the place of the change you had left waiting for agreement. "
            "What you changed and your reason are in the goal's history.",
        )
    elif revised.withdrawn:
        messages.success(
            request,
            "Saved. What you both agreed is back as it was, so the change that was waiting "
            "is withdrawn.",
        )
    else:
        messages.success(request, "Saved. The change and your reason are in the goal's history.")
    return redirect("goals:goal_detail", goal.pk)


def _goal_edit_page(
    request: AuthedRequest,
    goal: Goal,
    form: GoalReviseForm | None = None,
    *,
    status: int = 200,
    **more: object,
) -> HttpResponse:
    """The edit page for `goal` as saved now, with its notes on the change waiting (the
    same on the conflict page). Unless `form` holds what was typed, the form starts from
    the goal with the change waiting from the viewer's own side, which a save replaces."""
    waiting = selectors.goal_change_waiting(goal)
    needs_agreement = goal_change_needs_agreement(goal, request.user)
    replaces_waiting = needs_agreement and goal_change_replaces(goal, waiting, request.user)
    proposed = (
        goal_changes.goal_change_proposes(waiting)
        if waiting is not None and replaces_waiting
        else {}
    )
    if form is None:
        form = GoalReviseForm(instance=goal, initial={"version": goal.version, **proposed})
    return render(
        request,
        "goals/goal_edit.html",
        {
            "goal": goal,
            **goal_form_context(
                form, viewer=request.user, client=goal.client, goal=goal, proposed=proposed
            ),
            "needs_agreement": needs_agreement,
            "waiting": waiting,
            "change_rows": history.goal_change_in_words(waiting, goal)
            if waiting is not None
            else [],
            "waiting_proposal": proposal_seen_by(goal, waiting.proposed_by_id, request.user)
            if waiting is not None
            else None,
            "replaces_waiting": replaces_waiting,
            "answer_first": goal_change_answer_first(goal, waiting, request.user),
            "settled_at_once": goal_change_settled_at_once(goal, waiting, request.user),
            "nobody_to_answer": goal_change_has_nobody_to_answer(goal, waiting),
            **more,
        },
        status=status,
    )


def _goal_conflict(request: AuthedRequest, goal: Goal, current: Goal) -> HttpResponse:
    """Both versions side by side, what the last save did, and the change waiting if
    any; the form keeps the person's own version, ready to merge."""
    # Validating a model form copies its data onto the instance: read what is saved first.
    saved = fields_of(current, GOAL_FIELDS)
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = GoalReviseForm(data, instance=current)
    form.is_valid()
    # Told in the words of the goal's history (saved now before, theirs after), by the
    # one diff helper.
    wanted = {name: form.cleaned_data.get(name) for name in GOAL_FIELDS}
    differences = history.in_words(
        "goal", changes_between(saved, wanted), unit=str(saved["measure_unit"])
    )
    return _goal_edit_page(
        request,
        selectors.goal_as_now(goal),
        form,
        status=409,
        conflict=differences,
        last_saved=history.describe(selectors.revisions_of_goal(goal)[:1]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_status(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    action = request.POST.get("action") or request.GET.get("action", "")
    if action not in STATUS_MOVES:
        action = "pause"
    form = GoalStatusForm(
        request.POST if request.method == "POST" else None,
        initial={"version": goal.version, "action": action},
    )
    if request.method == "POST" and form.is_valid():
        try:
            goal_lifecycle.goal_set_status(
                goal=goal,
                by=request.user,
                action=form.cleaned_data["action"],
                version=form.cleaned_data["version"],
                reason_text=form.cleaned_data["reason_text"],
            )
        except ConflictError:
            messages.info(
                request,
                "Someone changed this goal a moment ago. Please look again and try once more.",
            )
            return redirect("goals:goal_detail", goal.pk)
        except NotAllowed as error:
            messages.info(request, str(error))
            return redirect("goals:goal_detail", goal.pk)
        messages.success(request, STATUS_MOVES[form.cleaned_data["action"]].done)
        return redirect("goals:goal_detail", goal.pk)
    return render(
        request,
        "goals/goal_status.html",
        {"form": form, "goal": goal, "move": STATUS_MOVES[action]},
    )
