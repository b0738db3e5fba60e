"""What every API call gets, whatever it reads or writes: a token, its scope and
its rate, JSON in and out, the audit, the OpenAPI document."""

from django.utils import timezone

from cairn.api.tests.calls import api, post
from cairn.core.models import AuditEvent
from cairn.progress.models import CheckIn


def test_without_a_token_it_answers_401_in_json(client, goal):
    response = client.get(api("goal_list"))
    assert response.status_code == 401
    assert "token" in response.json()["message"]
    response = client.get(api("goal_list"), headers={"Authorization": "Bearer cairn_nonsense"})
    assert response.status_code == 401


def test_a_huge_body_is_refused(client, ben, goal, bearer):
    body = {"date": timezone.localdate().isoformat(), "note": "x" * 120_000}
    response = post(client, api("checkin_create"), body, bearer(ben))
    assert response.status_code == 413
    assert "body" in response.json()["message"]
    assert not CheckIn.objects.exists()


def test_a_read_token_cannot_write(client, ben, goal, bearer):
    response = post(
        client,
        api("checkin_create"),
        # A check-in that would be saved with a read-and-write token.
        {"date": timezone.localdate().isoformat(), "mood": 4},
        bearer(ben, "read"),
    )
    assert response.status_code == 403
    assert "only read" in response.json()["message"]
    assert not CheckIn.objects.exists()


def test_reads_and_writes_are_audited(client, ben, goal, bearer):
    headers = bearer(ben)
    client.get(api("goal_detail", goal.pk), headers=headers)
    post(
        client,
        api("checkin_create"),
        {"date": timezone.localdate().isoformat(), "mood": 3},
        headers,
    )
    events = AuditEvent.objects.filter(actor_id=ben.pk, client_id=ben.pk)
    assert events.filter(action="read", object_type="goal").exists()
    assert events.filter(action="write", object_type="checkin").exists()


def test_calls_are_rate_limited_per_token(client, ben, bearer, settings):
    settings.CAIRN_API_RATE_PER_MINUTE = 3
    headers, other = bearer(ben, "read"), bearer(ben, "read")
    statuses = [client.get(api("win_list"), headers=headers).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(api("win_list"), headers=other).status_code == 200


def test_the_openapi_document_and_docs(client):
    schema = client.get(api("openapi-json")).json()
    assert "/api/v1/routines/{routine_id}/marks" in schema["paths"]
    assert client.get(api("openapi-view")).status_code == 200


def test_a_body_that_is_not_json_is_refused_in_json(client, ben, bearer):
    response = client.post(
        api("checkin_create"), "{not json", content_type="application/json", headers=bearer(ben)
    )
    assert 400 <= response.status_code < 500
    assert response.json()["message"]
    assert not CheckIn.objects.exists()


def test_a_therapists_list_is_audited_per_client(client, ana, ben, goal, bearer):
    client.get(api("goal_list"), headers=bearer(ana, "read"))
    assert AuditEvent.objects.filter(
        actor_id=ana.pk, client_id=ben.pk, object_type="goal_list"
    ).exists()


def test_one_clients_list_is_audited_as_what_was_read(client, ana, ben, goal, bearer):
    # As without the filter, and as the check-ins page is: "Read your check-ins".
    client.get(api("checkin_list"), {"client": ben.pk}, headers=bearer(ana, "read"))
    read = AuditEvent.objects.get(actor_id=ana.pk, client_id=ben.pk)
    assert read.object_type == "checkin_list"
