"""After `manage.py restore`, the person restoring hears about notes the key cannot read."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from cairn.sessions import crypto
from cairn.sessions.models import SessionNote


@pytest.mark.django_db(transaction=True)
def test_restoring_notes_without_their_key_says_to_put_the_key_back(
    settings, tmp_path, ana, therapy_session
):
    settings.CAIRN_BACKUP_DIR = tmp_path / "safety"
    settings.CAIRN_NOTE_KEY_FILE = tmp_path / "note_keys"
    settings.CAIRN_NOTE_KEYS = []
    SessionNote.objects.create(
        session=therapy_session, author=ana, ciphertext=crypto.encrypt("Private")
    )
    out = StringIO()
    call_command("backup", "--to", str(tmp_path), stdout=out)
    backup = Path(out.getvalue().strip())

    # A restore onto a new machine, without the key kept outside the backups.
    settings.CAIRN_NOTE_KEY_FILE.unlink()
    settings.CAIRN_NOTE_KEYS = []
    said = StringIO()
    call_command("restore", str(backup), "--force", stdout=StringIO(), stderr=said)

    assert "no note key" in said.getvalue()
    assert "Put back the key" in said.getvalue()


@pytest.mark.django_db(transaction=True)
def test_restoring_with_the_right_key_warns_of_nothing(settings, tmp_path, ana, therapy_session):
    settings.CAIRN_BACKUP_DIR = tmp_path / "safety"
    settings.CAIRN_NOTE_KEY_FILE = tmp_path / "note_keys"
    settings.CAIRN_NOTE_KEYS = []
    SessionNote.objects.create(
        session=therapy_session, author=ana, ciphertext=crypto.encrypt("Private")
    )
    out = StringIO()
    call_command("backup", "--to", str(tmp_path), stdout=out)

    said = StringIO()
    call_command("restore", out.getvalue().strip(), "--force", stdout=StringIO(), stderr=said)

    assert said.getvalue() == ""
