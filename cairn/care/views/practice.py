"""The practice's details: everyone in the practice reads them, its admin edits them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors, services
from cairn.care.forms import PracticeForm
from cairn.core.conflicts import ConflictError


@login_required
def practice_detail(request: AuthedRequest) -> HttpResponse:
    practice = selectors.practice_get_for(user=request.user)
    return render(request, "care/practice_detail.html", {"practice": practice})


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: AuthedRequest) -> HttpResponse:
    practice = selectors.practice_get_for(user=request.user, admin=True)
    form = PracticeForm(
        request.POST if request.method == "POST" else None,
        instance=practice,
        initial={"version": practice.version},
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PracticeForm.Meta.fields}
        try:
            services.practice_update(
                practice=practice, by=request.user, version=form.cleaned_data["version"], **fields
            )
        except ConflictError:
            practice = selectors.practice_as_now(practice)
            return render(
                request,
                "care/practice_edit.html",
                {
                    "form": PracticeForm(
                        request.POST, instance=practice, initial={"version": practice.version}
                    ),
                    "conflict": practice,
                    "practice": practice,
                },
                status=409,
            )
        messages.success(request, "The practice details are saved.")
        return redirect("care:practice_detail")
    return render(request, "care/practice_edit.html", {"form": form, "practice": practice})
