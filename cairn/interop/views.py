import uuid
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import is_own_record
from cairn.core.conflicts import ConflictError
from cairn.interop import deletion, selectors, services
from cairn.interop.forms import ConfirmForm, ReportForm, RetentionForm
from cairn.interop.models import (
    ExportKind,
)
from cairn.interop.report import PARTS


@require_GET
@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design: the secret token in the address is the key."""
    response = HttpResponse(
        selectors.calendar_by_token(token), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="cairn.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: AuthedRequest) -> HttpResponse:
    owner = selectors.calendar_owner_for(request.user)
    if request.method == "POST":
        action = request.POST.get("action")
        feed_before = selectors.calendar_feed_of(owner.person)
        services.calendar_feed_save(
            owner=owner.person,
            by=request.user,
            reset=action in ("reset", "create"),
            show_titles=request.POST.get("show_titles") == "1",
        )
        if action == "create" or feed_before is None:
            messages.success(request, "Here is your calendar address.")
        elif action == "reset":
            messages.success(
                request,
                "Done. The old address has stopped working; add the new one to your calendar.",
            )
        else:
            messages.success(request, "Saved.")
        return redirect("interop:calendar_settings")
    feed = selectors.calendar_feed_of(owner.person)
    url = (
        request.build_absolute_uri(reverse("interop:calendar_feed", args=[feed.token]))
        if feed
        else ""
    )
    return render(
        request,
        "interop/calendar_settings.html",
        {"feed": feed, "url": url, "is_therapist": owner.is_therapist},
    )


def _report_form(request: AuthedRequest, client: User, data: Any) -> ReportForm:
    today = local_today(client)
    return ReportForm(
        data,
        initial={"starts": today - timedelta(days=90), "ends": today, "parts": list(PARTS)},
        goals=selectors.report_goals(client),
        therapist=not is_own_record(request.user, client.pk),
        today=today,
    )


def _report_params(form: ReportForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "starts": data["starts"].isoformat(),
        "ends": data["ends"].isoformat(),
        "parts": list(data["parts"]),
        "goals": [str(g.pk) for g in data["goals"]],
        "comment": data.get("comment", ""),
    }


@login_required
@require_GET
def report(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    """The form, and once it is filled in, the report itself, ready to print."""
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    form = _report_form(request, client, request.GET if "starts" in request.GET else None)
    context: dict[str, Any] = {
        "client": client,
        "form": form,
        "is_own": is_own_record(request.user, client.pk),
    }
    if form.is_bound and form.is_valid():
        params = _report_params(form)
        context["report"] = selectors.report_read(client=client, by=request.user, params=params)
        context["pdf_fields"] = [
            (name, value)
            for name, values in params.items()
            for value in (values if isinstance(values, list) else [values])
        ]
    return render(request, "interop/report.html", context)


@login_required
@require_POST
def report_pdf(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    form = _report_form(request, client, request.POST)
    if not form.is_valid():
        return render(
            request,
            "interop/report.html",
            {"client": client, "form": form, "is_own": is_own_record(request.user, client.pk)},
        )
    job = services.export_request(
        client=client, by=request.user, kind=ExportKind.REPORT_PDF, params=_report_params(form)
    )
    return redirect("interop:export_status", job.pk)


@login_required
@require_POST
def export_everything(request: AuthedRequest) -> HttpResponse:
    """The client's own "Download everything": the worker prepares the ZIP."""
    client = care_selectors.own_record(request.user)
    job = services.export_request(client=client, by=request.user, kind=ExportKind.ZIP)
    return redirect("interop:export_status", job.pk)


@login_required
@require_GET
def export_status(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    job = selectors.export_job_get_for(user=request.user, job_id=job_id)
    return render(request, "interop/export_status.html", {"job": job})


@login_required
@require_GET
def export_download(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    job, content = services.export_take(job_id=job_id, by=request.user)
    kind = "application/zip" if job.kind == ExportKind.ZIP else "application/pdf"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def space_delete(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        deletion.space_delete(client=client, by=request.user)
        messages.success(request, f"Your {deletion.own_space_in_short()} are deleted.")
        return redirect("home:home")
    return render(
        request,
        "interop/space_delete.html",
        {"form": form, "counts": deletion.own_space_counts(client)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_close(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {
        "form": form,
        "counts": deletion.own_space_counts(client),
        "kept": deletion.kept_by_practice(client),
        "keep_until": deletion.keep_until(client, local_today(client)),
    }
    if request.method == "POST" and form.is_valid():
        closure = deletion.account_close(client=client, by=request.user)
        logout(request)
        return render(request, "interop/account_closed.html", context | {"closure": closure})
    return render(request, "interop/account_close.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def records_admin(request: AuthedRequest) -> HttpResponse:
    """The practice's retention setting and the closed accounts waiting for it."""
    practice = care_selectors.practice_get_for(user=request.user, admin=True)
    policy = selectors.retention_policy_of(practice)
    form = RetentionForm(
        request.POST if request.method == "POST" else None,
        instance=policy,
        initial={"version": policy.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_policy_save(
                policy=form.save(commit=False),
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except ConflictError:
            messages.info(request, "Someone changed this a moment ago. Here it is as saved.")
            return redirect("interop:records_admin")
        messages.success(request, "Saved.")
        return redirect("interop:records_admin")
    closures = selectors.closures_waiting_read(practice=practice, by=request.user)
    return render(
        request,
        "interop/records_admin.html",
        {"form": form, "closures": closures, "practice": practice},
    )
