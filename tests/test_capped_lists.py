"""A capped list shows its first rows and, only when there are more than it lists, says
how many more in a plain sentence: one query more, the count, and only then."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.care.models import Invitation
from cairn.care.people import FAILED_EMAILS_LISTED, INVITATIONS_LISTED, INVITATIONS_ON_HOME
from cairn.core.models import OutgoingEmail
from tests.factories import InvitationFactory


def invitations_numbered(practice, by, numbers, *, expires_in):
    """Unused invitations to i000@example.test and on, each sent a minute after the one
    before and running out a minute after it, the first `expires_in` from now."""
    now = timezone.now()
    for n in numbers:
        invitation = InvitationFactory(
            practice=practice, invited_by=by, email=f"i{n:03}@example.test"
        )
        Invitation.objects.filter(pk=invitation.pk).update(
            created_at=now + timedelta(minutes=n),
            expires_at=now + expires_in + timedelta(minutes=n),
        )


def invitations_waiting(practice, by, numbers):
    invitations_numbered(practice, by, numbers, expires_in=timedelta(days=7))


def invitations_ran_out(practice, by, numbers):
    invitations_numbered(practice, by, numbers, expires_in=-timedelta(days=1))


def emails_failed(practice, by, numbers):
    """E-mails to i000@example.test and on, given up on, each queued a minute after the
    one before."""
    now = timezone.now()
    for n in numbers:
        email = OutgoingEmail.objects.create(
            key=f"invitation:lost-{n}",
            practice_id=practice.pk,
            to=[f"i{n:03}@example.test"],
            subject="Cairn: an invitation",
            body="…",
            status=OutgoingEmail.Status.FAILED,
            next_attempt_at=now,
        )
        OutgoingEmail.objects.filter(pk=email.pk).update(created_at=now + timedelta(minutes=n))


CAPPED_LISTS = [
    # the page, what fills the list, words once a row, the cap, the queries of the usual
    # page (with nothing waiting, no invitation's mail is read; the footer's urgent-help
    # words are one), and the sentence past it
    pytest.param(
        "home:home",
        invitations_waiting,
        "; open until",
        INVITATIONS_ON_HOME,
        11,
        "These are the {cap} newest invitations; 4 more are waiting too.",
        id="home-waiting",
    ),
    pytest.param(
        "care:people",
        invitations_waiting,
        "; open until",
        INVITATIONS_LISTED,
        13,
        "These are the {cap} newest invitations; 4 more are waiting too.",
        id="people-waiting",
    ),
    pytest.param(
        "care:people",
        invitations_ran_out,
        "; ran out on",
        INVITATIONS_LISTED,
        12,
        "These are the {cap} that ran out last; 4 more ran out before them.",
        id="people-ran-out",
    ),
    pytest.param(
        "care:people",
        emails_failed,
        "first queued",
        FAILED_EMAILS_LISTED,
        12,
        "These are the {cap} newest; 4 more could not be sent either.",
        id="people-failed-emails",
    ),
]


@pytest.mark.parametrize(("page", "fill", "row", "cap", "queries", "sentence"), CAPPED_LISTS)
def test_it_lists_the_newest_and_counts_the_rest(
    client, ed, practice, django_assert_num_queries, page, fill, row, cap, queries, sentence
):
    fill(practice, ed, range(3))
    client.force_login(ed)
    with django_assert_num_queries(queries):
        few = client.get(reverse(page)).content.decode()
    assert few.count(row) == 3
    assert "These are the" not in few
    fill(practice, ed, range(3, cap + 4))  # 4 more than the cap
    with django_assert_num_queries(queries + 1):
        many = client.get(reverse(page)).content.decode()
    assert many.count(row) == cap
    assert f"i{cap + 3:03}@example.test" in many  # the newest
    assert "i004@example.test" in many  # the oldest listed
    assert "i003@example.test" not in many  # older ones are counted, not listed
    assert sentence.format(cap=cap) in many
