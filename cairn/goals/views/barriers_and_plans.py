"""Naming what may get in the way of a goal (a barrier) and the if-then plan that
answers it: adding and changing each."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from cairn.accounts.types import AuthedRequest
from cairn.core.once import create_once
from cairn.goals import selectors
from cairn.goals.forms import BarrierForm, PlanForm
from cairn.goals.services import barriers_and_plans as services
from cairn.goals.views.parts import part_create, part_edit


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def barrier_create(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    return part_create(
        request,
        goal=goal,
        form=BarrierForm(request.POST if request.method == "POST" else None),
        template="goals/barrier_form.html",
        create=services.barrier_create,
        done="Noted. Naming what might get in the way is half the work.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def barrier_edit(request: AuthedRequest, barrier_id: uuid.UUID) -> HttpResponse:
    barrier = selectors.barrier_get_for(user=request.user, barrier_id=barrier_id, write=True)
    form = BarrierForm(request.POST if request.method == "POST" else None, instance=barrier)
    return part_edit(
        request,
        part=barrier,
        form=form,
        template="goals/barrier_form.html",
        revise=lambda **change: services.barrier_revise(barrier=barrier, by=request.user, **change),
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def plan_create(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    initial = {"barriers": [request.GET["barrier"]]} if request.GET.get("barrier") else {}
    return part_create(
        request,
        goal=goal,
        form=PlanForm(
            request.POST if request.method == "POST" else None, goal=goal, initial=initial
        ),
        template="goals/plan_form.html",
        create=services.plan_create,
        done="Your plan is ready for when you need it.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    plan = selectors.plan_get_for(user=request.user, plan_id=plan_id, write=True)
    form = PlanForm(
        request.POST if request.method == "POST" else None, instance=plan, goal=plan.goal
    )
    return part_edit(
        request,
        part=plan,
        form=form,
        template="goals/plan_form.html",
        revise=lambda **change: services.plan_revise(plan=plan, by=request.user, **change),
    )
