from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.core.models import AuditEvent
from cairn.measures.models import MeasureAssignment
from cairn.measures.tests.factories import MeasureAssignmentFactory, response
from tests.page import words


def url(client_user):
    return reverse("measures:measure_list", args=[client_user.pk])


def history(ben):
    today = timezone.localdate()
    # 18 → 11 (reliable improvement) → 8 (reliable recovery) → 15 (back above the first's
    # level less 3: no marker).
    for weeks, total in [(12, 18), (8, 11), (4, 8), (0, 15)]:
        response(ben, "phq9", today - timedelta(weeks=weeks), total)


def test_the_therapist_sees_the_chart_and_the_table(client, ana, ben):
    history(ben)
    client.force_login(ana)
    response = client.get(url(ben))
    page = response.content.decode()
    assert reverse("measures:measure_chart", args=[ben.pk, "phq9"]) in page
    assert "PHQ-9: 4 totals" in page  # the text alternative
    assert "Reliable improvement" in page and "Reliable recovery" in page
    # The table's row for the first total: its band in words (the text alternative
    # names the first band too, so the row itself is read).
    assert "18 moderately severe (the first)" in words(response, within="measure-phq9")
    assert "+-" not in page and "-10" in page  # 18 → 8: −10 since the first


def test_the_client_sees_a_plain_meaning(client, ben):
    history(ben)
    client.force_login(ben)
    page = client.get(url(ben)).content.decode()
    assert "Your latest score is <strong>15</strong> out of 27" in page
    assert "Low mood has bothered you quite a lot" in page
    assert "severe" not in page.lower()
    assert "deterioration" not in page.lower()


def test_the_chart_is_an_svg_with_its_own_policy(client, ana, ben):
    history(ben)
    client.force_login(ana)
    chart = client.get(reverse("measures:measure_chart", args=[ben.pk, "phq9"]))
    assert chart["Content-Type"] == "image/svg+xml"
    assert "style-src 'unsafe-inline'" in chart["Content-Security-Policy"]
    svg = chart.content.decode()
    assert "moderately severe" in svg and "Reliable recovery" in svg


def test_an_unknown_measure_chart_is_not_found(client, ana, ben):
    client.force_login(ana)
    assert client.get(reverse("measures:measure_chart", args=[ben.pk, "bdi"])).status_code == 404


def test_opening_them_is_audited(client, ana, ben):
    history(ben)
    client.force_login(ana)
    client.get(url(ben))
    assert (
        AuditEvent.objects.filter(
            actor_id=ana.pk, client_id=ben.pk, object_type="measure_history", action="read"
        ).count()
        == 2
    )  # the PHQ-9 and the GAD-7


def test_strangers_get_404(client, cara, ben):
    client.force_login(cara)
    assert client.get(url(ben)).status_code == 404


def test_the_therapist_assigns_and_stops(client, ana, ben):
    client.force_login(ana)
    assign = reverse("measures:assignment_create", args=[ben.pk])
    today = timezone.localdate().isoformat()
    client.post(
        assign,
        {"measure": "gad7", "schedule": "every_weeks", "every_weeks": "3", "starts_on": today},
    )
    client.post(assign, {"measure": "gad7", "schedule": "before_session", "starts_on": today})
    open_ones = MeasureAssignment.objects.current().filter(client=ben)
    assert [(a.measure, a.schedule) for a in open_ones] == [("gad7", "before_session")]
    client.post(reverse("measures:assignment_end", args=[open_ones[0].pk]))
    assert not MeasureAssignment.objects.current().filter(client=ben).exists()
    assert MeasureAssignment.objects.filter(client=ben).count() == 2  # kept


@pytest.mark.parametrize(
    ("weeks", "message"),
    [
        ({}, "Please say every how many weeks, like 2."),
        ({"every_weeks": "27"}, "Please choose at most every 26 weeks."),
    ],
)
def test_an_assignment_needs_its_weeks_within_half_a_year(client, ana, ben, weeks, message):
    client.force_login(ana)
    page = client.post(
        reverse("measures:assignment_create", args=[ben.pk]),
        {
            "measure": "phq9",
            "schedule": "every_weeks",
            "starts_on": timezone.localdate().isoformat(),
            **weeks,
        },
    )
    assert message in page.content.decode()
    assert not MeasureAssignment.objects.exists()


def test_a_client_does_not_assign(client, ben):
    client.force_login(ben)
    page = client.post(
        reverse("measures:assignment_create", args=[ben.pk]),
        {"measure": "phq9", "schedule": "once", "starts_on": timezone.localdate().isoformat()},
    )
    assert page.status_code == 403
    assert not MeasureAssignment.objects.exists()


def test_the_therapist_sees_an_unfinished_one_and_what_is_left(client, ana, ben):
    MeasureAssignmentFactory(client=ben, measure="gad7", assigned_by=ana)
    client.force_login(ben)
    client.post(
        reverse("measures:response_create", args=["gad7"]),
        {"q1": "2", "q2": "1", "date": timezone.localdate().isoformat()},
    )
    client.force_login(ana)
    page = client.get(url(ben)).content.decode()
    assert "GAD-7: started" in page and "5 questions left" in page
    assert "Nothing filled in yet" not in page and "No answers yet." in page
