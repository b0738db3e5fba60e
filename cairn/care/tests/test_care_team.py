"""One lead therapist per client; co-therapists with an explicit grant; transfers
with a handover note; the client told and shown who can see their record."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import NO_ACCESS, access_for
from cairn.care.models import CareRelationship, Membership, Role
from cairn.core.audit import Action
from cairn.core.models import AuditEvent
from cairn.reminders.models import Notification
from tests.factories import PracticeFactory, care
from tests.page import words


def co_url(client_user) -> str:
    return reverse("care:co_therapist_add", args=[client_user.pk])


def transfer_url(client_user) -> str:
    return reverse("care:care_transfer", args=[client_user.pk])


def test_starting_care_with_a_second_therapist_is_refused(client, ed, ana, ben, cara):
    client.force_login(ed)
    response = client.post(reverse("care:care_start"), {"therapist": cara.pk, "client": ben.pk})
    page = response.content.decode()
    assert "Ben Marchetti already has a lead therapist, Ana Thornbury" in page
    assert "add them as a co-therapist or transfer care" in page
    assert not CareRelationship.objects.filter(therapist=cara, client=ben).exists()


def test_the_lead_adds_a_co_therapist_with_what_they_may_do(
    client, ana, ben, cara, django_capture_on_commit_callbacks
):
    client.force_login(ana)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(co_url(ben), {"therapist": cara.pk, "may_write": "on"})
    assert response.status_code == 302
    co = CareRelationship.objects.current().get(therapist=cara, client=ben)
    assert (co.kind, co.may_write, co.may_treat, co.added_by) == ("co", True, False, ana)
    access = access_for(cara, ben)
    assert access.can_read and access.can_write and not access.can_treat
    # Cara may not hold Ben's sessions: the grant says so.
    client.force_login(cara)
    assert client.get(reverse("sessions:session_create", args=[ben.pk])).status_code == 403
    told = Notification.objects.get(user=ben, kind="care_started")
    assert told.message == (
        "Cara Delacourt has joined your care as a co-therapist and can now see your record"
    )


def test_a_read_only_co_therapist_reads_but_does_not_write(client, ana, ben, cara, goal):
    client.force_login(ana)
    client.post(co_url(ben), {"therapist": cara.pk})
    client.force_login(cara)
    assert client.get(reverse("home:client_overview", args=[ben.pk])).status_code == 200
    assert client.get(reverse("goals:goal_edit", args=[goal.pk])).status_code == 403


def test_only_the_lead_or_the_admin_manages_the_care_team(client, ana, ben, cara, ed):
    care(cara, ben)  # Cara is a co-therapist: she reads Ben's record but doesn't lead it
    client.force_login(cara)
    assert client.get(co_url(ben)).status_code == 403
    assert client.get(transfer_url(ben)).status_code == 403
    client.force_login(ed)
    assert client.get(co_url(ben)).status_code == 200


def test_a_transfer_hands_over_with_a_note_and_the_client_is_told(
    client, ana, ben, cara, ed, django_capture_on_commit_callbacks
):
    client.force_login(ed)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            transfer_url(ben),
            {"therapist": cara.pk, "handover_note": "Walks help; Sunday evenings are hard."},
        )
    assert response.status_code == 302
    old = CareRelationship.objects.get(therapist=ana, client=ben)
    new = CareRelationship.objects.get(therapist=cara, client=ben)
    assert old.ended_at is not None and "transferred to Cara Delacourt" in old.end_reason
    assert new.is_lead and new.handover_note == "Walks help; Sunday evenings are hard."
    assert not access_for(ana, ben).can_read
    assert access_for(cara, ben).is_lead
    assert Notification.objects.filter(
        user=ben, message="Cara Delacourt is now your therapist and can see your record"
    ).exists()
    client.force_login(cara)
    assert (
        "Sunday evenings are hard."
        in client.get(reverse("home:client_overview", args=[ben.pk])).content.decode()
    )


def test_a_transfer_to_someone_who_is_not_a_therapist_of_the_practice_is_refused(
    client, ana, ben, ed, gus
):
    client.force_login(ana)
    for someone in (ed, gus):
        response = client.post(
            transfer_url(ben), {"therapist": someone.pk, "handover_note": "Over to you"}
        )
        assert "Please choose a therapist of this practice." in response.content.decode()
    assert CareRelationship.objects.get(client=ben).therapist == ana
    assert CareRelationship.objects.get(client=ben).ended_at is None


def test_a_transfer_needs_a_handover_note(client, ana, ben, cara):
    client.force_login(ana)
    response = client.post(transfer_url(ben), {"therapist": cara.pk, "handover_note": ""})
    assert "Please write a handover note." in response.content.decode()
    assert not CareRelationship.objects.filter(therapist=cara).exists()


def test_the_client_sees_who_can_see_their_record_and_why(
    client, practice, ana, ben, cara, fays_grant
):
    client.force_login(ana)
    client.post(co_url(ben), {"therapist": cara.pk, "may_treat": "on"})
    client.force_login(ben)
    page = words(client.get(reverse("home:who_can_see")))
    assert "Ana Thornbury: your therapist." in page
    assert "Cara Delacourt: your co-therapist." in page
    assert "Reads your record, holds sessions with you and writes their summaries" in page
    assert "Fay Lindqvist" in page and "only what you chose" in page
    assert "can't see your goals" in page


def test_whoever_adds_a_co_therapist_is_asked_in_full_what_each_grant_opens(client, ana, ben):
    # The same grants the client and the care team read of in shorter words; here the
    # one granting them also reads that treating means private notes.
    client.force_login(ana)
    page = words(client.get(co_url(ben)))
    assert "May work on goals, plans and steps with the client" in page
    assert "May hold sessions, keep private notes and sign summaries" in page


def test_the_care_team_sees_what_a_co_therapist_may_do(client, practice, ana, ben, cara):
    client.force_login(ana)
    client.post(co_url(ben), {"therapist": cara.pk, "may_write": "on"})
    page = words(client.get(reverse("home:client_overview", args=[ben.pk])), within="care")
    assert "(reads the record; works on goals and plans)" in page
    assert "holds sessions" not in page


@pytest.fixture
def ana_reads_on(practice, ana_and_ben):
    """Ana's care of Ben ended a month ago, and the practice lets her read on."""
    practice.therapist_read_after_care_ends = True
    practice.save()
    ana_and_ben.ended_at = timezone.now() - timedelta(days=30)
    ana_and_ben.save()
    return ana_and_ben


def test_the_client_sees_their_therapist_now_before_a_former_one(client, ben, cara, ana_reads_on):
    care(cara, ben)
    client.force_login(ben)
    page = words(client.get(reverse("home:who_can_see")))
    # The same order on SQLite and PostgreSQL, which sort a care not ended apart.
    assert page.index("Cara Delacourt: your therapist.") < page.index("Ana Thornbury")


def test_a_former_therapist_reads_for_the_practices_years_and_the_client_is_shown(
    client, practice, ana, ben, ana_and_ben
):
    practice.therapist_read_after_care_ends = True
    practice.former_therapist_read_years = 2
    practice.save()
    ended = timezone.now() - timedelta(days=30)
    ana_and_ben.ended_at = ended
    ana_and_ben.save()
    client.force_login(ana)
    assert client.get(reverse("home:client_overview", args=[ben.pk])).status_code == 200
    past = client.get(reverse("care:past_clients")).content.decode()
    until = ended.replace(year=ended.year + 2)
    assert f"You can read this record until {until.day} {until:%B %Y}" in past
    client.force_login(ben)
    seen = client.get(reverse("home:who_can_see")).content.decode()
    assert "your former therapist" in seen and f"Until {until.day} {until:%B %Y}" in seen
    home = words(client.get(reverse("home:home")), within="main")
    reads_on = "Ana Thornbury can read your record, not change it, until"
    assert f"{reads_on} {until.day} {until:%B %Y}." in home
    # After those years, no more.
    ana_and_ben.ended_at = timezone.now() - timedelta(days=3 * 365)
    ana_and_ben.save()
    assert reads_on not in words(client.get(reverse("home:home")), within="main")
    client.force_login(ana)
    assert client.get(reverse("home:client_overview", args=[ben.pk])).status_code == 404
    assert (
        "You can no longer open this record."
        in client.get(reverse("care:past_clients")).content.decode()
    )


def _leave_by_moving(membership):
    membership.practice = PracticeFactory(therapist_read_after_care_ends=True)


def _leave_by_administering(membership):
    membership.role = Role.ADMIN


@pytest.mark.parametrize("leave", [_leave_by_moving, _leave_by_administering])
def test_a_former_therapist_who_left_the_practice_is_told_as_reading_no_more(
    client, ana, ben, ana_reads_on, leave
):
    # The practice's years have not run out, but access.py lets only its therapists
    # read on: the pages that say until when must say what access allows.
    reads_on = "Ana Thornbury can read your record, not change it, until"
    client.force_login(ben)
    assert reads_on in words(client.get(reverse("home:home")), within="main")
    leave(ana.membership)
    ana.membership.save()
    ana = User.objects.get(pk=ana.pk)
    assert access_for(ana, ben) == NO_ACCESS
    assert reads_on not in words(client.get(reverse("home:home")), within="main")
    assert "Ana Thornbury" not in words(client.get(reverse("home:who_can_see")), within="main")
    if Membership.objects.get(user=ana).role == Role.THERAPIST:  # her past clients, elsewhere
        client.force_login(ana)
        past = words(client.get(reverse("care:past_clients")))
        assert "Ben Marchetti" in past and "You can no longer open this record." in past


def test_the_therapist_ends_care_from_the_clients_overview(client, ana, ben, ana_and_ben):
    client.force_login(ana)
    overview = client.get(reverse("home:client_overview", args=[ben.pk])).content.decode()
    assert f'href="{reverse("care:care_end", args=[ana_and_ben.pk])}"' in overview
    client.post(
        reverse("care:care_end", args=[ana_and_ben.pk]),
        {"reason": "Goals reached", "ended_on": timezone.localdate().isoformat()},
    )
    past = client.get(reverse("care:past_clients")).content.decode()
    assert "Ben Marchetti" in past and "Goals reached" in past


def test_the_list_of_past_clients_is_audited_as_a_read_of_each(client, ana, ben, ana_and_ben):
    ana_and_ben.ended_at = timezone.now() - timedelta(days=1)
    ana_and_ben.save()
    client.force_login(ana)
    client.get(reverse("care:past_clients"))
    # Ben reads on his "who opened my record" page that Ana's list named him.
    listed = AuditEvent.objects.get(object_type="past_clients")
    assert (listed.actor_id, listed.client_id, listed.action) == (ana.pk, ben.pk, Action.READ)


def test_the_private_note_page_says_it_is_not_part_of_the_record(client, ana, therapy_session):
    client.force_login(ana)
    page = client.get(reverse("sessions:session_note", args=[therapy_session.pk])).content.decode()
    assert "yours alone and is not part of Ben Marchetti's record" in page


def test_cancel_goes_back_where_each_came_from(client, ed, ana, ben, ana_and_ben):
    # The admin came from the people page, the lead from the client's overview.
    for person, back in (
        (ed, reverse("care:people")),
        (ana, reverse("home:client_overview", args=[ben.pk])),
    ):
        client.force_login(person)
        for page_url in (co_url(ben), transfer_url(ben)):
            assert f'href="{back}">Cancel' in client.get(page_url).content.decode()


def test_the_clients_home_stops_saying_a_former_therapist_reads_once_the_years_run_out(
    client, practice, ana, ben, ana_and_ben
):
    # The home page is kept between visits; the end of those years is no write to the
    # record, so the page kept must run out then by itself, within the same visit.
    practice.therapist_read_after_care_ends = True
    practice.former_therapist_read_years = 1
    practice.save()
    reads_on = "Ana Thornbury can read your record, not change it, until"
    with time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False) as clock:
        ana_and_ben.ended_at = datetime(2025, 3, 10, 12, 10, tzinfo=UTC)
        ana_and_ben.save()
        client.force_login(ben)
        assert f"{reads_on} 10 March 2026" in words(client.get(reverse("home:home")), within="main")
        clock.shift(timedelta(minutes=20))
        assert reads_on not in words(client.get(reverse("home:home")), within="main")


def overview(client_user) -> str:
    return reverse("home:client_overview", args=[client_user.pk])


def test_the_lead_is_offered_on_the_record_to_share_or_hand_over_care(client, ana, ben):
    client.force_login(ana)
    text = words(client.get(overview(ben)), within="care")
    assert "Add a co-therapist" in text
    assert "Transfer care" in text


def test_a_co_therapist_is_offered_on_the_record_only_to_end_their_own_care(client, ana, ben, cara):
    # What the pages behind those links ask (access.manages_care_of), the record asks too.
    care(cara, ben)  # Ben has Ana as lead: Cara joins as a co-therapist
    client.force_login(cara)
    text = words(client.get(overview(ben)), within="care")
    assert "End care" in text
    assert "Add a co-therapist" not in text
    assert "Transfer care" not in text
