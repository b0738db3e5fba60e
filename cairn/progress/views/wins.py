"""Wins: the list, with how far each goal has come, and logging one."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import is_own_record
from cairn.core.once import create_once
from cairn.core.risk import offer_support
from cairn.goals import selectors as goal_selectors
from cairn.progress import selectors, services
from cairn.progress.forms import WinForm

# A long history of wins stays quick to open.
WINS_PER_PAGE = 30


@login_required
def win_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(
        user=request.user, client_id=client_id, object_type="win"
    )
    page = Paginator(selectors.wins_of(client), WINS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "progress/win_list.html",
        {
            "client": client,
            "wins": page.object_list,
            "page": page,
            "journey": selectors.journey_of(client),
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
