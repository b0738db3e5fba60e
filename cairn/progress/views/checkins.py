"""The check-in: the day's form and its conflict page, the list of check-ins, and
pausing tracking and taking it up again."""

import uuid
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import is_own_record
from cairn.core.conflicts import ConflictError
from cairn.core.once import create_once
from cairn.core.risk import offer_support
from cairn.goals.models import Goal, Plan
from cairn.progress import selectors, services
from cairn.progress.forms import CheckInDayForm, CheckInForm, PauseForm
from cairn.progress.models import Helped, Mood
from cairn.progress.selectors import CHECKIN_BACKDATE_DAYS


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    today = local_today(client)
    goals, plans = selectors.active_goals_and_plans(client)
    earliest = selectors.earliest_checkin_day(client, today)
    day, day_error, picked = today, "", None
    if request.GET.get("date"):
        picker = CheckInDayForm(request.GET, today=today, earliest=earliest)
        if picker.is_valid():
            day = picker.cleaned_data["date"]
        else:
            day_error = str(picker.errors["date"][0])
        picked = picker.picked
    existing = selectors.checkin_on(client, day)
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        initial=CheckInForm.initial_for(day, existing),
        goals=goals,
        plans=plans,
        today=today,
        earliest=earliest,
    )
    if request.method == "POST" and form.is_valid():
        try:
            written = services.checkin_save(
                client=client,
                by=request.user,
                day=form.cleaned_data["date"],
                mood=form.cleaned_data["mood"],
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
                shown_goals=[g.pk for g in goals],
                shown_plans=[p.pk for p in plans],
                **form.answers(),
            )
        except ConflictError as conflict:
            return _checkin_conflict(request, conflict, goals, plans, today, earliest)
        if written.risk_noted:
            offer_support(request)
            messages.success(request, "Your check-in is saved.")
        elif written.merged:
            messages.success(
                request,
                "Thank you for checking in. This day's check-in had been saved on another device "
                "or tab a moment ago; your answers were added to it, and nothing was replaced.",
            )
        else:
            messages.success(
                request,
                "Thank you for checking in. Every check-in helps you see how far you've come.",
            )
        return redirect("home:home")
    return render(
        request,
        "progress/checkin.html",
        {
            "form": form,
            "existing": existing,
            "day": day,
            "today": today,
            "earliest": earliest,
            "picked": picked,
            "day_error": day_error,
            "backdate_days": CHECKIN_BACKDATE_DAYS,
            "has_goals": bool(goals),
        },
    )


def _checkin_conflict(
    request: AuthedRequest,
    conflict: ConflictError,
    goals: list[Goal],
    plans: list[Plan],
    today: date,
    earliest: date,
) -> HttpResponse:
    """Both answers side by side: what was saved elsewhere above, the person's own
    still in the form, which now carries the saved version so Save keeps theirs."""
    current = conflict.current
    saved = selectors.checkin_answers(current)
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = CheckInForm(data, goals=goals, plans=plans, today=today, earliest=earliest)
    form.is_valid()
    titles = {g.pk: g.title for g in goals} | selectors.goal_titles(
        [*saved.ratings, *saved.measures]
    )
    plan_names = {p.pk: p.sentence for p in plans}
    rows = []
    for clash in conflict.clashes:
        kind, _, key = clash.partition(":")
        if kind == "mood":
            rows.append(("How you were feeling", Mood(saved.mood).label if saved.mood else ""))
        elif kind == "note":
            rows.append(("Your note", saved.note))
        elif kind == "ratings":
            rows.append((titles.get(uuid.UUID(key), "A goal"), str(saved.ratings[uuid.UUID(key)])))
        elif kind == "measures":
            rows.append((titles.get(uuid.UUID(key), "A goal"), str(saved.measures[uuid.UUID(key)])))
        elif kind == "plan_uses":
            rows.append(
                (
                    plan_names.get(uuid.UUID(key), "A plan"),
                    Helped(saved.plan_uses[uuid.UUID(key)]).label,
                )
            )
    return render(
        request,
        "progress/checkin.html",
        {
            "form": form,
            "existing": current,
            "day": current.date,
            "today": today,
            "earliest": earliest,
            "backdate_days": CHECKIN_BACKDATE_DAYS,
            "has_goals": bool(goals),
            "conflict": rows,
        },
        status=409,
    )


@login_required
def checkin_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(
        user=request.user, client_id=client_id, object_type="checkin"
    )
    return render(
        request,
        "progress/checkin_list.html",
        {
            "client": client,
            "checkins": selectors.checkins_of(client),
            "is_own": is_own_record(request.user, client.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def tracking_pause(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    form = PauseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.tracking_pause(
            client=client,
            by=request.user,
            starts_on=local_today(client),
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            "Tracking is resting. Take care of yourself; Cairn will be here when you're back.",
        )
        return redirect("home:home")
    return render(request, "progress/tracking_pause.html", {"form": form})


@login_required
@require_POST
def tracking_resume(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    services.tracking_resume(client=client, by=request.user, today=local_today(client))
    messages.success(request, "Welcome back.")
    return redirect("home:home")
