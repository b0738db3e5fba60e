"""The account pages for personal access tokens."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.types import AuthedRequest
from cairn.api import selectors, services
from cairn.api.forms import ApiTokenForm
from cairn.care.access import confirms_api_tokens_with_code, may_hold_api_tokens


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: AuthedRequest) -> HttpResponse:
    if not may_hold_api_tokens(request.user):
        raise PermissionDenied
    with_code = confirms_api_tokens_with_code(request.user)
    form = ApiTokenForm(
        request.POST if request.method == "POST" else None, user=request.user, with_code=with_code
    )
    secret = ""
    if request.method == "POST" and form.is_valid():
        _, secret = services.api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
        )
        form = ApiTokenForm(user=request.user, with_code=with_code)
    return render(
        request,
        "api/token_list.html",
        {"form": form, "tokens": selectors.api_tokens_of(request.user), "secret": secret},
    )


@login_required
@require_POST
def token_revoke(request: AuthedRequest, token_id: uuid.UUID) -> HttpResponse:
    token = selectors.api_token_get_for(user=request.user, token_id=token_id)
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, f"“{token.name}” no longer works.")
    return redirect("tokens:token_list")
