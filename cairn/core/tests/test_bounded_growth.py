"""Nothing grows without bound: one audit event per list view, pruning, pages."""

import re
from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from cairn.core.models import AuditEvent, OnceKey
from cairn.core.tasks import prune
from cairn.core.tests.factories import OnceKeyFactory
from cairn.journal.models import JournalEntry
from cairn.progress.models import Win
from tests.factories import care, member


def test_a_caseload_view_is_one_audit_event_naming_every_client_listed(client, ana, ben, practice):
    others = [
        member(practice, "client", email=f"c{n}@example.test", name=f"C {n}") for n in range(4)
    ]
    for other in others:
        care(ana, other)
    client.force_login(ana)
    before = AuditEvent.objects.count()
    assert client.get(reverse("home:home")).status_code == 200
    events = list(AuditEvent.objects.order_by("-at")[: AuditEvent.objects.count() - before])
    caseload = [e for e in events if e.object_type == "caseload"]
    assert len(caseload) == 1
    assert set(caseload[0].client_ids.split()) == {str(p.pk) for p in [ben, *others]}
    # Each client still sees that their name was on the therapist's list.
    client.force_login(ben)
    page = client.get(reverse("care:record_access_log")).content.decode()
    assert "Ana Thornbury" in page


def test_pruning_removes_old_task_results_expired_sessions_and_used_keys(db, ben):
    old = timezone.now() - timedelta(days=8)
    for status, finished in (("SUCCESSFUL", old), ("FAILED", old), ("SUCCESSFUL", timezone.now())):
        DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="cairn.core.tasks.prune",
            backend_name="default",
            run_after=get_date_max(),
            status=status,
            finished_at=finished,
        )
    waiting = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="cairn.core.tasks.prune",
        backend_name="default",
        run_after=get_date_max(),
    )
    expired, live = SessionStore(), SessionStore()
    expired.set_expiry(-60)
    expired.create()
    live.create()
    stale_key = OnceKeyFactory(user_id=ben.pk)
    OnceKey.objects.filter(pk=stale_key.pk).update(created_at=timezone.now() - timedelta(days=3))

    counts = prune.call()

    assert counts["task results"] == 2
    assert DBTaskResult.objects.count() == 2 and DBTaskResult.objects.filter(pk=waiting.pk).exists()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert not OnceKey.objects.exists()


def test_the_journal_and_wins_come_a_page_at_a_time(client, ben):
    JournalEntry.objects.bulk_create(
        JournalEntry(client=ben, title=f"Day {n}", body="A line") for n in range(75)
    )
    Win.objects.bulk_create(
        Win(client=ben, text=f"Win {n}", happened_on=timezone.localdate()) for n in range(75)
    )
    client.force_login(ben)
    journal = client.get(reverse("journal:entry_list")).content.decode()
    assert len(re.findall(r'<a href="/journal/[0-9a-f-]{36}/">', journal)) == 30
    assert "Page 1 of 3" in journal
    last = client.get(reverse("journal:entry_list"), {"page": 3}).content.decode()
    assert len(re.findall(r'<a href="/journal/[0-9a-f-]{36}/">', last)) == 15
    wins = client.get(reverse("progress:win_list", args=[ben.pk])).content.decode()
    assert wins.count('class="card win"') == 30 and "Page 1 of 3" in wins
    # A page past the end shows the last one, never an error.
    assert client.get(reverse("journal:entry_list"), {"page": 99}).status_code == 200
