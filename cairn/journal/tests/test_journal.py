from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from cairn.core.models import AuditEvent
from cairn.journal import services
from cairn.journal.models import JournalEntry, JournalEntryVersion
from cairn.journal.services import entries_purge
from cairn.journal.tests.factories import JournalEntryFactory
from tests.page import words


def test_a_client_writes_a_private_entry_with_mood_tags_and_goals(client, ben, goal):
    client.force_login(ben)
    response = client.post(
        reverse("journal:entry_create"),
        {
            "title": "Sunday",
            "body": "The walk *helped*.",
            "mood": "4",
            "tags": "walking, Sunday Evening",
            "goals": [str(goal.pk)],
        },
    )
    entry = JournalEntry.objects.get()
    assert response.url == reverse("journal:entry_detail", args=[entry.pk])
    assert (entry.shared_with_therapist, entry.mood, entry.tag_list) == (
        False,
        4,
        ["sunday-evening", "walking"],
    )
    assert list(entry.goals.all()) == [goal]
    page = client.get(response.url).content.decode()
    assert "<em>helped</em>" in page
    assert "Only you can see this entry" in page


def test_a_tag_searched_as_it_was_typed_finds_its_entries(client, ben):
    # Written as "Sunday Evening", kept as "sunday-evening": the search box takes it
    # either way, as the entry form did.
    JournalEntryFactory(client=ben, title="After the walk", tags=" sunday-evening ")
    client.force_login(ben)
    page = words(client.get(reverse("journal:entry_list"), {"tag": " Sunday Evening "}))
    assert "After the walk" in page


def test_the_therapist_sees_only_shared_entries(client, ana, ben, private_entry, shared_entry):
    client.force_login(ana)
    assert client.get(reverse("journal:entry_detail", args=[private_entry.pk])).status_code == 404
    assert client.get(reverse("journal:entry_detail", args=[shared_entry.pk])).status_code == 200
    listing = client.get(reverse("journal:shared_list", args=[ben.pk])).content.decode()
    assert "For Ana" in listing and "Just for me" not in listing
    overview = client.get(reverse("home:client_overview", args=[ben.pk])).content.decode()
    assert "Just for me" not in overview
    assert AuditEvent.objects.filter(
        actor_id=ana.pk, object_type="journal_entry", outcome="denied"
    ).exists()


def test_sharing_and_unsharing(client, ana, ben, private_entry):
    client.force_login(ben)
    client.post(reverse("journal:entry_share", args=[private_entry.pk]), {"share": "1"})
    private_entry.refresh_from_db()
    assert private_entry.shared_with_therapist
    client.force_login(ana)
    assert client.get(reverse("journal:entry_detail", args=[private_entry.pk])).status_code == 200
    client.force_login(ben)
    client.post(reverse("journal:entry_share", args=[private_entry.pk]), {"share": "0"})
    private_entry.refresh_from_db()
    assert not private_entry.shared_with_therapist
    client.force_login(ana)
    assert client.get(reverse("journal:entry_detail", args=[private_entry.pk])).status_code == 404


def test_nobody_else_edits_shares_or_deletes(client, ana, dana, shared_entry):
    for person in (ana, dana):
        client.force_login(person)
        edit = client.post(
            reverse("journal:entry_edit", args=[shared_entry.pk]), {"body": "changed"}
        )
        share = client.post(reverse("journal:entry_share", args=[shared_entry.pk]), {"share": "0"})
        delete = client.post(reverse("journal:entry_delete", args=[shared_entry.pk]))
        assert (edit.status_code, share.status_code, delete.status_code) == (404, 404, 404)
    shared_entry.refresh_from_db()
    assert (shared_entry.body, shared_entry.shared_with_therapist, shared_entry.deleted_at) == (
        "The walk on Sunday *helped*.",
        True,
        None,
    )


def test_search_by_text_and_tag(client, ben, private_entry, shared_entry):
    client.force_login(ben)
    by_text = client.get(reverse("journal:entry_list"), {"q": "sunday"}).content.decode()
    assert "For Ana" in by_text and "Just for me" not in by_text
    by_tag = client.get(reverse("journal:entry_list"), {"tag": "sleep"}).content.decode()
    assert "Just for me" in by_tag and "For Ana" not in by_tag


def test_editing_keeps_the_earlier_version(client, ben, private_entry):
    client.force_login(ben)
    client.post(
        reverse("journal:entry_edit", args=[private_entry.pk]),
        {"body": "Slept better tonight.", "tags": "sleep", "version": "1"},
    )
    private_entry.refresh_from_db()
    assert private_entry.body == "Slept better tonight."
    earlier = JournalEntryVersion.objects.get(entry=private_entry)
    assert earlier.body == "Slept badly; worried about **work**."
    assert (
        "Earlier versions (1)"
        in client.get(reverse("journal:entry_detail", args=[private_entry.pk])).content.decode()
    )


def test_a_therapist_reads_a_shared_entry_as_it_stands_now(client, ana, ben, shared_entry):
    client.force_login(ben)
    client.post(
        reverse("journal:entry_edit", args=[shared_entry.pk]),
        {"body": "The walk on Monday helped too.", "shared": "on", "version": "1"},
    )
    client.force_login(ana)
    page = client.get(reverse("journal:entry_detail", args=[shared_entry.pk])).content.decode()
    assert "The walk on Monday helped too." in page
    assert "Sunday" not in page and "Earlier versions" not in page


def test_an_edit_from_an_old_page_is_refused_and_kept(client, ben, private_entry):
    client.force_login(ben)
    client.post(
        reverse("journal:entry_edit", args=[private_entry.pk]),
        {"body": "First edit", "version": "1"},
    )
    response = client.post(
        reverse("journal:entry_edit", args=[private_entry.pk]),
        {"body": "Second edit", "version": "1"},
    )
    assert response.status_code == 409
    assert "Second edit" in response.content.decode()
    private_entry.refresh_from_db()
    assert private_entry.body == "First edit"


def test_delete_asks_first_and_can_be_undone(client, ben, private_entry):
    client.force_login(ben)
    assert (
        "Delete “Just for me”?"
        in client.get(reverse("journal:entry_delete", args=[private_entry.pk])).content.decode()
    )
    page = client.post(reverse("journal:entry_delete", args=[private_entry.pk])).content.decode()
    assert "Undo" in page
    assert client.get(reverse("journal:entry_detail", args=[private_entry.pk])).status_code == 404
    client.post(reverse("journal:entry_restore", args=[private_entry.pk]))
    assert client.get(reverse("journal:entry_detail", args=[private_entry.pk])).status_code == 200


def test_deleted_entries_are_removed_for_good_after_thirty_days(ben, private_entry):
    private_entry.deleted_at = timezone.now()
    private_entry.save()
    assert entries_purge() == 0
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert entries_purge() == 1
    assert not JournalEntry.objects.exists()


def test_the_pages_say_as_long_as_a_deleted_entry_is_kept(client, ben, private_entry, monkeypatch):
    # The words come from the rule entries_purge keeps to, not a number of their own.
    monkeypatch.setattr(services, "UNDO_WINDOW", timedelta(days=14))
    client.force_login(ben)
    asked = words(client.get(reverse("journal:entry_delete", args=[private_entry.pk])))
    assert "You can bring it back from your journal for 14 days." in asked
    client.post(reverse("journal:entry_delete", args=[private_entry.pk]))
    listed = words(client.get(reverse("journal:entry_list")))
    assert "You can bring these back for 14 days after deleting them." in listed


def test_a_megabyte_of_text_gets_a_clear_message(client, ben):
    client.force_login(ben)
    response = client.post(reverse("journal:entry_create"), {"body": "a" * 1_000_000})
    assert "Please keep one entry under 20,000 characters" in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_odd_tags_get_a_clear_message(client, ben):
    client.force_login(ben)
    response = client.post(
        reverse("journal:entry_create"), {"body": "Hello", "tags": "ok, <b>bold</b>, semi;colon"}
    )
    page = response.content.decode()
    assert "Tags can use letters, numbers and dashes" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert not JournalEntry.objects.exists()


def test_script_in_the_body_is_never_run(client, ben):
    client.force_login(ben)
    client.post(
        reverse("journal:entry_create"),
        {"body": "<script>alert(1)</script> and <img src=x onerror=alert(1)>"},
    )
    entry = JournalEntry.objects.get()
    prose = (
        client.get(reverse("journal:entry_detail", args=[entry.pk]))
        .content.decode()
        .split('<div class="prose">')[1]
        .split("</div>")[0]
    )
    assert "<script" not in prose and "<img" not in prose
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in prose


def test_previews_are_plain_text_and_moods_are_words(client, ben):
    client.force_login(ben)
    client.post(
        reverse("journal:entry_create"),
        {"body": "**Big** day: a [walk](https://example.org) and\n\n- tea\n- a call", "mood": "4"},
    )
    entry = JournalEntry.objects.get()
    listing = client.get(reverse("journal:entry_list")).content.decode()
    assert "Big day: a walk and tea a call" in listing
    assert "**" not in listing and "](" not in listing
    page = client.get(reverse("journal:entry_detail", args=[entry.pk])).content.decode()
    assert "feeling good" in page
    assert "4 of 5" not in page


def test_an_untitled_entry_is_named_without_a_leading_zero(ben):
    entry = JournalEntry(client=ben, body="x", created_at=timezone.now().replace(day=5))
    assert str(entry).startswith("Entry of 5 ")


def test_the_older_page_of_a_tag_keeps_the_tag(client, ben):
    JournalEntryFactory.create_batch(35, client=ben, tags=" sleep ")
    client.force_login(ben)
    first = client.get(reverse("journal:entry_list"), {"tag": "sleep"}).content.decode()
    assert '<a href="?tag=sleep&amp;page=2">Older</a>' in first
    second = client.get(reverse("journal:entry_list"), {"tag": "sleep", "page": 2})
    assert '<a href="?tag=sleep&amp;page=1">Newer</a>' in second.content.decode()
