"""Whom a therapist's caseload lists: the clients whose record they work on now, as
lead or as a co-therapist who may write; not those they may only read, nor those
whose care has ended (even where a former therapist still reads)."""

from django.urls import reverse

from cairn.care.services import care_end, co_therapist_add


def caseload_of(client, therapist) -> str:
    client.force_login(therapist)
    return client.get(reverse("home:home")).content.decode()


def test_a_co_therapist_who_may_write_has_the_client_on_their_caseload(
    client, practice, ana, ben, cara
):
    co_therapist_add(
        practice=practice, client=ben, therapist=cara, may_write=True, may_treat=False, by=ana
    )
    assert "Ben Marchetti" in caseload_of(client, cara)


def test_a_read_only_co_therapist_does_not(client, practice, ana, ben, cara):
    co_therapist_add(
        practice=practice, client=ben, therapist=cara, may_write=False, may_treat=False, by=ana
    )
    assert "Ben Marchetti" not in caseload_of(client, cara)


def test_care_that_has_ended_leaves_the_caseload(client, practice, ana, ben, ana_and_ben):
    practice.therapist_read_after_care_ends = True
    practice.save()
    care_end(relationship=ana_and_ben, by=ana, reason="Goals reached")
    assert "Ben Marchetti" not in caseload_of(client, ana)
