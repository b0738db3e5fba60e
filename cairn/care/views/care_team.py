"""A client's care: started by the admin, a co-therapist added, the lead passed on,
care ended; and the therapist's list of clients whose care has ended."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors, services
from cairn.care.access import require_admin, require_therapist
from cairn.care.care_team import (
    care_relationship_get_for,
    care_team_get_for,
    past_clients_listed_for,
    therapists_to_add,
    therapists_to_take_over,
)
from cairn.care.forms import CareEndForm, CareStartForm, CoTherapistForm, TransferForm
from cairn.care.views.people import back_to_people_or, people_or
from cairn.core.once import create_once


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def care_start(request: AuthedRequest) -> HttpResponse:
    membership = require_admin(request.user)
    form = CareStartForm(
        request.POST if request.method == "POST" else None,
        therapists=selectors.therapists_of(membership.practice),
        clients=selectors.clients_of_practice(membership.practice),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.care_start(practice=membership.practice, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Care has started. The client has been told.")
            return redirect("care:people")
    return render(request, "care/care_start.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def co_therapist_add(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    team = care_team_get_for(user=request.user, client_id=client_id)
    back = people_or(request, "home:client_overview", team.client.pk)
    form = CoTherapistForm(
        request.POST if request.method == "POST" else None,
        therapists=therapists_to_add(team),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.co_therapist_add(
                practice=team.practice, client=team.client, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{form.cleaned_data['therapist'].display_name} has joined as a co-therapist. "
                f"{team.client.display_name} has been told.",
            )
            return redirect(back)
    return render(request, "care/co_therapist_add.html", {"form": form, "team": team, "back": back})


@login_required
@require_http_methods(["GET", "POST"])
def care_transfer(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    team = care_team_get_for(user=request.user, client_id=client_id)
    therapists = therapists_to_take_over(team)
    form = TransferForm(request.POST if request.method == "POST" else None, therapists=therapists)
    if request.method == "POST" and form.is_valid():
        try:
            services.care_transfer(
                practice=team.practice,
                client=team.client,
                to=form.cleaned_data["therapist"],
                handover_note=form.cleaned_data["handover_note"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Care has passed to {form.cleaned_data['therapist'].display_name}. "
                f"{team.client.display_name} has been told.",
            )
            return back_to_people_or(request, "home:home")
    back = people_or(request, "home:client_overview", team.client.pk)
    return render(request, "care/care_transfer.html", {"form": form, "team": team, "back": back})


@login_required
@require_http_methods(["GET", "POST"])
def care_end(request: AuthedRequest, relationship_id: uuid.UUID) -> HttpResponse:
    relationship = care_relationship_get_for(user=request.user, relationship_id=relationship_id)
    today = timezone.localdate()
    form = CareEndForm(
        request.POST if request.method == "POST" else None,
        initial={"ended_on": today},
        started_on=relationship.started_on,
        today=today,
    )
    if request.method == "POST" and form.is_valid():
        services.care_end(relationship=relationship, by=request.user, **form.cleaned_data)
        messages.success(request, f"Care with {relationship.client.display_name} has ended.")
        return redirect("home:home")
    return render(request, "care/care_end.html", {"form": form, "relationship": relationship})


@login_required
def past_clients(request: AuthedRequest) -> HttpResponse:
    require_therapist(request.user)
    past_clients = past_clients_listed_for(request.user)
    return render(request, "care/past_clients.html", {"past_clients": past_clients})
