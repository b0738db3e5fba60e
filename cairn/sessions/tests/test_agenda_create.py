"""Words of risk in an agenda item: the service notes them, and the page offers the
client support on its word alone."""

from django.urls import reverse

from cairn.core.models import AuditEvent
from cairn.safety.models import RiskFlag
from cairn.sessions.models import AgendaItem


def add(client, person, text):
    client.force_login(person)
    return client.post(reverse("sessions:agenda_create"), {"text": text}, follow=True)


def test_words_of_risk_show_support_and_raise_one_flag(client, ana, ben):
    response = add(client, ben, "I can't go on like this")
    assert 'id="support-now"' in response.content.decode()
    item = AgendaItem.objects.get(client=ben)
    assert RiskFlag.objects.filter(client=ben).count() == 1
    assert AuditEvent.objects.filter(object_type="agenda_item", object_id=str(item.pk)).count() == 1


def test_ordinary_words_show_no_support(client, ana, ben):
    response = add(client, ben, "Talk about work")
    assert 'id="support-now"' not in response.content.decode()
    assert AgendaItem.objects.filter(client=ben).exists()
    assert not RiskFlag.objects.exists()
