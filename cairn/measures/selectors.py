"""Reads of measures, through care/access.py. Every read of one client's answers is
audited here; pages that gather many clients audit through their own view."""

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Max, Q, Window
from django.db.models.functions import RowNumber

from cairn.accounts.models import User
from cairn.care.access import Capability, record_get_for
from cairn.care.audit import audit_client_data
from cairn.core.audit import Action
from cairn.measures.models import MeasureAssignment, MeasureResponse, Schedule
from cairn.measures.scoring import MEASURES, Change, Measure, band_words, change_between
from cairn.progress.selectors import DayWords, day_refusal, records_begin_on

# A measure "before each session" is due this many days ahead of the session.
BEFORE_SESSION_DAYS = 3

# A questionnaire can be answered for a day this far back: its questions are about the
# two weeks before the day it is answered for. (Its own rule, not the check-in's.)
QUESTIONNAIRE_BACKDATE_DAYS = 14


def answer_backdate_limit(today: date) -> date:
    """The earliest day a questionnaire may be answered for, whoever the client:
    QUESTIONNAIRE_BACKDATE_DAYS before today."""
    return today - timedelta(days=QUESTIONNAIRE_BACKDATE_DAYS)


def earliest_answer_day(client: User, today: date) -> date:
    """The earliest day the client may answer a questionnaire for, on the web and
    through the API: up to QUESTIONNAIRE_BACKDATE_DAYS back, and not before their
    records begin (progress.selectors.records_begin_on)."""
    return max(answer_backdate_limit(today), records_begin_on(client))


ANSWER_DAY_WORDS = DayWords(
    future="That date is in the future. Please choose today or an earlier day.",
    backdate=f"Please choose a day in the last {QUESTIONNAIRE_BACKDATE_DAYS} days: "
    "the questions are about the two weeks before it.",
    records_begin="You can answer for {earliest:%A} {earliest.day} {earliest:%B}, "
    "when you started here, or a later day.",
)


def answer_day_out_of_range(day: date, *, today: date, earliest: date) -> str:
    """What is wrong with answering a questionnaire for `day`, or "" when nothing is:
    the page and the API refuse the same days in the same words. `earliest` is
    earliest_answer_day above."""
    return day_refusal(
        day,
        today=today,
        earliest=earliest,
        backdate_from=answer_backdate_limit(today),
        words=ANSWER_DAY_WORDS,
    )


def answer_unchosen(number: int | None) -> str:
    """What the page and the API say of an answer to question `number` (counted from
    1; None for the difficulty question, the last) that is not one of the four."""
    question = f"Question {number}" if number is not None else "The last question"
    return f"{question}: please choose one of the four answers."


def answer_refusal(client: User, measure: Measure, today: date) -> str | None:
    """Why the client may not fill in this questionnaire today, in words for them; None
    when they may. One rule for the page and the API (measure_response_save enforces it):
    a questionnaire their therapist asked for (its current assignment) from its first day
    on, whenever the client likes, not only when it is due: its questions are about the
    two weeks before the day it is answered for, whichever day that is, and the rhythm
    decides when the client is asked and reminded (measures_due_for), not when they may
    tell how things are. One they began can always be finished."""
    if MeasureResponse.objects.filter(
        client=client, measure=measure.code, completed_at__isnull=True
    ).exists():
        return None
    assignment = MeasureAssignment.objects.current().filter(client=client, measure=measure.code)
    first = assignment.values_list("starts_on", flat=True).first()
    if first is None:
        return (
            f"Your therapist hasn't asked for the {measure.name} at the moment, "
            "so there is nothing to fill in."
        )
    if first > today:
        return (
            f"Your therapist asked for the {measure.name} from {first.day} {first:%B}; "
            "it will be here for you then."
        )
    return None


def measure_response_get_for(
    *, user: User, response_id: uuid.UUID, write: bool = False
) -> MeasureResponse:
    """The response, if `user` may see it. Unknown and hidden both raise Http404."""
    return record_get_for(
        MeasureResponse, user=user, pk=response_id, object_type="measure_response", write=write
    )


def measure_assignment_get_for(
    *, user: User, assignment_id: uuid.UUID, write: bool = False
) -> MeasureAssignment:
    """Changing an assignment is for a therapist who writes the record (steer)."""
    return record_get_for(
        MeasureAssignment,
        user=user,
        pk=assignment_id,
        object_type="measure_assignment",
        write=write,
        need=Capability.STEER if write else None,
    )


# ---- one client's history -------------------------------------------------------


@dataclass(frozen=True)
class Point:
    response: MeasureResponse
    total: int
    change: Change  # against the first total


@dataclass(frozen=True)
class History:
    measure: Measure
    points: list[Point]

    @property
    def first(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


def history_of(*, user: User, client: User, measure: str) -> History:
    """Every completed response of one measure, oldest first, each with its change
    since the first. The caller has opened the client's record through care."""
    spec = MEASURES[measure]
    responses = list(
        MeasureResponse.objects.filter(
            client=client, measure=measure, completed_at__isnull=False
        ).order_by("date", "completed_at")
    )
    audit_client_data(
        actor=user,
        action=Action.READ,
        object_type="measure_history",
        object_id=f"{client.pk}:{measure}",
        client=client,
    )
    points: list[Point] = []
    for response in responses:
        assert response.total is not None
        baseline = points[0].total if points else response.total
        points.append(
            Point(
                response=response,
                total=response.total,
                change=change_between(spec, baseline=baseline, current=response.total),
            )
        )
    return History(measure=spec, points=points)


def unfinished_of(client: User) -> dict[str, MeasureResponse]:
    return {
        r.measure: r
        for r in MeasureResponse.objects.filter(client=client, completed_at__isnull=True)
    }


def assignments_of(client: User) -> list[MeasureAssignment]:
    return list(
        MeasureAssignment.objects.current()
        .filter(client=client)
        .select_related("assigned_by")
        .order_by("measure")
    )


# ---- what is due ---------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    assignment: MeasureAssignment
    since: date  # the day it became due: one reminder per assignment and day
    unfinished: MeasureResponse | None

    @property
    def measure(self) -> Measure:
        return MEASURES[self.assignment.measure]


def _due_since(
    assignment: MeasureAssignment,
    last_done: date | None,
    today: date,
    next_session_on: date | None,
) -> date | None:
    if assignment.starts_on > today:
        return None
    if last_done is not None and last_done < assignment.starts_on:
        last_done = None
    if assignment.schedule == Schedule.ONCE:
        return assignment.starts_on if last_done is None else None
    if assignment.schedule == Schedule.EVERY_WEEKS:
        if last_done is None:
            return assignment.starts_on
        due = last_done + timedelta(weeks=assignment.every_weeks or 1)
        return due if due <= today else None
    # Before each session: from a few days ahead of the next one, until it is done.
    if next_session_on is None:
        return None
    opens = next_session_on - timedelta(days=BEFORE_SESSION_DAYS)
    if today < opens or (last_done is not None and last_done >= opens):
        return None
    return max(opens, assignment.starts_on)


def measures_due_for(client: User, today: date, *, next_session_on: date | None) -> list[Due]:
    """The client's measures waiting to be filled in today, in three queries.
    `next_session_on`: the day of the client's next session, from the sessions app."""
    assignments = list(
        MeasureAssignment.objects.current()
        .filter(client=client, starts_on__lte=today)
        .order_by("measure")
    )
    if not assignments:
        return []
    last_done: dict[str, date] = dict(
        MeasureResponse.objects.filter(client=client, completed_at__isnull=False)
        .values("measure")
        .annotate(last=Max("date"))
        .values_list("measure", "last")
    )
    unfinished = unfinished_of(client)
    found = []
    for assignment in assignments:
        since = _due_since(assignment, last_done.get(assignment.measure), today, next_session_on)
        if since is not None:
            found.append(Due(assignment, since, unfinished.get(assignment.measure)))
    return found


# ---- the latest scores of many clients ---------------------------------------------------


@dataclass(frozen=True)
class LatestScore:
    measure: Measure
    total: int
    band: str
    date: dt.date
    first_total: int
    first_date: dt.date
    count: int
    change: Change

    @property
    def band_label(self) -> str:
        return band_words(self.band)

    @property
    def meaning(self) -> str:
        return self.measure.meanings[self.band]

    @property
    def reliable_deterioration(self) -> bool:
        return self.change.reliable_deterioration

    @property
    def finding(self) -> str:
        """The strongest finding against the first total, in words ("" for none)."""
        return self.change.finding


@dataclass(frozen=True)
class ClientScores:
    phq9: LatestScore | None = None
    gad7: LatestScore | None = None

    @property
    def all(self) -> list[LatestScore]:
        return [s for s in (self.phq9, self.gad7) if s is not None]

    @property
    def reliable_deterioration(self) -> bool:
        return any(s.reliable_deterioration for s in self.all)


def latest_scores_for(client_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, ClientScores]:
    """The first and latest PHQ-9 and GAD-7 totals of each client, with the change
    between them, in one query however many clients and responses there are.

    No access check here: the caller passes clients it may read (the caseload's,
    or one opened through care) and audits the page.
    """
    ids = list(client_ids)
    if not ids:
        return {}
    partition = [F("client_id"), F("measure")]
    rows = (
        MeasureResponse.objects.filter(client_id__in=ids, completed_at__isnull=False)
        .annotate(
            from_first=Window(
                RowNumber(), partition_by=partition, order_by=[F("date"), F("completed_at")]
            ),
            from_last=Window(
                RowNumber(),
                partition_by=partition,
                order_by=[F("date").desc(), F("completed_at").desc()],
            ),
        )
        .filter(Q(from_first=1) | Q(from_last=1))
        .values_list("client_id", "measure", "date", "total", "band", "from_first", "from_last")
    )
    ends: dict[tuple[uuid.UUID, str], dict[str, tuple[date, int, str, int]]] = {}
    for client_id, measure, day, total, band, from_first, from_last in rows:
        assert total is not None  # completed responses have their total
        mine = ends.setdefault((client_id, measure), {})
        if from_first == 1:
            mine["first"] = (day, total, band, from_last)
        if from_last == 1:
            mine["last"] = (day, total, band, from_first)
    found: dict[uuid.UUID, dict[str, LatestScore]] = {}
    for (client_id, measure), mine in ends.items():
        spec = MEASURES[measure]
        first_day, first_total, _, count = mine["first"]
        day, total, band, _ = mine["last"]
        found.setdefault(client_id, {})[measure] = LatestScore(
            measure=spec,
            total=total,
            band=band,
            date=day,
            first_total=first_total,
            first_date=first_day,
            count=count,
            change=change_between(spec, baseline=first_total, current=total),
        )
    return {client_id: ClientScores(**scores) for client_id, scores in found.items()}


def scores_of(client: User) -> ClientScores:
    return latest_scores_for([client.pk]).get(client.pk, ClientScores())


def responses_of(client: User, measure: str) -> Sequence[MeasureResponse]:
    return list(
        MeasureResponse.objects.filter(
            client=client, measure=measure, completed_at__isnull=False
        ).order_by("-date", "-completed_at")
    )


def responses_of_clients(clients: list[User]) -> list[MeasureResponse]:
    """The answers of these clients (already checked and audited), newest first."""
    return list(MeasureResponse.objects.filter(client__in=clients).order_by("-date", "-created_at"))
