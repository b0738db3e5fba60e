import json
import zipfile
from datetime import date, timedelta
from io import BytesIO

import time_machine
from django.apps import apps
from django.db.models import CASCADE, Model
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import User
from cairn.api.services import api_token_authenticate, api_token_create
from cairn.goals.models import Goal, Vision
from cairn.goals.tests.factories import GoalFactory
from cairn.home.models import CaseloadSummary
from cairn.interop.deletion import (
    CLINICAL_RECORD,
    OWN_SPACE,
    WITH_THE_ACCOUNT,
    account_close,
    records_expire,
)
from cairn.interop.export import export_zip
from cairn.interop.models import AccountClosure, ExportJob, ExportStatus, RetentionPolicy
from cairn.interop.tests.factories import ExportJobFactory, RetentionPolicyFactory
from cairn.journal.models import JournalEntry
from cairn.measures.tests.factories import MeasureAssignmentFactory
from cairn.progress.models import CheckIn, Win
from cairn.progress.tests.factories import (
    CheckInFactory,
    GoalRatingFactory,
    TrackingPauseFactory,
)
from cairn.reminders.models import Notification
from cairn.routines.models import MaintenancePlan, Routine
from cairn.routines.tests.factories import MaintenancePlanFactory
from cairn.safety.tests.factories import RiskFlagFactory
from cairn.sessions.tests.factories import AgendaItemFactory
from cairn.sharing.models import SupportGrant
from tests.page import words


def test_a_deleted_space_is_gone_everywhere(
    client, ben, ana, goal, vision, private_entry, shared_entry, routine, bens_win, fays_grant
):
    _, secret = api_token_create(user=ben, name="Script", scope="read", days=5)
    client.force_login(ben)
    response = client.post(reverse("interop:space_delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert not JournalEntry.objects.filter(client=ben).exists()
    assert not Routine.objects.filter(client=ben).exists()
    assert not Win.objects.filter(client=ben).exists()
    assert not Vision.objects.filter(client=ben).exists()
    assert not SupportGrant.objects.filter(client=ben).exists()
    # The clinical record stays.
    assert Goal.objects.filter(pk=goal.pk).exists()
    # Pages, API and export no longer have any of it.
    assert client.get(reverse("journal:entry_detail", args=[private_entry.pk])).status_code == 404
    assert (
        bens_win.text
        not in client.get(reverse("progress:win_list", args=[ben.pk])).content.decode()
    )
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/wins", headers=headers).json()["count"] == 0
    assert client.get("/api/v1/routines", headers=headers).json()["count"] == 0
    archive = zipfile.ZipFile(BytesIO(export_zip(ben, include_journal=True)))
    everything = "".join(
        archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
    )
    for gone in (private_entry.body, shared_entry.body, routine.name, bens_win.text, vision.values):
        assert gone not in everything
    assert goal.title in everything


def test_nothing_is_deleted_without_the_tick(client, ben, private_entry):
    client.force_login(ben)
    response = client.post(reverse("interop:space_delete"), {})
    assert "tick the box" in " ".join(response.context["form"].errors["confirm"])
    assert JournalEntry.objects.filter(pk=private_entry.pk).exists()


def test_only_the_client_deletes_their_space(client, ana, ben, private_entry):
    client.force_login(ana)
    assert client.post(reverse("interop:space_delete"), {"confirm": "on"}).status_code == 404
    assert JournalEntry.objects.filter(pk=private_entry.pk).exists()


def test_closing_lists_what_is_kept_and_until_when(client, ben, goal, practice):
    RetentionPolicyFactory(practice=practice, years=7)
    client.force_login(ben)
    page = client.get(reverse("interop:account_close")).content.decode()
    until = timezone.localdate().replace(year=timezone.localdate().year + 7)
    assert f"until {until.day} {until:%B %Y}" in page
    assert "1 goal, agreed or not, with its steps, plans, ratings" in page


def test_closing_names_everything_the_practice_keeps(client, ben, goal):
    # "Here is exactly what happens to your record": the goal never agreed, the risk
    # note, the agenda item, the questionnaire asked for and the pause are kept too.
    GoalFactory(client=ben, title="Swim once a week")  # proposed, never agreed
    RiskFlagFactory(client=ben)
    AgendaItemFactory(client=ben)
    MeasureAssignmentFactory(client=ben)
    TrackingPauseFactory(client=ben)
    client.force_login(ben)
    kept = words(client.get(reverse("interop:account_close")), within="kept")
    assert "2 goals, agreed or not" in kept
    assert "1 note for your therapist when something you wrote sounded worrying" in kept
    assert "1 thing you asked to talk about in a session" in kept
    assert "1 questionnaire you were asked to fill in" in kept
    assert "1 pause in tracking" in kept
    assert "0 check-ins" in kept


def test_the_own_space_is_counted_in_plain_plurals(client, ben, routine):
    client.force_login(ben)
    page = words(client.get(reverse("interop:space_delete")), within="main")
    assert "1 routine " in page
    assert "0 maintenance plans" in page
    assert "0 journal entries" in page


def test_deleting_the_own_space_says_what_the_practice_keeps(client, ben):
    client.force_login(ben)
    page = words(client.get(reverse("interop:space_delete")), within="main")
    assert (
        "Your goals, check-ins, sessions and questionnaires are part of the record you share"
        in page
    )


def test_closing_stops_sign_in_and_tokens_and_keeps_the_record(
    client, ben, ana, goal, private_entry
):
    _, secret = api_token_create(user=ben, name="Script", scope="read", days=5)
    client.force_login(ben)
    response = client.post(reverse("interop:account_close"), {"confirm": "on"})
    assert "Your account is closed" in response.content.decode()
    ben.refresh_from_db()
    assert not ben.is_active
    assert api_token_authenticate(secret) is None
    assert client.get(reverse("home:home")).status_code == 302  # signed out
    assert not JournalEntry.objects.filter(client=ben).exists()
    assert Goal.objects.filter(pk=goal.pk).exists()
    closure = AccountClosure.objects.get(client=ben)
    assert closure.keep_until == timezone.localdate().replace(year=timezone.localdate().year + 8)


def test_closing_tells_the_client_their_care_ended_as_it_did(
    ben, ana, django_capture_on_commit_callbacks
):
    # Their own space is gone: "everything you wrote is still yours" would be untrue.
    with (
        time_machine.travel(date(2026, 3, 1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        account_close(client=ben, by=ben)
    assert Notification.objects.get(user=ben, kind="care_ended").message == (
        "Your work with Ana Thornbury ended when you closed your account. Your own space "
        "is deleted; your practice keeps your clinical record until 1 March 2034, then "
        "removes it"
    )


def test_the_admin_sees_pending_closures(client, ed, ben, ana):
    account_close(client=ben, by=ben)
    client.force_login(ed)
    page = client.get(reverse("interop:records_admin")).content.decode()
    assert ben.display_name in page
    client.force_login(ana)
    assert client.get(reverse("interop:records_admin")).status_code == 403


def test_the_admin_sets_the_retention_period(client, ed, practice):
    client.force_login(ed)
    client.post(reverse("interop:records_admin"), {"years": "10", "version": "1"})
    assert RetentionPolicy.objects.get(practice=practice).years == 10
    response = client.post(reverse("interop:records_admin"), {"years": "0", "version": "2"})
    assert "at least a year" in " ".join(response.context["form"].errors["years"])
    assert RetentionPolicy.objects.get(practice=practice).years == 10


def test_the_record_is_removed_when_retention_ends_and_not_before(
    ben, ana, goal, milestone, plan, therapy_session, agenda_item, measure_response, practice
):
    RetentionPolicyFactory(practice=practice, years=1)
    checkin = CheckInFactory(client=ben, date=timezone.localdate())
    GoalRatingFactory(checkin=checkin, goal=goal, rating=4)
    with time_machine.travel(date(2026, 3, 1), tick=False):
        account_close(client=ben, by=ben)
    closure = AccountClosure.objects.get(client=ben)
    assert closure.keep_until == date(2027, 3, 1)
    with time_machine.travel(date(2027, 2, 28), tick=False):
        assert records_expire() == 0
    assert User.objects.filter(pk=ben.pk).exists()
    assert Goal.objects.filter(pk=goal.pk).exists()
    with time_machine.travel(date(2027, 3, 1), tick=False):
        assert records_expire() == 1
    assert not User.objects.filter(pk=ben.pk).exists()
    assert not Goal.objects.filter(client_id=ben.pk).exists()
    assert not CheckIn.objects.filter(client_id=ben.pk).exists()
    # Ana, her other work and the practice stay.
    assert User.objects.filter(pk=ana.pk).exists()
    from cairn.core.models import AuditEvent

    assert AuditEvent.objects.filter(client_id=ben.pk, object_type="record_removed").exists()


def test_the_worker_task_runs_it(ben, practice):
    from cairn.interop.tasks import records_expire_task

    RetentionPolicyFactory(practice=practice, years=1)
    with time_machine.travel(date(2026, 3, 1), tick=False):
        account_close(client=ben, by=ben)
    with time_machine.travel(date(2027, 3, 2), tick=False):
        records_expire_task.enqueue()
    assert not User.objects.filter(pk=ben.pk).exists()


def test_json_export_after_space_delete_has_no_wins(ben, bens_win):
    from cairn.interop.deletion import space_delete

    space_delete(client=ben, by=ben)
    archive = zipfile.ZipFile(BytesIO(export_zip(ben)))
    assert json.loads(archive.read("api/wins.json"))["count"] == 0


def test_the_page_counts_the_maintenance_plan_it_deletes(client, ben):
    # Deleting the space takes the maintenance plan with it, so the page must say so.
    MaintenancePlanFactory(client=ben, coping="A walk by the canal")
    client.force_login(ben)
    page = client.get(reverse("interop:space_delete")).content.decode()
    assert "1 maintenance plan" in page
    client.post(reverse("interop:space_delete"), {"confirm": "on"})
    assert not MaintenancePlan.objects.filter(client=ben).exists()


def test_a_download_waiting_to_be_taken_goes_with_the_space(client, ben, private_entry):
    # "Deleting them happens at once, everywhere: … in any download": a prepared
    # file that still holds the journal must not outlive it.
    job = ExportJobFactory(
        client=ben,
        status=ExportStatus.DONE,
        content=export_zip(ben, include_journal=True),
        expires_at=timezone.now() + timedelta(hours=20),
    )
    client.force_login(ben)
    client.post(reverse("interop:space_delete"), {"confirm": "on"})
    assert not ExportJob.objects.filter(pk=job.pk).exists()


def _client_fk(model: type[Model]) -> bool:
    field = next((f for f in model._meta.fields if f.name == "client"), None)
    return field is not None and field.related_model is User


def _covered(model: type[Model], listed: set[type[Model]]) -> bool:
    """Listed, or goes with a listed model (a journal entry's versions, a routine's log)."""
    return model in listed or any(
        f.related_model in listed and f.remote_field.on_delete is CASCADE
        for f in model._meta.fields
        if f.is_relation and f.name != "client"
    )


def test_every_model_holding_a_clients_data_is_placed():
    # A model added later with a client on it fails here until deletion.py says
    # whether it is the client's own space, the practice's record, or the account's.
    listed = {part.model for part in OWN_SPACE + CLINICAL_RECORD} | set(WITH_THE_ACCOUNT)
    listed.add(CaseloadSummary)  # home's summary of the record; follows the client (home.receivers)
    unplaced = [
        m._meta.label for m in apps.get_models() if _client_fk(m) and not _covered(m, listed)
    ]
    assert unplaced == []
