"""The create forms added to the one-time keys: Save pressed again after a lost
answer creates nothing twice (cheers, pauses, the safety plan's first version)."""

import re

from django.urls import reverse

from cairn.progress.models import TrackingPause
from cairn.safety.models import SafetyPlan
from cairn.sharing.models import Cheer


def key_on(page: str) -> str:
    found = re.search(r'name="once" value="([0-9a-f-]{36})"', page)
    assert found, "the form carries no one-time key"
    return found.group(1)


def twice(client, action, data):
    first = client.post(action, data)
    assert first.status_code == 302
    again = client.post(action, data)
    assert again.status_code == 302
    assert again["Location"] == first["Location"]


def test_a_cheer_sent_twice_with_one_key_arrives_once(client, fay, fays_grant, goal):
    client.force_login(fay)
    key = key_on(client.get(reverse("sharing:shared_view", args=[fays_grant.pk])).content.decode())
    data = {"text": "So proud of you", "target": f"goal:{goal.pk.hex}", "once": key}
    twice(client, reverse("sharing:cheer_create", args=[fays_grant.pk]), data)
    assert Cheer.objects.filter(grant=fays_grant, text="So proud of you").count() == 1


def test_a_pause_saved_twice_with_one_key_is_one_pause(client, ben):
    client.force_login(ben)
    key = key_on(client.get(reverse("progress:tracking_pause")).content.decode())
    twice(client, reverse("progress:tracking_pause"), {"reason": "holiday", "once": key})
    assert TrackingPause.objects.filter(client=ben).count() == 1


def test_the_first_safety_plan_saved_twice_with_one_key_is_one_version(client, ben):
    client.force_login(ben)
    edit = reverse("safety:plan_edit", args=[ben.pk])
    key = key_on(client.get(edit).content.decode())
    data = {"reasons_for_living": "The allotment in spring", "based_on": 0, "once": key}
    twice(client, edit, data)
    assert SafetyPlan.objects.filter(client=ben).count() == 1


def test_the_routine_buttons_carry_keys(client, ben, routine):
    client.force_login(ben)
    page = client.get(reverse("routines:routine_list", args=[ben.pk])).content.decode()
    assert page.count('name="once"') >= 3  # done, skip, pause
