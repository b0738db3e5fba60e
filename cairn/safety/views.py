import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.models import User
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import access_for, is_own_record
from cairn.core.conflicts import ConflictError
from cairn.core.once import create_once
from cairn.core.redirects import safe_next
from cairn.core.risk import RISK_PHRASES, WHERE_SEEN, support_done
from cairn.safety import selectors, services
from cairn.safety.context_processors import EXPECTATIONS_SESSION_KEY
from cairn.safety.forms import CrisisSettingsForm, RiskReviewForm, SafetyPlanForm
from cairn.safety.models import SafetyPlan


@login_required
@require_POST
def support_dismiss(request: AuthedRequest) -> HttpResponse:
    """ "I'm safe for now": the panel goes; the safety plan stays one step away."""
    support_done(request)
    return redirect(safe_next(request, reverse("home:home")))


@login_required
@require_POST
def expectations_seen(request: AuthedRequest) -> HttpResponse:
    services.expectations_seen(user=request.user)
    request.session[EXPECTATIONS_SESSION_KEY] = True
    return redirect(safe_next(request, reverse("home:home")))


def _audit_plan_read(
    request: AuthedRequest, client_id: uuid.UUID
) -> tuple[User, SafetyPlan | None]:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    return client, selectors.safety_plan_read(client=client, by=request.user, audit_none=True)


def _plan_page(
    request: AuthedRequest, template: str, client: User, status: int = 200, **context: object
) -> HttpResponse:
    """A page about `client`'s safety plan, worded for the client themself ("your plan")
    or for their therapist."""
    context.update(client=client, is_own=is_own_record(request.user, client.pk))
    return render(request, template, context, status=status)


@login_required
def plan_detail(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client, plan = _audit_plan_read(request, client_id)
    return _plan_page(
        request,
        "safety/plan_detail.html",
        client,
        plan=plan,
        can_write=access_for(request.user, client).can_write,
    )


@login_required
def plan_history(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    changes = selectors.safety_plan_changes(client, by=request.user)
    return _plan_page(request, "safety/plan_history.html", client, changes=changes)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def plan_edit(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id, write=True)
    plan = selectors.safety_plan_of(client)
    initial: dict[str, object] = {"based_on": plan.number if plan else 0}
    if plan is not None:
        initial.update({name: getattr(plan, name) for name in SafetyPlan.STEPS})
    form = SafetyPlanForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.safety_plan_save(
                client=client,
                by=request.user,
                data={name: form.cleaned_data[name] for name in SafetyPlan.STEPS},
                based_on=form.cleaned_data["based_on"],
            )
        except ConflictError as clash:
            # Someone saved the plan while this form was open: theirs shows beside this one.
            return _plan_page(
                request,
                "safety/plan_edit.html",
                client,
                status=409,
                form=form,
                conflict=clash.current,
            )
        messages.success(request, "Your safety plan is saved. The earlier version is kept.")
        return redirect("safety:plan_detail", client.pk)
    return _plan_page(request, "safety/plan_edit.html", client, form=form)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def flag_review(request: AuthedRequest, flag_id: uuid.UUID) -> HttpResponse:
    flag = selectors.risk_flag_get_for(
        user=request.user, flag_id=flag_id, review=request.method == "POST"
    )
    form = RiskReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_flag_review(
                flag=flag,
                by=request.user,
                action=form.cleaned_data["action"],
                note=form.cleaned_data["note"],
            )
        except ConflictError:
            messages.info(
                request, "This flag was reviewed a moment ago; here is what was recorded."
            )
            return redirect("safety:flag_review", flag.pk)
        messages.success(request, "Recorded in the client's record. Thank you for looking.")
        return redirect("home:client_overview", flag.client_id)
    return render(
        request,
        "safety/flag_review.html",
        {
            "flag": flag,
            "client": flag.client,
            "form": form,
            # Every therapist told of the flag reads it; those who treat the client review it.
            "may_review": access_for(request.user, flag.client).can_treat,
            "others": [f for f in selectors.risk_flags_of(flag.client) if f.pk != flag.pk],
            "plan": selectors.safety_plan_of(flag.client),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def crisis_settings(request: AuthedRequest) -> HttpResponse:
    practice = care_selectors.practice_get_for(user=request.user, admin=True)
    saved = selectors.crisis_settings_of(practice)
    form = CrisisSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={
            **model_to_dict(saved, fields=CrisisSettingsForm.base_fields),
            "version": saved.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.crisis_settings_save(
                practice=practice,
                by=request.user,
                data=form.cleaned_data,
                version=form.cleaned_data["version"],
            )
        except ConflictError as conflict:
            return render(
                request,
                "safety/crisis_settings.html",
                {
                    "form": form,
                    "conflict": conflict.current,
                    "phrases": RISK_PHRASES,
                    "places": WHERE_SEEN.values(),
                },
                status=409,
            )
        messages.success(request, "Saved. Clients see these numbers from now on.")
        return redirect("safety:crisis_settings")
    return render(
        request,
        "safety/crisis_settings.html",
        {"form": form, "phrases": RISK_PHRASES, "places": WHERE_SEEN.values(), "saved": saved},
    )
