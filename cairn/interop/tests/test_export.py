import csv
import io
import json
import zipfile
from io import BytesIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from cairn.interop import services
from cairn.interop.models import ExportJob, ExportKind
from cairn.progress.tests.factories import CheckInFactory, GoalRatingFactory, WinFactory
from cairn.sessions.tests.factories import SessionNoteFactory
from tests.page import words


def download_everything(client, ben):
    client.force_login(ben)
    response = client.post(reverse("interop:export_everything"))
    job = ExportJob.objects.get(requested_by=ben)
    assert response.url == reverse("interop:export_status", args=[job.pk])
    return job, client.get(reverse("interop:export_download", args=[job.pk]))


def read_csv(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_the_zip_opens_and_reads_without_cairn(
    client, ben, ana, goal, milestone, private_entry, therapy_session
):
    checkin = CheckInFactory(client=ben, date=timezone.localdate(), note="=HYPERLINK(1)")
    GoalRatingFactory(checkin=checkin, goal=goal, rating=5)
    WinFactory(client=ben, text="+44 called back", happened_on=timezone.localdate())
    SessionNoteFactory(session=therapy_session, author=ana, text="Ana's own thoughts")
    _, response = download_everything(client, ben)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(BytesIO(response.content))
    names = set(archive.namelist())
    assert {
        "record.html",
        "README.txt",
        "fhir-bundle.json",
        "csv/goals.csv",
        "csv/checkins.csv",
        "api/goals.json",
        "api/routines.json",
    } <= names
    html = archive.read("record.html").decode()
    assert goal.title in html
    assert milestone.title in html
    assert private_entry.body in html  # the client's own copy has their journal
    assert "Ana's own thoughts" not in "".join(
        archive.read(n).decode("utf-8", "replace") for n in names
    )
    goals = read_csv(archive, "csv/goals.csv")
    assert goals[0]["title"] == goal.title
    # Cells a spreadsheet would run are kept as text.
    assert read_csv(archive, "csv/checkins.csv")[0]["note"] == "'=HYPERLINK(1)"
    assert read_csv(archive, "csv/wins.csv")[0]["win"] == "'+44 called back"
    assert (
        json.loads(archive.read("api/goals.json"))["items"][0]["milestones"][0]["title"]
        == milestone.title
    )
    Bundle.model_validate(json.loads(archive.read("fhir-bundle.json")))


def test_a_plan_written_in_full_reads_as_one_sentence_in_the_copy(client, ben, plan):
    # Ben wrote the words the form's labels already say ("If…", "then I will…").
    plan.if_cue, plan.then_action = "If I wake at four,", "then I will read for ten minutes."
    plan.save()
    _, response = download_everything(client, ben)
    html = zipfile.ZipFile(BytesIO(response.content)).read("record.html").decode()
    assert "<li>If I wake at four, then I will read for ten minutes.</li>" in html


def test_the_link_works_once_for_that_person_only(client, ben, ana, goal):
    job, first = download_everything(client, ben)
    assert first.status_code == 200
    assert client.get(reverse("interop:export_download", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.content is None  # the file is gone once taken


def test_nobody_else_may_take_it(client, ben, ana):
    from cairn.interop.services import export_request

    job = export_request(client=ben, by=ben, kind="zip")
    client.force_login(ana)
    assert client.get(reverse("interop:export_status", args=[job.pk])).status_code == 404
    assert client.get(reverse("interop:export_download", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.downloaded_at is None


def test_the_link_lasts_a_day(client, ben):
    import time_machine

    from cairn.interop.services import export_request

    job = export_request(client=ben, by=ben, kind="zip")
    client.force_login(ben)
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=25)):
        client.force_login(ben)
        assert client.get(reverse("interop:export_download", args=[job.pk])).status_code == 404


def test_the_status_page_offers_the_file_only_while_it_waits(client, ben):
    import time_machine

    from cairn.interop.services import export_request

    job = export_request(client=ben, by=ben, kind="zip")
    status = reverse("interop:export_status", args=[job.pk])
    client.force_login(ben)
    assert "Ready. The link works once" in words(client.get(status), within="export-status")
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=25)):
        client.force_login(ben)
        assert "it is gone" in words(client.get(status), within="export-status")
    client.get(reverse("interop:export_download", args=[job.pk]))
    assert "it is gone" in words(client.get(status), within="export-status")


def test_asking_twice_while_it_runs_gives_the_same_job(ben, settings):
    from cairn.interop.services import export_request

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    first = export_request(client=ben, by=ben, kind="zip")
    second = export_request(client=ben, by=ben, kind="zip")
    assert first.pk == second.pk
    assert ExportJob.objects.count() == 1


def test_the_status_page_shows_progress(client, ben, settings):
    from cairn.interop.services import export_request

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = export_request(client=ben, by=ben, kind="zip")
    ExportJob.objects.filter(pk=job.pk).update(
        status="running", progress=45, step="Writing the tables"
    )
    client.force_login(ben)
    page = client.get(reverse("interop:export_status", args=[job.pk])).content.decode()
    assert "45%" in page
    assert 'http-equiv="refresh"' in page


def test_only_a_client_downloads_everything(client, ana):
    client.force_login(ana)
    assert client.post(reverse("interop:export_everything")).status_code == 404
    assert not ExportJob.objects.exists()


def test_export_record_zip_from_the_shell(ben, goal, tmp_path):
    out = tmp_path / "record.zip"
    call_command("export_record", ben.email, "--format", "zip", "--output", str(out))
    archive = zipfile.ZipFile(out)
    assert goal.title in archive.read("record.html").decode()


def test_the_wins_are_the_wins_pages_logged_wins_and_steps_reached(client, ben, milestone):
    from cairn.goals.services.milestones import milestone_complete

    WinFactory(client=ben, text="Walked to the park", happened_on=timezone.localdate())
    milestone_complete(milestone=milestone, by=ben)
    _, response = download_everything(client, ben)
    archive = zipfile.ZipFile(BytesIO(response.content))
    wins = {(row["win"], row["kind"]) for row in read_csv(archive, "csv/wins.csv")}
    assert wins == {("Walked to the park", "logged"), (milestone.title, "milestone")}
    listed = json.loads(archive.read("api/wins.json"))["items"]
    assert {(w["text"], w["kind"]) for w in listed} == wins


def test_a_copy_made_for_anyone_but_the_client_leaves_the_journal_out(
    ben, ana, private_entry, shared_entry
):
    # No page lets a therapist ask for the whole record as a file today; if one ever
    # does, the journal stays the client's (access.may_export_journal), shared entries too.
    job = services.export_request(client=ben, by=ana, kind=ExportKind.ZIP)
    _, content = services.export_take(job_id=job.pk, by=ana)
    archive = zipfile.ZipFile(BytesIO(content))
    everything = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    assert not [name for name in archive.namelist() if "journal" in name]
    assert private_entry.body not in everything
    assert shared_entry.body not in everything
