from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.models import Role
from cairn.care.roles import membership_of


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """Each role's own home page."""
    membership = membership_of(request.user)
    role = membership.role if membership else None
    if role == Role.CLIENT:
        client = care_selectors.client_get_for(user=request.user, client_id=request.user.pk)
        return render(
            request,
            "home/client_home.html",
            {
                "client": client,
                "relationships": care_selectors.care_relationships_of_client(client),
            },
        )
    if role == Role.THERAPIST:
        return render(
            request,
            "home/therapist_home.html",
            {"caseload": care_selectors.caseload_for(request.user)},
        )
    if role == Role.ADMIN and membership is not None:
        return render(
            request,
            "home/admin_home.html",
            {
                "practice": membership.practice,
                "overview": care_selectors.people_of_practice(membership.practice),
            },
        )
    return render(request, "home/supporter_home.html")
