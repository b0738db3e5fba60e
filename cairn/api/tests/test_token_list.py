import time
from datetime import timedelta

import time_machine
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from cairn.api.models import ApiToken
from cairn.api.services import api_token_authenticate, api_token_create
from cairn.care.tokens import token_hash
from tests.factories import TEST_TOTP_SECRET

URL = reverse_lazy("tokens:token_list")


def current_code() -> str:
    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time() // 30)))


def test_a_client_makes_a_token_and_sees_it_once(client, ben):
    client.force_login(ben)
    response = client.post(URL, {"name": "Phone shortcut", "scope": "write", "days": "30"})
    token = ApiToken.objects.get(user=ben)
    secret = response.context["secret"]
    assert secret.startswith("cairn_")
    assert secret in response.content.decode()
    # Where to read how to use it, as the API itself serves it.
    assert f'href="{reverse("api:openapi-view")}"' in response.content.decode()
    # Only the hash is kept; the next visit shows the name, never the secret.
    assert token.token_hash == token_hash(secret)
    assert secret not in client.get(URL).content.decode()
    assert token.scope == "write"
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)


def test_a_token_works_for_a_year_at_most(client, ben):
    client.force_login(ben)
    response = client.post(URL, {"name": "Forever", "scope": "read", "days": "400"})
    assert "at most 365 days" in " ".join(response.context["form"].errors["days"])
    assert not ApiToken.objects.exists()


def test_a_therapist_needs_their_authenticator_code(client, ana):
    client.force_login(ana)
    response = client.post(URL, {"name": "Notes script", "scope": "read", "days": "30"})
    assert "code from your authenticator" in " ".join(response.context["form"].errors["code"])
    response = client.post(
        URL, {"name": "Notes script", "scope": "read", "days": "30", "code": "000000"}
    )
    assert "didn't match" in " ".join(response.context["form"].errors["code"])
    assert not ApiToken.objects.exists()
    client.post(
        URL, {"name": "Notes script", "scope": "read", "days": "30", "code": current_code()}
    )
    assert ApiToken.objects.filter(user=ana).count() == 1


def test_supporters_and_admins_have_no_tokens(client, fay, ed):
    for person in (fay, ed):
        client.force_login(person)
        assert client.get(URL).status_code == 403


def test_revoking_stops_the_token_at_once(client, ben):
    token, secret = api_token_create(user=ben, name="Shortcut", scope="read", days=10)
    assert api_token_authenticate(secret) == token
    client.force_login(ben)
    client.post(reverse("tokens:token_revoke", args=[token.pk]))
    assert api_token_authenticate(secret) is None


def test_someone_else_cannot_revoke_it(client, ben, dana):
    token, secret = api_token_create(user=ben, name="Shortcut", scope="read", days=10)
    client.force_login(dana)
    assert client.post(reverse("tokens:token_revoke", args=[token.pk])).status_code == 404
    assert api_token_authenticate(secret) == token


def test_an_expired_token_no_longer_works(ben):
    _, secret = api_token_create(user=ben, name="Shortcut", scope="read", days=1)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert api_token_authenticate(secret) is None


def test_last_use_is_noted(ben):
    token, secret = api_token_create(user=ben, name="Shortcut", scope="read", days=1)
    api_token_authenticate(secret)
    token.refresh_from_db()
    assert token.last_used_at is not None
