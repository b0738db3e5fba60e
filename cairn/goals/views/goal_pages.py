"""A client's goals: the list, a new goal, a goal's page (with the change waiting for
agreement, its parts and comments), its history, and the help page on goals."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import access_for, is_own_record
from cairn.core.once import create_once
from cairn.core.page_cache import never_kept, part_for
from cairn.core.risk import offer_support
from cairn.goals import history, selectors
from cairn.goals.forms import CommentForm, GoalForm
from cairn.goals.models import STATUS_MOVES, FocusArea, Goal, Lifecycle, Milestone
from cairn.goals.services import comments, goal_lifecycle
from cairn.goals.sides import (
    agreed_by_other,
    agreed_it,
    goal_change_has_nobody_to_answer,
    goal_change_left_to_client,
    goal_has_nobody_to_agree,
    goal_may_agree,
    may_agree,
    proposal_seen_by,
)
from cairn.goals.smart import CONFIDENT_FROM
from cairn.goals.views.coach import coach_for, goal_form_context, goal_values

# Set by milestone_complete; the goal page shows the celebration once.
CELEBRATE = "cairn_celebrate_milestone"

# The goal list's headings, each over the goals in its statuses. Every status is under
# one: Cairn's own pages never set planned, accepted or entered in error, but the field
# holds any FHIR status, and a goal in one must not vanish from its client's list.
GOAL_LIST_GROUPS = [
    ("Waiting for agreement", {Lifecycle.PROPOSED}),
    ("Planned, not started yet", {Lifecycle.PLANNED, Lifecycle.ACCEPTED}),
    ("Working on now", {Lifecycle.ACTIVE}),
    ("Paused", {Lifecycle.ON_HOLD}),
    ("Completed", {Lifecycle.COMPLETED}),
    ("Set aside", {Lifecycle.CANCELLED, Lifecycle.REJECTED, Lifecycle.ENTERED_IN_ERROR}),
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
            "is_own": is_own_record(request.user, client.pk),
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
        written = goal_lifecycle.goal_propose(
            client=client, by=request.user, data=form.cleaned_data
        )
        if written.risk_noted:
            offer_support(request)
        goal = written.record
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
        {
            "client": client,
            **goal_form_context(form, viewer=request.user, client=client),
        },
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
    context: dict[str, object] = {
        "goal": goal,
        "page": page,
        "is_own": is_own_record(request.user, goal.client_id),
    }
    if page.missing:
        # Read again after the record's version, so the page kept is no older than it.
        goal = selectors.goal_as_now(goal)
        parts = selectors.goal_parts(goal)
        milestones: list[Milestone] = parts["milestones"]  # type: ignore[assignment]
        access = access_for(request.user, goal.client)
        change = selectors.goal_change_waiting(goal)
        context |= {
            "goal": goal,
            "change": change,
            "change_rows": history.goal_change_in_words(change, goal) if change else [],
            # Who proposed the goal, or the change waiting, in the viewer's words: the
            # proposer's side waits; the other side may agree or talk about it.
            "proposal": proposal_seen_by(goal, goal.proposed_by_id, request.user),
            "change_proposal": proposal_seen_by(goal, change.proposed_by_id, request.user)
            if change
            else None,
            "nobody_to_answer": goal_change_has_nobody_to_answer(goal, change),
            "left_to_client": goal_change_left_to_client(goal, change),
            "nobody_to_agree_goal": goal_has_nobody_to_agree(goal),
            "viewer_agreed_it": agreed_it(goal, request.user),
            "can_write": access.can_write,
            "can_agree": goal_may_agree(goal, request.user.pk, access),
            "can_agree_change": change is not None
            and may_agree(goal, change.proposed_by_id, request.user, access),
            "agreed_by_other": agreed_by_other(goal),
            "status_moves": [
                (action, STATUS_MOVES[action]) for action in goal_lifecycle.goal_status_moves(goal)
            ],
            "coach": coach_for(goal_values(goal, selectors.vision_current(goal.client))),
            "confident_from": CONFIDENT_FROM,
            "celebrated": next((m for m in milestones if str(m.pk) == celebrate_id), None),
            "comment_form": comment_form,
            **parts,
        }
    return render(request, "goals/goal_detail.html", context, status=status)


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
        written = comments.goal_comment_add(
            goal=goal, by=request.user, text=form.cleaned_data["text"]
        )
        if written.risk_noted:
            offer_support(request)
        return redirect(reverse("goals:goal_detail", args=[goal.pk]) + "#comments")
    # The page again, with the message next to the comment and its words kept.
    return _goal_page(request, goal, form, status=200)


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "goals/help.html", {"confident_from": CONFIDENT_FROM})
