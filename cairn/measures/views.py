import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import Capability, access_for, is_own_record
from cairn.core.charts import CHART_POLICY, cached_svg_response
from cairn.core.risk import offer_support
from cairn.measures import charts, selectors, services
from cairn.measures.forms import AssignmentForm, ResponseForm
from cairn.measures.scoring import (
    DIFFICULTY_OPTIONS,
    DIFFICULTY_QUESTION,
    MEASURES,
    OPTIONS,
)


def _measure(code: str) -> str:
    if code not in MEASURES:
        raise Http404("No such measure")
    return code


def _left_words(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"Question {numbers[0]} is left"
    return f"Questions {', '.join(map(str, numbers[:-1]))} and {numbers[-1]} are left"


@login_required
def measure_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    is_own = is_own_record(request.user, client.pk)
    today = local_today(client)
    histories = []
    for code in MEASURES:
        history = selectors.history_of(user=request.user, client=client, measure=code)
        histories.append(
            {
                "history": history,
                "text": charts.describe(history),
                "meaning": history.measure.meanings[history.latest.response.band]
                if history.latest
                else "",
                "rows": [
                    (
                        point,
                        point.response.band_label,
                        charts.MARKERS[mark][0] if (mark := charts.marker_of(point)) else "",
                    )
                    for point in history.points
                ],
            }
        )
    return render(
        request,
        "measures/measure_list.html",
        {
            "client": client,
            "is_own": is_own,
            "histories": histories,
            "assignments": selectors.assignments_of(client),
            # The questionnaires the client may fill in now: the others wait for their day.
            "answerable": {
                code
                for code, spec in MEASURES.items()
                if is_own and selectors.answer_refusal(client, spec, today) is None
            },
            "unfinished": list(selectors.unfinished_of(client).values()),
            "may_assign": access_for(request.user, client).can_steer,
        },
    )


@login_required
@csp_override(CHART_POLICY)
def measure_chart(request: AuthedRequest, client_id: uuid.UUID, measure: str) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    history = selectors.history_of(user=request.user, client=client, measure=_measure(measure))
    data = [(p.response.date, p.total) for p in history.points]
    return cached_svg_response(["measure", measure, data], lambda: charts.measure_chart(history))


@login_required
@require_http_methods(["GET", "POST"])
def response_create(request: AuthedRequest, measure: str) -> HttpResponse:
    """The client fills in a measure on one screen; what is left can wait."""
    client = care_selectors.own_record(request.user)
    spec = MEASURES[_measure(measure)]
    today = local_today(client)
    if refusal := selectors.answer_refusal(client, spec, today):
        messages.info(request, refusal)
        return redirect("measures:measure_list", client.pk)
    unfinished = selectors.unfinished_of(client).get(spec.code)
    initial: dict[str, object] = {"date": unfinished.date if unfinished else today}
    if unfinished:
        initial.update({f"q{n}": a for n, a in enumerate(unfinished.answers, start=1)})
        initial["difficulty"] = unfinished.difficulty
    form = ResponseForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        measure=spec,
        today=today,
        earliest=selectors.earliest_answer_day(client, today),
    )
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        try:
            written = services.measure_response_save(
                client=client,
                by=request.user,
                measure=spec.code,
                answers=answers,
                difficulty=form.cleaned_data.get("difficulty"),
                day=form.cleaned_data["date"],
            )
        except services.NotAsked as refused:  # it ended between the check above and the save
            messages.info(request, str(refused))
            return redirect("measures:measure_list", client.pk)
        response = written.record
        if written.risk_noted:
            offer_support(request)  # the next page shows the support panel
        if not written.saved:
            messages.info(request, "These answers were saved a moment ago; they are saved once.")
        elif not response.is_complete:
            messages.success(
                request,
                f"Your answers so far are saved. {_left_words(response.questions_left)}: "
                "come back to it whenever you like.",
            )
            return redirect("home:home")
        return redirect("measures:response_detail", response.pk)
    return render(
        request,
        "measures/response_form.html",
        {"form": form, "measure": spec, "unfinished": unfinished, "options": OPTIONS},
    )


@login_required
def response_detail(request: AuthedRequest, response_id: uuid.UUID) -> HttpResponse:
    response = selectors.measure_response_get_for(user=request.user, response_id=response_id)
    spec = MEASURES[response.measure]
    rows: list[tuple[int | None, str, str | None]] = [
        (number, text, OPTIONS[a] if a is not None else None)
        for number, (text, a) in enumerate(
            zip(spec.items, list(response.answers) + [None] * len(spec.items), strict=False),
            start=1,
        )
    ]
    if spec.asks_difficulty and response.difficulty is not None:
        rows.append((None, DIFFICULTY_QUESTION, DIFFICULTY_OPTIONS[response.difficulty]))
    return render(
        request,
        "measures/response_detail.html",
        {
            "response": response,
            "measure": spec,
            "client": response.client,
            "is_own": is_own_record(request.user, response.client_id),
            "rows": rows,
            "meaning": spec.meanings.get(response.band, ""),
            "left": _left_words(response.questions_left) if response.questions_left else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(
        user=request.user, client_id=client_id, write=True, need=Capability.STEER
    )
    today = local_today(client)
    form = AssignmentForm(
        request.POST if request.method == "POST" else None,
        initial={
            "measure": "phq9",
            "schedule": "every_weeks",
            "every_weeks": 2,
            "starts_on": today,
        },
        today=today,
    )
    if request.method == "POST" and form.is_valid():
        services.measure_assignment_create(client=client, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"Assigned. {client.display_name} will see it on their home page when it is due.",
        )
        return redirect("measures:measure_list", client.pk)
    return render(request, "measures/assignment_form.html", {"form": form, "client": client})


@login_required
@require_POST
def assignment_end(request: AuthedRequest, assignment_id: uuid.UUID) -> HttpResponse:
    assignment = selectors.measure_assignment_get_for(
        user=request.user, assignment_id=assignment_id, write=True
    )
    services.measure_assignment_end(assignment=assignment, by=request.user)
    messages.success(request, "Stopped. The answers given so far are kept.")
    return redirect("measures:measure_list", assignment.client_id)
