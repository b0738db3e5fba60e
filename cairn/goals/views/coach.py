"""The SMART coach beside the goal form: its findings on what was typed, as the
person types (smart_coach) and on every page that shows the form."""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn.accounts.models import User
from cairn.accounts.types import AuthedRequest
from cairn.care.access import is_own_record
from cairn.goals import selectors
from cairn.goals.forms import GoalForm
from cairn.goals.models import FocusArea, Goal, Vision
from cairn.goals.smart import CONFIDENT_FROM, LETTER_NAMES, LETTERS, check_goal


def coach_for(data: Mapping[str, Any]) -> list[dict[str, object]]:
    """The coach's five findings, ready for the template, from cleaned or raw form data."""
    text = f"{data.get('title') or ''}. {data.get('description') or ''}".strip(". ")
    confidence = data.get("confidence")
    findings = check_goal(
        text=text,
        why=data.get("why_it_matters") if "why_it_matters" in data else None,
        confidence=int(confidence) if confidence not in (None, "") else None,
        target_date=data.get("target_date") or None,
        measure_target=data.get("measure_target")
        if data.get("measure_target") not in (None, "")
        else None,
        values=data.get("values") or None,
        today=timezone.localdate(),
    )
    return [
        {
            "letter": letter,
            "name": LETTER_NAMES[letter],
            "met": findings[letter].met,
            "suggestion": findings[letter].suggestion,
            "tip": findings[letter].tip,
        }
        for letter in LETTERS
    ]


# What the coach reads of a goal; of these, the words can be judged as typed even when
# the form finds them invalid, the number and the date only once they read as such.
COACHED = ("title", "description", "why_it_matters", "confidence", "target_date", "measure_target")
COACHED_ONCE_VALID = {"confidence", "target_date", "measure_target"}


def _coach_from_form(form: GoalForm) -> list[dict[str, object]]:
    """Judges what can be read from the form even when some fields are invalid."""
    data: dict[str, Any] = {}
    cleaned = getattr(form, "cleaned_data", {})
    for name in COACHED:
        if name in cleaned:
            data[name] = cleaned[name]
        elif name not in COACHED_ONCE_VALID:
            data[name] = form.data.get(name, "")
    return coach_for(data)


def goal_form_context(
    form: GoalForm,
    *,
    viewer: User,
    client: User,
    goal: Goal | None = None,
    proposed: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """What the goal form pages draw beside the form (a new goal, a change, a
    conflict): the coach's findings on what was typed or, before anything was, on the
    goal being changed (with the change `proposed` to it that the form starts from) or
    what a new one starts from; the client's vision; the focus areas to choose from;
    whether the goal is the viewer's own (the words say "my")."""
    vision = selectors.vision_current(client)
    if form.is_bound:
        coach = _coach_from_form(form)
    elif goal is not None:
        coach = coach_for({**goal_values(goal, vision), **(proposed or {})})
    else:
        coach = coach_for(form.initial)
    return {
        "form": form,
        "coach": coach,
        "vision": vision,
        "focus_areas": FocusArea.choices,
        "is_own": is_own_record(viewer, client.pk),
        "confident_from": CONFIDENT_FROM,
    }


def goal_values(goal: Goal, vision: Vision | None) -> dict[str, Any]:
    """What the coach judges of a saved goal; `vision` is its client's current one
    (the coach checks the goal against their values)."""
    return {"values": vision.values if vision else ""} | {
        name: getattr(goal, name) for name in COACHED
    }


@login_required
@require_POST
def smart_coach(request: AuthedRequest) -> HttpResponse:
    """The coach panel alone, for htmx as the person types. Stores and reads nothing."""
    form = GoalForm(request.POST)
    form.is_valid()
    return render(
        request, "goals/goal_form.html#coach", {"coach": _coach_from_form(form), "oob": True}
    )
