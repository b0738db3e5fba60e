from django.urls import reverse

from cairn.core.models import AuditEvent


def url(response):
    return reverse("measures:response_detail", args=[response.pk])


def test_the_therapist_sees_every_answer(client, ana, measure_response):
    measure_response.difficulty = 2
    measure_response.save()
    client.force_login(ana)
    page = client.get(url(measure_response)).content.decode()
    assert "Total 8 of 27 (mild)" in page
    assert "Feeling tired or having little energy</td><td>Several days" in page
    assert "get along with other people?</td><td>Very difficult" in page


def test_reading_it_is_audited(client, ana, ben, measure_response):
    client.force_login(ana)
    client.get(url(measure_response))
    assert AuditEvent.objects.filter(
        actor_id=ana.pk,
        client_id=ben.pk,
        object_type="measure_response",
        object_id=str(measure_response.pk),
        action="read",
    ).exists()


def test_strangers_get_404_and_the_attempt_is_audited(client, cara, measure_response):
    client.force_login(cara)
    assert client.get(url(measure_response)).status_code == 404
    assert AuditEvent.objects.filter(
        actor_id=cara.pk, object_type="measure_response", outcome="denied"
    ).exists()


def test_an_admin_sees_no_answers(client, ed, measure_response):
    client.force_login(ed)
    assert client.get(url(measure_response)).status_code == 404
