"""What care/access.py answers beyond "may read": the capabilities, the person's
standing in the practice, and the one checked lookup with its audit."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cairn.care.access import (
    Capability,
    Standing,
    access_for,
    is_own_record,
    is_own_record_id,
    may_export_journal,
    may_support,
    record_get_for,
    roles_invitable_by,
    standing_of,
)
from cairn.core.models import AuditEvent
from cairn.routines.models import Routine


@pytest.mark.parametrize(
    ("person", "allowed"),
    [
        # His own record: he alone shares it and marks his routines' days.
        ("ben", {Capability.READ, Capability.WRITE, Capability.SHARE, Capability.OWN}),
        (
            "ana",  # his lead therapist
            {
                Capability.READ,
                Capability.WRITE,
                Capability.TREAT,
                Capability.THERAPIST,
                Capability.STEER,
            },
        ),
        ("cara", set()),  # a therapist of the practice, not his
        ("ed", set()),  # the admin administers people, not clinical content
        ("fay", set()),  # a supporter sees what is shared, through the sharing app
    ],
)
def test_what_each_person_may_do_with_bens_record(everyone, person, allowed):
    access = access_for(everyone[person], everyone["ben"])
    assert {c for c in Capability if access.allows(c)} == allowed


def test_only_ben_exports_his_journal(everyone):
    # His therapist exports his record without it, the entries he shared too.
    exporting = {
        name for name, person in everyone.items() if may_export_journal(person, everyone["ben"])
    }
    assert exporting == {"ben"}


def test_each_person_stands_in_the_practice_as_their_role_says(ana, ben, ed, fay):
    assert standing_of(ana).is_therapist and standing_of(ana).is_staff
    assert standing_of(ben).is_client and not standing_of(ben).is_staff
    assert standing_of(ed).may_administer and standing_of(ed).is_staff
    assert standing_of(fay) == Standing()  # a supporter has no part in the practice


def test_who_each_person_may_invite_and_who_may_support_ben(ana, ben, cara, ed, fay):
    # The admin invites anyone to the practice; a therapist their own clients.
    assert roles_invitable_by(ed) == ["therapist", "client", "admin"]
    assert roles_invitable_by(ana) == ["client"]
    assert roles_invitable_by(ben) == roles_invitable_by(fay) == []
    # Supporters are outside the care: not Ben himself, nobody on the practice's staff.
    assert may_support(fay, ben.pk)
    assert not any(may_support(person, ben.pk) for person in (ben, ana, cara, ed))


def test_whose_own_record_it_is_reads_alike_for_a_person_and_an_id(ana, ben):
    # A goal's sides ask it of ids (who proposed a goal or a change is kept as one).
    assert is_own_record(ben, ben.pk) and is_own_record_id(ben.pk, ben.pk)
    assert not is_own_record(ana, ben.pk) and not is_own_record_id(ana.pk, ben.pk)
    assert not is_own_record_id(None, ben.pk)  # an id not set is nobody's


def test_hidden_and_missing_answer_alike_and_the_refusal_names_the_client(cara, routine, ben):
    unknown = uuid.uuid4()
    with pytest.raises(Http404):
        record_get_for(Routine, user=cara, pk=routine.pk, object_type="routine")
    with pytest.raises(Http404):
        record_get_for(Routine, user=cara, pk=unknown, object_type="routine")
    refused = AuditEvent.objects.filter(actor_id=cara.pk, outcome="denied")
    assert {e.object_id: e.client_id for e in refused} == {
        str(routine.pk): ben.pk,
        str(unknown): None,
    }


def test_a_visible_record_without_the_capability_answers_403_and_is_audited(ben, routine):
    with pytest.raises(PermissionDenied):
        record_get_for(
            Routine, user=ben, pk=routine.pk, object_type="routine", need=Capability.TREAT
        )
    event = AuditEvent.objects.get(actor_id=ben.pk, object_id=str(routine.pk))
    assert (event.outcome, event.client_id) == ("denied", ben.pk)


def test_visible_if_hides_the_object_entirely(ana, routine):
    with pytest.raises(Http404):
        record_get_for(
            Routine, user=ana, pk=routine.pk, object_type="routine", visible_if=Capability.SHARE
        )
