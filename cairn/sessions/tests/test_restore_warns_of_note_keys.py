"""After `manage.py restore`, the person restoring hears about notes the key cannot read."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from cairn.sessions.tests.factories import SessionNoteFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup(settings, tmp_path, therapy_session) -> Path:
    """A backup holding one of Ana's private notes, its key kept outside the backups."""
    settings.CAIRN_BACKUP_DIR = tmp_path / "safety"
    settings.CAIRN_NOTE_KEY_FILE = tmp_path / "note_keys"
    settings.CAIRN_NOTE_KEYS = []
    SessionNoteFactory(session=therapy_session, text="Private")
    out = StringIO()
    call_command("backup", "--to", str(tmp_path), stdout=out)
    return Path(out.getvalue().strip())


def restore(backup: Path) -> str:
    """What the restore says on its error stream."""
    said = StringIO()
    call_command("restore", str(backup), "--force", stdout=StringIO(), stderr=said)
    return said.getvalue()


def test_restoring_notes_without_their_key_says_to_put_the_key_back(settings, backup):
    # A restore onto a new machine, without the key kept outside the backups.
    settings.CAIRN_NOTE_KEY_FILE.unlink()
    settings.CAIRN_NOTE_KEYS = []
    said = restore(backup)

    assert "no note key" in said
    assert "Put back the key" in said


def test_restoring_with_the_right_key_warns_of_nothing(backup):
    assert restore(backup) == ""
