"""An admin runs their own practice and no other: another practice's admin finds none
of Willowbank's care, care teams, invitations or failed mail, and changes nothing.

The named people have one admin (Ed), so the access matrix cannot show this; Ida,
Foxglove Counselling's admin, is made here."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.care.models import CareRelationship, Invitation, Role
from cairn.core.models import OutgoingEmail
from cairn.core.tests.factories import OutgoingEmailFactory
from tests.factories import client_invited, named


@pytest.fixture
def ida(other_practice):
    return named(other_practice, Role.ADMIN, "Ida Brennan")


@pytest.fixture
def as_ida(client, ida):
    client.force_login(ida)
    return client


def test_another_practices_admin_cannot_end_bens_care(as_ida, ana_and_ben):
    response = as_ida.post(
        reverse("care:care_end", args=[ana_and_ben.pk]),
        {"ended_on": timezone.localdate().isoformat(), "reason": "Not mine to end"},
    )
    assert response.status_code == 404
    ana_and_ben.refresh_from_db()
    assert ana_and_ben.ended_at is None


def test_another_practices_admin_cannot_see_or_change_bens_care_team(as_ida, ben, ana, cara):
    for name in ("care:co_therapist_add", "care:care_transfer"):
        assert as_ida.get(reverse(name, args=[ben.pk])).status_code == 404, name
    as_ida.post(reverse("care:co_therapist_add", args=[ben.pk]), {"therapist": cara.pk})
    assert list(CareRelationship.objects.filter(client=ben)) == [
        CareRelationship.objects.get(therapist=ana, client=ben)
    ]


def test_another_practices_admin_cannot_resend_or_withdraw_its_invitations(as_ida, ana):
    invitation = client_invited(ana)
    for name in ("care:invitation_resend", "care:invitation_revoke"):
        assert as_ida.post(reverse(name, args=[invitation.pk])).status_code == 404, name
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None
    assert Invitation.objects.count() == 1  # nothing sent again


def test_another_practices_admin_cannot_retry_its_failed_mail(as_ida, practice):
    lost = OutgoingEmailFactory(practice_id=practice.pk, status=OutgoingEmail.Status.FAILED)
    assert as_ida.post(reverse("care:email_retry", args=[lost.pk])).status_code == 404
    lost.refresh_from_db()
    assert lost.status == OutgoingEmail.Status.FAILED


def test_another_practices_admin_lists_none_of_its_people(as_ida, ed, ana, ben):
    client_invited(ana)
    page = as_ida.get(reverse("care:people")).content.decode()
    for address in ("ben@example.test", "orla@example.test", "ana@example.test"):
        assert address not in page, address
