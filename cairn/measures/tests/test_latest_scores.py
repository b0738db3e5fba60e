from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.care.models import Role
from cairn.measures.selectors import latest_scores_for
from cairn.measures.tests.factories import MeasureAssignmentFactory, response
from tests.factories import care, member

TODAY = timezone.localdate()


def test_first_latest_and_the_change(ben, dana):
    response(ben, "phq9", TODAY - timedelta(days=60), 9)
    response(ben, "phq9", TODAY - timedelta(days=30), 12)
    response(ben, "phq9", TODAY, 15)
    response(ben, "gad7", TODAY - timedelta(days=14), 12)
    response(ben, "gad7", TODAY, 6)
    scores = latest_scores_for([ben.pk, dana.pk])
    assert dana.pk not in scores
    phq9, gad7 = scores[ben.pk].phq9, scores[ben.pk].gad7
    assert (phq9.total, phq9.band, phq9.first_total, phq9.count) == (15, "moderately-severe", 9, 3)
    assert (phq9.change.change, phq9.reliable_deterioration) == (6, True)
    assert scores[ben.pk].reliable_deterioration
    assert (gad7.total, gad7.change.change, gad7.finding) == (6, -6, "reliable recovery")


def test_unfinished_answers_do_not_count(ben, client):
    response(ben, "gad7", TODAY - timedelta(days=7), 10)
    client.force_login(ben)
    client.post(reverse("measures:response_create", args=["gad7"]), {"q1": "3", "date": TODAY})
    assert latest_scores_for([ben.pk])[ben.pk].gad7.count == 1


@pytest.mark.parametrize("clients", [1, 12])
def test_one_query_however_many(practice, ana, django_assert_num_queries, clients):
    people = []
    for number in range(clients):
        person = member(practice, Role.CLIENT, email=f"c{number}@example.test")
        care(ana, person)
        for weeks in range(6):
            response(person, "phq9", TODAY - timedelta(weeks=weeks), 10 + weeks % 3)
            response(person, "gad7", TODAY - timedelta(weeks=weeks), 5 + weeks % 4)
        people.append(person.pk)
    with django_assert_num_queries(1):
        scores = latest_scores_for(people)
    assert len(scores) == clients


def test_the_overview_shows_them_to_the_therapist(client, ana, ben):
    response(ben, "phq9", TODAY - timedelta(days=42), 16)
    response(ben, "phq9", TODAY, 9)
    client.force_login(ana)
    page = client.get(reverse("home:client_overview", args=[ben.pk])).content.decode()
    assert 'id="measure-scores"' in page
    assert "9 of 27 (mild)" in page and "-7 since the first (16" in page
    assert "reliable recovery" in page


def test_session_preparation_shows_them(client, ana, ben, therapy_session):
    response(ben, "gad7", TODAY - timedelta(days=42), 6)
    response(ben, "gad7", TODAY, 13)
    client.force_login(ana)
    page = client.get(reverse("sessions:session_prep", args=[therapy_session.pk])).content.decode()
    assert "13 of 21 (moderate)" in page and "+7 since the first" in page
    assert "reliable deterioration" in page


def count_queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_pages_run_the_same_queries_with_more_answers(client, ana, ben, therapy_session):
    pages = [
        reverse("measures:measure_list", args=[ben.pk]),
        reverse("home:client_overview", args=[ben.pk]),
        reverse("sessions:session_prep", args=[therapy_session.pk]),
    ]
    client.force_login(ana)
    response(ben, "phq9", TODAY - timedelta(weeks=30), 12)
    response(ben, "gad7", TODAY - timedelta(weeks=30), 10)
    few = [count_queries(client, path) for path in pages]
    for weeks in range(1, 29):
        response(ben, "phq9", TODAY - timedelta(weeks=weeks), 5 + weeks % 10)
        response(ben, "gad7", TODAY - timedelta(weeks=weeks), 4 + weeks % 9)
    assert [count_queries(client, path) for path in pages] == few


def test_the_clients_home_runs_the_same_queries_with_more_answers(client, ana, ben):

    for measure in ("phq9", "gad7"):
        MeasureAssignmentFactory(
            client=ben, measure=measure, schedule="once", starts_on=TODAY, assigned_by=ana
        )
    client.force_login(ben)
    few = count_queries(client, reverse("home:home"))
    for weeks in range(1, 20):
        response(ben, "phq9", TODAY - timedelta(weeks=weeks), 5 + weeks % 10)
    assert count_queries(client, reverse("home:home")) == few
