"""The client's vision of life after therapy: the current one with its focus areas,
an earlier version with its history, and the guided steps that write a new one."""

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import is_own_record
from cairn.core.once import create_once
from cairn.core.risk import offer_support
from cairn.goals import history, selectors
from cairn.goals.forms import VISION_STEPS, VisionFocusStepForm, VisionTextStepForm
from cairn.goals.services import vision as services


@login_required
def vision_detail(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    versions = list(selectors.visions_of(client))
    return render(
        request,
        "goals/vision_detail.html",
        {
            "client": client,
            "versions": versions,
            "is_own": is_own_record(request.user, client.pk),
        },
    )


@login_required
def vision_version(request: AuthedRequest, vision_id: uuid.UUID) -> HttpResponse:
    vision = selectors.vision_get_for(user=request.user, vision_id=vision_id)
    revisions = history.describe(selectors.revisions_of_vision(vision))
    return render(
        request,
        "goals/vision_version.html",
        {"vision": vision, "client": vision.client, "revisions": revisions},
    )


VISION_DRAFT = "cairn_vision_draft"


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def vision_edit(request: AuthedRequest, step: int) -> HttpResponse:
    """The guided vision: one question a page. Answers wait in the session until the last step."""
    client = care_selectors.own_record(request.user)
    if not 1 <= step <= len(VISION_STEPS):
        return redirect("goals:vision_edit", 1)
    draft: dict[str, Any] = request.session.get(VISION_DRAFT) or _draft_from(
        selectors.vision_current(client)
    )
    spec = VISION_STEPS[step - 1]
    if spec["field"] == "focus_areas":
        form: Any = VisionFocusStepForm(
            request.POST if request.method == "POST" else None,
            initial={
                "focus_areas": draft.get("focus_areas", []),
                "own_focus": draft.get("own_focus", ""),
            },
        )
    else:
        form = VisionTextStepForm(
            request.POST if request.method == "POST" else None,
            label=spec["title"],
            initial={"answer": draft.get(spec["field"], "")},
        )
    if request.method == "POST" and form.is_valid():
        if spec["field"] == "focus_areas":
            draft["focus_areas"] = form.cleaned_data["focus_areas"]
            draft["own_focus"] = form.cleaned_data["own_focus"]
        else:
            draft[spec["field"]] = form.cleaned_data["answer"]
        request.session[VISION_DRAFT] = draft
        if "back" in request.POST:
            return redirect("goals:vision_edit", max(step - 1, 1))
        if step < len(VISION_STEPS):
            return redirect("goals:vision_edit", step + 1)
        if services.vision_revise(client=client, by=request.user, data=draft).risk_noted:
            offer_support(request)
        request.session.pop(VISION_DRAFT, None)
        messages.success(
            request, "Your vision is saved. You can come back and change it whenever life does."
        )
        return redirect("goals:vision_detail", client.pk)
    return render(
        request,
        "goals/vision_edit.html",
        {
            "form": form,
            "step": step,
            "steps": len(VISION_STEPS),
            "spec": spec,
            "is_last": step == len(VISION_STEPS),
        },
    )


def _draft_from(vision: Any) -> dict[str, Any]:
    if vision is None:
        return {}
    return {name: getattr(vision, name) for name in services.VISION_FIELDS}
