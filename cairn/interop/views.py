from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.audit import audit_client_data
from cairn.care.models import Role
from cairn.care.roles import role_of
from cairn.core.audit import Action, audit_record
from cairn.interop.calendar import feed_for, therapist_feed_for
from cairn.interop.models import CalendarFeed, new_feed_token


@require_GET
@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by design: the secret token in the address is the key."""
    feed = CalendarFeed.objects.filter(token=token).select_related("client").first()
    if feed is None:
        audit_record(actor=None, action=Action.READ, object_type="calendar_feed", allowed=False)
        raise Http404
    if role_of(feed.client) == Role.THERAPIST:
        # The therapist's own diary: times only, no client named, nothing clinical.
        audit_record(
            actor=feed.client, action=Action.READ, object_type="calendar_feed", object_id=feed.pk
        )
        body = therapist_feed_for(feed.client)
    else:
        audit_client_data(
            actor=feed.client,
            action=Action.READ,
            object_type="calendar_feed",
            object_id=feed.pk,
            client=feed.client,
        )
        body = feed_for(feed.client, show_titles=feed.show_titles)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="cairn.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: AuthedRequest) -> HttpResponse:
    is_therapist = role_of(request.user) == Role.THERAPIST
    client = request.user if is_therapist else care_selectors.own_record(request.user)
    feed, _ = CalendarFeed.objects.get_or_create(client=client)
    if request.method == "POST":
        if request.POST.get("action") == "reset":
            feed.token = new_feed_token()
            messages.success(
                request,
                "Done. The old address has stopped working; add the new one to your calendar.",
            )
        else:
            feed.show_titles = request.POST.get("show_titles") == "1"
            messages.success(request, "Saved.")
        feed.save()
        if is_therapist:
            audit_record(
                actor=request.user,
                action=Action.WRITE,
                object_type="calendar_feed",
                object_id=feed.pk,
            )
        else:
            audit_client_data(
                actor=request.user,
                action=Action.WRITE,
                object_type="calendar_feed",
                object_id=feed.pk,
                client=client,
            )
        return redirect("interop:calendar_settings")
    url = request.build_absolute_uri(f"/calendar/{feed.token}.ics")
    return render(
        request,
        "interop/calendar_settings.html",
        {"feed": feed, "url": url, "is_therapist": is_therapist},
    )
