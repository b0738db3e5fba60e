import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cairn.accounts.types import AuthedRequest
from cairn.care import care_team, people
from cairn.care import selectors as care_selectors
from cairn.care.access import is_own_record, require_client, standing_of
from cairn.core.form_fields import SEARCH_MAX, search_query
from cairn.home.caseload import caseload_cards_listed_for
from cairn.home.practice import therapist_loads
from cairn.home.record import client_home_page, record_page
from cairn.home.tiers import TIERS
from cairn.sharing import selectors as sharing_selectors


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """Each role's own home page."""
    standing = standing_of(request.user)
    if standing.is_client:
        client = care_selectors.client_get_for(user=request.user, client_id=request.user.pk)
        return render(request, "home/client_home.html", client_home_page(client))
    if standing.is_therapist:
        return _caseload(request)
    practice = care_selectors.practice_of(request.user)
    if standing.may_administer and practice is not None:
        invitations, unlisted = people.invitations_waiting(practice, cap=people.INVITATIONS_ON_HOME)
        return render(
            request,
            "home/admin_home.html",
            {
                "practice": practice,
                "loads": therapist_loads(practice, today=timezone.localdate()),
                "counts": care_selectors.member_counts(practice),
                "invitations": invitations,
                "invitations_unlisted": unlisted,
                "supporter_count": sharing_selectors.supporter_count(practice),
            },
        )
    return render(
        request,
        "home/supporter_home.html",
        {"grants": sharing_selectors.grants_received(request.user)},
    )


def _caseload(request: AuthedRequest) -> HttpResponse:
    query = search_query(request.GET)
    tier = request.GET.get("tier", "").strip()
    caseload = caseload_cards_listed_for(
        request.user,
        today=timezone.localdate(),
        query=query,
        tier=tier,
        page=request.GET.get("page"),
    )
    return render(
        request,
        "home/therapist_home.html",
        {
            "page": caseload.page,
            "caseload": caseload.listed,
            "tier_options": [(t, caseload.counts[t.code]) for t in TIERS.values()],
            "query": query,
            "search_max": SEARCH_MAX,
            "tier": tier,
            "unknown_tier": caseload.unknown_tier,
        },
    )


@login_required
def client_overview(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    """One page with a client's record: care, vision, goals."""
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    context = record_page(client, is_own=is_own_record(request.user, client.pk))
    # The therapist's own active care, to end it; and whether they may share or hand it
    # over (the lead, access.manages_care_of).
    relationships = context["relationships"]
    assert isinstance(relationships, list)
    context["my_relationship"] = care_team.care_given_by(request.user, relationships)
    context["manages_care"] = care_team.manages_care_team(request.user, client)
    return render(request, "home/client_overview.html", context)


@login_required
def who_can_see(request: AuthedRequest) -> HttpResponse:
    """For a client: everyone who can see their record now, and why."""
    require_client(request.user)
    client = care_selectors.own_record(request.user)
    return render(
        request,
        "home/who_can_see.html",
        {
            "therapists": care_team.therapists_who_can_see(client),
            "no_lead_therapist": care_team.has_no_lead_therapist(
                care_team.care_relationships_of_client(client)
            ),
            "supporters": sharing_selectors.supporters_of(client),
            "practice": care_selectors.practice_of(client),
        },
    )
