"""The FHIR copy of a client's record through the API."""

from cairn.api.tests.calls import api
from cairn.core.models import AuditEvent


def test_a_fhir_copy_is_audited_once_as_a_copy_made_or_refused(client, ben, cara, bearer):
    # What the client reads in "who opened my record": a copy made, once per copy.
    client.get(api("fhir_everything", ben.pk), headers=bearer(ben, "read"))
    client.get(api("fhir_everything", ben.pk), headers=bearer(cara, "read"))
    events = AuditEvent.objects.filter(client_id=ben.pk, action="read", outcome="allowed")
    assert list(events.values_list("actor_id", "object_type")) == [(ben.pk, "export_fhir")]
    refused = AuditEvent.objects.get(client_id=ben.pk, actor_id=cara.pk)
    assert (refused.object_type, refused.outcome) == ("export_fhir", "denied")
