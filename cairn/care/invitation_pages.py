"""The pages of an invitation, for the practice's invitations (care) and a client's
to a supporter (sharing): the inviter is told alike that it is on its way; behind the
link, one that no longer works says why in the same words and statuses, and a new
person signs up with a name and a password the same way."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cairn.accounts.models import User
from cairn.care.forms import InvitationAcceptForm
from cairn.care.services import InvitationUnusable

# Why a link does not open, as the status the page answers with. A link that has been
# used or has expired is gone for good (410, the default).
STATUS_OF_REASON = {"unknown": 404, "signed_in": 409, "not_for_you": 403, "other_email": 403}


def invitation_queued(request: HttpRequest, email: str, *, shown_on: str, then: str) -> None:
    """Tells the inviter the e-mail is on its way and where they will see it sent."""
    messages.success(
        request,
        f"Invitation to {email} queued: it goes out in a moment, and {shown_on} says when "
        f"it has been sent. {then}",
    )


def unusable_page(
    request: HttpRequest, template: str, reason: str, **context: object
) -> HttpResponse:
    """The page saying why this invitation link no longer opens."""
    return render(
        request, template, {"reason": reason, **context}, status=STATUS_OF_REASON.get(reason, 410)
    )


def sign_up_page(
    request: HttpRequest,
    *,
    email: str,
    sign_up: Callable[[str, str], User],
    welcome: Callable[[User], str],
    then: str,
    template: str,
    unusable_template: str,
    context: dict[str, object],
) -> HttpResponse:
    """Asks for a name and a password and, once they are valid, calls `sign_up(name,
    password)`, signs the new person in, greets them with `welcome` and sends them to
    `then`. A password the validators refuse shows on the form; a link that stopped
    working meanwhile shows why."""
    form = InvitationAcceptForm(request.POST if request.method == "POST" else None, email=email)
    if request.method == "POST" and form.is_valid():
        try:
            person = sign_up(form.cleaned_data["name"], form.cleaned_data["password1"])
        except InvitationUnusable as error:
            return unusable_page(request, unusable_template, error.reason)
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, welcome(person))
            return redirect(then)
    return render(request, template, {**context, "form": form})
