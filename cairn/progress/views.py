import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import Capability, access_for, is_own_record
from cairn.core.charts import CHART_POLICY, cached_svg_response
from cairn.core.conflicts import ConflictError
from cairn.core.once import create_once
from cairn.core.page_cache import part_for
from cairn.core.risk import offer_support
from cairn.goals import selectors as goal_selectors
from cairn.goals.models import Goal, Lifecycle, Plan
from cairn.progress import charts, selectors, services
from cairn.progress import series as progress_series
from cairn.progress.forms import (
    AchievementForm,
    CheckInForm,
    PauseForm,
    WinForm,
    day_out_of_range,
)
from cairn.progress.models import Helped, Mood
from cairn.progress.selectors import CHECKIN_BACKDATE_DAYS

# A long history of wins stays quick to open.
WINS_PER_PAGE = 30


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    today = local_today(client)
    goals, plans = selectors.active_goals_and_plans(client)
    earliest = selectors.earliest_checkin_day(client, today)
    day, day_error, picked = today, "", None
    if request.GET.get("date"):
        try:
            picked = date.fromisoformat(request.GET["date"])
        except ValueError:
            day_error = "Please choose a day from the calendar, like 2026-11-27."
        else:
            day_error = day_out_of_range(picked, today=today, earliest=earliest)
            if not day_error:
                day = picked
    existing = selectors.checkin_on(client, day)
    # Version 0: the form showed no check-in for the day (see checkin_save).
    initial: dict[str, object] = {"date": day, "version": 0}
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
    saved = services.checkin_answers(current)
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = CheckInForm(data, goals=goals, plans=plans, today=today, earliest=earliest)
    form.is_valid()
    titles = {g.pk: g.title for g in goals} | selectors.goal_titles(
        [*saved.ratings, *saved.measures]
    )
    plan_names = {p.pk: f"If {p.if_cue}, then I will {p.then_action}" for p in plans}
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
def win_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(
        user=request.user, client_id=client_id, object_type="win"
    )
    goals = [g for g in goal_selectors.goals_of(client) if g.lifecycle_status != Lifecycle.PROPOSED]
    series = progress_series.recent_series_for(goals)
    page = Paginator(selectors.wins_of(client), WINS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "progress/win_list.html",
        {
            "client": client,
            "wins": page.object_list,
            "page": page,
            "journey": [series[g.pk] for g in goals],
            "is_own": is_own_record(request.user, client.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def win_create(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    today = local_today(client)
    goals = goal_selectors.goals_to_pick(client, to="log_win")
    form = WinForm(
        request.POST if request.method == "POST" else None,
        initial={"happened_on": today, "goal": request.GET.get("goal")},
        goals=goals,
        today=today,
    )
    if request.method == "POST" and form.is_valid():
        written = services.win_create(client=client, by=request.user, **form.cleaned_data)
        if written.risk_noted:
            offer_support(request)
        messages.success(request, "That's a win. Noticing it is part of how change sticks.")
        return redirect("progress:win_list", client.pk)
    return render(request, "progress/win_form.html", {"form": form})


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
    days = [day for day, _ in series.values]
    if summary is not None:
        # The whole history's first and last day, not only the rows listed.
        days += [summary.first[0], summary.last[0]]
    return render(
        request,
        "progress/goal_progress.html",
        {
            "goal": goal,
            "page": page,
            "is_own": is_own,
            # What a printed copy says at the top: whose, which days, which practice.
            "period": (min(days), max(days)) if days else None,
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


def _phone(request: AuthedRequest) -> bool:
    """The narrow drawing, for a phone (the page asks for it with ?size=phone)."""
    return request.GET.get("size") == "phone"


def _rating_chart(goal: Goal, *, phone: bool, marks: list[tuple[date, Decimal | None]]) -> str:
    series = progress_series.series_for([goal])[goal.pk]
    done = [(m.done_at.date(), m.title) for m in progress_series.milestones_done(goal) if m.done_at]
    return charts.rating_chart(series.ratings, done, marks, phone=phone)


@login_required
@csp_override(CHART_POLICY)
def goal_chart(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = goal_selectors.goal_get_for(user=request.user, goal_id=goal_id)
    phone = _phone(request)
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
    phone = _phone(request)
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
@csp_override(CHART_POLICY)
def mood_chart(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    since = local_today(client) - timedelta(days=120)
    phone = _phone(request)
    return cached_svg_response(
        ["mood", client.pk, progress_series.mood_chart_version(client, since=since), phone],
        lambda: charts.mood_chart(progress_series.mood_points(client, since=since), phone=phone),
    )


@login_required
def mood(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    points = progress_series.mood_points(client, since=local_today(client) - timedelta(days=120))
    return render(
        request,
        "progress/mood.html",
        {
            "client": client,
            "points": points,
            "text": charts.describe_moods(points),
            "is_own": is_own_record(request.user, client.pk),
        },
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
