import json
from datetime import datetime, timedelta
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from cairn.api.services import api_token_create
from cairn.goals.models import Achievement
from cairn.interop.fhir import bundle_json
from cairn.measures.tests.factories import MeasureResponseFactory
from cairn.progress.tests.factories import CheckInFactory, GoalRatingFactory
from tests.factories import CareRelationshipFactory, UserFactory


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def exported(ben) -> dict:
    out = StringIO()
    call_command("export_record", ben.email, "--format", "fhir", stdout=out)
    return json.loads(out.getvalue())


def test_the_bundle_validates_as_fhir_r4(ben, goal, milestone, measure_response):
    CheckInFactory(client=ben, date=timezone.localdate())
    data = exported(ben)
    bundle = Bundle.model_validate(data)  # R4B models match R4 for these resources
    assert bundle.type == "collection"
    kinds = {e.resource.__resource_type__ for e in bundle.entry}
    assert {"Patient", "CarePlan", "Goal", "QuestionnaireResponse", "Observation"} <= kinds


def test_goals_carry_fhir_statuses_and_targets(ben, goal):
    goal.achievement_status = Achievement.IMPROVING
    goal.save()
    (fhir_goal,) = resources(exported(ben), "Goal")
    assert fhir_goal["lifecycleStatus"] == "active"
    coding = fhir_goal["achievementStatus"]["coding"][0]
    assert coding == {
        "system": "http://terminology.hl7.org/CodeSystem/goal-achievement",
        "code": "improving",
        "display": "Improving",
    }
    assert fhir_goal["target"][0]["dueDate"] == goal.target_date.isoformat()
    assert "measure" in fhir_goal["target"][0]
    (plan,) = resources(exported(ben), "CarePlan")
    assert plan["goal"] == [{"reference": f"Goal/{goal.pk}"}]


def test_the_care_plans_author_is_the_lead_therapist_not_a_co_therapist(ben, ana_and_ben, cara):
    # Cara joined as co-therapist after Ana began leading Ben's therapy.
    ana_and_ben.started_on = timezone.localdate() - timedelta(days=300)
    ana_and_ben.save()
    CareRelationshipFactory(practice=ana_and_ben.practice, therapist=cara, client=ben, kind="co")
    (plan,) = resources(exported(ben), "CarePlan")
    assert plan["author"] == {"display": "Ana Thornbury"}


def test_after_care_ended_the_care_plans_author_is_the_last_lead_therapist(ben, ana_and_ben, cara):
    # Ana led from 300 days ago, Cara co-treated from 100; both ended ten days ago.
    ended = timezone.now() - timedelta(days=10)
    ana_and_ben.started_on = timezone.localdate() - timedelta(days=300)
    ana_and_ben.ended_at = ended
    ana_and_ben.save()
    CareRelationshipFactory(
        practice=ana_and_ben.practice,
        therapist=cara,
        client=ben,
        kind="co",
        started_on=timezone.localdate() - timedelta(days=100),
        ended_at=ended,
    )
    (plan,) = resources(exported(ben), "CarePlan")
    assert plan["status"] == "completed"
    assert plan["author"] == {"display": "Ana Thornbury"}


def test_the_care_plan_runs_from_the_first_care_to_the_last_ending(ben, ana_and_ben, cara):
    # Ana led from 300 days ago and stopped 40 days ago; Cara co-treated until ten days ago.
    ana_and_ben.started_on = timezone.localdate() - timedelta(days=300)
    ana_and_ben.ended_at = timezone.now() - timedelta(days=40)
    ana_and_ben.save()
    last = timezone.now() - timedelta(days=10)
    CareRelationshipFactory(
        practice=ana_and_ben.practice, therapist=cara, client=ben, kind="co", ended_at=last
    )
    (plan,) = resources(exported(ben), "CarePlan")
    assert plan["status"] == "completed"
    assert plan["period"]["start"] == ana_and_ben.started_on.isoformat()
    assert datetime.fromisoformat(plan["period"]["end"]) == last
    # While anyone still treats Ben the plan is active and has no end.
    CareRelationshipFactory(practice=ana_and_ben.practice, therapist=cara, client=ben, kind="co")
    (plan,) = resources(exported(ben), "CarePlan")
    assert plan["status"] == "active"
    assert plan["period"] == {"start": ana_and_ben.started_on.isoformat()}


def test_a_client_never_in_care_has_an_active_plan_without_a_period(db):
    (plan,) = resources(json.loads(bundle_json(UserFactory())), "CarePlan")
    assert plan["status"] == "active"
    assert "period" not in plan and "author" not in plan


def test_the_bundle_reads_as_many_queries_however_many_therapists_the_client_saw(
    ben, ana_and_ben, cara, goal
):
    with CaptureQueriesContext(connection) as one:
        bundle_json(ben)
    for days in (200, 100, 50):
        CareRelationshipFactory(
            practice=ana_and_ben.practice,
            therapist=cara,
            client=ben,
            kind="co",
            ended_at=timezone.now() - timedelta(days=days),
        )
    with CaptureQueriesContext(connection) as four:
        bundle_json(ben)
    assert len(four) == len(one)


def test_each_rating_is_an_observation_focused_on_its_goal(ben, goal):
    checkin = CheckInFactory(client=ben, date=timezone.localdate() - timedelta(days=1))
    GoalRatingFactory(checkin=checkin, goal=goal, rating=6)
    ratings = [
        o for o in resources(exported(ben), "Observation") if "focus" in o and "valueInteger" in o
    ]
    assert len(ratings) == 1
    assert ratings[0]["valueInteger"] == 6
    assert ratings[0]["focus"] == [{"reference": f"Goal/{goal.pk}"}]
    assert ratings[0]["effectiveDateTime"] == checkin.date.isoformat()


def test_phq9_is_coded_in_loinc(ben, measure_response):
    data = exported(ben)
    (questionnaire,) = resources(data, "QuestionnaireResponse")
    assert questionnaire["status"] == "completed"
    assert questionnaire["questionnaire"] == "http://loinc.org/q/44249-1"
    assert questionnaire["item"][0]["linkId"] == "44250-9"
    assert questionnaire["item"][0]["answer"][0]["valueCoding"]["code"] == "LA6569-3"
    observations = resources(data, "Observation")
    codes = {o["code"]["coding"][0]["code"]: o for o in observations}
    assert codes["44261-6"]["valueInteger"] == 8  # the total, not the panel (44249-1)
    assert len(codes["44261-6"]["hasMember"]) == 9
    assert codes["44260-8"]["valueCodeableConcept"]["coding"][0]["code"] == "LA6568-5"
    assert "69737-5" not in codes


def test_gad7_total_and_items(ben):

    now = timezone.now()
    MeasureResponseFactory(
        client=ben,
        measure="gad7",
        date=now.date(),
        answers=[3, 2, 1, 0, 0, 0, 0],
        total=6,
        band="mild",
        completed_at=now,
        saved_minute=now.replace(second=0, microsecond=0),
    )
    codes = {o["code"]["coding"][0]["code"] for o in resources(exported(ben), "Observation")}
    assert {"70274-6", "69725-0", "68509-9", "69736-7"} <= codes


def test_the_journal_is_left_out_unless_asked(ben, private_entry):
    assert not resources(exported(ben), "DocumentReference")
    out = StringIO()
    call_command("export_record", ben.email, "--format", "fhir", "--journal", stdout=out)
    (entry,) = resources(json.loads(out.getvalue()), "DocumentReference")
    assert entry["description"] == private_entry.title


def test_the_api_gives_the_same_bundle_to_those_who_may_read(
    client, ben, ana, cara, goal, private_entry
):
    url = reverse("api:fhir_everything", args=[ben.pk])
    for person, status in ((ben, 200), (ana, 200), (cara, 404)):
        _, secret = api_token_create(user=person, name="FHIR", scope="read", days=1)
        response = client.get(url, headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == status
    _, secret = api_token_create(user=ana, name="FHIR", scope="read", days=1)
    response = client.get(url + "?journal=true", headers={"Authorization": f"Bearer {secret}"})
    assert response["Content-Type"] == "application/fhir+json"
    Bundle.model_validate(response.json())
    # Only the client may ask for their journal.
    assert not resources(response.json(), "DocumentReference")
    _, secret = api_token_create(user=ben, name="FHIR", scope="read", days=1)
    response = client.get(url + "?journal=true", headers={"Authorization": f"Bearer {secret}"})
    (entry,) = resources(response.json(), "DocumentReference")
    assert entry["description"] == private_entry.title
