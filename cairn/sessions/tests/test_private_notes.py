from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from cairn.care.models import Role
from cairn.core.models import AuditEvent
from cairn.sessions.models import SessionNote
from tests.factories import care, member

NOTE = "Ben mentioned his father's illness; explore grief next time. Zanzibar-quartz-7741."


@pytest.fixture
def note(client, ana, therapy_session):
    client.force_login(ana)
    response = client.post(
        reverse("sessions:session_note", args=[therapy_session.pk]), {"text": NOTE}
    )
    assert response.status_code == 302
    client.logout()
    return SessionNote.objects.get()


def test_the_author_reads_their_note(client, ana, therapy_session, note):
    client.force_login(ana)
    assert (
        NOTE.replace("'", "&#x27;")
        in client.get(reverse("sessions:session_note", args=[therapy_session.pk])).content.decode()
    )


@pytest.mark.parametrize("person", ["ben", "cara", "dana", "ed", "fay", "gus"])
def test_nobody_else_finds_the_note(client, everyone, therapy_session, note, person):
    client.force_login(everyone[person])
    assert (
        client.get(reverse("sessions:session_note", args=[therapy_session.pk])).status_code == 404
    )
    assert (
        client.post(
            reverse("sessions:session_note", args=[therapy_session.pk]), {"text": "overwritten"}
        ).status_code
        == 404
    )
    for path in (
        "/",
        reverse("sessions:session_detail", args=[therapy_session.pk]),
        reverse("home:client_overview", args=[everyone["ben"].pk]),
    ):
        assert "Zanzibar" not in client.get(path).content.decode()


def test_the_session_page_audits_the_note_it_previews_and_its_addendum_errors_do_not(
    client, ana, ben, therapy_session, note
):
    """The addendum's error page is the session page without the note's preview: the
    author is answering their addendum, so nothing of the note is read or audited."""
    reads = AuditEvent.objects.filter(object_type="session_note", action="read", client_id=ben.pk)
    before = reads.count()
    client.force_login(ana)
    page = client.get(reverse("sessions:session_detail", args=[therapy_session.pk]))
    assert "Zanzibar" in page.content.decode()
    assert reads.count() == before + 1
    refused = client.post(
        reverse("sessions:session_addendum", args=[therapy_session.pk]), {"text": ""}
    )
    assert refused.status_code == 400
    assert "Zanzibar" not in refused.content.decode()
    assert reads.count() == before + 1


def test_another_therapist_of_the_same_client_sees_only_their_own(
    client, practice, ben, therapy_session, note
):
    second = member(
        practice, Role.THERAPIST, mfa=True, email="second@example.test", name="Sol Second"
    )
    care(second, ben)
    client.force_login(second)
    page = client.get(reverse("sessions:session_note", args=[therapy_session.pk])).content.decode()
    assert "Zanzibar" not in page
    assert (
        "Zanzibar"
        not in client.get(
            reverse("sessions:session_detail", args=[therapy_session.pk])
        ).content.decode()
    )


def test_the_note_is_encrypted_in_the_database(note):
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM therapy_sessions_sessionnote")
        (stored,) = cursor.fetchone()
    assert "Zanzibar" not in stored
    assert stored.startswith("gAAAAA")  # a Fernet token


@pytest.mark.django_db(transaction=True)
def test_the_raw_database_file_does_not_contain_the_notes_text(client, ana, therapy_session):
    client.force_login(ana)
    client.post(reverse("sessions:session_note", args=[therapy_session.pk]), {"text": NOTE})
    assert SessionNote.objects.exists()
    if connection.vendor == "postgresql":
        # PostgreSQL's files live with the server; a raw dump of the table is the same bytes.
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy("COPY therapy_sessions_sessionnote TO STDOUT") as copy,
        ):
            contents = b"".join(bytes(block) for block in copy)
        assert contents, "the table dump was empty"
        assert b"Zanzibar-quartz" not in contents
        return
    files = [Path(connection.settings_dict["NAME"])]
    files += [Path(f"{files[0]}-wal"), Path(f"{files[0]}-journal")]
    contents = b"".join(path.read_bytes() for path in files if path.exists())
    assert contents, "the database file was not found"
    assert b"Zanzibar-quartz" not in contents


def test_keys_rotate_and_old_notes_still_read(client, ana, therapy_session, note, settings):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    old = list(settings.CAIRN_NOTE_KEYS)
    settings.CAIRN_NOTE_KEYS = [Fernet.generate_key().decode(), *old]
    call_command("rotate_note_keys", verbosity=0)
    settings.CAIRN_NOTE_KEYS = settings.CAIRN_NOTE_KEYS[:1]  # the old key is gone
    client.force_login(ana)
    assert (
        "Zanzibar"
        in client.get(reverse("sessions:session_note", args=[therapy_session.pk])).content.decode()
    )


def test_a_note_over_the_limit_gets_a_message_and_nothing_is_saved(client, ana, therapy_session):
    client.force_login(ana)
    response = client.post(
        reverse("sessions:session_note", args=[therapy_session.pk]), {"text": "x" * 20_001}
    )
    assert "Please keep a note under 20,000 characters." in response.content.decode()
    assert not SessionNote.objects.exists()
