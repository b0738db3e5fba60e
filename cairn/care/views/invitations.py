"""The practice's invitations: sent by an admin or a therapist, sent again or
withdrawn by whoever manages them, and accepted behind the link by the person invited."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors, services
from cairn.care.access import may_choose_invitees_therapist, require_staff, roles_invitable_by
from cairn.care.forms import InvitationForm
from cairn.care.invitation_pages import invitation_queued, sign_up_page, unusable_page
from cairn.care.people import invitation_by_token, invitation_get_for
from cairn.care.views.people import back_to_people_or
from cairn.core.once import create_once


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def invitation_create(request: AuthedRequest) -> HttpResponse:
    membership = require_staff(request.user)
    picks_therapist = may_choose_invitees_therapist(request.user)
    form = InvitationForm(
        request.POST if request.method == "POST" else None,
        roles=roles_invitable_by(request.user),
        therapists=selectors.therapists_of(membership.practice) if picks_therapist else None,
    )
    if request.method == "POST" and form.is_valid():
        invitation = services.invitation_create(
            practice=membership.practice,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            by=request.user,
            therapist=form.cleaned_data.get("therapist"),
            link_base=request.build_absolute_uri("/"),
        )
        invitation_queued(
            request,
            invitation.email,
            shown_on="the list of people",
            then="The link works for a week.",
        )
        return redirect("home:home")
    return render(request, "care/invitation_create.html", {"form": form})


@login_required
@require_POST
def invitation_resend(request: AuthedRequest, invitation_id: uuid.UUID) -> HttpResponse:
    invitation = invitation_get_for(user=request.user, invitation_id=invitation_id)
    try:
        fresh = services.invitation_resend(
            invitation=invitation, by=request.user, link_base=request.build_absolute_uri("/")
        )
    except services.InvitationUnusable:
        messages.error(request, f"{invitation.email} has already joined: nothing to resend.")
    else:
        messages.success(
            request, f"A new link went to {fresh.email}. The earlier link no longer works."
        )
    return back_to_people_or(request, "home:home")


@login_required
@require_POST
def invitation_revoke(request: AuthedRequest, invitation_id: uuid.UUID) -> HttpResponse:
    invitation = invitation_get_for(user=request.user, invitation_id=invitation_id)
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)
    except services.InvitationUnusable:
        messages.error(request, f"{invitation.email} has already joined: it can't be withdrawn.")
    else:
        messages.success(request, f"The invitation for {invitation.email} no longer works.")
    return back_to_people_or(request, "home:home")


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_by_token(token)
    if invitation is None:
        return unusable_page(request, "care/invitation_unusable.html", "unknown")
    if (reason := invitation.unusable_reason) is not None:
        return unusable_page(request, "care/invitation_unusable.html", reason)
    if request.user.is_authenticated:
        return unusable_page(request, "care/invitation_unusable.html", "signed_in")
    return sign_up_page(
        request,
        email=invitation.email,
        sign_up=lambda name, password: services.invitation_accept(
            invitation=invitation, name=name, password=password
        ),
        welcome=lambda person: f"Welcome to Cairn, {person.display_name}.",
        then="home:home",
        template="care/invitation_accept.html",
        unusable_template="care/invitation_unusable.html",
        context={"invitation": invitation},
    )
