from django.core.management import call_command
from django.urls import reverse

from cairn.accounts.models import User
from cairn.measures.charts import marker_of
from cairn.measures.models import MeasureResponse
from cairn.measures.selectors import history_of, latest_scores_for
from cairn.safety.models import RiskFlag


def test_client2_improves_then_relapses(db, demo):
    client2 = User.objects.get(email="client2@example.org")
    therapist = User.objects.get(email="therapist@example.org")
    for measure in ("phq9", "gad7"):
        history = history_of(user=therapist, client=client2, measure=measure)
        days = history.points[-1].response.date - history.points[0].response.date
        assert len(history.points) == 13 and days.days >= 168  # six months
        marks = [marker_of(p) for p in history.points]
        assert "reliable_recovery" in marks  # the improvement …
        assert marks[-1] == "reliable_deterioration"  # … then the relapse
    assert latest_scores_for([client2.pk])[client2.pk].reliable_deterioration


def test_client3_has_an_unreviewed_question_9(db, demo, client):
    call_command("seed_demo")  # twice changes nothing
    client3 = User.objects.get(email="client3@example.org")
    answer = MeasureResponse.objects.get(client=client3)
    assert answer.answers[8] == 1
    flag = RiskFlag.objects.get(client=client3, reviewed_at__isnull=True)
    assert flag.reason == "PHQ-9 question 9 in a questionnaire: \u201cSeveral days\u201d"
    client.force_login(User.objects.get(email="therapist2@example.org"))
    page = client.get(reverse("home:client_overview", args=[client3.pk])).content.decode()
    assert "PHQ-9</strong>: 9 of 27 (mild)" in page


def test_only_the_phq9_answers_the_difficulty_question(db, demo):
    # The GAD-7 never asks it, so a demo GAD-7 carries no answer to it, as a real one can't.
    client2 = User.objects.get(email="client2@example.org")
    answered = {
        (r.measure, r.difficulty is not None)
        for r in MeasureResponse.objects.filter(client=client2)
    }
    assert answered == {("phq9", True), ("gad7", False)}
