"""The one path for a sign of risk: `core.signals.risk_noted` → a flag, the bell and an
e-mail without clinical words for the treating therapist; nothing for private text."""

from django.core import mail

from cairn.care.services import care_transfer
from cairn.core.models import AuditEvent
from cairn.core.signals import risk_noted
from cairn.progress.models import CheckIn
from cairn.progress.tests.factories import CheckInFactory
from cairn.reminders.models import Notification
from cairn.reminders.tests.factories import PreferenceFactory
from cairn.safety.models import RiskFlag
from cairn.safety.selectors import open_risk_flags_for

CLINICAL_WORDS = ["ending it all", "suicide", "risk", "mood", "very low", "check-in", "Ben"]


def send(checkin, *, may_read=True, excerpt="I've been thinking about ending it all."):
    risk_noted.send(
        sender=CheckIn,
        client=checkin.client,
        source=checkin,
        reason="Words of risk in a check-in: \u201cend it all\u201d",
        excerpt=excerpt,
        therapist_may_read=may_read,
    )


def checkin_of(ben):
    return CheckInFactory(client=ben, date="2026-11-20", mood=1, note="…")


def test_it_raises_a_flag_and_tells_the_therapist(ana, ben, cara):
    checkin = checkin_of(ben)
    send(checkin)
    flag = RiskFlag.objects.get(client=ben)
    assert flag.is_open and flag.source_id == str(checkin.pk)
    assert flag.excerpt == "I've been thinking about ending it all."
    assert open_risk_flags_for([ben.pk]) == {ben.pk: flag}
    assert Notification.objects.filter(user=ana, kind="risk").count() == 1
    assert not Notification.objects.filter(user=cara).exists()
    assert [m.to for m in mail.outbox] == [[ana.email]]
    assert AuditEvent.objects.filter(object_type="risk_flag", object_id=str(flag.pk)).exists()


def test_the_email_carries_no_clinical_words(ana, ben):
    send(checkin_of(ben))
    message = mail.outbox[0]
    text = f"{message.subject}\n{message.body}".lower()
    assert "a client of yours may need your attention. please sign in to cairn." in text
    for word in CLINICAL_WORDS:
        assert word.lower() not in text, word


def test_it_is_sent_in_quiet_hours_and_whatever_the_preferences(ana, ben):
    PreferenceFactory(
        user=ana, quiet_start="00:00", quiet_end="23:59", by_email=False, in_app=False
    )
    send(checkin_of(ben))
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(user=ana, kind="risk").exists()


def test_saving_the_same_thing_again_tells_nobody_twice(ana, ben):
    checkin = checkin_of(ben)
    send(checkin)
    send(checkin, excerpt="I can't go on")
    assert RiskFlag.objects.get(client=ben).excerpt == "I can't go on"
    assert len(mail.outbox) == 1


def test_private_text_tells_nobody(ana, ben):
    send(checkin_of(ben), may_read=False)
    assert not RiskFlag.objects.exists()
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_only_the_therapists_caring_for_the_client_now_are_told(practice, ana, ben, cara):
    care_transfer(practice=practice, client=ben, to=cara, handover_note="Over to you.", by=ana)
    send(checkin_of(ben))
    assert [m.to for m in mail.outbox if "please sign in" in m.subject] == [[cara.email]]
    assert Notification.objects.filter(user=cara, kind="risk").exists()
    assert not Notification.objects.filter(user=ana, kind="risk").exists()
