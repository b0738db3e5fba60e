import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.invitation_pages import invitation_queued, sign_up_page, unusable_page
from cairn.core.charts import CHART_POLICY, phone_size_asked
from cairn.core.ids import parse_uuid
from cairn.core.once import create_once
from cairn.core.redirects import safe_next
from cairn.goals import selectors as goal_selectors
from cairn.progress import charts
from cairn.progress import series as progress_series
from cairn.sharing import selectors, services
from cairn.sharing.forms import CheerForm, GrantEditForm, InviteForm, RevokeForm
from cairn.sharing.models import SupportGrant


def _say_why_not(request: HttpRequest, form: Form, outcome: str) -> None:
    """A form behind a button, not a page of its own: each error, after what did not
    happen, as a message on the page it goes back to."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, f"{outcome}: {error}")


# The supporter's side ----------------------------------------------------------


@login_required
def shared_view(request: AuthedRequest, grant_id: uuid.UUID) -> HttpResponse:
    grant = selectors.grant_for_supporter(supporter=request.user, grant_id=grant_id)
    record = selectors.shared_record(grant)
    plan = selectors.shared_safety_plan(grant, supporter=request.user)
    return render(
        request,
        "sharing/shared_view.html",
        {"record": record, "grant": grant, "cheer_form": CheerForm(), "plan": plan},
    )


@login_required
@csp_override(CHART_POLICY)
def shared_goal_chart(
    request: AuthedRequest, grant_id: uuid.UUID, goal_id: uuid.UUID
) -> HttpResponse:
    grant = selectors.grant_for_supporter(supporter=request.user, grant_id=grant_id)
    goal = selectors.shared_goal_get_for(supporter=request.user, grant=grant, goal_id=goal_id)
    series = progress_series.series_for([goal])[goal.pk]
    phone = phone_size_asked(request)
    return HttpResponse(
        charts.rating_chart(series.ratings, phone=phone), content_type="image/svg+xml"
    )


@login_required
@require_POST
@create_once
def cheer_create(request: AuthedRequest, grant_id: uuid.UUID) -> HttpResponse:
    grant = selectors.grant_for_supporter(supporter=request.user, grant_id=grant_id)
    form = CheerForm(request.POST)
    if not form.is_valid():
        _say_why_not(request, form, "Your cheer wasn't sent")
        return redirect("sharing:shared_view", grant.pk)
    target = selectors.cheer_target_get_for(
        supporter=request.user, grant=grant, target=form.cleaned_data["target"]
    )
    services.cheer_send(
        grant=grant, supporter=request.user, text=form.cleaned_data["text"], target=target
    )
    messages.success(request, f"Sent. {grant.client.display_name} will see it on their home page.")
    return redirect("sharing:shared_view", grant.pk)


@require_http_methods(["GET", "POST"])
def invite_accept(request: HttpRequest, token: str) -> HttpResponse:
    grant = selectors.grant_by_token(token)
    if grant is None:
        return unusable_page(request, "sharing/invite_unusable.html", "unknown")
    if (reason := grant.unusable_reason) is not None:
        return unusable_page(request, "sharing/invite_unusable.html", reason)
    if request.user.is_authenticated:
        return _invite_accept_signed_in(request, grant, selectors.person(request.user.pk))
    return sign_up_page(
        request,
        email=grant.email,
        sign_up=lambda name, password: services.grant_accept_new(
            grant=grant, name=name, password=password
        ),
        welcome=lambda _: (
            f"Welcome. Here is what {grant.client.display_name} chose to share with you."
        ),
        then=reverse("sharing:shared_view", args=[grant.pk]),
        template="sharing/invite_accept.html",
        unusable_template="sharing/invite_unusable.html",
        context={"grant": grant},
    )


def _invite_accept_signed_in(request: HttpRequest, grant: SupportGrant, user: User) -> HttpResponse:
    """`user`, who has an account already, takes the invitation up as themself."""
    # Asked before the invitation is offered; the accepting service asks again under the lock.
    if (reason := selectors.grant_refusal_for(grant=grant, person=user)) is not None:
        return unusable_page(request, "sharing/invite_unusable.html", reason, email=grant.email)
    if request.method == "POST":
        try:
            services.grant_accept_existing(grant=grant, supporter=user)
        except services.GrantUnusable as error:
            return unusable_page(
                request, "sharing/invite_unusable.html", error.reason, email=grant.email
            )
        messages.success(
            request, f"You can now see what {grant.client.display_name} chose to share."
        )
        return redirect("sharing:shared_view", grant.pk)
    return render(request, "sharing/invite_accept.html", {"grant": grant, "signed_in": True})


# The client's side ----------------------------------------------------------------


@login_required
def grant_list(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    grants = list(selectors.grants_given(client))
    mail = selectors.invitation_mail(grants)
    looked = selectors.last_looked(client)
    return render(
        request,
        "sharing/grant_list.html",
        {
            # Counted from what each supporter's own page shows, so they never disagree.
            "grants": [
                (record.grant, record, mail.get(record.grant.pk, ""), looked.get(record.grant.pk))
                for record in selectors.shared_records(grants)
            ],
            "today": local_today(client),
            "cheers": selectors.cheers_for(client, include_hidden=True),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def invite_create(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        client=client,
        goals=goal_selectors.goals_to_pick(client, to="share"),
        waiting=selectors.goals_waiting(client),
        today=local_today(client),
    )
    if request.method == "POST" and form.is_valid():
        grant = services.grant_invite(
            client=client, link_base=request.build_absolute_uri("/"), **form.cleaned_data
        )
        invitation_queued(
            request,
            grant.email,
            shown_on="this page",
            then="You can change or stop sharing at any time.",
        )
        return redirect("sharing:grant_list")
    return render(request, "sharing/invite_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def grant_edit(request: AuthedRequest, grant_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    grant = selectors.grant_for_client(client=client, grant_id=grant_id)
    items = selectors.items_shared_one_by_one(grant)
    form = GrantEditForm(
        request.POST if request.method == "POST" else None,
        initial={
            "relationship": grant.relationship,
            "goals": list(grant.goals.all()),
            "all_wins": grant.all_wins,
            "safety_plan": grant.safety_plan,
            "ends_on": grant.ends_on,
            "keep_items": [value for value, _ in items],
        },
        goals=goal_selectors.goals_to_pick(client, to="share"),
        waiting=selectors.goals_waiting(client),
        today=local_today(client),
        items=items,
    )
    if request.method == "POST" and form.is_valid():
        services.grant_change(grant=grant, by=request.user, **form.cleaned_data)
        messages.success(request, "Saved. The change applies straight away.")
        return redirect("sharing:grant_list")
    return render(request, "sharing/grant_edit.html", {"form": form, "grant": grant})


@login_required
@require_POST
def grant_revoke(request: AuthedRequest, grant_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    grant = selectors.grant_for_client(client=client, grant_id=grant_id)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        _say_why_not(request, form, "Nothing was changed")
        return redirect("sharing:grant_list")
    block = form.cleaned_data["block"]
    services.grant_revoke(grant=grant, by=request.user, block=block)
    messages.success(
        request,
        "Stopped. They can't see anything from now on."
        + (" Their cheers are hidden too." if block else ""),
    )
    return redirect("sharing:grant_list")


@login_required
@require_POST
def cheer_hide(request: AuthedRequest, cheer_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    cheer = selectors.cheer_get_for(client=client, cheer_id=cheer_id)
    services.cheer_hide(cheer=cheer, by=request.user)
    return redirect(safe_next(request, reverse("home:home")))


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def win_share(request: AuthedRequest) -> HttpResponse:
    """Share one win, or one step reached, with chosen supporters in one go."""
    client = care_selectors.own_record(request.user)
    source = request.POST if request.method == "POST" else request.GET
    win_id, milestone_id = parse_uuid(source.get("win")), parse_uuid(source.get("milestone"))
    win, milestone = selectors.win_or_step_to_share(
        client=client, win_id=win_id, milestone_id=milestone_id
    )
    grants = selectors.grants_to_share_with(client)
    if request.method == "POST":
        chosen = [g for g in grants if str(g.pk) in request.POST.getlist("grants")]
        if not chosen:
            messages.error(request, "Please choose at least one person to share it with.")
        else:
            services.win_share(client=client, grants=chosen, win=win, milestone=milestone)
            messages.success(request, "Shared. It's lovely to let people in on the good moments.")
            return redirect("sharing:grant_list")
    return render(
        request, "sharing/win_share.html", {"win": win, "milestone": milestone, "grants": grants}
    )
