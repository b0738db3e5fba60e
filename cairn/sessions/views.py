import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.time import local_today
from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import (
    Access,
    Capability,
    access_for,
    holds_as_therapist,
    is_own_record,
    may_treat,
    writes_summary_of,
)
from cairn.core.charts import CHART_POLICY
from cairn.core.conflicts import ConflictError
from cairn.core.ids import parse_uuid
from cairn.core.once import create_once
from cairn.core.redirects import safe_next
from cairn.core.risk import offer_support
from cairn.goals import selectors as goal_selectors
from cairn.progress import charts
from cairn.sessions import dates, preparation, selectors, services
from cairn.sessions.forms import (
    AddendumForm,
    AgendaForm,
    NoteForm,
    SessionEditForm,
    SessionForm,
    SummaryForm,
)
from cairn.sessions.models import TherapySession


@login_required
def session_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    return render(
        request,
        "sessions/session_list.html",
        {
            "client": client,
            "sessions": selectors.sessions_of(client),
            # The client's day, as their record's header counts it (home.record).
            "dates": dates.session_dates_of(client, local_today(client)),
            "is_own": is_own_record(request.user, client.pk),
            "can_log": may_treat(request.user, client),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def session_create(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(
        user=request.user, client_id=client_id, write=True, need=Capability.TREAT
    )
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        # The therapist's day, as services.session_create checks the date against it.
        initial={"held_on": local_today(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                client=client, therapist=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("sessions:session_detail", session.pk)
    return render(request, "sessions/session_form.html", {"form": form, "client": client})


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: AuthedRequest, session_id: uuid.UUID) -> HttpResponse:
    """The therapist who holds the session changes its time or marks how it went."""
    session = selectors.session_get_for(user=request.user, session_id=session_id, as_holder=True)
    form = SessionEditForm(
        request.POST if request.method == "POST" else None,
        initial=model_to_dict(session, fields=SessionEditForm.base_fields),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, by=request.user, **form.cleaned_data)
        except ConflictError:
            messages.error(
                request, "This session was changed in another window. Here is what's saved now."
            )
            return redirect("sessions:session_edit", session.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The session is saved.")
            return redirect("sessions:session_detail", session.pk)
    return render(
        request,
        "sessions/session_form.html",
        {"form": form, "client": session.client, "session": session},
    )


@login_required
def session_detail(request: AuthedRequest, session_id: uuid.UUID) -> HttpResponse:
    session = selectors.session_get_for(user=request.user, session_id=session_id)
    access = access_for(request.user, session.client)
    return _session_page(
        request,
        session,
        access=access,
        addendum_form=AddendumForm() if access.can_treat and session.is_signed else None,
        note_preview=True,
    )


def _session_page(
    request: AuthedRequest,
    session: TherapySession,
    *,
    access: Access,
    addendum_form: AddendumForm | None,
    note_preview: bool,
    status: int = 200,
) -> HttpResponse:
    """The session page, for the session itself and again for an addendum's errors.
    `note_preview` shows the start of the viewer's private note (reading it is audited)."""
    is_client = is_own_record(request.user, session.client_id)
    versions, addenda = selectors.summary_history(user=request.user, session=session)
    context: dict[str, object] = {
        "session": session,
        "is_client": is_client,
        "can_treat": access.can_treat,
        "is_author": holds_as_therapist(request.user)(access, session),
        # Until they sign it (session_summary asks the same).
        "writes_summary": writes_summary_of(request.user)(access, session),
        "versions": versions,
        "addenda": addenda,
        "addendum_form": addendum_form,
    }
    if note_preview and not is_client:
        note, text = selectors.note_text_for(user=request.user, session=session)
        context.update({"has_note": note is not None, "note_preview": text[:280]})
    context["discussed"] = list(session.agenda_items.all())
    return render(request, "sessions/session_detail.html", context, status=status)


@login_required
def session_prep(request: AuthedRequest, session_id: uuid.UUID) -> HttpResponse:
    session = selectors.session_get_for(user=request.user, session_id=session_id, write=True)
    context = preparation.session_prep_page(session, user=request.user)
    return render(request, "sessions/session_prep.html", context)


@login_required
@csp_override(CHART_POLICY)
def session_prep_chart(
    request: AuthedRequest, session_id: uuid.UUID, goal_id: uuid.UUID
) -> HttpResponse:
    """A small chart of one goal's ratings in the preparation's time, and no later."""
    session = selectors.session_get_for(user=request.user, session_id=session_id, write=True)
    goal = preparation.session_goal_get_for(user=request.user, session=session, goal_id=goal_id)
    points = preparation.ratings_in_window(session, goal)
    return HttpResponse(charts.rating_chart(points), content_type="image/svg+xml")


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def session_note(request: AuthedRequest, session_id: uuid.UUID) -> HttpResponse:
    """The author's private note. A client, admin or supporter never reaches a note:
    for them this page does not exist."""
    session = selectors.session_note_get_for(
        user=request.user, session_id=session_id, write=request.method == "POST"
    )
    note, text = selectors.note_text_for(user=request.user, session=session)
    form = NoteForm(
        request.POST if request.method == "POST" else None,
        initial={"text": text, "version": note.version if note else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.note_save(session=session, author=request.user, **form.cleaned_data)
        except ConflictError:
            # Show what is saved now (read as every read of a note is), and let a second
            # save go through against it.
            saved, saved_text = selectors.note_text_for(user=request.user, session=session)
            assert saved is not None
            data = request.POST.copy()
            data["version"] = str(saved.version)
            return render(
                request,
                "sessions/session_note.html",
                {"form": NoteForm(data), "session": session, "conflict": True, "saved": saved_text},
                status=409,
            )
        messages.success(request, "Your private note is saved, encrypted.")
        return redirect("sessions:session_detail", session.pk)
    return render(request, "sessions/session_note.html", {"form": form, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
def session_summary(request: AuthedRequest, session_id: uuid.UUID) -> HttpResponse:
    """The summary's author writes it, saves drafts and signs it. Nobody else
    edits it (403); once signed, it takes addenda only."""
    session = selectors.session_summary_get_for(user=request.user, session_id=session_id)
    form = SummaryForm(
        request.POST if request.method == "POST" else None,
        initial=model_to_dict(session, fields=SummaryForm.base_fields),
    )
    if request.method == "POST" and form.is_valid():
        sign = request.POST.get("sign") == "1"
        try:
            services.summary_save(session=session, by=request.user, sign=sign, **form.cleaned_data)
        except ConflictError as conflict:
            return render(
                request,
                "sessions/session_summary.html",
                {
                    "form": form,
                    "session": session,
                    "conflict": conflict.current,
                    "version": conflict.current.version,
                },
                status=409,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "The summary is signed. Your client can see it now."
                if sign
                else "The draft is saved. Your client will see it once you sign it.",
            )
            return redirect("sessions:session_detail", session.pk)
    return render(request, "sessions/session_summary.html", {"form": form, "session": session})


@login_required
@require_POST
@create_once
def session_addendum(request: AuthedRequest, session_id: uuid.UUID) -> HttpResponse:
    session = selectors.session_get_for(user=request.user, session_id=session_id, write=True)
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            services.addendum_add(session=session, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The addendum is added below the signed summary.")
            return redirect("sessions:session_detail", session.pk)
    # The page again with the addendum's errors. Only those who treat the client get this
    # far (session_get_for, write=True); the page leaves out the note's preview, as they
    # are answering their addendum, not opening their note.
    access = access_for(request.user, session.client)
    return _session_page(
        request, session, access=access, addendum_form=form, note_preview=False, status=400
    )


@login_required
def agenda_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    # Marking an item discussed is the same capability agenda_discussed asks for.
    may_mark_discussed = access_for(request.user, client).can_steer
    return render(
        request,
        "sessions/agenda_list.html",
        {
            "client": client,
            "items": selectors.agenda_of(client),
            "is_own": is_own_record(request.user, client.pk),
            "may_mark_discussed": may_mark_discussed,
            "session": dates.session_talked_in(client, local_today(request.user))
            if may_mark_discussed
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def agenda_create(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    goals = goal_selectors.goals_to_pick(client, to="discuss")
    form = AgendaForm(
        request.POST if request.method == "POST" else None,
        initial={"goal": request.GET.get("goal")},
        goals=goals,
    )
    if request.method == "POST" and form.is_valid():
        written = services.agenda_add(client=client, **form.cleaned_data)
        if written.risk_noted:
            offer_support(request)
        messages.success(request, "Added to your list for your next session.")
        return redirect("sessions:agenda_list", client.pk)
    return render(request, "sessions/agenda_form.html", {"form": form})


@login_required
@require_POST
def agenda_discussed(request: AuthedRequest, item_id: uuid.UUID) -> HttpResponse:
    item = selectors.agenda_item_get_for(user=request.user, item_id=item_id)
    session = selectors.session_for_agenda_item(
        user=request.user, item=item, session_id=parse_uuid(request.POST.get("session"))
    )
    services.agenda_mark_discussed(item=item, session=session, by=request.user)
    return redirect(safe_next(request, reverse("home:home")))
