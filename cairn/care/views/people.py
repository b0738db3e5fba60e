"""The admin's people page: the practice's members and care, a client's reference,
and mail that could not be sent, tried again."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.types import AuthedRequest
from cairn.care import services
from cairn.care.access import require_admin, standing_of
from cairn.care.forms import ClientReferenceForm
from cairn.care.people import (
    client_membership_get_for,
    failed_email_get_for,
    people_page_of,
)
from cairn.core.email import email_retry as email_retry_now
from cairn.core.form_fields import SEARCH_MAX, search_query


def people_or(request: AuthedRequest, elsewhere: str, *args: object) -> str:
    """Where someone goes back to from changing an invitation or a client's care: the
    admin to the people page, which lists both; anyone else to `elsewhere` (a URL's
    name and its arguments)."""
    if standing_of(request.user).may_administer:
        return reverse("care:people")
    return reverse(elsewhere, args=args)


def back_to_people_or(request: AuthedRequest, elsewhere: str, *args: object) -> HttpResponse:
    """Sends someone back once they have changed it (see `people_or`)."""
    return redirect(people_or(request, elsewhere, *args))


@login_required
def people(request: AuthedRequest) -> HttpResponse:
    membership = require_admin(request.user)
    query = search_query(request.GET)
    shown = people_page_of(admin=request.user, query=query, page=request.GET.get("page"))
    return render(
        request,
        "care/people.html",
        {
            "practice": membership.practice,
            "page": shown.members,
            "query": query,
            "search_max": SEARCH_MAX,
            "overview": shown,
            "expired": shown.expired,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_reference(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    found = client_membership_get_for(user=request.user, client_id=client_id)
    form = ClientReferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"reference": found.reference},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.client_reference_set(
                membership=found, reference=form.cleaned_data["reference"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{found.user.display_name}'s reference is saved.")
            return redirect("care:people")
    return render(request, "care/client_reference.html", {"form": form, "member": found})


@login_required
@require_POST
def email_retry(request: AuthedRequest, email_id: uuid.UUID) -> HttpResponse:
    email = failed_email_get_for(user=request.user, email_id=email_id)
    email_retry_now(email=email)
    messages.success(request, f"Trying the e-mail to {', '.join(email.to)} again now.")
    return redirect("care:people")
