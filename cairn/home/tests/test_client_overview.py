import uuid

import pytest
from django.urls import reverse

from cairn.core.models import AuditEvent


def url(client_user) -> str:
    return reverse("home:client_overview", args=[client_user.pk])


def test_the_client_opens_their_own_record(client, ben):
    client.force_login(ben)
    response = client.get(url(ben))
    assert response.status_code == 200
    assert "My record" in response.content.decode()


def test_their_therapist_opens_it_and_it_is_audited(client, ana, ben):
    client.force_login(ana)
    response = client.get(url(ben))
    assert response.status_code == 200
    assert "Ben Marchetti" in response.content.decode()
    event = AuditEvent.objects.get(actor_id=ana.pk, client_id=ben.pk)
    assert (event.action, event.outcome, event.object_type) == ("read", "allowed", "client_record")
    assert event.ip == "127.0.0.1"


@pytest.mark.parametrize("stranger", ["cara", "dana", "ed", "fay", "gus"])
def test_strangers_get_404_and_the_attempt_is_audited(client, everyone, stranger):
    ben = everyone["ben"]
    client.force_login(everyone[stranger])
    response = client.get(url(ben))
    assert response.status_code == 404
    assert "Ben" not in response.content.decode()
    event = AuditEvent.objects.get(actor_id=everyone[stranger].pk, object_id=str(ben.pk))
    assert event.outcome == "denied"


def test_an_unknown_record_looks_exactly_like_a_hidden_one(client, ben, dana):
    client.force_login(dana)
    hidden = client.get(url(ben))
    unknown = client.get(reverse("home:client_overview", args=[uuid.uuid4()]))
    assert hidden.status_code == unknown.status_code == 404
    assert main_text(hidden) == main_text(unknown)


def main_text(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_nobody_signed_in_is_sent_to_sign_in(client, ben):
    response = client.get(url(ben))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
