from django.urls import reverse
from django.utils import timezone

from cairn.care.models import CareRelationship
from tests.page import words

TODAY = timezone.localdate().isoformat()


def url(relationship) -> str:
    return reverse("care:care_end", args=[relationship.pk])


def test_the_therapist_ends_care_and_loses_access(client, ana, ben, ana_and_ben):
    client.force_login(ana)
    assert client.get(url(ana_and_ben)).status_code == 200
    response = client.post(url(ana_and_ben), {"reason": "Goals reached", "ended_on": TODAY})
    assert response.status_code == 302
    ana_and_ben.refresh_from_db()
    assert ana_and_ben.ended_at is not None
    assert ana_and_ben.end_reason == "Goals reached"
    assert client.get(reverse("home:client_overview", args=[ben.pk])).status_code == 404


def test_read_only_access_stays_where_the_practice_allows_it(
    client, practice, ana, ben, ana_and_ben
):
    practice.therapist_read_after_care_ends = True
    practice.save()
    client.force_login(ana)
    client.post(url(ana_and_ben), {"reason": "Moving away", "ended_on": TODAY})
    assert client.get(reverse("home:client_overview", args=[ben.pk])).status_code == 200


def test_the_page_says_how_long_the_former_therapist_reads_not_how_long_records_are_kept(
    client, practice, ana, ana_and_ben
):
    practice.therapist_read_after_care_ends = True
    practice.former_therapist_read_years = 2
    practice.save()
    client.force_login(ana)
    page = client.get(url(ana_and_ben)).content.decode()
    assert "will keep read-only access for 2 years after care ends" in page
    assert "as the practice keeps records" not in page


def test_the_client_keeps_their_whole_record(client, ana, ben, ana_and_ben):
    client.force_login(ana)
    client.post(url(ana_and_ben), {"reason": "Moving away", "ended_on": TODAY})
    client.force_login(ben)
    page = client.get(reverse("home:home")).content.decode()
    assert "Your work with Ana Thornbury has ended" in page


def test_a_reason_is_needed(client, ana, ana_and_ben):
    client.force_login(ana)
    response = client.post(url(ana_and_ben), {"reason": "", "ended_on": TODAY})
    assert response.status_code == 200
    assert "Please say why care is ending." in words(response, within="main")
    ana_and_ben.refresh_from_db()
    assert ana_and_ben.ended_at is None


def test_the_practice_admin_can_end_care(client, ed, ana_and_ben):
    client.force_login(ed)
    assert (
        client.post(
            url(ana_and_ben), {"reason": "Therapist leaving", "ended_on": TODAY}
        ).status_code
        == 302
    )
    assert CareRelationship.objects.get(pk=ana_and_ben.pk).ended_at is not None


def test_others_get_404_and_nothing_changes(client, everyone, ana_and_ben):
    for name in ("ben", "cara", "dana", "fay", "gus"):
        client.force_login(everyone[name])
        assert (
            client.post(url(ana_and_ben), {"reason": "x", "ended_on": TODAY}).status_code == 404
        ), name
    assert CareRelationship.objects.get(pk=ana_and_ben.pk).ended_at is None


def test_care_cannot_end_in_the_future_or_before_it_began(client, ana, ana_and_ben):
    from datetime import timedelta

    client.force_login(ana)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(url(ana_and_ben), {"reason": "Moving", "ended_on": future})
    assert "not in advance" in response.content.decode()
    before = (ana_and_ben.started_on - timedelta(days=1)).isoformat()
    response = client.post(url(ana_and_ben), {"reason": "Moving", "ended_on": before})
    assert "before care started" in response.content.decode()
    ana_and_ben.refresh_from_db()
    assert ana_and_ben.ended_at is None


def test_the_client_is_told_kindly_and_keeps_everything(client, ana, ben, ana_and_ben, goal):
    client.force_login(ana)
    client.post(url(ana_and_ben), {"reason": "Goals reached", "ended_on": TODAY})
    client.force_login(ben)
    page = client.get(reverse("home:home")).content.decode()
    assert "Your work with Ana Thornbury has ended" in page
    assert goal.title in page


def test_ending_care_tells_the_client_and_they_can_ask_to_return(
    client, ana, ben, ed, ana_and_ben, django_capture_on_commit_callbacks
):
    from cairn.care.services import care_end
    from cairn.reminders.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        care_end(relationship=ana_and_ben, by=ana, reason="Goals reached")
    assert Notification.objects.filter(user=ben, kind="care_ended").exists()
    client.force_login(ben)
    client.post(reverse("reminders:ask_to_return"))
    assert set(
        Notification.objects.filter(kind="return_requested").values_list("user", flat=True)
    ) == {ana.pk, ed.pk}


def test_the_page_speaks_to_the_therapist_or_the_admin(client, ana, ed, ana_and_ben):
    client.force_login(ana)
    assert "appear in your past clients" in client.get(url(ana_and_ben)).content.decode()
    client.force_login(ed)
    assert "appear in the therapist's past clients" in client.get(url(ana_and_ben)).content.decode()
