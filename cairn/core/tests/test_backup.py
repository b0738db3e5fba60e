"""Backups while Cairn runs, a restore drill, and the refusals that keep data safe."""

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from cairn.core import backup as backup_module
from cairn.journal.models import JournalEntry
from cairn.journal.tests.factories import JournalEntryFactory
from cairn.sessions.tests.factories import SessionNoteFactory

ROOT = Path(settings.BASE_DIR)


def back_up(to: Path, *extra: str) -> Path:
    out = StringIO()
    call_command("backup", "--to", str(to), *extra, stdout=out)
    return Path(out.getvalue().strip())


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_returns_the_data_of_the_backups_moment(ben, tmp_path, settings):
    settings.CAIRN_BACKUP_DIR = tmp_path / "safety"
    JournalEntryFactory(client=ben, title="Before", body="Written before the backup")
    path = back_up(tmp_path)
    assert path.parent == tmp_path and path.name.startswith("cairn-")
    JournalEntryFactory(client=ben, title="After", body="Written after the backup")
    JournalEntry.objects.filter(title="Before").delete()

    # Data in the database: no restore without --force, and nothing changes.
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(path))
    assert set(JournalEntry.objects.values_list("title", flat=True)) == {"After"}

    call_command("restore", str(path), "--force", stdout=StringIO())
    assert set(JournalEntry.objects.values_list("title", flat=True)) == {"Before"}
    # What was there before the restore was kept, just in case.
    assert len(backup_module.backups_in(tmp_path / "safety")) == 1


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_newest_backups_only(tmp_path):
    made = [back_up(tmp_path, "--keep", "2") for _ in range(3)]
    assert backup_module.backups_in(tmp_path) == made[1:]


@pytest.mark.django_db(transaction=True)
def test_a_missing_folder_or_a_file_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        back_up(tmp_path / "nowhere")
    (tmp_path / "a-file").write_text("")
    with pytest.raises(CommandError, match="is not a folder"):
        back_up(tmp_path / "a-file")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.django_db(transaction=True)
def test_restoring_what_is_not_a_cairn_backup_changes_nothing(ben, tmp_path):
    JournalEntryFactory(client=ben, title="Kept", body="Still here")
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    for path in (text, other):
        with pytest.raises(CommandError, match=r"is not a Cairn backup|is an SQLite file"):
            call_command("restore", str(path), "--force")
    with pytest.raises(CommandError, match="no file"):
        call_command("restore", str(tmp_path / "missing.sqlite3"), "--force")
    assert JournalEntry.objects.filter(title="Kept").exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_a_newer_cairn_is_refused(ben, tmp_path, monkeypatch):
    JournalEntryFactory(client=ben, title="Kept", body="Still here")
    path = back_up(tmp_path)
    known = backup_module._known_migrations()
    # This Cairn is older than the backup: it lacks the backup's last core migration.
    newest = max(name for app, name in known if app == "core")
    monkeypatch.setattr(backup_module, "_known_migrations", lambda: known - {("core", newest)})
    with pytest.raises(CommandError, match="newer version of Cairn"):
        call_command("restore", str(path), "--force")
    assert JournalEntry.objects.filter(title="Kept").exists()


def manage(var: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        CAIRN_VAR_DIR=str(var), CAIRN_TESTING="false", DJANGO_SETTINGS_MODULE="config.settings"
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cairn_refuses_to_start_on_a_lost_database_and_says_how_to_restore(tmp_path):
    var = tmp_path / "var"
    assert manage(var, "migrate", "-v0").returncode == 0
    (var / "cairn.sqlite3").unlink()  # deleted by mistake
    refused = manage(var, "migrate", "-v0")
    assert refused.returncode != 0
    assert "manage.py restore" in refused.stderr and "CAIRN_FRESH_START" in refused.stderr
    # Nothing was set up in its place: no fresh, empty Cairn.
    with sqlite3.connect(var / "cairn.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
    # Starting afresh on purpose works.
    fresh = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
            "CAIRN_VAR_DIR": str(var),
            "CAIRN_TESTING": "false",
            "CAIRN_FRESH_START": "true",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert fresh.returncode == 0, fresh.stderr


def test_cairn_never_makes_a_new_note_key_while_encrypted_notes_exist(
    settings, tmp_path, ana, therapy_session
):
    from cairn.sessions import crypto

    settings.CAIRN_NOTE_KEY_FILE = tmp_path / "note_keys"
    settings.CAIRN_NOTE_KEYS = []
    # Nothing encrypted yet: the first note makes the first key.
    SessionNoteFactory(session=therapy_session, author=ana, text="Private")
    assert settings.CAIRN_NOTE_KEY_FILE.exists()
    # Readable by its owner only, from the first byte on.
    assert settings.CAIRN_NOTE_KEY_FILE.stat().st_mode & 0o777 == 0o600

    # The key is lost (a restore onto a new machine): no new key, a clear message.
    settings.CAIRN_NOTE_KEY_FILE.unlink()
    settings.CAIRN_NOTE_KEYS = []
    with pytest.raises(crypto.NoteKeyMissing, match="Put back the key"):
        crypto.encrypt("Another")
    assert not settings.CAIRN_NOTE_KEY_FILE.exists()
    assert "no note key" in crypto.note_keys_problem()


def test_a_process_started_before_the_key_was_written_reads_it(
    settings, tmp_path, ana, therapy_session
):
    """On a fresh install the web workers and the task worker start together with no
    key file; whichever encrypts first writes it. The others, which started without a
    key, read that file: they never refuse notes that their own key file can read."""
    from cairn.sessions import crypto

    settings.CAIRN_NOTE_KEY_FILE = tmp_path / "note_keys"
    settings.CAIRN_NOTE_KEYS = []
    SessionNoteFactory(session=therapy_session, author=ana, text="Private")
    written = settings.CAIRN_NOTE_KEY_FILE.read_text()

    settings.CAIRN_NOTE_KEYS = []  # another process, started before the file was written
    assert crypto.decrypt(crypto.encrypt("Still mine")) == "Still mine"
    assert settings.CAIRN_NOTE_KEY_FILE.read_text() == written
