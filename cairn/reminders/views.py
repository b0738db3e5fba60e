from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.reminders import selectors, services
from cairn.reminders.forms import PreferenceForm
from cairn.reminders.notify import UnsubscribeExpired, user_for_unsubscribe


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthedRequest) -> HttpResponse:
    preference = selectors.preference_to_edit(request.user)
    form = PreferenceForm(
        request.POST if request.method == "POST" else None,
        instance=preference,
        initial={"time_zone": request.user.time_zone},
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            user=request.user,
            preference=form.save(commit=False),
            time_zone=form.cleaned_data["time_zone"],
        )
        messages.success(request, "Saved. Reminders will follow these from now on.")
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})


@login_required
def notification_list(request: AuthedRequest) -> HttpResponse:
    notifications = selectors.notifications_of(request.user)
    return render(request, "reminders/notification_list.html", {"notifications": notifications})


@login_required
@require_POST
def notifications_read(request: AuthedRequest) -> HttpResponse:
    services.notifications_mark_read(user=request.user)
    return redirect("reminders:notification_list")


# The link works without signing in; its signed token is the only key. The POST
# is what mail programs send for one-click unsubscribe (RFC 8058), so it carries
# no CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = user_for_unsubscribe(token)
    except UnsubscribeExpired as expired:
        return render(
            request, "reminders/unsubscribe_expired.html", {"days": expired.days}, status=410
        )
    if user is None:
        raise Http404
    if request.method == "POST":
        services.email_unsubscribe(user=user)
        return render(request, "reminders/unsubscribed.html")
    return render(request, "reminders/unsubscribe.html", {"token": token})


@login_required
@require_POST
def ask_to_return(request: AuthedRequest) -> HttpResponse:
    """A client after therapy asks to come back: their former therapists and the
    practice's admins hear of it. The record is all still there for them."""
    client = care_selectors.own_record(request.user)
    services.return_ask(client=client)
    messages.success(
        request,
        "Sent. Your practice will be in touch, and everything you built is here to pick up from.",
    )
    return redirect("routines:after_therapy")
