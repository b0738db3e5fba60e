from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cairn.accounts import services
from cairn.accounts.forms import ProfileForm
from cairn.accounts.types import AuthedRequest


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthedRequest) -> HttpResponse:
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@require_GET
@never_cache
@login_required
def keep_alive(request: AuthedRequest) -> HttpResponse:
    """ "Keep me signed in": any signed-in request renews the idle limit; this one does nothing else."""
    return HttpResponse(status=204)
