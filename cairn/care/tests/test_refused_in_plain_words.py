"""Refused attempts carry the client they aimed at and read in plain words on the
client's "who opened my record"; no kind of event shows as a raw code there."""

import re

from django.core.management import call_command
from django.urls import reverse

from cairn.accounts.models import User
from cairn.care.audit_words import WORDS, what_happened
from cairn.core.models import AuditEvent


def test_a_refused_attempt_on_a_session_shows_in_the_clients_log(
    client, cara, ben, therapy_session
):
    client.force_login(cara)
    assert (
        client.get(reverse("sessions:session_detail", args=[therapy_session.pk])).status_code == 404
    )
    client.force_login(ben)
    page = client.get(reverse("care:record_access_log")).content.decode()
    assert "Tried to open your sessions and was refused" in page
    assert "Cara" in page


def test_a_refused_attempt_on_a_routine_shows_in_the_clients_log(client, cara, ben, routine):
    client.force_login(cara)
    logged = client.post(reverse("routines:routine_log", args=[routine.pk]), {"status": "done"})
    assert logged.status_code == 404
    client.force_login(ben)
    page = client.get(reverse("care:record_access_log")).content.decode()
    assert "Tried to change your routines and was refused" in page
    assert "Cara" in page


def test_a_refused_attempt_on_questionnaire_answers_names_the_client(
    client, cara, ben, measure_response
):
    client.force_login(cara)
    client.get(reverse("measures:response_detail", args=[measure_response.pk]))
    event = AuditEvent.objects.filter(actor_id=cara.pk, object_type="measure_response").get()
    assert event.client_id == ben.pk
    assert event.outcome == AuditEvent.Outcome.DENIED
    assert what_happened(event, for_client=True) == (
        "Tried to open your questionnaire answers and was refused"
    )


def test_every_kind_reads_in_plain_words():
    for kind in WORDS:
        for action in ("read", "write"):
            for outcome in AuditEvent.Outcome.values:
                event = AuditEvent(object_type=kind, action=action, outcome=outcome)
                words = what_happened(event, for_client=True)
                assert "_" not in words and "{" not in words, (kind, words)


def test_no_raw_code_shows_for_any_kind_the_demo_produces(client, db):
    call_command("seed_demo")
    kinds = set(
        AuditEvent.objects.filter(client_id__isnull=False).values_list("object_type", flat=True)
    )
    assert kinds, "the demo leaves an audit trail"
    assert kinds - set(WORDS) <= {"caseload"}
    for email in ("client@example.org", "client2@example.org", "client3@example.org"):
        client.force_login(User.objects.get(email=email))
        page = client.get(reverse("care:record_access_log")).content.decode()
        main = page.split("<main", 1)[-1]
        for kind in kinds:
            # Codes of one word ("session", "goal") are English too; those of two are not.
            if "_" in kind:
                assert kind not in main, (email, kind)
    for event in AuditEvent.objects.filter(client_id__isnull=False):
        words = what_happened(event, for_client=True)
        assert not re.search(r"[a-z]+_[a-z]+", words), (event.object_type, words)
