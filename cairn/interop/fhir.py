"""A client's record as an HL7 FHIR R4 Bundle (type collection), built and validated
with fhir.resources' R4B models, which match R4 for every resource used here.

Patient, CarePlan, Goal (FHIR's own status codes), an Observation per goal rating
(focus: the Goal, valueInteger 0–10) and per goal measure value, and for each PHQ-9
and GAD-7 a QuestionnaireResponse with Observations for the total and every item,
coded in LOINC (CLINICAL.md). Journal entries only when the client asks for them.
Therapists' private session notes are never part of it.

Callers open the client through care/access.py and audit; this module only reads.
"""

import base64
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Max, Min
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.care_team import lead_of
from cairn.care.models import CareRelationship, care_current
from cairn.care.roles import membership_of
from cairn.goals.models import Goal
from cairn.journal.models import JournalEntry
from cairn.measures.models import MeasureResponse
from cairn.measures.scoring import MEASURES, OPTIONS
from cairn.progress.models import GoalRating, MeasureValue

if TYPE_CHECKING:
    from fhir.resources.R4B.bundle import Bundle

LOINC = "http://loinc.org"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
GOAL_PRIORITY = "http://terminology.hl7.org/CodeSystem/goal-priority"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CAIRN_CODES = "urn:cairn:fhir:code"
# Ids of resources that have no row of their own are derived, so exports agree.
NAMESPACE = uuid.UUID("6f1c2b4e-8d3a-4f5e-9b7c-2a1d0e9f8c71")


# LOINC answers 0–3 (CLINICAL.md); the codes of each measure are in measures.scoring.
ANSWERS = ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def _base() -> str:
    return f"{settings.CAIRN_SITE_URL.rstrip('/')}/api/v1/fhir"


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _answer(value: int) -> dict[str, Any]:
    return {"system": LOINC, "code": ANSWERS[value], "display": OPTIONS[value]}


def _patient(client: User) -> dict[str, Any]:
    membership = membership_of(client)
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "id": str(client.pk),
        "identifier": [{"system": "urn:cairn:client", "value": str(client.pk)}],
        "active": client.is_active,
        "name": [{"text": client.name or client.display_name}],
        "telecom": [{"system": "email", "value": client.email}],
    }
    if membership is not None:
        patient["managingOrganization"] = {"display": membership.practice.name}
    return patient


def _care_plan(client: User, goals: list[Goal]) -> dict[str, Any]:
    # Only when care began, whether it goes on and when it last ended: one row,
    # however many therapists the client has seen.
    care = CareRelationship.objects.filter(client=client).aggregate(
        started_on=Min("started_on"),
        last_ended_at=Max("ended_at"),
        going_on=Count("pk", filter=care_current()),
    )
    plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": _id("careplan", client.pk),
        "status": "completed" if care["started_on"] and not care["going_on"] else "active",
        "intent": "plan",
        "title": "Goals in therapy",
        "subject": {"reference": f"Patient/{client.pk}"},
        "goal": [{"reference": f"Goal/{goal.pk}"} for goal in goals],
    }
    if care["started_on"] is not None:
        period: dict[str, str] = {"start": care["started_on"].isoformat()}
        if not care["going_on"]:
            period["end"] = _instant(care["last_ended_at"])
        plan["period"] = period
        membership = membership_of(client)
        # The lead therapist now, or the last one once care has ended; never a co-therapist.
        lead = lead_of(client, membership.practice, or_last=True) if membership else None
        if lead is not None:
            plan["author"] = {"display": lead.therapist.name or lead.therapist.display_name}
    return plan


def _goal(goal: Goal) -> dict[str, Any]:
    target: dict[str, Any] = {
        "measure": {"text": "Progress towards the goal, rated 0 (none) to 10 (reached)"},
        "detailInteger": 10,
    }
    if goal.target_date:
        target["dueDate"] = goal.target_date.isoformat()
    targets = [target]
    if goal.measure_name and goal.measure_target is not None:
        measured: dict[str, Any] = {
            "measure": {"text": goal.measure_name},
            "detailQuantity": {"value": float(goal.measure_target)}
            | ({"unit": goal.measure_unit} if goal.measure_unit else {}),
        }
        if goal.target_date:
            measured["dueDate"] = goal.target_date.isoformat()
        targets.append(measured)
    resource: dict[str, Any] = {
        "resourceType": "Goal",
        "id": str(goal.pk),
        "lifecycleStatus": goal.lifecycle_status,
        "achievementStatus": {
            "coding": [
                {
                    "system": GOAL_ACHIEVEMENT,
                    "code": goal.achievement_status,
                    "display": goal.achievement_status.replace("-", " ").capitalize(),
                }
            ],
            "text": goal.get_achievement_status_display(),
        },
        "priority": {"coding": [{"system": GOAL_PRIORITY, "code": goal.priority}]},
        "description": {"text": goal.title},
        "subject": {"reference": f"Patient/{goal.client_id}"},
        "startDate": goal.start_date.isoformat(),
        "target": targets,
        "statusDate": goal.status_date.isoformat(),
        "expressedBy": {"display": goal.proposed_by.name or goal.proposed_by.display_name},
    }
    notes = [text for text in (goal.description, goal.why_it_matters) if text]
    if notes:
        resource["note"] = [{"text": text} for text in notes]
    return resource


def _rating(rating: GoalRating, client: User) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": _id("goal-rating", rating.pk),
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {
            "coding": [{"system": CAIRN_CODES, "code": "goal-rating", "display": "Goal progress"}],
            "text": "Progress towards the goal, 0 (none) to 10 (reached)",
        },
        "subject": {"reference": f"Patient/{client.pk}"},
        "focus": [{"reference": f"Goal/{rating.goal_id}"}],
        "effectiveDateTime": rating.checkin.date.isoformat(),
        "valueInteger": rating.rating,
    }


def _measure_value(value: MeasureValue, client: User) -> dict[str, Any]:
    goal = value.goal
    quantity: dict[str, Any] = {"value": float(value.value)}
    if goal.measure_unit:
        quantity["unit"] = goal.measure_unit
    return {
        "resourceType": "Observation",
        "id": _id("goal-measure", value.pk),
        "status": "final",
        "code": {"text": goal.measure_name or "Goal measure"},
        "subject": {"reference": f"Patient/{client.pk}"},
        "focus": [{"reference": f"Goal/{goal.pk}"}],
        "effectiveDateTime": value.checkin.date.isoformat(),
        "valueQuantity": quantity,
    }


def _questionnaire(response: MeasureResponse, client: User) -> list[dict[str, Any]]:
    spec = MEASURES[response.measure]
    qr_id = str(response.pk)
    items = []
    for number, (code, text) in enumerate(zip(spec.loinc_items, spec.items, strict=True), start=1):
        given = response.answers[number - 1] if number <= len(response.answers) else None
        item: dict[str, Any] = {"linkId": code, "text": text}
        if given is not None:
            item["answer"] = [{"valueCoding": _answer(given)}]
        items.append(item)
    questionnaire: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": qr_id,
        "questionnaire": f"http://loinc.org/q/{spec.loinc_panel}",
        "status": "completed" if response.completed_at else "in-progress",
        "subject": {"reference": f"Patient/{client.pk}"},
        "authored": _instant(response.completed_at or response.created_at),
        "item": items,
    }
    if not response.completed_at or response.total is None:
        return [questionnaire]
    effective = response.date.isoformat()
    members = []
    observations = []
    for number, code in enumerate(spec.loinc_items, start=1):
        answer = response.answers[number - 1]
        item_id = _id("measure-item", response.pk, number)
        members.append({"reference": f"Observation/{item_id}"})
        observations.append(
            {
                "resourceType": "Observation",
                "id": item_id,
                "status": "final",
                "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
                "code": {
                    "coding": [{"system": LOINC, "code": code}],
                    "text": spec.items[number - 1],
                },
                "subject": {"reference": f"Patient/{client.pk}"},
                "effectiveDateTime": effective,
                "valueCodeableConcept": {"coding": [_answer(answer)]},
                "derivedFrom": [{"reference": f"QuestionnaireResponse/{qr_id}"}],
            }
        )
    total = {
        "resourceType": "Observation",
        "id": _id("measure-total", response.pk),
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {
            "coding": [
                {"system": LOINC, "code": spec.loinc_total, "display": spec.loinc_total_name}
            ]
        },
        "subject": {"reference": f"Patient/{client.pk}"},
        "effectiveDateTime": effective,
        "valueInteger": response.total,
        "interpretation": [{"text": response.band.replace("-", " ")}],
        "hasMember": members,
        "derivedFrom": [{"reference": f"QuestionnaireResponse/{qr_id}"}],
    }
    return [questionnaire, total, *observations]


def _journal_entry(entry: JournalEntry, client: User) -> dict[str, Any]:
    text = (f"# {entry.title}\n\n" if entry.title else "") + entry.body
    return {
        "resourceType": "DocumentReference",
        "id": str(entry.pk),
        "status": "current",
        "type": {"text": "Journal entry"},
        "subject": {"reference": f"Patient/{client.pk}"},
        "date": _instant(entry.created_at),
        "description": entry.title or "Journal entry",
        "content": [
            {
                "attachment": {
                    "contentType": "text/markdown; charset=utf-8",
                    "data": base64.b64encode(text.encode()).decode(),
                    "title": entry.title or "Journal entry",
                }
            }
        ],
    }


def bundle_for(client: User, *, include_journal: bool = False) -> "Bundle":
    """The client's record as a validated Bundle. Raises pydantic's ValidationError
    if Cairn ever built something FHIR does not allow."""
    # Imported here: the FHIR models take a second to load, which every start of
    # Cairn would pay (the API's routes import this module).
    from fhir.resources.R4B.bundle import Bundle

    goals = list(
        Goal.objects.filter(client=client).select_related("proposed_by").order_by("created_at")
    )
    resources: list[dict[str, Any]] = [_patient(client), _care_plan(client, goals)]
    resources += [_goal(goal) for goal in goals]
    ratings = GoalRating.objects.filter(checkin__client=client).select_related("checkin")
    resources += [_rating(r, client) for r in ratings.order_by("checkin__date", "goal_id")]
    values = MeasureValue.objects.filter(checkin__client=client).select_related("checkin", "goal")
    resources += [_measure_value(v, client) for v in values.order_by("checkin__date")]
    for response in MeasureResponse.objects.filter(client=client).order_by("date", "created_at"):
        resources += _questionnaire(response, client)
    if include_journal:
        entries = JournalEntry.objects.filter(client=client, deleted_at__isnull=True)
        resources += [_journal_entry(e, client) for e in entries.order_by("created_at")]
    base = _base()
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "id": str(uuid.uuid4()),
            "type": "collection",
            "timestamp": _instant(timezone.now()),
            "entry": [
                {"fullUrl": f"{base}/{r['resourceType']}/{r['id']}", "resource": r}
                for r in resources
            ],
        }
    )


def bundle_json(client: User, *, include_journal: bool = False) -> str:
    return bundle_for(client, include_journal=include_journal).model_dump_json()
