"""The token lookup built once per process gives what the ORM would, in one query."""

from cairn.api.models import ApiToken
from cairn.api.services import api_token_create
from cairn.api.token_lookup import token_with_hash
from cairn.care.tokens import token_hash


def test_the_token_comes_with_its_person_membership_and_practice(ben, django_assert_num_queries):
    made, secret = api_token_create(user=ben, name="Script", scope="write", days=30)
    with django_assert_num_queries(1):
        token = token_with_hash(token_hash(secret))
        assert token is not None
        assert token.user.membership.practice == ben.membership.practice
        assert token.user.membership.role == ben.membership.role
    expected = ApiToken.objects.get(pk=made.pk)
    for field in ApiToken._meta.concrete_fields:
        assert getattr(token, field.attname) == getattr(expected, field.attname), field.name
    assert (token.user.email, token.user.date_joined) == (ben.email, ben.date_joined)
    assert not token._state.adding


def test_an_unknown_hash_finds_no_token(ben):
    api_token_create(user=ben, name="Script", scope="write", days=30)
    assert token_with_hash(token_hash("cairn_not-a-real-token")) is None
