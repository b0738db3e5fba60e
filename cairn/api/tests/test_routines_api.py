"""/api/v1/routines: marking a routine's day from a script."""

from datetime import timedelta

from django.utils import timezone

from cairn.accounts.time import local_today
from cairn.api.tests.calls import api, post
from cairn.routines.models import Routine, RoutineLog


def mark(client, routine, body, headers):
    """A script marks a day of the routine."""
    return post(client, api("routine_mark", routine.pk), body, headers)


def test_a_client_marks_a_routine_from_a_script(client, ben, routine, bearer):
    today = timezone.localdate().isoformat()
    response = mark(client, routine, {"date": today, "status": "done"}, bearer(ben))
    assert response.status_code == 201
    assert response.json()["strength"] > 0
    assert RoutineLog.objects.get(routine=routine).status == "done"
    listed = client.get(api("routine_list"), headers=bearer(ben, "read")).json()
    assert listed["items"][0]["today"] == "done"


def test_the_routine_list_shows_every_change_at_once(client, ben, routine, bearer):
    # The list is kept under the record's version: each change shows on the next call.
    from cairn.routines import services as routine_services

    headers = bearer(ben, "read")
    first = client.get(api("routine_list"), headers=headers).json()["items"][0]
    assert (first["today"], first["paused"]) == (None, False)
    assert client.get(api("routine_list"), headers=headers).json()["items"][0] == first
    mark(client, routine, {"date": timezone.localdate().isoformat(), "status": "done"}, bearer(ben))
    marked = client.get(api("routine_list"), headers=headers).json()["items"][0]
    assert marked["today"] == "done"
    assert marked["strength"] > first["strength"]
    routine_services.routine_pause(routine=routine, by=ben, today=timezone.localdate(), paused=True)
    assert client.get(api("routine_list"), headers=headers).json()["items"][0]["paused"] is True
    routine_services.routine_remove(routine=routine, by=ben)
    assert client.get(api("routine_list"), headers=headers).json()["count"] == 0


def test_a_routine_mark_in_the_future_is_refused(client, ben, routine, bearer):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = mark(client, routine, {"date": tomorrow, "status": "done"}, bearer(ben))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "date"
    response = mark(client, routine, {"date": tomorrow, "status": "maybe"}, bearer(ben))
    assert response.json()["errors"][0]["field"] == "status"
    assert not RoutineLog.objects.exists()


def test_a_paused_or_removed_routine_takes_no_marks_as_on_the_page(client, ben, routine, bearer):
    # The same rule and words as the routine page (Routine.unmarkable_reason).
    today = timezone.localdate().isoformat()
    routine.paused_at = timezone.localdate()
    routine.save()
    response = mark(client, routine, {"date": today, "status": "done"}, bearer(ben))
    assert response.status_code == 409
    assert "paused" in response.json()["message"]
    routine.paused_at, routine.archived_at = None, timezone.now()
    routine.save()
    response = mark(client, routine, {"date": today, "status": "done"}, bearer(ben))
    assert response.status_code == 409
    assert response.json()["message"] == "This routine was taken off the list."
    assert not RoutineLog.objects.exists()


def test_a_routine_day_goes_back_as_a_check_in_does_and_not_before_the_routine(
    client, ben, routine, bearer
):
    # Ben joined a month ago. The check-in's two weeks bound a routine made before
    # them; a routine made since is marked from the day it was made.
    today = local_today(ben)
    ben.date_joined = timezone.now() - timedelta(days=30)
    ben.save()

    def marked(routine, days_ago):
        body = {"date": (today - timedelta(days=days_ago)).isoformat(), "status": "done"}
        return mark(client, routine, body, bearer(ben))

    Routine.objects.filter(pk=routine.pk).update(created_at=timezone.now() - timedelta(days=20))
    assert marked(routine, 14).status_code == 201
    refused = marked(routine, 15)
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "field": "date",
            "message": "A routine's days can be marked up to 14 days back. "
            "Please choose a later day.",
        }
    ]
    RoutineLog.objects.all().delete()
    made = today - timedelta(days=3)
    Routine.objects.filter(pk=routine.pk).update(created_at=timezone.now() - timedelta(days=3))
    assert marked(routine, 3).status_code == 201
    refused = marked(routine, 4)
    assert refused.json()["errors"][0]["message"] == (
        f"This routine began on {made:%A} {made.day} {made:%B}. "
        "Please choose that day or a later one."
    )
    assert list(RoutineLog.objects.values_list("date", flat=True)) == [made]
