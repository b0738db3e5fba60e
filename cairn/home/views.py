import uuid
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import require_client, standing_of
from cairn.care.models import CareRelationship
from cairn.core.audit import audit_listing
from cairn.goals import history
from cairn.goals import selectors as goal_selectors
from cairn.goals.models import Lifecycle
from cairn.home.caseload import TIERS, caseload_for
from cairn.home.practice import member_counts, therapist_loads
from cairn.journal import selectors as journal_selectors
from cairn.measures import selectors as measure_selectors
from cairn.progress import selectors as progress_selectors
from cairn.safety import selectors as safety_selectors
from cairn.sessions import selectors as session_selectors
from cairn.sharing import selectors as sharing_selectors


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """Each role's own home page."""
    standing = standing_of(request.user)
    if standing.is_client:
        client = care_selectors.client_get_for(user=request.user, client_id=request.user.pk)
        return render(request, "home/client_home.html", _record(client, is_own=True))
    if standing.is_therapist:
        return _caseload(request)
    practice = care_selectors.practice_of(request.user)
    if standing.may_administer and practice is not None:
        return render(
            request,
            "home/admin_home.html",
            {
                "practice": practice,
                "loads": therapist_loads(practice, today=timezone.localdate()),
                "counts": member_counts(practice),
                "invitations": care_selectors.invitations_pending(practice, limit=20),
                "supporter_count": sharing_selectors.supporter_count(practice),
            },
        )
    return render(
        request,
        "home/supporter_home.html",
        {"grants": sharing_selectors.grants_received(request.user)},
    )


def _caseload(request: AuthedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    tier = request.GET.get("tier", "").strip()
    unknown_tier = bool(tier) and tier not in TIERS
    caseload = caseload_for(
        request.user,
        today=timezone.localdate(),
        query=query,
        tier="" if unknown_tier else tier,
        page=request.GET.get("page"),
    )
    rows = [] if unknown_tier else caseload.rows
    # One event for the view, naming every client it listed.
    audit_listing(
        actor=request.user, object_type="caseload", client_ids=[row.client.pk for row in rows]
    )
    filters = {"q": query, "tier": tier}
    return render(
        request,
        "home/therapist_home.html",
        {
            "page": caseload.page,
            "caseload": rows,
            "tier_options": [(t, caseload.counts[t.code]) for t in TIERS.values()],
            "query": query,
            "tier": tier,
            "unknown_tier": unknown_tier,
            "filters": urlencode({k: v for k, v in filters.items() if v}),
        },
    )


@login_required
def client_overview(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    """One page with a client's record: care, vision, goals."""
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    context = _record(client, is_own=client.pk == request.user.pk)
    # The therapist's own active care, to end it (or, as lead, to share or hand it over).
    relationships = context["relationships"]
    assert isinstance(relationships, list)
    context["my_relationship"] = next(
        (r for r in relationships if r.therapist_id == request.user.pk and r.is_active), None
    )
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
            "therapists": care_selectors.therapists_who_can_see(client),
            "no_lead_therapist": care_selectors.has_no_lead_therapist(
                care_selectors.care_relationships_of_client(client)
            ),
            "supporters": sharing_selectors.supporters_of(client),
            "practice": care_selectors.practice_of(client),
        },
    )


OPEN = (Lifecycle.PROPOSED, Lifecycle.ACTIVE, Lifecycle.ON_HOLD)


def _care_has_ended(relationships: list[CareRelationship]) -> bool:
    return bool(relationships) and not any(r.is_active for r in relationships)


def _record(client: User, *, is_own: bool) -> dict[str, object]:
    goals = goal_selectors.goals_of(client)
    open_goals = [g for g in goals if g.lifecycle_status in OPEN]
    series = progress_selectors.recent_series_for(open_goals)
    for goal in open_goals:
        steps = list(goal.milestones.all())
        goal.next_step = next((m for m in steps if not m.is_done), None)  # type: ignore[attr-defined]
        goal.series = series[goal.pk]  # type: ignore[attr-defined]
    today = local_today(client)
    relationships = list(care_selectors.care_relationships_of_client(client))
    return {
        "client": client,
        "is_own": is_own,
        "today": today,
        "relationships": relationships,
        "no_lead_therapist": care_selectors.has_no_lead_therapist(relationships),
        "now": timezone.now(),
        "sessions": session_selectors.session_dates_of(client, today),
        "vision": goal_selectors.vision_current(client),
        "open_goals": open_goals,
        "finished_count": len(goals) - len(open_goals),
        "rhythm": progress_selectors.rhythm_of(client, today),
        "wins": progress_selectors.wins_of(client, limit=5),
        "shared_entries": [] if is_own else list(journal_selectors.shared_entries_of(client)[:5]),
        "latest_summary": session_selectors.latest_shared_summary(client),
        "open_agenda": session_selectors.open_agenda(client),
        "revisions": []
        if is_own
        else history.describe(goal_selectors.revisions_of_client(client, limit=10)),
        "cheers": sharing_selectors.cheers_for(client) if is_own else [],
        "supporters": [] if is_own else sharing_selectors.supporters_of(client),
        "after_therapy": is_own and _care_has_ended(relationships),
        # A client can support someone too: what others share with them.
        "shared_with_me": sharing_selectors.grants_received(client) if is_own else [],
        "measures_due": measure_selectors.measures_due_for(
            client, today, next_session_on=session_selectors.next_session_on(client, today)
        )
        if is_own
        else [],
        "measure_scores": None if is_own else measure_selectors.scores_of(client),
        # The therapist's: open flags first, reviewed ones kept in the record.
        "risk_flags": [] if is_own else safety_selectors.risk_flags_of(client),
    }
