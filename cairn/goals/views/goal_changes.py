"""Changing a goal (with the conflict page when someone saved first), agreeing to a
proposed goal or to a waiting change, withdrawing a change, and moving a goal on:
paused, resumed, completed, set aside."""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.types import AuthedRequest
from cairn.care.access import is_own_record
from cairn.core.conflicts import ConflictError
from cairn.core.risk import offer_support
from cairn.goals import selectors
from cairn.goals.forms import GoalReviseForm, GoalStatusForm
from cairn.goals.models import GOAL_FIELDS, Goal
from cairn.goals.services import goal_changes, goal_lifecycle
from cairn.goals.services.goal_lifecycle import NotAllowed
from cairn.goals.services.revisions import changes_between, fields_of
from cairn.goals.sides import (
    goal_change_answer_first,
    goal_change_needs_agreement,
    goal_change_replaces,
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
    form = GoalReviseForm(
        request.POST if request.method == "POST" else None,
        instance=goal,
        initial={"version": goal.version},
    )
    if request.method == "POST" and form.is_valid():
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
            other = (
                "your therapist" if is_own_record(request.user, goal.client_id) else "your client"
            )
            messages.success(
                request,
                f"Saved as a change for {other} to agree. Until then the goal stays as you "
                "both agreed it.",
            )
        else:
            messages.success(
                request, "Saved. The change and your reason are in the goal's history."
            )
        return redirect("goals:goal_detail", goal.pk)
    waiting = selectors.goal_change_waiting(goal)
    return render(
        request,
        "goals/goal_edit.html",
        {
            "goal": goal,
            **goal_form_context(form, viewer=request.user, client=goal.client, goal=goal),
            "needs_agreement": goal_change_needs_agreement(goal, request.user),
            "waiting": waiting,
            "replaces_waiting": goal_change_replaces(goal, waiting, request.user),
            "answer_first": goal_change_answer_first(goal, waiting, request.user),
        },
    )


def _goal_conflict(request: AuthedRequest, goal: Goal, current: Any) -> HttpResponse:
    """Both versions side by side; the form keeps the person's own, ready to merge."""
    # Validating a model form copies its data onto the instance: read what is saved first.
    saved = fields_of(current, GOAL_FIELDS)
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = GoalReviseForm(data, instance=current)
    form.is_valid()
    # Told in words as a revision keeps them, by the one diff helper.
    wanted = {name: form.cleaned_data.get(name) for name in GOAL_FIELDS}
    differences = [
        {"label": form.fields[name].label, "theirs": theirs, "mine": mine}
        for name, (theirs, mine) in changes_between(saved, wanted).items()
    ]
    return render(
        request,
        "goals/goal_edit.html",
        {
            "goal": goal,
            "conflict": differences,
            **goal_form_context(form, viewer=request.user, client=goal.client),
        },
        status=409,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_status(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    action = request.POST.get("action") or request.GET.get("action", "")
    if action not in goal_lifecycle.STATUS_MOVES:
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
        messages.success(request, STATUS_WORDS[form.cleaned_data["action"]])
        return redirect("goals:goal_detail", goal.pk)
    return render(request, "goals/goal_status.html", {"form": form, "goal": goal, "action": action})


STATUS_WORDS = {
    "pause": "Paused. Resting is part of the work; pick it up whenever you're ready.",
    "resume": "Welcome back to this goal.",
    "complete": "Completed. Well done: take a moment to notice how far you've come.",
    "cancel": "Set aside. Letting go of a goal that doesn't fit is a good decision too.",
}
