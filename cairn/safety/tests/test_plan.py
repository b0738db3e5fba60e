"""The safety plan: the client's, written with the therapist, versioned with who
changed what, one step from every client page, never a supporter's or an admin's."""

import pytest
from django.urls import reverse

from cairn.core.models import AuditEvent
from cairn.safety.models import SafetyPlan
from cairn.safety.tests.factories import SafetyPlanFactory
from tests.page import words


def url(client_user, page="detail"):
    return reverse(f"safety:plan_{page}", args=[client_user.pk])


STEPS = {
    "warning_signs": "Not sleeping, skipping meals, staying in my room",
    "on_my_own": "A hot shower; the rain playlist; walking round the block",
    "people_and_places": "The library café; my brother's kitchen",
    "people_to_ask": "Tom (brother) 07700 900123",
    "professionals": "Ana at Willowbank; my GP surgery",
    "safer_surroundings": "Tom keeps the spare tablets",
    "reasons_for_living": "My niece; the allotment in spring",
}


def test_the_client_writes_it_and_it_is_a_version(client, ben):
    client.force_login(ben)
    response = client.post(url(ben, "edit"), {**STEPS, "based_on": 0})
    assert response.status_code == 302
    plan = SafetyPlan.objects.get(client=ben)
    assert plan.number == 1 and plan.written_by == ben
    assert plan.reasons_for_living == STEPS["reasons_for_living"]
    page = words(client.get(url(ben)), within="main")  # not the footer's crisis line
    assert "My niece; the allotment in spring" in page
    assert "116 123" in page  # the crisis lines sit with the professionals step
    assert AuditEvent.objects.filter(object_type="safety_plan", action="write").exists()
    assert AuditEvent.objects.filter(object_type="safety_plan", action="read").exists()


def test_the_therapist_writes_with_them_and_the_history_says_who_changed_what(client, ana, ben):
    client.force_login(ben)
    client.post(url(ben, "edit"), {**STEPS, "based_on": 0})
    client.force_login(ana)
    client.post(url(ben, "edit"), {**STEPS, "on_my_own": "Cold water on my face", "based_on": 1})
    assert list(SafetyPlan.objects.values_list("number", "written_by")) == [
        (2, ana.pk),
        (1, ben.pk),
    ]
    client.force_login(ben)
    history = client.get(url(ben, "history")).content.decode()
    assert "Version 2" in history and "by Ana Thornbury" in history
    assert "Changed: Things I can do on my own to take my mind off it." in history


def test_reading_its_history_is_in_the_audit_log(client, ana, ben):
    SafetyPlanFactory(client=ben)
    client.force_login(ana)
    client.get(url(ben, "history"))
    # Ben can see that Ana read the earlier versions of his plan.
    assert AuditEvent.objects.filter(
        actor_id=ana.pk, action="read", object_type="safety_plan_history", client_id=ben.pk
    ).exists()


def test_a_save_over_a_newer_version_is_refused_and_keeps_the_words(client, ana, ben):
    client.force_login(ben)
    client.post(url(ben, "edit"), {**STEPS, "based_on": 0})
    client.force_login(ana)
    client.post(url(ben, "edit"), {**STEPS, "on_my_own": "Ana's words", "based_on": 1})
    client.force_login(ben)
    response = client.post(url(ben, "edit"), {**STEPS, "on_my_own": "Ben's words", "based_on": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Ana&#x27;s words" in page and "Ben&#x27;s words" in page
    assert SafetyPlan.objects.count() == 2


def test_too_long_a_step_is_named_and_nothing_is_saved(client, ben):
    client.force_login(ben)
    response = client.post(url(ben, "edit"), {**STEPS, "on_my_own": "x" * 2001, "based_on": 0})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    assert not SafetyPlan.objects.exists()


def test_it_is_one_step_from_every_client_page(client, ben, goal):
    client.force_login(ben)
    for path in [
        "/",
        reverse("progress:checkin"),
        reverse("journal:entry_list"),
        reverse("goals:goal_detail", args=[goal.pk]),
    ]:
        assert f'href="{url(ben)}"' in client.get(path).content.decode(), path


@pytest.mark.parametrize("who", ["cara", "dana", "ed", "fay", "gus"])
def test_nobody_else_sees_it(client, ben, everyone, who):
    SafetyPlanFactory(client=ben, number=1, written_by=ben, **STEPS)
    client.force_login(everyone[who])
    for page in ["detail", "history", "edit"]:
        response = client.get(url(ben, page))
        assert response.status_code == 404, (who, page)
        assert "allotment" not in response.content.decode()


def test_it_shows_in_session_preparation(client, ana, ben, therapy_session):
    SafetyPlanFactory(client=ben, number=1, written_by=ben, **STEPS)
    client.force_login(ana)
    page = client.get(reverse("sessions:session_prep", args=[therapy_session.pk])).content.decode()
    assert "Ben Marchetti's safety plan" in page
    assert "My niece; the allotment in spring" in page
