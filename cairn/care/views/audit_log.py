"""The audit log: the admin's page of the practice's log and its CSV export, and the
client's page of who opened their record."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors
from cairn.care.access import require_admin, require_client
from cairn.care.audit_export import audit_csv
from cairn.care.audit_log import audit_events_for_practice, record_openings_for
from cairn.care.forms import AuditFilterForm
from cairn.care.models import Practice


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
        practice=membership.practice, filters=filters, page=request.GET.get("page"), by=request.user
    )
    return render(request, "care/audit_log.html", {"form": form, "page": page, "rows": rows})


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
    export = audit_csv(practice=membership.practice, filters=filters, by=request.user)
    response = StreamingHttpResponse(export.lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@login_required
def record_access_log(request: AuthedRequest) -> HttpResponse:
    require_client(request.user)
    page, rows = record_openings_for(client=request.user, page=request.GET.get("page"))
    return render(request, "care/record_access_log.html", {"page": page, "rows": rows})
