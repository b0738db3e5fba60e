from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from cairn.accounts.models import User
from cairn.api.models import ApiToken
from cairn.api.services import api_token_authenticate, api_token_create


def test_it_prints_only_the_token(ben):
    out = StringIO()
    call_command(
        "create_api_token",
        ben.email,
        "--name",
        "Script",
        "--scope",
        "write",
        "--days",
        "7",
        stdout=out,
    )
    secret = out.getvalue().strip()
    assert "\n" not in secret
    token = api_token_authenticate(secret)
    assert token is not None
    assert token.user == ben
    assert token.scope == "write"


def test_it_refuses_a_supporter(fay):
    with pytest.raises(CommandError, match="have an API"):
        call_command("create_api_token", fay.email, "--name", "Script", stdout=StringIO())
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("days", ["0", "366"])
def test_it_refuses_days_outside_a_year_in_the_services_words(ben, days):
    # The service holds the rule (1 to MAX_DAYS); the command names the option.
    with pytest.raises(CommandError, match=r"^--days must be between 1 and 365\.$"):
        call_command(
            "create_api_token", ben.email, "--name", "S", "--days", days, stdout=StringIO()
        )
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=ben, name="S", scope="read", days=int(days))
    assert refused.value.message_dict == {"days": ["must be between 1 and 365"]}
    assert not ApiToken.objects.exists()


def test_a_therapists_token_works_only_while_they_have_their_authenticator_app(ana):
    _, secret = api_token_create(user=ana, name="Notes script", scope="read", days=7)
    assert api_token_authenticate(secret) is not None
    Authenticator.objects.filter(user=ana).delete()
    assert api_token_authenticate(secret) is None
    ana = User.objects.get(pk=ana.pk)  # as the next request loads her
    with pytest.raises(PermissionDenied):
        api_token_create(user=ana, name="Another", scope="read", days=7)
