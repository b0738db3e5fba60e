"""The mood page and its chart."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csp import csp_override

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import is_own_record
from cairn.core.charts import CHART_POLICY, cached_svg_response, phone_size_asked
from cairn.progress import charts
from cairn.progress import series as progress_series


@login_required
def mood(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    points = progress_series.mood_points(client, since=progress_series.mood_since(client))
    return render(
        request,
        "progress/mood.html",
        {
            "client": client,
            "points": points,
            "text": charts.describe_moods(points),
            "is_own": is_own_record(request.user, client.pk),
        },
    )


@login_required
@csp_override(CHART_POLICY)
def mood_chart(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    since = progress_series.mood_since(client)
    phone = phone_size_asked(request)
    return cached_svg_response(
        ["mood", client.pk, progress_series.mood_chart_version(client, since=since), phone],
        lambda: charts.mood_chart(progress_series.mood_points(client, since=since), phone=phone),
    )
