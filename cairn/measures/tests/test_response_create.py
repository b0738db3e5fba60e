from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from cairn.core.models import AuditEvent
from cairn.core.risk import SUPPORT_SESSION_KEY
from cairn.core.signals import risk_noted
from cairn.measures import services
from cairn.measures.models import MeasureResponse
from cairn.measures.tests.factories import MeasureAssignmentFactory, MeasureResponseFactory
from tests.page import words

URL = reverse_lazy("measures:response_create", args=["phq9"])

# Ana asked Ben for the PHQ-9 (the `measure_assignment` fixture): a client fills in
# only what their therapist asked for (test_a_questionnaire_nobody_asked_for_…).
pytestmark = pytest.mark.usefixtures("measure_assignment")


def form(answers, **extra):
    data = {f"q{n}": str(a) for n, a in enumerate(answers, start=1) if a is not None}
    data["date"] = timezone.localdate().isoformat()
    data.update(extra)
    return data


def ben_answers(ben, measure, answers, *, difficulty=None, day=None, now=None):
    """Ben answers for himself through the service, as a script would (no form)."""
    return services.measure_response_save(
        client=ben,
        by=ben,
        measure=measure,
        answers=answers,
        difficulty=difficulty,
        day=day or timezone.localdate(),
        now=now,
    )


@pytest.fixture
def noted():
    """What the safety app would hear."""
    heard = []

    def receiver(sender, **kwargs):
        heard.append(kwargs)

    risk_noted.connect(receiver)
    yield heard
    risk_noted.disconnect(receiver)


def test_it_shows_the_questions_on_one_page(client, ben):
    client.force_login(ben)
    page = client.get(URL).content.decode()
    assert "Little interest or pleasure in doing things" in page
    assert "Thoughts that you would be better off dead or of hurting yourself" in page
    assert "how difficult have these problems made it for you" in page
    assert page.count('type="radio"') == 9 * 4 + 4


def test_it_scores_a_complete_response(client, ben, measure_assignment):
    client.force_login(ben)
    response = client.post(URL, form([1, 2, 1, 2, 1, 2, 1, 2, 0], difficulty="1"))
    saved = MeasureResponse.objects.get(client=ben)
    assert response.url == reverse("measures:response_detail", args=[saved.pk])
    assert (saved.total, saved.band, saved.difficulty) == (12, "moderate", 1)
    assert saved.assignment == measure_assignment
    assert saved.is_complete
    page = client.get(response.url).content.decode()
    assert "Your score: 12 out of 27" in page
    assert "Low mood has bothered you a fair amount" in page
    # No alarm for the client: the bands' clinical names are the therapist's.
    assert "moderate" not in page.lower() and "severe" not in page.lower()


def test_partial_answers_are_kept_with_what_is_left(client, ben):
    client.force_login(ben)
    response = client.post(URL, form([1, 1, None, 2, 1, 1, 1, None, 0]))
    assert response.url == reverse("home:home")
    saved = MeasureResponse.objects.get(client=ben)
    assert saved.answers == [1, 1, None, 2, 1, 1, 1, None, 0]
    assert saved.total is None and not saved.is_complete
    assert saved.questions_left == [3, 8]
    home = client.get(reverse("home:home")).content.decode()
    assert "Questions 3 and 8 are left" in home
    # Coming back, the form holds the answers given; finishing scores the same response.
    again = client.get(URL).content.decode()
    assert "You've started this one" in again
    client.post(URL, form([1, 1, 0, 2, 1, 1, 1, 3, 0]))
    saved = MeasureResponse.objects.get(client=ben)
    assert (saved.total, saved.band) == (10, "moderate")


def test_a_double_submit_is_saved_once(client, ben):
    client.force_login(ben)
    data = form([1, 1, 1, 1, 1, 1, 1, 1, 0])
    moment = timezone.now().replace(second=1)
    with time_machine.travel(moment, tick=False):
        first = client.post(URL, data)
    with time_machine.travel(moment + timedelta(seconds=40), tick=False):
        second = client.post(URL, data)
    assert MeasureResponse.objects.filter(client=ben).count() == 1
    assert first.url == second.url  # both land on the one saved response


def test_the_same_minute_twice_at_the_service(ben, ana):
    moment = timezone.make_aware(datetime(2026, 3, 2, 10, 15, 5))
    MeasureAssignmentFactory(client=ben, measure="gad7", assigned_by=ana, starts_on=moment.date())
    for seconds in (5, 50):
        ben_answers(ben, "gad7", [1] * 7, day=moment.date(), now=moment.replace(second=seconds))
    assert MeasureResponse.objects.filter(client=ben).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            form([1] * 9, date=(timezone.localdate() + timedelta(days=1)).isoformat()),
            "That date is in the future",
        ),
        (form([1, 1, 1, 4, 1, 1, 1, 1, 0]), "Question 4: please choose one of the four answers."),
        (form([1, 1, 1, -1, 1, 1, 1, 1, 0]), "Question 4: please choose one of the four answers."),
        (form([1, 1, 1, 1, 1, 1, 1, 1, "x"]), "Question 9: please choose one of the four answers."),
        (
            form([1] * 9, difficulty="9"),
            "The last question: please choose one of the four answers.",
        ),
        (form([None] * 9), "Please answer at least one question before saving."),
        (form([1] * 9, date="yesterday"), "Please enter a date, like 2026-11-27."),
    ],
)
def test_bad_input_saves_nothing(client, ben, data, message, noted):
    client.force_login(ben)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MeasureResponse.objects.exists()
    assert noted == []


def test_a_forged_question_9_is_not_told_as_risk(client, ben, noted):
    client.force_login(ben)
    client.post(URL, form([0, 0, 0, 0, 0, 0, 0, 0, 7]))
    assert noted == [] and not MeasureResponse.objects.exists()


def test_an_unknown_measure_is_not_found(client, ben):
    client.force_login(ben)
    assert client.get(reverse("measures:response_create", args=["bdi"])).status_code == 404


def test_question_9_is_told_to_safety_and_support_offered(client, ben, noted):
    client.force_login(ben)
    client.post(URL, form([0, 0, 0, 0, 0, 0, 0, 0, 1]))
    saved = MeasureResponse.objects.get(client=ben)
    assert saved.total == 1 and saved.band == "minimal"  # whatever the total
    assert len(noted) == 1
    assert noted[0]["reason"] == "PHQ-9 question 9 in a questionnaire: \u201cSeveral days\u201d"
    assert noted[0]["therapist_may_read"] is True
    assert noted[0]["source"] == saved and noted[0]["client"] == ben
    # What Ben notices: the next page he opens offers support.
    assert "support-now" in client.get(reverse("home:home")).content.decode()


def test_question_9_is_told_once_per_response(client, ben, noted):
    client.force_login(ben)
    client.post(URL, form([1, None, 0, 0, 0, 0, 0, 0, 2]))  # partial, question 9 answered
    client.post(URL, form([1, 1, 0, 0, 0, 0, 0, 0, 2]))  # finished later
    assert [n["reason"] for n in noted] == [
        "PHQ-9 question 9 in a questionnaire: \u201cMore than half the days\u201d"
    ]


def test_saving_is_audited(client, ben):
    client.force_login(ben)
    client.post(URL, form([1] * 9))
    saved = MeasureResponse.objects.get(client=ben)
    assert AuditEvent.objects.filter(
        object_type="measure_response", object_id=str(saved.pk), action="write", client_id=ben.pk
    ).exists()


def test_nobody_else_fills_in_bens(client, ana):
    client.force_login(ana)
    assert client.get(URL).status_code == 404
    assert client.post(URL, form([1] * 9)).status_code == 404
    assert not MeasureResponse.objects.exists()


def test_question_9_sent_twice_offers_support_twice_and_is_told_once(client, ben, noted):
    # A double submit keeps the first response; the person still sees support.
    client.force_login(ben)
    moment = timezone.now()
    for seconds in (5, 40):
        with time_machine.travel(moment.replace(second=seconds), tick=False):
            client.post(URL, form([0, 0, 0, 0, 0, 0, 0, 0, 2]))
        # Offered, then "I'm safe for now" between the two.
        session = client.session
        assert session.pop(SUPPORT_SESSION_KEY)
        session.save()
    assert MeasureResponse.objects.filter(client=ben).count() == 1
    assert len(noted) == 1


def test_the_service_says_whether_it_saved_and_noted_risk(ben, noted, measure_assignment):
    moment = timezone.make_aware(datetime(2026, 3, 2, 10, 15))
    measure_assignment.starts_on = moment.date()  # asked for from then on
    measure_assignment.save()

    def save(answers, seconds):
        return ben_answers(ben, "phq9", answers, now=moment + timedelta(seconds=seconds))

    first = save([0] * 8 + [1], 5)
    assert (first.saved, first.risk_noted) == (True, True)
    again = save([0] * 8 + [1], 50)
    assert again.record == first.record and (again.saved, again.risk_noted) == (False, True)
    assert len(noted) == 1
    assert save([0] * 9, 120).risk_noted is False


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ([0] * 8 + [7], "answers[8]", "Question 9: please choose one of the four answers."),
        ([1] * 8, "answers", "The PHQ-9 has 9 questions. Please give one answer for each."),
        (
            [1, None, 1, 1, 1, 1, 1, 1, 5],
            "answers[8]",
            "Question 9: please choose one of the four answers.",
        ),
    ],
    ids=["an answer past 3", "a question short", "an answer past 3 among those left"],
)
def test_the_service_refuses_answers_the_questions_do_not_have(ben, noted, answers, field, message):
    # A caller that skips the form (a script) saves nothing and tells nobody; it is
    # told in the page's words which answer is wrong.
    with pytest.raises(services.AnswerRefused) as refused:
        ben_answers(ben, "phq9", answers)
    assert (refused.value.field, refused.value.message) == (field, message)
    assert not MeasureResponse.objects.exists() and noted == []


def test_a_measure_that_does_not_ask_how_difficult_takes_no_such_answer(ben):
    # The GAD-7 as Cairn gives it has no difficulty question; a script may still send one.
    with pytest.raises(services.AnswerRefused) as refused:
        ben_answers(ben, "gad7", [1] * 7, difficulty=2)
    assert refused.value.field == "difficulty"
    assert not MeasureResponse.objects.filter(client=ben).exists()


def test_a_questionnaire_nobody_asked_for_is_not_filled_in(client, ben):
    # No assignment of the GAD-7: the page says so kindly, and answers posted anyway are
    # not kept (the rule the API obeys too: measures.selectors.answer_refusal).
    client.force_login(ben)
    gad7 = reverse("measures:response_create", args=["gad7"])
    page = client.get(gad7, follow=True)
    assert page.redirect_chain[-1][0] == reverse("measures:measure_list", args=[ben.pk])
    assert "Your therapist hasn't asked for the GAD-7 at the moment" in words(page)
    client.post(gad7, form([1] * 7))
    assert not MeasureResponse.objects.exists()


def test_one_asked_for_from_a_later_day_waits_for_it(client, ben, ana):
    starts = timezone.localdate() + timedelta(days=3)
    assignment = MeasureAssignmentFactory(
        client=ben, measure="gad7", assigned_by=ana, starts_on=starts
    )
    client.force_login(ben)
    gad7 = reverse("measures:response_create", args=["gad7"])
    page = client.get(gad7, follow=True)
    assert f"asked for the GAD-7 from {starts.day} {starts:%B}" in words(page)
    assert gad7 not in page.content.decode()  # no "Fill it in" link until then
    assignment.starts_on = timezone.localdate()  # the day has come
    assignment.save()
    assert client.get(gad7).status_code == 200
    assert gad7 in client.get(reverse("measures:measure_list", args=[ben.pk])).content.decode()


def test_one_asked_for_can_be_filled_in_before_it_is_due(client, ben, measure_assignment):
    # Every two weeks, answered yesterday: not due again for a fortnight, yet Ben may
    # tell how things are whenever he likes; his therapist's rhythm is when he is asked.
    yesterday = timezone.now() - timedelta(days=1)
    MeasureResponseFactory(client=ben, completed_at=yesterday, assignment=measure_assignment)
    client.force_login(ben)
    assert client.get(URL).status_code == 200
    client.post(URL, form([2] * 9, difficulty="1"))
    assert MeasureResponse.objects.filter(client=ben, completed_at__isnull=False).count() == 2


def test_answers_sent_after_the_questionnaire_was_stopped_are_not_kept(
    client, ben, ana, measure_assignment
):
    # Ben opened the PHQ-9; Ana stopped asking for it before he pressed save: the page
    # says so kindly (answer_refusal, asked again on the post) and keeps nothing.
    client.force_login(ben)
    assert client.get(URL).status_code == 200
    services.measure_assignment_end(assignment=measure_assignment, by=ana)
    page = client.post(URL, form([1] * 9, difficulty="1"), follow=True)
    assert page.redirect_chain[-1][0] == reverse("measures:measure_list", args=[ben.pk])
    assert "hasn't asked for the PHQ-9 at the moment" in words(page)
    assert not MeasureResponse.objects.exists()


@pytest.mark.parametrize(
    ("began_days_ago", "message"),
    [
        (60, "Please choose a day in the last 14 days"),
        # Going back 14 days would not be enough: the page names the first day it takes.
        (2, "when you started here, or a later day"),
    ],
)
def test_a_day_too_far_back_is_refused_with_the_first_day_that_counts(
    client, ben, began_days_ago, message
):
    from cairn.care.models import CareRelationship

    began = timezone.now() - timedelta(days=began_days_ago)
    ben.date_joined = began
    ben.save(update_fields=["date_joined"])
    CareRelationship.objects.filter(client=ben).update(started_on=began.date())
    client.force_login(ben)
    day = timezone.localdate() - timedelta(days=20)
    response = client.post(URL, form([1] * 9, date=day.isoformat()))
    assert message in " ".join(response.context["form"].errors["date"])
    assert not MeasureResponse.objects.exists()
