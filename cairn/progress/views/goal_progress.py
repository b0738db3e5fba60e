"""A goal's progress page, its two charts (ratings, measure) and a therapist's
override of its achievement status."""

import uuid
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods

from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import Capability, access_for, is_own_record
from cairn.core.charts import CHART_POLICY, cached_svg_response, phone_size_asked
from cairn.core.page_cache import part_for
from cairn.goals import selectors as goal_selectors
from cairn.goals.models import Goal
from cairn.progress import charts, services
from cairn.progress import series as progress_series
from cairn.progress.forms import AchievementForm


@login_required
def goal_progress(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = goal_selectors.goal_get_for(user=request.user, goal_id=goal_id)
    page = part_for(
        "progress page",
        client_id=goal.client_id,
        viewer_id=request.user.pk,
        today=local_today(goal.client),
        also=(goal.pk, local_today(request.user)),
    )
    is_own = is_own_record(request.user, goal.client_id)
    if not page.missing:
        return render(
            request, "progress/goal_progress.html", {"goal": goal, "page": page, "is_own": is_own}
        )
    # Read again after the record's version, so the page kept is no older than it.
    goal = goal_selectors.goal_as_now(goal)
    series = progress_series.latest_series_for(goal)
    summary = progress_series.rating_summary(goal)
    milestones = progress_series.milestones_done(goal)
    return render(
        request,
        "progress/goal_progress.html",
        {
            "goal": goal,
            "page": page,
            "is_own": is_own,
            # What a printed copy says at the top: whose, which days, which practice.
            "period": progress_series.period_covered(series, summary),
            # A client's own goal: their membership is already loaded with them.
            "practice": care_selectors.practice_of(request.user if is_own else goal.client),
            "printed_on": local_today(request.user),
            "series": series,
            "milestones": milestones,
            "rating_text": charts.describe_rating_summary(summary),
            "rating_count": summary.count if summary else 0,
            "table_rows": progress_series.TABLE_ROWS,
            "measure_text": charts.describe_measure(
                series.values,
                progress_series.measure_scale_of(goal),
                count=progress_series.measure_count(goal),
            ),
            "may_override": access_for(request.user, goal.client).can_steer,
        },
    )


def _rating_chart(goal: Goal, *, phone: bool, marks: list[tuple[date, Decimal | None]]) -> str:
    series = progress_series.series_for([goal])[goal.pk]
    done = [(m.done_at.date(), m.title) for m in progress_series.milestones_done(goal) if m.done_at]
    return charts.rating_chart(series.ratings, done, marks, phone=phone)


@login_required
@csp_override(CHART_POLICY)
def goal_chart(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = goal_selectors.goal_get_for(user=request.user, goal_id=goal_id)
    phone = phone_size_asked(request)
    marks = progress_series.target_steps(goal, "rating_target")
    return cached_svg_response(
        ["ratings", goal.pk, progress_series.rating_chart_version(goal), marks, phone],
        lambda: _rating_chart(goal, phone=phone, marks=marks),
    )


def _measure_chart(goal: Goal, *, phone: bool, scale: charts.MeasureScale) -> str:
    series = progress_series.series_for([goal])[goal.pk]
    return charts.measure_chart(series.values, scale, phone=phone)


@login_required
@csp_override(CHART_POLICY)
def measure_chart(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = goal_selectors.goal_get_for(user=request.user, goal_id=goal_id)
    phone = phone_size_asked(request)
    # The target as it was at each date: a change both sides agreed redraws the chart.
    scale = progress_series.measure_scale_of(goal)
    return cached_svg_response(
        [
            "measure",
            goal.pk,
            progress_series.measure_chart_version(goal),
            scale.target_steps,
            phone,
        ],
        lambda: _measure_chart(goal, phone=phone, scale=scale),
    )


@login_required
@require_http_methods(["GET", "POST"])
def achievement_override(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = goal_selectors.goal_get_for(
        user=request.user, goal_id=goal_id, write=True, need=Capability.STEER
    )
    form = AchievementForm(
        request.POST if request.method == "POST" else None,
        initial={"status": goal.achievement_status if goal.achievement_overridden else "auto"},
    )
    if request.method == "POST" and form.is_valid():
        services.achievement_override(
            goal=goal,
            by=request.user,
            status=form.cleaned_data["status"],
            reason_text=form.cleaned_data["reason_text"],
        )
        messages.success(request, "Saved, with your reason, in the goal's history.")
        return redirect("progress:goal_progress", goal.pk)
    return render(request, "progress/achievement_form.html", {"form": form, "goal": goal})
