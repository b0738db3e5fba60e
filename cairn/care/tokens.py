import hashlib
import secrets

from django.db import models


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_hash_field() -> models.CharField:
    """Where a model keeps `token_hash(secret)`: the secret is handed out once and never
    stored, so the table alone lets nobody in."""
    return models.CharField(max_length=64, unique=True)
