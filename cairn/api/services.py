"""Writes: creating, using and revoking personal access tokens."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.api.models import MAX_DAYS, NAME_MAX, ApiToken, Scope
from cairn.api.token_lookup import token_with_hash
from cairn.care.access import may_hold_api_tokens
from cairn.care.tokens import new_token, token_hash
from cairn.core import one_commit
from cairn.core.audit import Action, audit_record

TOKEN_PREFIX = "cairn_"
# Last use is written at most this often, so a busy script does not write on every call.
LAST_USE_EVERY = timedelta(minutes=1)


@transaction.atomic
def api_token_create(*, user: User, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token and its secret, which is never stored and cannot be shown again."""
    if not may_hold_api_tokens(user):
        raise PermissionDenied
    if scope not in Scope.values:
        raise ValidationError({"scope": "must be read or write"})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": f"must be between 1 and {MAX_DAYS}"})
    secret = TOKEN_PREFIX + new_token()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:NAME_MAX],
        scope=scope,
        token_hash=token_hash(secret),
        prefix=secret[: len(TOKEN_PREFIX) + 4],
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit_record(actor=user, action=Action.WRITE, object_type="api_token", object_id=token.pk)
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=by, action=Action.WRITE, object_type="api_token", object_id=token.pk)
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The usable token with this secret, its last use noted; None for anything else."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    # The person's membership and practice come along: every call asks for their role.
    token = token_with_hash(token_hash(secret))
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    if not may_hold_api_tokens(token.user):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USE_EVERY:
        token.last_used_at = now

        def note_the_use() -> None:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)

        # With the call's other small writes, in its one commit.
        if not one_commit.defer(note_the_use):
            note_the_use()
    return token


# Every SET sees the row as it was, so the minute is compared before it moves.
COUNT_CALL_SQL = (
    'UPDATE "api_apitoken" SET "rate_count" = CASE WHEN "rate_minute" = %s '
    'THEN "rate_count" + 1 ELSE 1 END, "rate_minute" = %s WHERE "id" = %s'
)


def api_token_count_call(token: ApiToken, *, minute: int) -> None:
    """Counts one call in `minute` (minutes since the epoch) on the token's own row.

    Written by hand: every API call runs it, and the ORM took three times as long to
    build this one statement (0.8 against 0.26 ms of CPU) as to run it."""
    assert ApiToken._meta.pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            COUNT_CALL_SQL,
            [minute, minute, ApiToken._meta.pk.get_db_prep_value(token.pk, connection)],
        )
