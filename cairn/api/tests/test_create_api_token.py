from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cairn.api.models import ApiToken
from cairn.api.services import api_token_authenticate


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


def test_it_refuses_too_many_days(ben):
    with pytest.raises(CommandError, match="--days"):
        call_command(
            "create_api_token", ben.email, "--name", "S", "--days", "366", stdout=StringIO()
        )
