"""The pages barriers, plans and milestones (a goal's parts) share: adding one to a
goal, and changing one with a version against lost edits and a reason."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cairn.accounts.types import AuthedRequest
from cairn.core.conflicts import ConflictError
from cairn.core.risk import Written, offer_support
from cairn.goals.forms import VersionForm
from cairn.goals.models import Barrier, Goal, Milestone, Plan


def part_create(
    request: AuthedRequest,
    *,
    goal: Goal,
    form: Any,
    template: str,
    create: Callable[..., Written[Any]],
    done: str = "",
) -> HttpResponse:
    """Adding a barrier, plan or step to a goal, then back to the goal (offering
    support when the service noted risk in the client's words)."""
    if request.method == "POST" and form.is_valid():
        if create(goal=goal, by=request.user, data=form.cleaned_data).risk_noted:
            offer_support(request)
        if done:
            messages.success(request, done)
        return redirect("goals:goal_detail", goal.pk)
    return render(request, template, {"form": form, "goal": goal})


def part_edit(
    request: AuthedRequest,
    *,
    part: Barrier | Plan | Milestone,
    form: Any,
    template: str,
    revise: Callable[..., Written[Any]],
) -> HttpResponse:
    """Changing a barrier, plan or step: a version against lost edits, and why."""
    version = VersionForm(
        request.POST if request.method == "POST" else None, initial={"version": part.version}
    )
    if request.method == "POST" and form.is_valid() and version.is_valid():
        try:
            written = revise(
                data=form.cleaned_data,
                version=version.cleaned_data["version"],
                reason_text=version.cleaned_data["reason_text"],
            )
        except ConflictError as conflict:
            return _part_conflict(request, template, form, part.goal, conflict.current)
        if written.risk_noted:
            offer_support(request)
        return redirect("goals:goal_detail", part.goal_id)
    return render(
        request, template, {"form": form, "goal": part.goal, "version": version, "editing": True}
    )


def _part_conflict(
    request: HttpRequest, template: str, form: Any, goal: Goal, current: Any
) -> HttpResponse:
    version = VersionForm(initial={"version": current.version})
    return render(
        request,
        template,
        {
            "form": form,
            "goal": goal,
            "version": version,
            "editing": True,
            "conflict_current": current,
        },
        status=409,
    )
