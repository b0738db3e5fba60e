"""/api/v1/clients/{id}/safety-plan."""

from cairn.api.tests.calls import api
from cairn.safety.tests.factories import SafetyPlanFactory


def test_the_safety_plan_reads_for_the_client_and_therapist(client, ben, ana, cara, bearer):

    url = api("safety_plan", ben.pk)
    assert client.get(url, headers=bearer(ben, "read")).status_code == 404  # none yet
    SafetyPlanFactory(client=ben, number=1, written_by=ben, reasons_for_living="My niece")
    assert client.get(url, headers=bearer(ben, "read")).json()["reasons_for_living"] == "My niece"
    assert client.get(url, headers=bearer(ana, "read")).status_code == 200
    assert client.get(url, headers=bearer(cara, "read")).status_code == 404
