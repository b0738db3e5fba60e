"""A goal's steps: adding and changing one, marking it done (the goal page then
celebrates) or not done, moving it up or down."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.types import AuthedRequest
from cairn.core.once import create_once
from cairn.goals import selectors
from cairn.goals.forms import MilestoneForm
from cairn.goals.models import Milestone
from cairn.goals.services import milestones as services
from cairn.goals.views.goal_pages import CELEBRATE
from cairn.goals.views.parts import part_create, part_edit


def _milestone_to_change(request: AuthedRequest, milestone_id: uuid.UUID) -> Milestone:
    return selectors.milestone_get_for(user=request.user, milestone_id=milestone_id, write=True)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def milestone_create(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    return part_create(
        request,
        goal=goal,
        form=MilestoneForm(request.POST if request.method == "POST" else None),
        template="goals/milestone_form.html",
        create=services.milestone_create,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: AuthedRequest, milestone_id: uuid.UUID) -> HttpResponse:
    milestone = _milestone_to_change(request, milestone_id)
    form = MilestoneForm(request.POST if request.method == "POST" else None, instance=milestone)
    return part_edit(
        request,
        part=milestone,
        form=form,
        template="goals/milestone_form.html",
        revise=lambda **change: services.milestone_revise(
            milestone=milestone, by=request.user, **change
        ),
    )


@login_required
@require_POST
def milestone_complete(request: AuthedRequest, milestone_id: uuid.UUID) -> HttpResponse:
    milestone = _milestone_to_change(request, milestone_id)
    services.milestone_complete(milestone=milestone, by=request.user)
    request.session[CELEBRATE] = str(milestone.pk)
    return redirect("goals:goal_detail", milestone.goal_id)


@login_required
@require_POST
def milestone_reopen(request: AuthedRequest, milestone_id: uuid.UUID) -> HttpResponse:
    milestone = _milestone_to_change(request, milestone_id)
    services.milestone_reopen(milestone=milestone, by=request.user)
    messages.info(request, "The step is open again.")
    return redirect("goals:goal_detail", milestone.goal_id)


@login_required
@require_POST
def milestone_move(request: AuthedRequest, milestone_id: uuid.UUID) -> HttpResponse:
    milestone = _milestone_to_change(request, milestone_id)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        services.milestone_move(milestone=milestone, by=request.user, direction=direction)
    return redirect(reverse("goals:goal_detail", args=[milestone.goal_id]) + "#milestones")
