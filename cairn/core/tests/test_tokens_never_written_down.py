"""After links with tokens are used (rightly, wrongly, and after they expire), no
token is in the audit log or in any log line."""

import logging

from django.urls import reverse

from cairn.core.models import AuditEvent
from cairn.reminders.notify import unsubscribe_token
from tests.factories import client_invited, invitation_token


def test_no_token_in_the_audit_log_or_the_logs(
    client, ben, ana, practice, calendar_feed, pending_invitation, caplog
):
    client_invited(ana)
    invitation = invitation_token()
    unsubscribe = unsubscribe_token(ben)
    tokens = [calendar_feed.token, pending_invitation, invitation, unsubscribe]
    with caplog.at_level(logging.DEBUG):
        client.get(reverse("interop:calendar_feed", args=[calendar_feed.token]))
        client.get(
            reverse("interop:calendar_feed", args=[calendar_feed.token + "x"])
        )  # a wrong one: 404
        client.get(reverse("sharing:invite_accept", args=[pending_invitation]))
        client.get(reverse("care:invitation_accept", args=[invitation]))
        client.post(
            reverse("care:invitation_accept", args=[invitation]), {"email": "someone@example.test"}
        )
        client.get(reverse("reminders:unsubscribe", args=[unsubscribe]))
        client.post(reverse("reminders:unsubscribe", args=[unsubscribe]))
        client.get(reverse("reminders:unsubscribe", args=[unsubscribe + "tampered"]))
        client.force_login(ben)
        client.get(
            reverse("sharing:invite_accept", args=[pending_invitation])
        )  # not for Ben: 403, audited
    paths = list(AuditEvent.objects.values_list("path", flat=True))
    assert any(path == "/calendar/[token].ics" for path in paths)
    written = "\n".join(paths) + "\n" + caplog.text
    for token in tokens:
        assert token not in written
        assert token[:16] not in written
