from datetime import timedelta

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cairn.core.heartbeat import heartbeat_at
from cairn.core.selectors import oldest_waiting_task_age

# Older than this, the worker or the scheduler has stopped: /healthz answers 503.
STALE_AFTER = timedelta(minutes=10)


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """The database answers, the task queue moves, and the scheduler ticks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        now = timezone.now()
        waited = oldest_waiting_task_age(now)
        tick = heartbeat_at("scheduler")
    except Exception as error:  # any failure means "not healthy", whatever its kind
        return JsonResponse(
            {"status": "error", "reason": f"database: {type(error).__name__}"}, status=503
        )
    since_tick = None if tick is None else max(now - tick, timedelta(0))
    problems = []
    if waited is not None and waited > STALE_AFTER:
        problems.append("queue: a task has waited over 10 minutes (is the worker running?)")
    if since_tick is None:
        problems.append("scheduler: it has never run")
    elif since_tick > STALE_AFTER:
        problems.append("scheduler: no tick for over 10 minutes (is it running?)")
    body: dict[str, object] = {
        "status": "error" if problems else "ok",
        "queue_oldest_waiting_seconds": None if waited is None else int(waited.total_seconds()),
        "scheduler_last_tick_seconds_ago": (
            None if since_tick is None else int(since_tick.total_seconds())
        ),
    }
    if problems:
        body["reason"] = "; ".join(problems)
    return JsonResponse(body, status=503 if problems else 200)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever broke may be what they rely on.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
