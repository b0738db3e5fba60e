import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cairn.accounts.types import AuthedRequest
from cairn.care import selectors as care_selectors
from cairn.care.access import is_own_record
from cairn.core.conflicts import ConflictError
from cairn.core.once import create_once
from cairn.core.risk import Written, offer_support
from cairn.goals import selectors as goal_selectors
from cairn.journal import selectors, services
from cairn.journal.forms import EntryForm, SearchForm
from cairn.journal.markdown import render as render_markdown
from cairn.journal.models import JournalEntry


def _entry_form(request: AuthedRequest, entry: JournalEntry | None = None) -> EntryForm:
    """The form for writing an entry, offering the goals it may be about; to edit
    `entry`, filled in with it."""
    initial = None
    if entry is not None:
        initial = {
            "title": entry.title,
            "body": entry.body,
            "mood": entry.mood,
            "tags": ", ".join(entry.tag_list),
            "goals": list(entry.goals.all()),
        }
    return EntryForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        goals=goal_selectors.goals_to_pick(request.user, to="link"),
    )


def _entry_saved(
    request: AuthedRequest, written: Written[JournalEntry], message: str
) -> HttpResponse:
    """Back to the entry once it is written or shared; if the service noted risk in
    its words, the next page offers support."""
    if written.risk_noted:
        offer_support(request)
    messages.success(request, message)
    return redirect("journal:entry_detail", written.record.pk)


# Entries and wins per page: a long history stays quick to open.
PER_PAGE = 30


@login_required
def entry_list(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.client_get_for(user=request.user, client_id=request.user.pk)
    search = SearchForm(request.GET)
    query = tag = ""
    if search.is_valid():
        query, tag = search.cleaned_data["q"], search.cleaned_data["tag"]
    page = Paginator(selectors.entries_of(client, query=query, tag=tag), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "journal/entry_list.html",
        {
            "entries": page.object_list,
            "page": page,
            "search": search,
            "query": query,
            "tag": tag,
            "deleted": selectors.recently_deleted(client)[:5],
            "undo_days": services.UNDO_WINDOW.days,
        },
    )


@login_required
def shared_list(request: AuthedRequest, client_id: uuid.UUID) -> HttpResponse:
    """What a client has shared with their therapist. The client sees their own list."""
    client = care_selectors.client_get_for(user=request.user, client_id=client_id)
    if is_own_record(request.user, client.pk):
        return redirect("journal:entry_list")
    return render(
        request,
        "journal/shared_list.html",
        {"client": client, "entries": selectors.shared_entries_of(client)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def entry_create(request: AuthedRequest) -> HttpResponse:
    client = care_selectors.own_record(request.user)
    form = _entry_form(request)
    if request.method == "POST" and form.is_valid():
        return _entry_saved(
            request,
            services.entry_create(client=client, data=form.cleaned_data),
            "Saved in your journal. Only you can see it unless you choose to share it.",
        )
    return render(request, "journal/entry_form.html", {"form": form})


@login_required
def entry_detail(request: AuthedRequest, entry_id: uuid.UUID) -> HttpResponse:
    entry = selectors.entry_get_for(user=request.user, entry_id=entry_id)
    return render(
        request,
        "journal/entry_detail.html",
        {
            "entry": entry,
            "html": render_markdown(entry.body),
            "is_own": is_own_record(request.user, entry.client_id),
            "versions": selectors.entry_versions_for(user=request.user, entry=entry),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: AuthedRequest, entry_id: uuid.UUID) -> HttpResponse:
    entry = selectors.entry_get_for(user=request.user, entry_id=entry_id, write=True)
    form = _entry_form(request, entry)
    if request.method == "POST" and form.is_valid():
        try:
            written = services.entry_revise(
                entry=entry, data=form.cleaned_data, version=_version(request.POST.get("version"))
            )
        except ConflictError as conflict:
            return render(
                request,
                "journal/entry_form.html",
                {"form": form, "entry": conflict.current, "conflict": conflict.current},
                status=409,
            )
        return _entry_saved(request, written, "Saved. The earlier version is kept below the entry.")
    return render(request, "journal/entry_form.html", {"form": form, "entry": entry})


def _version(value: str | None) -> int:
    """The version the page was loaded at; anything unreadable counts as stale."""
    try:
        return int(value or 0)
    except ValueError:
        return 0


@login_required
@require_POST
def entry_share(request: AuthedRequest, entry_id: uuid.UUID) -> HttpResponse:
    entry = selectors.entry_get_for(user=request.user, entry_id=entry_id, write=True)
    shared = request.POST.get("share") == "1"
    written = services.entry_share(entry=entry, shared=shared)
    if shared:
        return _entry_saved(
            request, written, "Shared with your therapist. You can stop sharing at any time."
        )
    messages.success(request, "This entry is private again.")
    return redirect("journal:entry_detail", entry.pk)


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: AuthedRequest, entry_id: uuid.UUID) -> HttpResponse:
    entry = selectors.entry_get_for(user=request.user, entry_id=entry_id, write=True)
    if request.method == "POST":
        services.entry_delete(entry=entry)
        return render(request, "journal/entry_deleted.html", {"entry": entry})
    return render(
        request,
        "journal/entry_delete.html",
        {"entry": entry, "undo_days": services.UNDO_WINDOW.days},
    )


@login_required
@require_POST
def entry_restore(request: AuthedRequest, entry_id: uuid.UUID) -> HttpResponse:
    entry = selectors.entry_get_for(
        user=request.user, entry_id=entry_id, write=True, include_deleted=True
    )
    services.entry_restore(entry=entry)
    messages.success(request, "Your entry is back.")
    return redirect("journal:entry_detail", entry.pk)
