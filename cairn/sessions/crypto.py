"""Encryption of private session notes, with keys kept outside the database.

CAIRN_NOTE_KEYS holds one or more Fernet keys, comma-separated, newest first. The
first encrypts; all of them decrypt. To rotate: put a new key first, run
`manage.py rotate_note_keys` (re-encrypts every note with it), then drop the old one.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _keys() -> MultiFernet:
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
