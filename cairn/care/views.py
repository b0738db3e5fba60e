import csv
import uuid
from collections.abc import Iterator
from datetime import UTC

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors, services
from cairn.care.access import (
    require_admin,
    require_client,
    require_staff,
    require_therapist,
    roles_invitable_by,
    standing_of,
)
from cairn.care.audit_log import audit_events_for_practice, audit_rows_exported, record_openings_for
from cairn.care.care_team import (
    CareTeam,
    care_relationship_get_for,
    care_team_get_for,
    past_clients_of,
    therapists_to_add,
    therapists_to_take_over,
)
from cairn.care.forms import (
    AuditFilterForm,
    CareEndForm,
    CareStartForm,
    ClientReferenceForm,
    CoTherapistForm,
    InvitationForm,
    PracticeForm,
    TransferForm,
)
from cairn.care.invitation_pages import invitation_queued, sign_up_page, unusable_page
from cairn.care.models import Practice
from cairn.care.people import (
    client_membership_get_for,
    failed_email_get_for,
    invitation_by_token,
    invitation_get_for,
    invitations_expired,
    invitations_pending,
    people_of_practice,
    people_page,
)
from cairn.care.roles import name_with_reference
from cairn.core.audit import audit_reads
from cairn.core.conflicts import ConflictError
from cairn.core.email import email_retry as email_retry_now
from cairn.core.form_fields import SEARCH_MAX, search_query
from cairn.core.once import create_once


@login_required
def practice_detail(request: AuthedRequest) -> HttpResponse:
    practice = selectors.practice_get_for(user=request.user)
    return render(request, "care/practice_detail.html", {"practice": practice})


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: AuthedRequest) -> HttpResponse:
    practice = selectors.practice_get_for(user=request.user, admin=True)
    form = PracticeForm(
        request.POST if request.method == "POST" else None,
        instance=practice,
        initial={"version": practice.version},
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PracticeForm.Meta.fields}
        try:
            services.practice_update(
                practice=practice, by=request.user, version=form.cleaned_data["version"], **fields
            )
        except ConflictError:
            practice.refresh_from_db()
            return render(
                request,
                "care/practice_edit.html",
                {
                    "form": PracticeForm(
                        request.POST, instance=practice, initial={"version": practice.version}
                    ),
                    "conflict": practice,
                    "practice": practice,
                },
                status=409,
            )
        messages.success(request, "The practice details are saved.")
        return redirect("care:practice_detail")
    return render(request, "care/practice_edit.html", {"form": form, "practice": practice})


@login_required
def people(request: AuthedRequest) -> HttpResponse:
    membership = require_admin(request.user)
    query = search_query(request.GET)
    page = people_page(practice=membership.practice, query=query, page=request.GET.get("page"))
    return render(
        request,
        "care/people.html",
        {
            "practice": membership.practice,
            "page": page,
            "query": query,
            "search_max": SEARCH_MAX,
            "overview": people_of_practice(
                membership.practice, client_ids=[m.user_id for m in page.object_list]
            ),
            "invitations": invitations_pending(membership.practice),
            "expired": invitations_expired(membership.practice),
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
    return redirect("care:people" if standing_of(request.user).may_administer else "home:home")


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
    return redirect("care:people" if standing_of(request.user).may_administer else "home:home")


@login_required
@require_POST
def email_retry(request: AuthedRequest, email_id: uuid.UUID) -> HttpResponse:
    email = failed_email_get_for(user=request.user, email_id=email_id)
    email_retry_now(email=email)
    messages.success(request, f"Trying the e-mail to {', '.join(email.to)} again now.")
    return redirect("care:people")


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def invitation_create(request: AuthedRequest) -> HttpResponse:
    membership = require_staff(request.user)
    # A therapist's invited client will be theirs; an admin picks the client's therapist.
    picks_therapist = standing_of(request.user).may_administer
    form = InvitationForm(
        request.POST if request.method == "POST" else None,
        roles=roles_invitable_by(request.user),
        therapists=selectors.therapists_of(membership.practice) if picks_therapist else None,
    )
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        therapist = form.cleaned_data.get("therapist") if picks_therapist else request.user
        invitation = services.invitation_create(
            practice=membership.practice,
            email=form.cleaned_data["email"],
            role=role,
            by=request.user,
            therapist=therapist,
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


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_by_token(token)
    if invitation is None:
        return unusable_page(request, "care/invitation_unusable.html", "unknown")
    if not invitation.is_pending:
        reason = "used" if invitation.accepted_at is not None else "expired"
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


def _after_team_change(request: AuthedRequest, team: CareTeam) -> HttpResponse:
    if standing_of(request.user).may_administer:
        return redirect("care:people")
    return redirect("home:client_overview", team.client.pk)


@login_required
@require_http_methods(["GET", "POST"])
def co_therapist_add(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    team = care_team_get_for(user=request.user, client_id=client_id)
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
            return _after_team_change(request, team)
    return render(request, "care/co_therapist_add.html", {"form": form, "team": team})


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
            if standing_of(request.user).may_administer:
                return redirect("care:people")
            return redirect("home:home")
    return render(request, "care/care_transfer.html", {"form": form, "team": team})


@login_required
def past_clients(request: AuthedRequest) -> HttpResponse:
    require_therapist(request.user)
    past_clients = past_clients_of(request.user)
    audit_reads(
        actor=request.user,
        object_type="past_clients",
        client_ids=[past.relationship.client_id for past in past_clients],
    )
    return render(request, "care/past_clients.html", {"past_clients": past_clients})


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


def _audit_filters(request: AuthedRequest, practice: Practice) -> AuditFilterForm:
    return AuditFilterForm(
        request.GET or None,
        people=selectors.members_of(practice),
        clients=selectors.clients_of_practice(practice),
    )


@login_required
def audit_log(request: AuthedRequest) -> HttpResponse:
    membership = require_admin(request.user)
    form = _audit_filters(request, membership.practice)
    filters = form.cleaned_data if form.is_valid() else {}
    page, rows = audit_events_for_practice(
        practice=membership.practice, filters=filters, page=request.GET.get("page")
    )
    return render(request, "care/audit_log.html", {"form": form, "page": page, "rows": rows})


CSV_COLUMNS = ["when (UTC)", "who", "what", "whose record", "outcome", "from", "address"]


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def audit_export(request: AuthedRequest) -> HttpResponse | StreamingHttpResponse:
    """The filtered log as CSV. Bad filters export nothing and say why on the page."""
    membership = require_admin(request.user)
    form = _audit_filters(request, membership.practice)
    if request.GET and not form.is_valid():
        return render(
            request, "care/audit_log.html", {"form": form, "page": None, "rows": []}, status=400
        )
    filters = form.cleaned_data if request.GET else {}
    rows = audit_rows_exported(practice=membership.practice, filters=filters, by=request.user)
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(CSV_COLUMNS)
        for row in rows:
            yield writer.writerow(
                [
                    csv_cell(cell)
                    for cell in (
                        row.event.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
                        row.who,
                        row.what,
                        name_with_reference(row.client) if row.client else "",
                        row.event.get_outcome_display(),
                        row.event.ip,
                        row.event.path,
                    )
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="cairn-audit-{stamp}.csv"'
    return response


@login_required
def record_access_log(request: AuthedRequest) -> HttpResponse:
    require_client(request.user)
    page, rows = record_openings_for(client=request.user, page=request.GET.get("page"))
    return render(request, "care/record_access_log.html", {"page": page, "rows": rows})
