"""Reads of a person's own tokens."""

import uuid

from django.http import Http404

from cairn.accounts.models import User
from cairn.api.models import ApiToken


def api_tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def api_token_get_for(*, user: User, token_id: uuid.UUID) -> ApiToken:
    """One of the person's own tokens; anyone else's does not exist for them."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404
    return token
