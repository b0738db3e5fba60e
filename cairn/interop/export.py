"""Everything in a client's record, to keep or to take elsewhere, in one ZIP file:

- record.html: the whole record to read in any browser, without Cairn;
- csv/*.csv: one table per kind of thing (cells that a spreadsheet would run as a
  formula are written as text);
- api/*.json: the same JSON the API gives;
- fhir-bundle.json: the FHIR R4 Bundle.

Therapists' private session notes are never in it; session summaries are, once shared.
Callers open the client through care/access.py and audit; this module only reads.
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.time import local_today
from cairn.core.spreadsheet import safe_cell
from cairn.goals.models import Goal, Vision
from cairn.interop import fhir, record
from cairn.journal.models import JournalEntry
from cairn.measures.models import MeasureResponse
from cairn.progress.models import CheckIn
from cairn.progress.selectors import wins_of
from cairn.routines.models import MaintenancePlan, Routine, RoutineLog
from cairn.safety.models import SafetyPlan
from cairn.sessions.models import AgendaItem, TherapySession
from cairn.sharing.models import SupportGrant

Progress = Callable[[int, str], None]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    # With a byte-order mark, spreadsheet programs read the UTF-8 correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _json(data: Any) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()


def _listed(items: list[Any]) -> bytes:
    return _json({"items": items, "count": len(items)})


def _collect(client: User, include_journal: bool) -> dict[str, Any]:
    goals = list(
        Goal.objects.filter(client=client)
        .order_by("created_at")
        .prefetch_related("milestones", "barriers", "plans")
    )
    checkins = list(
        CheckIn.objects.filter(client=client)
        .order_by("date")
        .prefetch_related("ratings__goal", "measures__goal", "plan_uses__plan")
    )
    sessions = list(TherapySession.objects.filter(client=client).order_by("held_on"))
    return {
        "client": client,
        "made_at": timezone.now(),
        "visions": list(Vision.objects.filter(client=client).order_by("number")),
        "goals": goals,
        "checkins": checkins,
        "wins": list(reversed(wins_of(client))),
        "journal": (
            list(
                JournalEntry.objects.filter(client=client, deleted_at__isnull=True).order_by(
                    "created_at"
                )
            )
            if include_journal
            else []
        ),
        "include_journal": include_journal,
        "routines": list(Routine.objects.filter(client=client).order_by("created_at")),
        "routine_logs": list(
            RoutineLog.objects.filter(routine__client=client)
            .select_related("routine")
            .order_by("date")
        ),
        "maintenance_plan": MaintenancePlan.objects.filter(client=client).first(),
        "sessions": sessions,
        "agenda": list(AgendaItem.objects.filter(client=client).order_by("created_at")),
        "measures": list(MeasureResponse.objects.filter(client=client).order_by("date")),
        "safety_plan": SafetyPlan.objects.filter(client=client).order_by("-number").first(),
        "supporters": list(
            SupportGrant.objects.filter(client=client)
            .select_related("supporter")
            .order_by("created_at")
        ),
    }


def _csv_files(data: dict[str, Any]) -> dict[str, bytes]:
    goals: list[Goal] = data["goals"]
    files = {
        "goals.csv": csv_bytes(
            [
                "id",
                "title",
                "description",
                "why it matters",
                "status",
                "progress",
                "priority",
                "start date",
                "target date",
                "measure",
                "unit",
                "baseline",
                "target",
                "confidence",
            ],
            [
                [
                    g.pk,
                    g.title,
                    g.description,
                    g.why_it_matters,
                    g.lifecycle_status,
                    g.achievement_status,
                    g.priority,
                    g.start_date,
                    g.target_date,
                    g.measure_name,
                    g.measure_unit,
                    g.measure_baseline,
                    g.measure_target,
                    g.confidence,
                ]
                for g in goals
            ],
        ),
        "milestones.csv": csv_bytes(
            ["goal", "step", "position", "due", "reward", "done at"],
            [
                [m.goal.title, m.title, m.position, m.due_date, m.reward, m.done_at]
                for g in goals
                for m in g.milestones.all()
            ],
        ),
        "barriers.csv": csv_bytes(
            ["goal", "kind", "what might get in the way"],
            [[g.title, b.kind, b.description] for g in goals for b in g.barriers.all()],
        ),
        "plans.csv": csv_bytes(
            ["goal", "if", "then I will"],
            [[g.title, p.if_cue, p.then_action] for g in goals for p in g.plans.all()],
        ),
        "checkins.csv": csv_bytes(
            ["date", "mood (1-5)", "note"],
            [[c.date, c.mood, c.note] for c in data["checkins"]],
        ),
        "ratings.csv": csv_bytes(
            ["date", "goal", "rating (0-10)"],
            [[c.date, r.goal.title, r.rating] for c in data["checkins"] for r in c.ratings.all()],
        ),
        "measure_values.csv": csv_bytes(
            ["date", "goal", "measure", "value"],
            [
                [c.date, m.goal.title, m.goal.measure_name, m.value]
                for c in data["checkins"]
                for m in c.measures.all()
            ],
        ),
        "wins.csv": csv_bytes(
            ["date", "win", "kind"], [[w.day, w.text, w.kind] for w in data["wins"]]
        ),
        "routines.csv": csv_bytes(
            ["routine", "times", "every", "at", "removed"],
            [[r.name, r.times, r.period, r.time_of_day, r.archived_at] for r in data["routines"]],
        ),
        "routine_days.csv": csv_bytes(
            ["date", "routine", "status"],
            [[log.date, log.routine.name, log.status] for log in data["routine_logs"]],
        ),
        "sessions.csv": csv_bytes(
            ["date", "minutes", "summary", "homework"],
            [
                [
                    s.held_on,
                    s.length_minutes,
                    s.summary if s.summary_signed_at else "",
                    s.homework if s.summary_signed_at else "",
                ]
                for s in data["sessions"]
            ],
        ),
        "agenda.csv": csv_bytes(
            ["added", "to talk about"], [[a.created_at, a.text] for a in data["agenda"]]
        ),
        "questionnaires.csv": csv_bytes(
            ["date", "questionnaire", "answers", "total", "band", "complete"],
            [
                [
                    m.date,
                    m.get_measure_display(),
                    " ".join("-" if a is None else str(a) for a in m.answers),
                    m.total,
                    m.band,
                    m.completed_at is not None,
                ]
                for m in data["measures"]
            ],
        ),
        "supporters.csv": csv_bytes(
            ["email", "relationship", "accepted", "until", "stopped"],
            [
                [g.email, g.relationship, g.accepted_at, g.ends_on, g.revoked_at]
                for g in data["supporters"]
            ],
        ),
    }
    if data["include_journal"]:
        files["journal.csv"] = csv_bytes(
            ["written", "title", "text", "tags", "shared with therapist"],
            [
                [e.created_at, e.title, e.body, e.tags.strip(), e.shared_with_therapist]
                for e in data["journal"]
            ],
        )
    return files


def _api_files(client: User, data: dict[str, Any]) -> dict[str, bytes]:
    today = local_today(client)
    plan = data["safety_plan"]
    return {
        "goals.json": _listed([record.goal_detail(g) for g in data["goals"]]),
        "checkins.json": _listed(record.checkins_data(list(reversed(data["checkins"])))),
        "routines.json": _listed(record.routines_data(client, today)),
        "wins.json": _listed([record.win_data(w) for w in reversed(data["wins"])]),
        "measures.json": _listed(
            [record.measure_response_data(m) for m in reversed(data["measures"])]
        ),
        "safety-plan.json": _json(record.safety_plan_data(plan) if plan else None),
    }


def export_zip(
    client: User, *, include_journal: bool = True, progress: Progress | None = None
) -> bytes:
    def step(percent: int, what: str) -> None:
        if progress is not None:
            progress(percent, what)

    step(5, "Gathering the record")
    data = _collect(client, include_journal)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        step(25, "Writing the readable copy")
        archive.writestr("record.html", render_to_string("interop/export_record.html", data))
        step(45, "Writing the tables")
        for name, content in _csv_files(data).items():
            archive.writestr(f"csv/{name}", content)
        step(65, "Writing the API's JSON")
        for name, content in _api_files(client, data).items():
            archive.writestr(f"api/{name}", content)
        step(85, "Writing the FHIR Bundle")
        archive.writestr(
            "fhir-bundle.json", fhir.bundle_json(client, include_journal=include_journal)
        )
        archive.writestr("README.txt", render_to_string("interop/export_readme.txt", data))
    step(100, "Done")
    return buffer.getvalue()
