from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cairn.routines.models import RoutineLog
from tests.page import words


def test_paused_days_stay_frozen_after_resuming_and_cannot_be_marked(client, ben, routine):
    pause = reverse("routines:routine_pause", args=[routine.pk])
    client.force_login(ben)
    client.post(pause, {"paused": "1"})
    client.post(reverse("routines:routine_log", args=[routine.pk]), {"status": "done"})
    assert not RoutineLog.objects.exists()
    routine.refresh_from_db()
    routine.paused_at = timezone.localdate() - timedelta(days=5)
    routine.save()
    client.post(pause, {"paused": "0"})
    routine.refresh_from_db()
    yesterday = timezone.localdate() - timedelta(days=1)
    assert routine.pauses == [[(yesterday - timedelta(days=4)).isoformat(), yesterday.isoformat()]]
    page = words(client.get(reverse("routines:routine_list", args=[ben.pk])))
    # The five paused days read "paused" on the calendar (the key says it once more).
    assert page.count(": · paused") >= 5
