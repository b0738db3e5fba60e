"""The client-record endpoints. Reads go through each app's selectors (care/access.py
decides and audits); writes go through each app's services, as the pages do."""

import json
import uuid
from datetime import date
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.errors import HttpError

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.api import schemas as s
from cairn.api.models import ApiToken
from cairn.care import selectors as care_selectors
from cairn.care.access import Capability, clients_listed_for, may_export_journal
from cairn.core import one_commit, page_cache
from cairn.core.audit import audit_reads
from cairn.core.conflicts import ConflictError
from cairn.goals import selectors as goal_selectors
from cairn.interop import fhir, record
from cairn.measures import selectors as measure_selectors
from cairn.measures import services as measure_services
from cairn.measures.scoring import MEASURES, OPTIONS
from cairn.progress import selectors as progress_selectors
from cairn.progress import services as progress_services
from cairn.routines import selectors as routine_selectors
from cairn.routines import services as routine_services
from cairn.safety import selectors as safety_selectors
from cairn.safety.crisis import SUPPORT_SENTENCE, places_to_turn
from cairn.safety.selectors import crisis_settings_of
from cairn.sessions import dates as session_dates

router = Router()

ERRORS: dict[int, Any] = {
    401: s.Message,
    403: s.Message,
    404: s.Message,
    413: s.Message,
    422: s.ValidationMessage,
    429: s.Message,
}
MAX_LIST = 1000


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def require_write(request: HttpRequest) -> None:
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    if not token.can_write:
        raise HttpError(
            403, "This token may only read. Make a read-and-write token to change things."
        )


def clients_for(request: HttpRequest, client_id: uuid.UUID | None, what: str) -> list[User]:
    """The one client asked for (404 when hidden), or every client the caller may read.
    Either way, each client's record being read is audited as `what` was read."""
    user = user_of(request)
    if client_id is not None:
        return [care_selectors.client_get_for(user=user, client_id=client_id, object_type=what)]
    clients = clients_listed_for(user)
    if clients:
        audit_reads(actor=user, object_type=what, client_ids=[c.pk for c in clients])
    return clients


ClientFilter = Annotated[
    uuid.UUID | None, Query(description="Only this client (therapists: one of your clients)")
]


@router.get("/goals", response={200: s.GoalList, **ERRORS}, summary="List goals")
def goal_list(request: HttpRequest, client: ClientFilter = None) -> Any:
    clients = clients_for(request, client, "goal_list")
    goals = goal_selectors.goals_of_clients(clients)
    items = record.goals_data(goals)
    return {"items": items, "count": len(items)}


@router.get("/goals/{goal_id}", response={200: s.GoalDetailOut, **ERRORS}, summary="One goal")
def goal_detail(request: HttpRequest, goal_id: uuid.UUID) -> Any:
    goal = goal_selectors.goal_get_for(user=user_of(request), goal_id=goal_id)
    return record.goal_detail(goal)


@router.get("/checkins", response={200: s.CheckInList, **ERRORS}, summary="List check-ins")
def checkin_list(
    request: HttpRequest,
    since: Annotated[date | None, Query(description="Only check-ins on or after this day")] = None,
    client: ClientFilter = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 366,
) -> Any:
    clients = clients_for(request, client, "checkin_list")
    checkins = progress_selectors.checkins_of_clients(clients, since=since)
    count = checkins.count()
    page = list(
        checkins.prefetch_related("ratings", "measures").order_by("-date", "client_id")[:limit]
    )
    return {"items": record.checkins_data(page), "count": count}


@router.post(
    "/checkins",
    response={200: s.CheckInSaved, 201: s.CheckInSaved, 409: s.Message, **ERRORS},
    summary="Check in for a day",
    description="Give at least one of mood, note or ratings, as the check-in page asks. "
    "A second check-in for the same day updates that day's, as the check-in page "
    "does: ratings given replace those goals' ratings; mood and note replace the day's when given.",
)
def checkin_create(request: HttpRequest, payload: s.CheckInIn) -> Any:
    require_write(request)
    user = user_of(request)
    client = care_selectors.own_record(user)
    try:
        with one_commit.write_transaction():
            updated = progress_services.checkin_update(
                client=client,
                by=user,
                day=payload.date,
                today=local_today(client),
                mood=payload.mood,
                note=payload.note,
                ratings=[(rating.goal, rating.value) for rating in payload.ratings],
            )
    except ConflictError:
        raise HttpError(
            409, "This day's check-in was being saved at the same moment; try again."
        ) from None
    written = updated.written
    saved = progress_selectors.checkin_with_answers(written.record)
    support = _support_words(client) if written.risk_noted else None
    return Status(
        201 if updated.created else 200, record.checkin_data(saved) | {"support": support}
    )


@router.get("/routines", response={200: s.RoutineList, **ERRORS}, summary="List routines")
def routine_list(request: HttpRequest, client: ClientFilter = None) -> Any:
    items = []
    for person in clients_for(request, client, "routine_list"):
        items += _routines_kept(person, viewer=user_of(request))
    return {"items": items, "count": len(items)}


def _routines_kept(person: User, *, viewer: User) -> list[dict[str, Any]]:
    """The person's routines as the list gives them, kept in this process under their
    record's version and their day (cairn.core.page_cache): a script that polls the
    list costs one read of the version, not two years of days, until something changes.
    Access and the audit of the read happen on every call all the same (clients_for)."""
    today = local_today(person)
    part = page_cache.part_for(
        "api-routines", client_id=person.pk, viewer_id=viewer.pk, today=today
    )
    if part.missing:
        part.keep(json.dumps(record.routines_data(person, today), cls=DjangoJSONEncoder))
    assert part.html is not None
    kept: list[dict[str, Any]] = json.loads(part.html)
    return kept


@router.post(
    "/routines/{routine_id}/marks",
    response={201: s.MarkOut, 409: s.Message, **ERRORS},
    summary="Mark a routine done or skipped for a day",
)
def routine_mark(request: HttpRequest, routine_id: uuid.UUID, payload: s.MarkIn) -> Any:
    require_write(request)
    user = user_of(request)
    try:
        routine = routine_selectors.routine_get_for(
            user=user, routine_id=routine_id, write=True, need=Capability.OWN
        )
    except PermissionDenied:
        raise HttpError(403, "Only the client marks their own days.") from None
    today = local_today(routine.client)
    # The day's rule reads nothing for a day since the client joined: the writers' lock
    # is held for the day's row alone.
    try:
        with one_commit.write_transaction():
            routine_services.routine_log(
                routine=routine, by=user, day=payload.date, today=today, status=payload.status
            )
    except routine_services.RoutineUnmarkable as unmarkable:
        raise HttpError(409, unmarkable.reason) from None
    strength = routine_selectors.routine_strength(routine, today)
    return Status(
        201,
        {
            "routine": routine.pk,
            "date": payload.date,
            "status": payload.status,
            "strength": strength,
        },
    )


@router.get("/wins", response={200: s.WinList, **ERRORS}, summary="List wins")
def win_list(request: HttpRequest, client: ClientFilter = None) -> Any:
    clients = clients_for(request, client, "win_list")
    wins = progress_selectors.wins_of_clients(clients)
    items = [record.win_data(w) for w in wins]
    return {"items": items, "count": len(items)}


@router.get(
    "/measures",
    response={200: s.MeasureResponseList, **ERRORS},
    summary="List PHQ-9 and GAD-7 answers",
)
def measure_list(request: HttpRequest, client: ClientFilter = None) -> Any:
    clients = clients_for(request, client, "measure_list")
    responses = measure_selectors.responses_of_clients(clients)
    items = [record.measure_response_data(r) for r in responses]
    return {"items": items, "count": len(items)}


def _due(client: User) -> list[Any]:
    today = local_today(client)
    return session_dates.measures_due_of(client, today)


@router.get(
    "/measures/due",
    response={200: s.DueMeasureList, **ERRORS},
    summary="The client's measures waiting to be answered",
)
def measure_due(request: HttpRequest) -> Any:
    client = care_selectors.own_record(user_of(request))
    items = [
        {
            "measure": due.measure.code,
            "name": due.measure.name,
            "since": due.since,
            "stem": due.measure.stem,
            "questions": [
                {"number": n, "text": text} for n, text in enumerate(due.measure.items, start=1)
            ],
            "options": list(OPTIONS),
        }
        for due in _due(client)
    ]
    return {"items": items, "count": len(items)}


@router.post(
    "/measures/{measure}/responses",
    response={201: s.MeasureAnswerOut, 200: s.MeasureAnswerOut, 409: s.Message, **ERRORS},
    summary="Answer a measure your therapist asked for",
    description="All answers at once. Any measure the therapist asked for can be answered "
    "from the assignment's first day, not only when it is due (GET /measures/due lists "
    "those waiting), as on the page; any other answers 409 saying why. The same answers "
    "sent twice in a minute are saved once.",
)
def measure_answer(request: HttpRequest, measure: str, payload: s.MeasureAnswerIn) -> Any:
    require_write(request)
    client = care_selectors.own_record(user_of(request))
    if measure not in MEASURES:
        raise Http404
    try:
        with one_commit.write_transaction():
            written = measure_services.measure_answer(
                client=client,
                by=user_of(request),
                measure=measure,
                answers=list(payload.answers),
                difficulty=payload.difficulty,
                day=payload.date,
                today=local_today(client),
            )
    except measure_services.NotAsked as refusal:
        raise HttpError(409, str(refusal)) from None
    support = _support_words(client) if written.risk_noted else None
    return Status(
        201 if written.saved else 200,
        record.measure_response_data(written.record) | {"support": support},
    )


def _support_words(client: User) -> str:
    """What the support panel says (safety/support_now.html), for a script or app to
    show: the page shows the panel itself. Its list of where help is is the panel's
    (safety/crisis.py places_to_turn)."""
    practice = care_selectors.practice_of(client)
    places = places_to_turn(crisis_settings_of(practice), practice)
    return f"{SUPPORT_SENTENCE} " + "; ".join(place.words for place in places)


@router.get(
    "/clients/{client_id}/safety-plan",
    response={200: s.SafetyPlanOut, **ERRORS},
    summary="The client's safety plan (read only)",
)
def safety_plan(request: HttpRequest, client_id: uuid.UUID) -> Any:
    user = user_of(request)
    client = care_selectors.client_get_for(user=user, client_id=client_id)
    plan = safety_selectors.safety_plan_read(client=client, by=user, audit_none=True)
    if plan is None:
        raise Http404
    return record.safety_plan_data(plan)


@router.get(
    "/fhir/Patient/{client_id}/$everything",
    response={200: dict[str, Any], **ERRORS},
    summary="The client's record as a FHIR R4 Bundle",
    description="A Bundle of type collection: Patient, CarePlan, Goal, Observation, "
    "QuestionnaireResponse. `journal=true` adds the journal, for the client alone.",
)
def fhir_everything(request: HttpRequest, client_id: uuid.UUID, journal: bool = False) -> Any:
    user = user_of(request)
    # Audited once, allowed or refused, as the copy it is.
    client = care_selectors.client_get_for(
        user=user, client_id=client_id, object_type="export_fhir"
    )
    body = fhir.bundle_json(client, include_journal=journal and may_export_journal(user, client))
    return HttpResponse(body, content_type="application/fhir+json")
