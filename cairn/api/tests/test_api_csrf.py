import json

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cairn.routines.models import RoutineLog


def test_a_script_needs_no_csrf_token(ben, routine, bearer):
    # A script has no session and no CSRF cookie: the token is the whole key.
    script = Client(enforce_csrf_checks=True)
    response = script.post(
        reverse("api:routine_mark", args=[routine.pk]),
        json.dumps({"date": timezone.localdate().isoformat(), "status": "done"}),
        content_type="application/json",
        headers=bearer(ben),
    )
    assert response.status_code == 201
    assert RoutineLog.objects.filter(routine=routine).exists()
