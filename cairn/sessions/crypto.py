"""Encryption of private session notes, with keys kept outside the database.

CAIRN_NOTE_KEYS holds one or more Fernet keys, comma-separated, newest first. The
first encrypts; all of them decrypt. To rotate: put a new key first, run
`manage.py rotate_note_keys` (re-encrypts every note with it), then drop the old one.
"""

import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class NoteKeyMissing(RuntimeError):
    pass


def note_keys_problem() -> str | None:
    """Encrypted notes that the configured keys cannot read: what to do about it."""
    from django.db import connection

    from cairn.sessions.models import SessionNote

    with connection.cursor() as cursor:
        if SessionNote._meta.db_table not in connection.introspection.table_names(cursor):
            return None  # before the first migrate
    note = SessionNote.objects.only("ciphertext").first()
    if note is None:
        return None
    where = f"CAIRN_NOTE_KEYS or {settings.CAIRN_NOTE_KEY_FILE}"
    if not settings.CAIRN_NOTE_KEYS:
        return (
            f"There are encrypted session notes, but no note key ({where}). Put back the key "
            "they were written with (from where you keep it, outside the database's backups). "
            "Cairn will not make a new one: it could read none of them."
        )
    try:
        _keys().decrypt(note.ciphertext.encode())
    except InvalidToken:
        return (
            f"The note key ({where}) cannot read the encrypted session notes: it is not the "
            "key they were written with. Put back the right key (keys are comma-separated, "
            "newest first, so an old one can be kept beside a new one)."
        )
    return None


def _generate_first_key() -> None:
    """The keys of the key file in var/; a first key, written there, when there is no
    file and nothing is encrypted yet. Another process (the worker, the other app
    workers) may have written the file since this one started: it is read, never
    replaced."""
    from cairn.sessions.models import SessionNote

    path = settings.CAIRN_NOTE_KEY_FILE
    if not path.exists():
        if SessionNote.objects.exists():
            raise NoteKeyMissing(note_keys_problem() or "The note key is missing.")
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            # Readable by its owner only from the first byte on.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process wrote it a moment ago: theirs is the key
        else:
            with os.fdopen(descriptor, "w") as file:
                file.write(Fernet.generate_key().decode())
    settings.CAIRN_NOTE_KEYS = [k.strip() for k in path.read_text().split(",") if k.strip()]


def _keys() -> MultiFernet:
    if not settings.CAIRN_NOTE_KEYS:
        _generate_first_key()
    return MultiFernet([Fernet(key.encode()) for key in settings.CAIRN_NOTE_KEYS])


def encrypt(text: str) -> str:
    return _keys().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _keys().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise RuntimeError(
            "A session note can't be read with the configured keys (CAIRN_NOTE_KEYS)."
        ) from error


def rotate(token: str) -> str:
    return _keys().rotate(token.encode()).decode()
