import hashlib
import uuid
from collections.abc import Callable
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import access_for
from cairn.care.models import Role
from cairn.care.roles import role_of
from cairn.core import one_commit
from cairn.core.risk import offer_support
from cairn.goals import selectors as goal_selectors
from cairn.goals.models import Goal, Lifecycle, Milestone, Plan
from cairn.progress import charts, selectors, services
from cairn.progress.charts import CHART_POLICY
from cairn.progress.forms import AchievementForm, CheckInForm, PauseForm, WinForm


def _active_goals_and_plans(client: User) -> tuple[list[Goal], list[Plan]]:
    goals = list(
        Goal.objects.filter(client=client, lifecycle_status=Lifecycle.ACTIVE).order_by("created_at")
    )
    plans = list(Plan.objects.filter(goal__in=goals).order_by("goal__created_at", "created_at"))
    return goals, plans


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    today = local_today(client)
    goals, plans = _active_goals_and_plans(client)
    try:
        day = date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else today
    except ValueError:
        day = today
    existing = (
        selectors.checkin_on(client, day) if today - timedelta(days=14) <= day <= today else None
    )
    initial: dict[str, object] = {"date": day}
    if existing:
        initial.update({"mood": existing.mood, "note": existing.note, "version": existing.version})
        initial.update({f"rating_{r.goal_id}": r.rating for r in existing.ratings.all()})
        initial.update({f"measure_{m.goal_id}": m.value for m in existing.measures.all()})
        initial.update({f"plan_{u.plan_id}": u.helped for u in existing.plan_uses.all()})
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        goals=goals,
        plans=plans,
        today=today,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_save(
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
        except services.ConflictError:
            messages.info(
                request,
                "This day's check-in was changed somewhere else a moment ago. Here it is as saved; "
                "add your changes again if you'd like.",
            )
            return redirect(f"{request.path}?date={form.cleaned_data['date'].isoformat()}")
        if services.checkin_risk(mood=form.cleaned_data["mood"], note=form.cleaned_data["note"]):
            offer_support(request)
            messages.success(request, "Your check-in is saved.")
            return redirect("home:home")
        messages.success(
            request, "Thank you for checking in. Every check-in helps you see how far you've come."
        )
        return redirect("home:home")
    return render(
        request,
        "progress/checkin.html",
        {"form": form, "existing": existing, "day": day, "today": today, "has_goals": bool(goals)},
    )


@login_required
def checkin_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    return render(
        request,
        "progress/checkin_list.html",
        {
            "client": client,
            "checkins": selectors.checkins_of(client),
            "is_own": client.pk == request.user.pk,
        },
    )


@login_required
def win_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    goals = [g for g in goal_selectors.goals_of(client) if g.lifecycle_status != Lifecycle.PROPOSED]
    series = selectors.recent_series_for(goals)
    return render(
        request,
        "progress/win_list.html",
        {
            "client": client,
            "wins": selectors.wins_of(client),
            "journey": [series[g.pk] for g in goals],
            "is_own": client.pk == request.user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def win_create(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    today = local_today(client)
    goals = Goal.objects.filter(
        client=client, lifecycle_status__in=[Lifecycle.ACTIVE, Lifecycle.ON_HOLD]
    )
    form = WinForm(
        request.POST if request.method == "POST" else None,
        initial={"happened_on": today, "goal": request.GET.get("goal")},
        goals=goals,
        today=today,
    )
    if request.method == "POST" and form.is_valid():
        services.win_create(client=client, by=request.user, **form.cleaned_data)
        messages.success(request, "That's a win. Noticing it is part of how change sticks.")
        return redirect("progress:win_list", client.pk)
    return render(request, "progress/win_form.html", {"form": form})


@login_required
def goal_progress(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = goal_selectors.goal_get_for(user=request.user, goal_id=goal_id)
    series = selectors.latest_series_for(goal)
    summary = selectors.rating_summary(goal)
    milestones = list(goal.milestones.filter(done_at__isnull=False).order_by("done_at"))
    return render(
        request,
        "progress/goal_progress.html",
        {
            "goal": goal,
            "series": series,
            "milestones": milestones,
            "rating_text": charts.describe_rating_summary(summary),
            "rating_count": summary.count if summary else 0,
            "table_rows": selectors.TABLE_ROWS,
            "measure_text": charts.describe_measure(
                series.values,
                count=selectors.measure_count(goal),
                baseline=goal.measure_baseline,
                target=goal.measure_target,
                unit=goal.measure_unit,
            ),
            "may_override": role_of(request.user) == Role.THERAPIST
            and access_for(request.user, goal.client).can_write,
        },
    )


def _svg_response(key_parts: list[object], draw: Callable[[], str]) -> HttpResponse:
    """Charts are cached by a key that changes with the data they draw (a one-row
    summary of it), so an unchanged chart is neither read nor drawn again.
    """
    key = "chart:" + hashlib.sha256(repr(key_parts).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        # With the database cache this is a write: it joins the request's one commit.
        if not one_commit.defer(lambda: cache.set(key, svg, 60 * 60 * 24)):
            cache.set(key, svg, 60 * 60 * 24)
    return HttpResponse(svg, content_type="image/svg+xml")


def _rating_chart(goal: Goal) -> str:
    series = selectors.series_for([goal])[goal.pk]
    done = [
        (m.done_at.date(), m.title)
        for m in Milestone.objects.filter(goal=goal, done_at__isnull=False).order_by("done_at")
        if m.done_at
    ]
    return charts.rating_chart(series.ratings, done)


@login_required
@csp_override(CHART_POLICY)
def goal_chart(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = goal_selectors.goal_get_for(user=request.user, goal_id=goal_id)
    return _svg_response(
        ["ratings", goal.pk, selectors.rating_chart_version(goal)], lambda: _rating_chart(goal)
    )


def _measure_chart(goal: Goal) -> str:
    series = selectors.series_for([goal])[goal.pk]
    return charts.measure_chart(
        series.values,
        baseline=goal.measure_baseline,
        target=goal.measure_target,
        unit=goal.measure_unit,
    )


@login_required
@csp_override(CHART_POLICY)
def measure_chart(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = goal_selectors.goal_get_for(user=request.user, goal_id=goal_id)
    return _svg_response(
        ["measure", goal.pk, selectors.measure_chart_version(goal)], lambda: _measure_chart(goal)
    )


@login_required
@csp_override(CHART_POLICY)
def mood_chart(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    since = local_today(client) - timedelta(days=120)
    return _svg_response(
        ["mood", client.pk, selectors.mood_chart_version(client, since=since)],
        lambda: charts.mood_chart(selectors.mood_points(client, since=since)),
    )


@login_required
def mood(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    points = selectors.mood_points(client, since=local_today(client) - timedelta(days=120))
    return render(
        request,
        "progress/mood.html",
        {
            "client": client,
            "points": points,
            "text": charts.describe_moods(points),
            "is_own": client.pk == request.user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def achievement_override(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    if role_of(request.user) != Role.THERAPIST:
        # Checked before the goal is opened, so the log shows the refusal only.
        goal_selectors.goal_get_for(user=request.user, goal_id=goal_id)
        raise PermissionDenied
    goal = goal_selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
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


@login_required
@require_http_methods(["GET", "POST"])
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
