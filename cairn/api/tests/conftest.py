import pytest

from cairn.api.services import api_token_create


@pytest.fixture(autouse=True)
def _fresh_rate_counters(db):
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def bearer():
    """Headers carrying a new token of `person` with `scope`."""

    def make(person, scope="write"):
        _, secret = api_token_create(user=person, name="Test", scope=scope, days=30)
        return {"Authorization": f"Bearer {secret}"}

    return make
