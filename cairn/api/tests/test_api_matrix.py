"""Every API endpoint × every role, by token → the status that role must get.

The API's counterpart of tests/test_access_matrix.py (which leaves the `api` namespace
to this file). A new path in the OpenAPI document without a row here fails
`test_every_endpoint_is_in_the_matrix`. Supporters and practice admins have no API: a
token of theirs, even one in the database, opens nothing (401).
"""

import json

import pytest
from django.utils import timezone

from cairn.api.models import ApiToken
from cairn.api.services import api_token_create
from cairn.care.tokens import token_hash
from tests.once import built_once, fixtures_built_once

ROLES = ["anon", "ana", "ben", "cara", "dana", "ed", "fay", "gus"]


def row(anon, ana, ben, cara, dana, ed, fay, gus):
    return dict(zip(ROLES, (anon, ana, ben, cara, dana, ed, fay, gus), strict=True))


EVERYONE = row(*[200] * 8)
ANY_TOKEN = row(401, 200, 200, 200, 200, 401, 401, 200)
BENS = row(401, 200, 200, 404, 404, 401, 401, 404)


def today():
    return timezone.localdate().isoformat()


# (method, OpenAPI path, concrete path, JSON body or None, expected statuses)
MATRIX = [
    ("get", "/api/v1/openapi.json", lambda f: "/api/v1/openapi.json", None, EVERYONE),
    ("get", "/api/v1/docs", lambda f: "/api/v1/docs", None, EVERYONE),
    ("get", "/api/v1/goals", lambda f: "/api/v1/goals", None, ANY_TOKEN),
    ("get", "/api/v1/goals", lambda f: f"/api/v1/goals?client={f['ben'].pk}", None, BENS),
    ("get", "/api/v1/goals/{goal_id}", lambda f: f"/api/v1/goals/{f['goal'].pk}", None, BENS),
    ("get", "/api/v1/checkins", lambda f: f"/api/v1/checkins?client={f['ben'].pk}", None, BENS),
    # Check-ins are written by the client in their own record; nobody else has one.
    (
        "post",
        "/api/v1/checkins",
        lambda f: "/api/v1/checkins",
        lambda f: {"date": today(), "mood": 4},
        row(401, 404, 201, 404, 201, 401, 401, 404),
    ),
    ("get", "/api/v1/routines", lambda f: f"/api/v1/routines?client={f['ben'].pk}", None, BENS),
    # Only the client marks their own days; his therapist sees the routine but may not.
    (
        "post",
        "/api/v1/routines/{routine_id}/marks",
        lambda f: f"/api/v1/routines/{f['routine'].pk}/marks",
        lambda f: {"date": today(), "status": "done"},
        row(401, 403, 201, 404, 404, 401, 401, 404),
    ),
    ("get", "/api/v1/wins", lambda f: f"/api/v1/wins?client={f['ben'].pk}", None, BENS),
    ("get", "/api/v1/measures", lambda f: f"/api/v1/measures?client={f['ben'].pk}", None, BENS),
    # What is due, and answering it, belong to the client's own record.
    (
        "get",
        "/api/v1/measures/due",
        lambda f: "/api/v1/measures/due",
        None,
        row(401, 404, 200, 404, 200, 401, 401, 404),
    ),
    # Ben's PHQ-9 is due; Dana's is not (409).
    (
        "post",
        "/api/v1/measures/{measure}/responses",
        lambda f: "/api/v1/measures/phq9/responses",
        lambda f: {"date": today(), "answers": [0] * 9},
        row(401, 404, 201, 404, 409, 401, 401, 404),
    ),
    (
        "get",
        "/api/v1/clients/{client_id}/safety-plan",
        lambda f: f"/api/v1/clients/{f['ben'].pk}/safety-plan",
        None,
        BENS,
    ),
    (
        "get",
        "/api/v1/fhir/Patient/{client_id}/$everything",
        lambda f: f"/api/v1/fhir/Patient/{f['ben'].pk}/$everything",
        None,
        BENS,
    ),
]


def bearer_for(person):
    try:
        _, secret = api_token_create(user=person, name="Matrix", scope="write", days=30)
    except Exception:
        # Someone who may not hold a token: put one in the table anyway, to show it opens nothing.
        secret = f"cairn_matrix_{person.pk}"
        ApiToken.objects.create(
            user=person,
            name="Planted",
            scope="write",
            token_hash=token_hash(secret),
            prefix=secret[:10],
            expires_at=timezone.now() + timezone.timedelta(days=30),
        )
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def people(everyone, goal, routine, bens_win, measure_assignment, measure_response):
    from cairn.safety.models import SafetyPlan

    SafetyPlan.objects.create(
        client=everyone["ben"], number=1, written_by=everyone["ben"], warning_signs="Not sleeping"
    )
    return everyone | {"goal": goal, "routine": routine}


@pytest.fixture(scope="module")
def people_once(request, django_db_setup, django_db_blocker):
    """`people`, built once per module: every case only reads them (tests/once.py)."""
    with built_once(django_db_blocker):
        yield fixtures_built_once(request, "people")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("entry", MATRIX, ids=lambda e: f"{e[0]} {e[1]}")
def test_api(db, client, people_once, role, entry):
    people = people_once
    method, _, build, body, expected = entry
    headers = {} if role == "anon" else bearer_for(people[role])
    url = build(people)
    if method == "get":
        response = client.get(url, headers=headers)
    else:
        response = client.post(
            url, json.dumps(body(people)), content_type="application/json", headers=headers
        )
    assert response.status_code == expected[role], f"{role} {method.upper()} {url}"
    if response.status_code >= 400:
        assert "message" in response.json()


def test_every_endpoint_is_in_the_matrix(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    documented = {
        (method, path) for path, operations in schema["paths"].items() for method in operations
    }
    covered = {(method, path) for method, path, *_ in MATRIX}
    missing = documented - covered
    assert not missing, f"Add these endpoints to the API matrix: {sorted(missing)}"
