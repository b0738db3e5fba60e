"""Refused pages and refused records reach the practice's audit log."""

from django.urls import reverse

from cairn.core.models import AuditEvent
from tests.factories import TEST_PASSWORD
from tests.page import words


def test_a_refused_page_is_in_the_practice_audit_log(client, ben, ed, practice):
    people = reverse("care:people")
    client.force_login(ben)
    assert client.get(people).status_code == 403
    event = AuditEvent.objects.get(actor_id=ben.pk, outcome="denied")
    assert (event.object_type, event.practice_id, event.path) == ("page", practice.pk, people)
    client.force_login(ed)
    # The log's rows, not its pickers (which name everyone in the practice).
    log = words(client.get(reverse("care:audit_log"), {"outcome": "denied"}), within="audit-rows")
    assert "Ben Marchetti (C-1001) Tried to open a page and was refused Refused" in log


def test_sign_ins_and_refused_goals_reach_the_admins_log(client, ben, dana, ed, goal, practice):
    client.post(reverse("account_login"), {"login": "dana@example.test", "password": TEST_PASSWORD})
    assert client.get(reverse("goals:goal_detail", args=[goal.pk])).status_code == 404
    events = AuditEvent.objects.filter(practice_id=practice.pk, actor_id=dana.pk)
    assert events.filter(action="sign_in").exists()
    assert events.filter(object_type="goal", outcome="denied").exists()
