from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import FORMER, NO_ACCESS, OWNER, TREATING, access_for, clients_readable_by
from cairn.care.models import CareRelationship, Membership, Role
from cairn.care.services import care_end
from tests.factories import PracticeFactory, member


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


@pytest.mark.parametrize(
    ("ended_at", "now", "still_reads"),
    [
        # Care ended on 29 February: a year later is the 28th, at the hour it ended.
        ("2024-02-29T10:00Z", "2025-02-28T09:00Z", True),
        ("2024-02-29T10:00Z", "2025-02-28T11:00Z", False),
        ("2024-02-28T23:00Z", "2025-02-28T11:00Z", True),
        # Now is 29 February: care that ended on the 28th a year before has run out.
        ("2023-02-28T12:00Z", "2024-02-29T11:00Z", False),
        ("2023-03-01T00:00Z", "2024-02-29T11:00Z", True),
        ("2023-06-01T00:00Z", "2024-06-01T00:00Z", False),
        ("2023-06-01T00:01Z", "2024-06-01T00:00Z", True),
    ],
)
def test_a_former_therapist_reads_until_the_day_the_care_team_page_gives(
    monkeypatch, practice, ana, ben, ana_and_ben, ended_at, now, still_reads
):
    # The care team page tells the client until when (read_until); the caseload's
    # filter and the record's own check must end it at that same moment.
    practice.therapist_read_after_care_ends = True
    practice.former_therapist_read_years = 1
    practice.save()
    ana_and_ben.ended_at = datetime.fromisoformat(ended_at)
    ana_and_ben.save()
    monkeypatch.setattr(timezone, "now", lambda: datetime.fromisoformat(now))
    ana_and_ben.refresh_from_db()
    assert (ana_and_ben.read_until > timezone.now()) is still_reads
    assert (access_for(ana, ben) == FORMER) is still_reads
    assert (ben in clients_readable_by(ana)) is still_reads


def test_a_therapist_who_moved_practice_reads_no_former_client_of_the_last(
    practice, ana, ben, ana_and_ben
):
    # The old practice's setting would let her read on for a year, the new one's for
    # ten: she left the practice whose client Ben is, so neither applies to him.
    practice.therapist_read_after_care_ends = True
    practice.former_therapist_read_years = 1
    practice.save()
    care_end(relationship=ana_and_ben, by=ana, reason="Moving away")
    CareRelationship.objects.filter(pk=ana_and_ben.pk).update(
        ended_at=timezone.now() - timedelta(days=800)
    )
    ana.membership.practice = PracticeFactory(
        therapist_read_after_care_ends=True, former_therapist_read_years=10
    )
    ana.membership.save()
    ana = User.objects.get(pk=ana.pk)
    assert access_for(ana, ben) == NO_ACCESS
    assert ben not in clients_readable_by(ana)
