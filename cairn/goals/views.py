import uuid
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import access_for
from cairn.core.conflicts import ConflictError
from cairn.core.once import create_once
from cairn.core.page_cache import never_kept, part_for
from cairn.core.risk import offer_support, risk_phrases_in
from cairn.goals import history, selectors, services
from cairn.goals.forms import (
    VISION_STEPS,
    BarrierForm,
    CommentForm,
    GoalForm,
    GoalReviseForm,
    GoalStatusForm,
    MilestoneForm,
    PlanForm,
    VersionForm,
    VisionFocusStepForm,
    VisionTextStepForm,
)
from cairn.goals.models import (
    Barrier,
    FocusArea,
    Goal,
    GoalChange,
    Lifecycle,
    Milestone,
    Plan,
    RevisionReason,
)
from cairn.goals.smart import LETTER_NAMES, LETTERS, check_goal

CELEBRATE = "cairn_celebrate_milestone"


def coach_for(data: Mapping[str, Any]) -> list[dict[str, object]]:
    """The coach's five findings, ready for the template, from cleaned or raw form data."""
    text = f"{data.get('title') or ''}. {data.get('description') or ''}".strip(". ")
    confidence = data.get("confidence")
    findings = check_goal(
        text=text,
        why=data.get("why_it_matters") if "why_it_matters" in data else None,
        confidence=int(confidence) if confidence not in (None, "") else None,
        target_date=data.get("target_date") or None,
        measure_target=data.get("measure_target")
        if data.get("measure_target") not in (None, "")
        else None,
        values=data.get("values") or None,
        today=timezone.localdate(),
    )
    return [
        {
            "letter": letter,
            "name": LETTER_NAMES[letter],
            "met": findings[letter].met,
            "suggestion": findings[letter].suggestion,
            "tip": findings[letter].tip,
        }
        for letter in LETTERS
    ]


def _coach_from_form(form: GoalForm) -> list[dict[str, object]]:
    """Judges what can be read from the form even when some fields are invalid."""
    data: dict[str, Any] = {}
    cleaned = getattr(form, "cleaned_data", {})
    for name in (
        "title",
        "description",
        "why_it_matters",
        "confidence",
        "target_date",
        "measure_target",
    ):
        if name in cleaned:
            data[name] = cleaned[name]
        elif name not in ("confidence", "target_date", "measure_target"):
            data[name] = form.data.get(name, "")
    return coach_for(data)


def _goal_form_context(
    form: GoalForm, *, client: User, goal: Goal | None = None
) -> dict[str, object]:
    """What goals/goal_fields.html draws beside the form (a new goal, a change, a
    conflict): the coach's findings on what was typed or, before anything was, on the
    goal being changed or what a new one starts from; the client's vision; the focus
    areas to choose from."""
    if form.is_bound:
        coach = _coach_from_form(form)
    else:
        coach = coach_for(_goal_values(goal) if goal is not None else form.initial)
    return {
        "form": form,
        "coach": coach,
        "vision": selectors.vision_current(client),
        "focus_areas": FocusArea.choices,
    }


# Goals ---------------------------------------------------------------------


GOAL_LIST_GROUPS = [
    ("Waiting for agreement", {Lifecycle.PROPOSED}),
    ("Working on now", {Lifecycle.ACTIVE}),
    ("Paused", {Lifecycle.ON_HOLD}),
    ("Completed", {Lifecycle.COMPLETED}),
    ("Set aside", {Lifecycle.CANCELLED, Lifecycle.REJECTED}),
]


@login_required
def goal_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    cards = selectors.goal_cards_of(client)
    groups = [
        (title, [card for card in cards if card.goal.lifecycle_status in statuses])
        for title, statuses in GOAL_LIST_GROUPS
    ]
    return render(
        request,
        "goals/goal_list.html",
        {
            "client": client,
            "groups": [(title, items) for title, items in groups if items],
            "vision": selectors.vision_current(client),
            "can_write": access_for(request.user, client).can_write,
            "is_own": client.pk == request.user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def goal_create(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id, write=True)
    initial = (
        {"focus_area": FocusArea(request.GET["focus"]).label}
        if request.GET.get("focus") in FocusArea.values
        else {}
    )
    form = GoalForm(request.POST if request.method == "POST" else None, initial=initial)
    checking = "check" in request.POST
    if request.method == "POST" and form.is_valid() and not checking:
        goal = services.goal_propose(client=client, by=request.user, data=form.cleaned_data)
        if goal.lifecycle_status == Lifecycle.PROPOSED:
            messages.success(
                request, "Your goal is saved. It becomes active once the other side agrees."
            )
        else:
            messages.success(request, "Your goal is saved and active.")
        return redirect("goals:goal_detail", goal.pk)
    return render(
        request,
        "goals/goal_form.html",
        {"client": client, **_goal_form_context(form, client=client)},
    )


@login_required
@require_POST
def smart_coach(request: AuthedRequest) -> HttpResponse:
    """The coach panel alone, for htmx as the person types. Stores and reads nothing."""
    form = GoalForm(request.POST)
    form.is_valid()
    return render(
        request, "goals/goal_form.html#coach", {"coach": _coach_from_form(form), "oob": True}
    )


@login_required
def goal_detail(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id)
    return _goal_page(request, goal, CommentForm())


def _goal_page(
    request: AuthedRequest, goal: Goal, comment_form: CommentForm, status: int = 200
) -> HttpResponse:
    celebrate_id = request.session.pop(CELEBRATE, None)
    # A celebration and a comment with its errors are for this request only.
    page = (
        never_kept()
        if celebrate_id or comment_form.is_bound
        else part_for(
            "goal page",
            client_id=goal.client_id,
            viewer_id=request.user.pk,
            today=local_today(goal.client),
            also=(goal.pk,),
        )
    )
    context: dict[str, object] = {"goal": goal, "page": page}
    if page.missing:
        # Read again after the record's version, so the page kept is no older than it.
        goal = selectors.goal_as_now(goal)
        parts = selectors.goal_parts(goal)
        milestones: list[Milestone] = parts["milestones"]  # type: ignore[assignment]
        access = access_for(request.user, goal.client)
        change = services.goal_change_waiting(goal)
        context |= {
            "goal": goal,
            "change": change,
            "change_rows": _change_rows(change) if change else [],
            # The proposer's side waits; the other side may agree or talk about it.
            "change_is_ours": change is not None
            and (change.proposed_by_id == goal.client_id) == (request.user.pk == goal.client_id),
            "can_write": access.can_write,
            "can_agree": _can_agree(goal, request.user.pk),
            "coach": coach_for(_goal_values(goal)),
            "celebrated": next((m for m in milestones if str(m.pk) == celebrate_id), None),
            "comment_form": comment_form,
            **parts,
        }
    return render(request, "goals/goal_detail.html", context, status=status)


def _change_rows(change: GoalChange) -> list[dict[str, str]]:
    """What a waiting change would change, field by field, in words."""
    labels = GoalReviseForm.base_fields
    return [
        {
            "label": str(labels[name].label) if name in labels else name,
            "now": before or "(empty)",
            "proposed": after or "(empty)",
        }
        for name, (before, after) in change.changes.items()
    ]


@login_required
@require_POST
def goal_change_agree(request: AuthedRequest, change_id: uuid.UUID) -> HttpResponse:
    change = selectors.goal_change_get_for(user=request.user, change_id=change_id)
    _attempt(
        request,
        lambda: services.goal_change_agree(change=change, by=request.user),
        done="Agreed. The goal now reads as changed.",
    )
    return redirect("goals:goal_detail", change.goal_id)


@login_required
@require_POST
def goal_change_withdraw(request: AuthedRequest, change_id: uuid.UUID) -> HttpResponse:
    change = selectors.goal_change_get_for(user=request.user, change_id=change_id)
    _attempt(
        request,
        lambda: services.goal_change_withdraw(change=change, by=request.user),
        done="Withdrawn. The goal stays as you both agreed it.",
    )
    return redirect("goals:goal_detail", change.goal_id)


def _attempt(request: AuthedRequest, act: Callable[[], object], *, done: str) -> None:
    """Runs `act` and says `done`, or, when the goal's rules refuse it, why."""
    try:
        act()
    except services.NotAllowed as error:
        messages.info(request, str(error))
    else:
        messages.success(request, done)


def _can_agree(goal: Goal, user_id: uuid.UUID) -> bool:
    if goal.lifecycle_status != Lifecycle.PROPOSED:
        return False
    proposed_by_client = goal.proposed_by_id == goal.client_id
    return proposed_by_client != (user_id == goal.client_id)


@login_required
@require_POST
def goal_agree(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    _attempt(
        request,
        lambda: services.goal_agree(goal=goal, by=request.user),
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
            services.goal_revise(
                goal=goal,
                by=request.user,
                data=form.cleaned_data,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                reason_text=form.cleaned_data["reason_text"],
            )
        except ConflictError as conflict:
            return _goal_conflict(request, goal, conflict.current)
        except services.NotAllowed as error:
            messages.info(request, str(error))
            return redirect("goals:goal_detail", goal.pk)
        waiting = services.goal_change_waiting(goal)
        if waiting is not None and waiting.proposed_by_id == request.user.pk:
            other = "your therapist" if request.user.pk == goal.client_id else "your client"
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
    return render(
        request,
        "goals/goal_edit.html",
        {
            "goal": goal,
            **_goal_form_context(form, client=goal.client, goal=goal),
            "needs_agreement": goal.agreed_by_id is not None,
            "change": services.goal_change_waiting(goal),
        },
    )


def _goal_values(goal: Goal) -> dict[str, Any]:
    vision = selectors.vision_current(goal.client)
    return {
        "values": vision.values if vision else "",
        "title": goal.title,
        "description": goal.description,
        "why_it_matters": goal.why_it_matters,
        "confidence": goal.confidence,
        "target_date": goal.target_date,
        "measure_target": goal.measure_target,
    }


def _goal_conflict(request: AuthedRequest, goal: Goal, current: Any) -> HttpResponse:
    """Both versions side by side; the form keeps the person's own, ready to merge."""
    saved = {name: services.shown(getattr(current, name)) for name in services.GOAL_FIELDS}
    data = request.POST.copy()
    data["version"] = str(current.version)
    # Validating a model form copies its data onto the instance: read what is saved first.
    form = GoalReviseForm(data, instance=current)
    form.is_valid()
    differences = []
    for name in services.GOAL_FIELDS:
        theirs = saved[name]
        mine = services.shown(form.cleaned_data.get(name)) if hasattr(form, "cleaned_data") else ""
        if theirs != mine:
            differences.append({"label": form.fields[name].label, "theirs": theirs, "mine": mine})
    return render(
        request,
        "goals/goal_edit.html",
        {
            "goal": goal,
            "conflict": differences,
            **_goal_form_context(form, client=goal.client),
        },
        status=409,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_status(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    action = request.POST.get("action") or request.GET.get("action", "")
    if action not in services.STATUS_MOVES:
        action = "pause"
    form = GoalStatusForm(
        request.POST if request.method == "POST" else None,
        initial={"version": goal.version, "action": action},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_set_status(
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
        except services.NotAllowed as error:
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


@login_required
def goal_history(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id)
    revisions = history.describe(selectors.revisions_of_goal(goal))
    return render(request, "goals/goal_history.html", {"goal": goal, "revisions": revisions})


@login_required
@require_POST
@create_once
def comment_create(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.goal_comment_add(goal=goal, by=request.user, text=form.cleaned_data["text"])
        if request.user.pk == goal.client_id and risk_phrases_in(form.cleaned_data["text"]):
            offer_support(request)
        return redirect(reverse("goals:goal_detail", args=[goal.pk]) + "#comments")
    # The page again, with the message next to the comment and its words kept.
    return _goal_page(request, goal, form, status=200)


# Barriers and plans ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def barrier_create(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    return _create_part(
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
    return _edit_part(
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
    return _create_part(
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
    return _edit_part(
        request,
        part=plan,
        form=form,
        template="goals/plan_form.html",
        revise=lambda **change: services.plan_revise(plan=plan, by=request.user, **change),
    )


def _create_part(
    request: AuthedRequest,
    *,
    goal: Goal,
    form: Any,
    template: str,
    create: Callable[..., object],
    done: str = "",
) -> HttpResponse:
    """Adding a barrier, plan or step to a goal, then back to the goal."""
    if request.method == "POST" and form.is_valid():
        create(goal=goal, by=request.user, data=form.cleaned_data)
        if done:
            messages.success(request, done)
        return redirect("goals:goal_detail", goal.pk)
    return render(request, template, {"form": form, "goal": goal})


def _edit_part(
    request: AuthedRequest,
    *,
    part: Barrier | Plan | Milestone,
    form: Any,
    template: str,
    revise: Callable[..., object],
) -> HttpResponse:
    """Changing a barrier, plan or step: a version against lost edits, and why."""
    version = VersionForm(
        request.POST if request.method == "POST" else None, initial={"version": part.version}
    )
    if request.method == "POST" and form.is_valid() and version.is_valid():
        try:
            revise(
                data=form.cleaned_data,
                version=version.cleaned_data["version"],
                reason_text=version.cleaned_data["reason_text"],
            )
        except ConflictError as conflict:
            return _part_conflict(request, template, form, part.goal, conflict.current)
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


# Milestones -------------------------------------------------------------------


def _milestone_to_change(request: AuthedRequest, milestone_id: uuid.UUID) -> Milestone:
    return selectors.milestone_get_for(user=request.user, milestone_id=milestone_id, write=True)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def milestone_create(request: AuthedRequest, goal_id: uuid.UUID) -> HttpResponse:
    goal = selectors.goal_get_for(user=request.user, goal_id=goal_id, write=True)
    return _create_part(
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
    return _edit_part(
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


# Vision -----------------------------------------------------------------------


@login_required
def vision_detail(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    versions = list(selectors.visions_of(client))
    focus_links: list[tuple[str, str]] = []
    if versions:
        current = versions[0]
        focus_links = [
            (FocusArea(code).label, code)
            for code in current.focus_areas
            if code in FocusArea.values
        ]
        if current.own_focus:
            focus_links.append((current.own_focus, ""))
    return render(
        request,
        "goals/vision_detail.html",
        {
            "client": client,
            "versions": versions,
            "is_own": client.pk == request.user.pk,
            "focus_links": focus_links,
        },
    )


@login_required
def vision_version(request: AuthedRequest, vision_id: uuid.UUID) -> HttpResponse:
    vision = selectors.vision_get_for(user=request.user, vision_id=vision_id)
    revisions = history.describe(selectors.revisions_of_vision(vision))
    return render(
        request,
        "goals/vision_version.html",
        {"vision": vision, "client": vision.client, "revisions": revisions},
    )


VISION_DRAFT = "cairn_vision_draft"


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def vision_edit(request: AuthedRequest, step: int) -> HttpResponse:
    """The guided vision: one question a page. Answers wait in the session until the last step."""
    client = care_selectors.own_record(request.user)
    if not 1 <= step <= len(VISION_STEPS):
        return redirect("goals:vision_edit", 1)
    draft: dict[str, Any] = request.session.get(VISION_DRAFT) or _draft_from(
        selectors.vision_current(client)
    )
    spec = VISION_STEPS[step - 1]
    if spec["field"] == "focus_areas":
        form: Any = VisionFocusStepForm(
            request.POST if request.method == "POST" else None,
            initial={
                "focus_areas": draft.get("focus_areas", []),
                "own_focus": draft.get("own_focus", ""),
            },
        )
    else:
        form = VisionTextStepForm(
            request.POST if request.method == "POST" else None,
            label=spec["title"],
            initial={"answer": draft.get(spec["field"], "")},
        )
    if request.method == "POST" and form.is_valid():
        if spec["field"] == "focus_areas":
            draft["focus_areas"] = form.cleaned_data["focus_areas"]
            draft["own_focus"] = form.cleaned_data["own_focus"]
        else:
            draft[spec["field"]] = form.cleaned_data["answer"]
        request.session[VISION_DRAFT] = draft
        if "back" in request.POST:
            return redirect("goals:vision_edit", max(step - 1, 1))
        if step < len(VISION_STEPS):
            return redirect("goals:vision_edit", step + 1)
        services.vision_revise(client=client, by=request.user, data=draft)
        request.session.pop(VISION_DRAFT, None)
        messages.success(
            request, "Your vision is saved. You can come back and change it whenever life does."
        )
        return redirect("goals:vision_detail", client.pk)
    return render(
        request,
        "goals/vision_edit.html",
        {
            "form": form,
            "step": step,
            "steps": len(VISION_STEPS),
            "spec": spec,
            "is_last": step == len(VISION_STEPS),
        },
    )


def _draft_from(vision: Any) -> dict[str, Any]:
    if vision is None:
        return {}
    return {name: getattr(vision, name) for name in services.VISION_FIELDS}


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "goals/help.html")


__all__ = ["RevisionReason"]
