from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cairn.core.models import AuditEvent
from cairn.goals.tests.factories import PlanFactory
from cairn.interop.models import ExportJob
from cairn.progress.models import CheckIn
from cairn.progress.tests.factories import CheckInFactory, GoalRatingFactory, PlanUseFactory
from tests.factories import CareRelationshipFactory
from tests.page import words


def url(client_id):
    return reverse("interop:report", args=[client_id])


@pytest.fixture
def history(ben, goal, plan, milestone, measure_response):
    today = timezone.localdate()
    for days_ago, value in ((40, 2), (20, 4), (3, 7)):
        checkin = CheckInFactory(client=ben, date=today - timedelta(days=days_ago))
        GoalRatingFactory(checkin=checkin, goal=goal, rating=value)
        PlanUseFactory(checkin=checkin, plan=plan, helped=3)
    milestone.done_at = timezone.now() - timedelta(days=10)
    milestone.save()


def period(days=60, **extra):
    today = timezone.localdate()
    return {
        "starts": (today - timedelta(days=days)).isoformat(),
        "ends": today.isoformat(),
        "parts": ["goals", "measures", "plans"],
    } | extra


def test_a_therapist_makes_a_report_for_a_referral(client, ana, ben, goal, history):
    client.force_login(ana)
    response = client.get(url(ben.pk), period(comment="Ready to step down to monthly sessions."))
    page = response.content.decode()
    report = response.context["report"]
    assert report.therapist == ana
    assert report.practice.name == "Willowbank Therapy"
    assert report.goals[0].ratings[-1][1] == 7
    assert "Ben Marchetti" in page
    assert "Ana Thornbury" in page
    assert goal.title in page
    # The rule the goals' statuses follow (progress.achievement.RELIABLE_CHANGE).
    assert "A change of 3 points or more is taken as real change." in page
    assert "Walk once this week: done" in page  # the milestone with its date
    assert "PHQ-9" in page
    assert "No reliable change" in page  # one PHQ-9 in the period
    assert "walk round the shopping centre instead" in page  # the plan that helped
    assert "Ready to step down to monthly sessions." in page
    assert 'src="data:image/svg+xml;base64,' in page  # charts print with the page


@pytest.fixture
def caras_earlier_care(ana, ben, cara):
    """Cara led Ben's therapy before Ana: it ended 200 days ago."""
    return CareRelationshipFactory(
        practice=ana.membership.practice,
        therapist=cara,
        client=ben,
        started_on=timezone.localdate() - timedelta(days=400),
        ended_at=timezone.now() - timedelta(days=200),
    )


def test_it_names_the_therapist_of_the_care_going_on_now(
    client, ana, ben, caras_earlier_care, goal, history
):
    # Cara's care ended before Ana's began: the report names Ana, on every database
    # (PostgreSQL sorts a care that has not ended last, SQLite first).
    client.force_login(ana)
    assert client.get(url(ben.pk), period()).context["report"].therapist == ana


def test_it_names_the_lead_therapist_not_a_co_therapist_who_joined_later(
    client, ana, ana_and_ben, ben, cara, goal, history
):
    ana_and_ben.started_on = timezone.localdate() - timedelta(days=300)
    ana_and_ben.save()
    CareRelationshipFactory(
        practice=ana.membership.practice, therapist=cara, client=ben, kind="co", may_treat=True
    )
    client.force_login(ben)
    assert client.get(url(ben.pk), period()).context["report"].therapist == ana


def test_after_care_ended_it_names_the_last_lead_therapist(
    client, ana, ana_and_ben, ben, caras_earlier_care, goal, history
):
    # Cara led Ben's therapy first, then Ana, until ten days ago.
    ana_and_ben.started_on = timezone.localdate() - timedelta(days=199)
    ana_and_ben.ended_at = timezone.now() - timedelta(days=10)
    ana_and_ben.save()
    client.force_login(ben)
    assert client.get(url(ben.pk), period()).context["report"].therapist == ana


def test_the_client_chooses_what_goes_in(client, ben, goal, history):
    client.force_login(ben)
    response = client.get(url(ben.pk), period(parts=["goals"]))
    page = response.content.decode()
    assert goal.title in page
    assert "PHQ-9" not in page
    assert "helped most" not in page
    # A client has no comment field: the space is left for the therapist to write in.
    assert "comment" not in response.context["form"].fields
    assert "report__lines" in page


def test_a_period_before_the_ratings_shows_none(client, ben, goal, history):
    client.force_login(ben)
    today = timezone.localdate()
    report = client.get(
        url(ben.pk),
        {
            "starts": (today - timedelta(days=2)).isoformat(),
            "ends": today.isoformat(),
            "parts": ["goals"],
        },
    ).context["report"]
    assert report.goals[0].ratings == []


def test_bad_periods_are_refused_with_the_field_named(client, ben):
    client.force_login(ben)
    today = timezone.localdate()
    form = client.get(url(ben.pk), period(ends=(today + timedelta(days=3)).isoformat())).context[
        "form"
    ]
    assert "past today" in " ".join(form.errors["ends"])
    form = client.get(
        url(ben.pk), {"starts": today.isoformat(), "ends": (today - timedelta(days=5)).isoformat()}
    ).context["form"]
    assert "swap" in " ".join(form.errors["starts"])


def test_strangers_get_404(client, cara, ben):
    client.force_login(cara)
    assert client.get(url(ben.pk), period()).status_code == 404
    assert client.post(reverse("interop:report_pdf", args=[ben.pk]), period()).status_code == 404
    assert not ExportJob.objects.exists()


def test_without_chromium_the_pdf_fails_kindly(client, ben, goal, monkeypatch):
    from cairn.interop import pdf

    monkeypatch.setattr(pdf, "chromium", lambda: None)
    client.force_login(ben)
    response = client.post(reverse("interop:report_pdf", args=[ben.pk]), period(), follow=True)
    assert ExportJob.objects.get().status == "failed"
    assert "Save as PDF" in response.content.decode()


@pytest.mark.e2e
def test_the_pdf_is_made_by_chromium_through_the_worker(client, ana, ben, goal, history):
    client.force_login(ana)
    response = client.post(reverse("interop:report_pdf", args=[ben.pk]), period())
    job = ExportJob.objects.get()
    assert response.url == reverse("interop:export_status", args=[job.pk])
    assert job.status == "done", job.step
    download = client.get(reverse("interop:export_download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    # The link works once.
    assert client.get(reverse("interop:export_download", args=[job.pk])).status_code == 404


def test_opening_a_report_is_in_the_clients_access_log(client, ana, ben, history):
    client.force_login(ana)
    opened = AuditEvent.objects.filter(actor_id=ana.pk, object_type="progress_report")
    client.get(url(ben.pk))
    assert not opened.exists()  # the form alone shows nothing of the record
    client.get(url(ben.pk), period())
    assert list(opened.values_list("action", "client_id")) == [("read", ben.pk)]


def test_a_plan_written_in_full_reads_as_one_sentence(client, ben, goal, history, plan):
    # Ben wrote the words the form's labels already say ("If…", "then I will…").
    plan.if_cue, plan.then_action = "If I wake at four,", "then I will read for ten minutes."
    plan.save()
    client.force_login(ben)
    page = words(client.get(url(ben.pk), period()), within="main")
    assert "If I wake at four, then I will read for ten minutes. (used 3 times" in page


def test_the_plans_that_helped_count_the_period_and_say_it_as_the_maintenance_plan_does(
    client, ben, goal, history, plan
):
    # The plan helped "a lot" at each of the three check-ins (40, 20 and 3 days ago); a
    # second plan helped "a little" and "not much" in the last month: 1.5, a little.
    second = PlanFactory(goal=goal, if_cue="my chest goes tight", then_action="breathe out slowly")
    for days_ago, helped in ((20, 2), (3, 1)):
        checkin = CheckIn.objects.get(
            client=ben, date=timezone.localdate() - timedelta(days=days_ago)
        )
        PlanUseFactory(checkin=checkin, plan=second, helped=helped)
    client.force_login(ben)
    report = words(client.get(url(ben.pk), period(days=30)), within="main")
    assert f"{plan.sentence} (used 2 times; helped a lot)" in report
    assert f"{second.sentence} (used 2 times; helped a little)" in report
    kept = words(client.get(reverse("routines:maintenance_plan", args=[ben.pk])), within="main")
    assert f"{second.sentence} (used 2 times, helped a little)" in kept


def test_the_report_gives_the_practices_reference_for_the_client(client, ana, ben, history):
    # The reference the caseload and the people page know Ben by.
    ben.membership.reference = "C-0042"
    ben.membership.save()
    client.force_login(ana)
    page = words(client.get(url(ben.pk), period()), within="main")
    assert "Reference C-0042" in page
