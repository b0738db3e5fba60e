"""When a lead's care ends and co-therapists stay, nobody is left not knowing: the
practice's admins are told, and the care team says "No lead therapist yet"."""

from django.urls import reverse
from django.utils import timezone

from cairn.reminders.models import Notification
from tests.factories import care


def end_url(relationship) -> str:
    return reverse("care:care_end", args=[relationship.pk])


def test_ending_the_leads_care_tells_the_admin_and_the_care_team_says_so(
    client, ana, ben, cara, ed, ana_and_ben, django_capture_on_commit_callbacks
):
    care(cara, ben)  # Cara is Ben's co-therapist
    client.force_login(ana)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            end_url(ana_and_ben),
            {"ended_on": timezone.localdate().isoformat(), "reason": "Moving to another city"},
        )
    assert response.status_code == 302
    told = Notification.objects.get(user=ed, kind="no_lead_therapist")
    assert told.message.startswith("Ben Marchetti") and "has no lead therapist now" in told.message
    assert told.link == reverse("care:care_transfer", args=[ben.pk])
    assert not Notification.objects.filter(kind="no_lead_therapist").exclude(user=ed).exists()

    client.force_login(cara)
    assert (
        "No lead therapist yet."
        in client.get(reverse("home:client_overview", args=[ben.pk])).content.decode()
    )
    client.force_login(ben)
    assert "No lead therapist yet." in client.get(reverse("home:home")).content.decode()
    assert "No lead therapist yet." in client.get(reverse("home:who_can_see")).content.decode()
    # The admin follows the link and names a new lead.
    client.force_login(ed)
    assert client.get(told.link).status_code == 200


def test_a_transfer_to_the_co_therapist_leaves_a_lead_and_tells_no_admin(
    client, ana, ben, cara, ed, ana_and_ben, django_capture_on_commit_callbacks
):
    care(cara, ben)
    client.force_login(ed)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("care:care_transfer", args=[ben.pk]),
            {"therapist": cara.pk, "handover_note": "Walks help."},
        )
    assert response.status_code == 302
    assert not Notification.objects.filter(kind="no_lead_therapist").exists()
    client.force_login(cara)
    assert (
        "No lead therapist yet."
        not in client.get(reverse("home:client_overview", args=[ben.pk])).content.decode()
    )


def test_ending_the_only_therapists_care_is_not_a_missing_lead(
    client, ana, ben, ed, ana_and_ben, django_capture_on_commit_callbacks
):
    client.force_login(ana)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            end_url(ana_and_ben),
            {"ended_on": timezone.localdate().isoformat(), "reason": "Goals reached"},
        )
    assert not Notification.objects.filter(kind="no_lead_therapist").exists()
    client.force_login(ben)
    assert "No lead therapist yet." not in client.get(reverse("home:home")).content.decode()
