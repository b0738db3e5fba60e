import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import Capability, access_for, is_own_record
from cairn.core.conflicts import ConflictError
from cairn.core.ids import parse_uuid
from cairn.core.once import create_once
from cairn.core.page_cache import part_for
from cairn.core.risk import offer_support
from cairn.goals import selectors as goal_selectors
from cairn.routines import selectors, services
from cairn.routines.forms import SUGGESTIONS, MaintenancePlanForm, RoutineForm
from cairn.routines.models import LogStatus


@login_required
def routine_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    today = local_today(client)
    page = part_for("routines page", client_id=client.pk, viewer_id=request.user.pk, today=today)
    context: dict[str, object] = {"client": client, "page": page}
    if page.missing:
        # Read again after the record's version, so the page kept is no older than it.
        client = care_selectors.client_as_now(client)
        context |= {
            "client": client,
            "today": today,
            "routines": selectors.routines_of(client, today),
            "is_own": is_own_record(request.user, client.pk),
            "can_write": access_for(request.user, client).can_write,
            "suggestions": SUGGESTIONS,
        }
    return render(request, "routines/routine_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def routine_create(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id, write=True)
    goals = goal_selectors.goals_to_pick(client, to="carry_on")
    initial: dict[str, object] = {"times": 1, "period": "day"}
    if suggestion := SUGGESTIONS.get(request.GET.get("suggestion", "")):
        initial.update({"name": suggestion[0], "times": suggestion[1], "period": suggestion[2]})
    goal_id = parse_uuid(request.GET.get("goal"))
    goal = next((g for g in goals if g.pk == goal_id), None) if goal_id else None
    if goal is not None:
        initial.update({"name": goal.title, "from_goal": goal.pk})
    form = RoutineForm(
        request.POST if request.method == "POST" else None, initial=initial, goals=goals
    )
    if request.method == "POST" and form.is_valid():
        if services.routine_create(
            client=client, by=request.user, data=form.cleaned_data
        ).risk_noted:
            offer_support(request)
        messages.success(request, "Your routine is set up. Small and steady is how habits grow.")
        return redirect("routines:routine_list", client.pk)
    return render(request, "routines/routine_form.html", {"form": form, "client": client})


@login_required
@require_POST
@create_once
def routine_log(request: AuthedRequest, routine_id: uuid.UUID) -> HttpResponse:
    routine = selectors.routine_get_for(
        user=request.user, routine_id=routine_id, write=True, need=Capability.OWN
    )
    status = request.POST.get("status")
    if status in LogStatus.values:
        today = local_today(routine.client)
        try:
            services.routine_log(
                routine=routine, by=request.user, day=today, today=today, status=status
            )
        except services.MarkRefused as refused:
            messages.info(request, refused.message)
        except services.RoutineUnmarkable as unmarkable:
            messages.info(request, unmarkable.reason)
    return redirect("routines:routine_list", routine.client_id)


@login_required
@require_POST
@create_once
def routine_pause(request: AuthedRequest, routine_id: uuid.UUID) -> HttpResponse:
    routine = selectors.routine_get_for(user=request.user, routine_id=routine_id, write=True)
    services.routine_pause(
        routine=routine,
        by=request.user,
        today=local_today(routine.client),
        paused=request.POST.get("paused") == "1",
    )
    return redirect("routines:routine_list", routine.client_id)


@login_required
def maintenance_plan(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    return render(
        request,
        "routines/maintenance_plan.html",
        {
            "client": client,
            "plan": selectors.maintenance_plan_of(client),
            "helpful": selectors.helpful_plans(client),
            "practice": care_selectors.practice_of(client),
            "is_own": is_own_record(request.user, client.pk),
            "can_write": access_for(request.user, client).can_write,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def maintenance_edit(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id, write=True)
    plan = selectors.maintenance_plan_of(client)
    form = MaintenancePlanForm(
        request.POST if request.method == "POST" else None,
        instance=plan,
        initial={"version": plan.version if plan else None},
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in MaintenancePlanForm.Meta.fields}
        try:
            written = services.maintenance_plan_save(
                client=client, by=request.user, data=data, version=form.cleaned_data["version"]
            )
        except ConflictError as conflict:
            return render(
                request,
                "routines/maintenance_edit.html",
                {
                    "form": form,
                    "client": client,
                    "conflict": conflict.current,
                    "helpful": selectors.helpful_plans(client),
                },
                status=409,
            )
        if written.risk_noted:
            offer_support(request)
        messages.success(request, "Your maintenance plan is saved.")
        return redirect("routines:maintenance_plan", client.pk)
    return render(
        request,
        "routines/maintenance_edit.html",
        {"form": form, "client": client, "helpful": selectors.helpful_plans(client)},
    )


@login_required
def after_therapy(request: AuthedRequest) -> HttpResponse:
    """The move from therapy to maintenance: one calm page of next steps."""
    client = care_selectors.own_record(request.user)
    return render(
        request,
        "routines/after_therapy.html",
        {
            "client": client,
            "achieved": selectors.goals_achieved(client),
            "plan": selectors.maintenance_plan_of(client),
            "practice": care_selectors.practice_of(client),
        },
    )


@login_required
@require_POST
def routine_remove(request: AuthedRequest, routine_id: uuid.UUID) -> HttpResponse:
    routine = selectors.routine_get_for(user=request.user, routine_id=routine_id, write=True)
    services.routine_remove(routine=routine, by=request.user)
    messages.success(request, "The routine is off your list. Its history is kept.")
    return redirect("routines:routine_list", routine.client_id)
