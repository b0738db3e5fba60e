"""Schemathesis sends generated requests, valid and invalid, to every operation in the
OpenAPI document, with a client's read-and-write token: none may answer 5xx."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from cairn.api.api import api
from cairn.api.services import api_token_create
from config.wsgi import application

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


@pytest.fixture
def bens_token(ben, goal, routine, bens_win, settings):
    settings.CAIRN_API_RATE_PER_MINUTE = 100_000
    # As Django's test client does: the test's transaction must outlive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    _, secret = api_token_create(user=ben, name="Schemathesis", scope="write", days=30)
    yield {"Authorization": f"Bearer {secret}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case, bens_token):
    case.call_and_validate(headers=bens_token, checks=[not_a_server_error])
