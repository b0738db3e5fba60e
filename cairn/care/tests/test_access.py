from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import FORMER, NO_ACCESS, OWNER, TREATING, access_for, clients_readable_by
from cairn.care.models import Membership, Role
from cairn.care.services import care_end
from tests.factories import member


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("ben", OWNER),  # his own record
        ("ana", TREATING),  # his therapist
        ("cara", NO_ACCESS),  # a therapist of the practice, not his
        ("dana", NO_ACCESS),  # another client
        ("ed", NO_ACCESS),  # the practice admin sees no clinical content
        ("fay", NO_ACCESS),  # a supporter sees only what is shared, elsewhere
        ("gus", NO_ACCESS),  # another practice's therapist
    ],
)
def test_who_may_open_bens_record(everyone, person, expected):
    assert access_for(everyone[person], everyone["ben"]) == expected


def test_nobody_signed_in_has_access(ben):
    assert access_for(AnonymousUser(), ben) == NO_ACCESS
    assert not clients_readable_by(AnonymousUser()).exists()


def test_a_therapist_without_an_authenticator_sees_no_client(practice, ben):
    newcomer = member(practice, Role.THERAPIST, mfa=False, email="newcomer@example.test")
    from tests.factories import care

    care(newcomer, ben)
    assert access_for(newcomer, ben) == NO_ACCESS
    assert list(clients_readable_by(newcomer)) == []


def test_ending_care_removes_the_therapists_access(ana, ben, ana_and_ben):
    care_end(relationship=ana_and_ben, by=ana, reason="Goals reached")
    assert access_for(ana, ben) == NO_ACCESS
    assert ben not in clients_readable_by(ana)


def test_ending_care_leaves_read_only_access_where_the_practice_says_so(
    practice, ana, ben, ana_and_ben
):
    practice.therapist_read_after_care_ends = True
    practice.save()
    care_end(relationship=ana_and_ben, by=ana, reason="Moving away")
    assert access_for(ana, ben) == FORMER
    assert not FORMER.can_write
    assert ben in clients_readable_by(ana)


def test_a_new_relationship_after_an_ended_one_gives_full_access_again(ana, ben, ana_and_ben):
    from tests.factories import care

    care_end(relationship=ana_and_ben, by=ana, reason="A break")
    care(ana, ben)
    assert access_for(ana, ben) == TREATING


def test_a_client_sees_only_themselves(ben, dana):
    assert list(clients_readable_by(ben)) == [ben]


def test_a_therapist_who_now_administers_the_practice_sees_no_clinical_content(ana, ben):
    # Ana's care of Ben is still on file, and her authenticator app too; the admin's
    # role alone never opens a record.
    Membership.objects.filter(user=ana).update(role=Role.ADMIN)
    ana = User.objects.get(pk=ana.pk)
    assert access_for(ana, ben) == NO_ACCESS
    assert list(clients_readable_by(ana)) == []


def test_a_former_therapists_read_ends_after_the_practices_years(
    client, practice, ana, ben, ana_and_ben, goal
):
    practice.therapist_read_after_care_ends = True
    practice.former_therapist_read_years = 2
    practice.save()
    ana_and_ben.ended_at = timezone.now() - timedelta(days=365)
    ana_and_ben.save()
    client.force_login(ana)
    assert client.get(reverse("goals:goal_detail", args=[goal.pk])).status_code == 200
    # Three years on, every page of his record is closed to her, not only the overview.
    ana_and_ben.ended_at = timezone.now() - timedelta(days=3 * 365)
    ana_and_ben.save()
    assert list(clients_readable_by(ana)) == []
    assert client.get(reverse("goals:goal_detail", args=[goal.pk])).status_code == 404
