from django.urls import reverse
from django.utils import timezone

from cairn.routines.models import Routine, RoutineLog
from cairn.routines.tests.factories import RoutineLogFactory
from tests.page import headings, words


def test_a_routine_can_be_removed_and_its_history_kept(client, ben, routine):
    RoutineLogFactory(routine=routine, date=timezone.localdate(), status="done")
    client.force_login(ben)
    client.post(reverse("routines:routine_remove", args=[routine.pk]))
    response = client.get(reverse("routines:routine_list", args=[ben.pk]))
    assert "The routine is off your list. Its history is kept." in words(response)
    assert routine.name not in headings(response)
    assert Routine.objects.get().archived_at is not None and RoutineLog.objects.exists()


def test_a_removed_routine_takes_no_more_days(client, ben, routine):
    # A page left open in another tab after the routine was taken off the list.
    routine.archived_at = timezone.now()
    routine.save()
    client.force_login(ben)
    response = client.post(
        reverse("routines:routine_log", args=[routine.pk]), {"status": "done"}, follow=True
    )
    assert "This routine was taken off the list." in words(response)
    assert not RoutineLog.objects.exists()
