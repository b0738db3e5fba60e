from django.urls import reverse

from cairn.core.models import AuditEvent


def test_the_caseload_is_audited_once_per_view_naming_its_clients(client, ana, ben):
    client.force_login(ana)
    client.get(reverse("home:home"))
    event = AuditEvent.objects.get(actor_id=ana.pk, object_type="caseload")
    assert event.client_ids == str(ben.pk)


def test_a_tier_there_is_not_is_audited_as_a_list_naming_nobody(client, ana, ben):
    # The page lists nobody, so its one event names nobody: Ben was not shown.
    client.force_login(ana)
    client.get(reverse("home:home"), {"tier": "urgent"})
    event = AuditEvent.objects.get(actor_id=ana.pk, object_type="caseload")
    assert event.client_ids == ""
