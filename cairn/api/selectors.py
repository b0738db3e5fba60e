"""Reads of a person's own tokens."""

import uuid

from cairn.accounts.models import User
from cairn.api.models import ApiToken
from cairn.care.access import managed_get_for, owned_by


def api_tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(owned_by(user)))


def api_token_get_for(*, user: User, token_id: uuid.UUID) -> ApiToken:
    """One of the person's own tokens; anyone else's does not exist for them."""
    own = ApiToken.objects.filter(owned_by(user))
    return managed_get_for(own, user=user, pk=token_id, object_type="api_token")
