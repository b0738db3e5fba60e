from datetime import UTC, datetime

import time_machine
from django.urls import reverse, reverse_lazy

from cairn.care.audit_words import ABOUT, STAFF_PAGES, WORDS
from cairn.core.models import AuditEvent
from cairn.goals.models import GoalChange
from cairn.goals.tests.factories import goal_answers_as_shown
from tests.page import words

AUDIT_LOG = reverse_lazy("care:audit_log")


def test_the_admin_sees_allowed_and_denied_openings(client, ed, ana, ben, dana):
    client.force_login(ana)
    client.get(reverse("home:client_overview", args=[ben.pk]))
    client.force_login(dana)
    client.get(reverse("home:client_overview", args=[ben.pk]))

    client.force_login(ed)
    # The rows, not the filter's pickers (which name everyone in the practice).
    rows = words(client.get(AUDIT_LOG), within="audit-rows")
    assert "Ana Thornbury Read the record Ben Marchetti C-1001 Allowed" in rows
    assert (
        "Dana Okonkwo-Reyes (C-1002) Tried to open the record and was refused "
        "Ben Marchetti C-1001 Refused"
    ) in rows

    denied = words(client.get(AUDIT_LOG, {"outcome": "denied"}), within="audit-rows")
    assert "Dana Okonkwo-Reyes" in denied and "Ana Thornbury" not in denied


def test_it_shows_only_this_practices_events(client, ed, gus):
    client.force_login(gus)
    client.get(reverse("home:home"))
    client.force_login(ed)
    page = client.get(AUDIT_LOG).content.decode()
    assert "Gus Varga" not in page


def test_a_bad_filter_names_the_field(client, ed):
    client.force_login(ed)
    response = client.get(AUDIT_LOG, {"since": "2026-05-02", "until": "2026-05-01"})
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()


def test_the_log_runs_a_constant_number_of_queries(
    client, ed, ana, ben, django_assert_max_num_queries
):
    client.force_login(ana)
    for _ in range(30):
        client.get(reverse("home:client_overview", args=[ben.pk]))
    client.force_login(ed)
    # The two pickers (who acted, whose record) are one query each.
    with django_assert_max_num_queries(13):
        assert client.get(AUDIT_LOG).status_code == 200


def test_the_client_sees_who_opened_their_record(client, ana, ben):
    client.force_login(ana)
    client.get(reverse("home:client_overview", args=[ben.pk]))
    client.force_login(ben)
    client.get(reverse("home:client_overview", args=[ben.pk]))  # his own openings are not listed
    page = client.get(reverse("care:record_access_log")).content.decode()
    assert "Ana Thornbury" in page
    assert page.count("Read your record") == 1


def test_only_admins_see_the_practice_log(client, ana, ben, fay):
    for person in (ana, ben, fay):
        client.force_login(person)
        assert client.get(AUDIT_LOG).status_code == 403


def test_the_log_filters_by_who_acted_whose_record_and_kind(client, ed, ana, ben, cara, dana, goal):
    client.force_login(ana)
    client.get(reverse("home:client_overview", args=[ben.pk]))
    client.get(reverse("goals:goal_detail", args=[goal.pk]))
    client.force_login(cara)
    client.get(reverse("home:client_overview", args=[dana.pk]))
    client.force_login(ed)
    by_kind = client.get(AUDIT_LOG, {"person": ana.pk, "kind": "goal"}).content.decode()
    body = by_kind.split("<tbody>")[1]
    assert "Read the goals" in body and "Read the record" not in body
    # Dana's record: Cara opened it, Ana never did.
    by_client = client.get(AUDIT_LOG, {"client": dana.pk}).content.decode()
    rows = by_client.split("<tbody>")[1]
    assert "Cara Delacourt" in rows and "Ana Thornbury" not in rows


def test_an_unknown_person_in_the_filter_names_the_field(client, ed, gus):
    client.force_login(ed)
    page = client.get(AUDIT_LOG, {"person": gus.pk}).content.decode()
    assert "That person isn&#x27;t in this practice." in page


def csv_rows(response):
    import csv
    import io

    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_log_exports_csv_with_the_filters(client, ed, ana, ben, goal):
    client.force_login(ana)
    client.get(reverse("goals:goal_detail", args=[goal.pk]))
    client.force_login(ed)
    response = client.get(reverse("care:audit_export"), {"kind": "goal"})
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0][:5] == ["when (UTC)", "who", "what", "whose record", "outcome"]
    assert rows[1][1:5] == ["Ana Thornbury", "Read the goals", "Ben Marchetti (C-1001)", "Allowed"]
    assert {row[2] for row in rows[1:]} == {"Read the goals"}


def test_csv_cells_never_run_as_formulas(client, ed, practice, ana):
    from cairn.care.models import Role
    from tests.factories import care, member

    sly = member(
        practice, Role.CLIENT, name='=HYPERLINK("http://x.test")', email="sly@example.test"
    )
    care(ana, sly)
    client.force_login(ana)
    client.get(reverse("home:client_overview", args=[sly.pk]))
    client.force_login(ed)
    rows = csv_rows(client.get(reverse("care:audit_export"), {"client": sly.pk}))
    assert rows[1][3].startswith("'=HYPERLINK")
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_a_bad_filter_exports_nothing_and_says_why(client, ed):
    client.force_login(ed)
    response = client.get(
        reverse("care:audit_export"), {"since": "2026-05-02", "until": "2026-05-01"}
    )
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()


def test_refused_attempts_name_the_client_and_show_in_plain_words(
    client, cara, ben, private_entry, goal
):
    client.force_login(cara)
    assert client.get(reverse("journal:entry_detail", args=[private_entry.pk])).status_code == 404
    assert client.get(reverse("home:client_overview", args=[ben.pk])).status_code == 404
    client.force_login(ben)
    page = client.get(reverse("care:record_access_log")).content.decode()
    assert "Tried to open your journal entry and was refused" in page
    assert "Tried to open your record and was refused" in page
    assert "Cara" in page


def test_plain_verbs_for_what_the_therapist_did(client, ana, ben, goal):
    client.force_login(ana)
    client.get(reverse("progress:checkin_list", args=[ben.pk]))
    client.post(reverse("goals:comment_create", args=[goal.pk]), {"text": "Good week"})
    client.force_login(ben)
    page = client.get(reverse("care:record_access_log")).content.decode()
    assert "Read your check-ins" in page
    assert "Wrote a comment on a goal" in page


def test_the_calendar_app_reading_the_feed_is_shown_as_such(client, ben, calendar_feed):
    client.get(reverse("interop:calendar_feed", args=[calendar_feed.token]))
    client.force_login(ben)
    page = client.get(reverse("care:record_access_log")).content.decode()
    assert "Your calendar app" in page
    assert "Read your calendar feed" in page


def test_the_export_file_is_written_in_utc_a_line_per_event(client, ed, ana, ben, goal, settings):
    # The file a practice keeps: its header, each event's time in UTC whatever the
    # practice's time zone, and every cell as the log says it, byte for byte.
    settings.TIME_ZONE = "Europe/Dublin"
    with time_machine.travel(datetime(2026, 7, 1, 9, 30, 5, tzinfo=UTC), tick=False):
        client.force_login(ana)
        client.get(reverse("goals:goal_detail", args=[goal.pk]))
        client.force_login(ed)
        response = client.get(reverse("care:audit_export"), {"kind": "goal"})
        body = b"".join(response.streaming_content)
    assert response["Content-Disposition"] == 'attachment; filename="cairn-audit-2026-07-01.csv"'
    assert body == (
        b"when (UTC),who,what,whose record,outcome,from,address\r\n"
        b"2026-07-01 09:30:05,Ana Thornbury,Read the goals,Ben Marchetti (C-1001),Allowed,"
        b"127.0.0.1,/goals/" + str(goal.pk).encode() + b"/\r\n"
    )


def test_the_client_is_not_told_when_private_notes_are_written_or_read(
    client, ana, ben, therapy_session
):
    # A therapist's private notes are theirs alone, and so is when they write or
    # reread them: the client sees the session opened, never the note.
    note = reverse("sessions:session_note", args=[therapy_session.pk])
    client.force_login(ana)
    client.post(note, {"text": "Ask about the move next time."})
    client.get(note)
    client.force_login(ben)
    page = words(client.get(reverse("care:record_access_log")), within="main")
    assert "Ana Thornbury Read your sessions" in page
    assert "note" not in page


def test_opening_the_log_is_audited_once_as_its_export_is(client, ed, ana, ben):
    # The log names who opened which client's record: reading it is itself a read the
    # practice must be able to account for, one event per page opened.
    client.force_login(ana)
    client.get(reverse("home:client_overview", args=[ben.pk]))
    client.force_login(ed)
    client.get(AUDIT_LOG)
    client.get(AUDIT_LOG, {"page": 2})
    opened = AuditEvent.objects.filter(actor_id=ed.pk, object_type="audit_log")
    assert [(e.action, e.outcome) for e in opened] == [("read", "allowed")] * 2
    rows = words(client.get(AUDIT_LOG, {"person": ed.pk}), within="audit-rows")
    assert "Ed Pemberton Opened the audit log" in rows


def test_every_kind_the_log_can_be_narrowed_to_is_told_in_words():
    assert [kind for kind, _ in ABOUT if kind not in WORDS and kind not in STAFF_PAGES] == []


def test_a_supporters_look_reads_as_a_look(client, ben, fay, fays_grant):
    client.force_login(fay)
    client.get(reverse("sharing:shared_view", args=[fays_grant.pk]))
    client.force_login(ben)
    page = words(client.get(reverse("care:record_access_log")), within="main")
    assert "Fay Lindqvist" in page
    assert "Looked at what you share with them" in page
    assert "Changed what you share" not in page


def test_a_withdrawn_change_to_a_goal_is_not_called_a_proposal(client, ana, ben, goal):
    client.force_login(ana)
    answers = goal_answers_as_shown(client, goal, title="Walk twice a week")
    client.post(reverse("goals:goal_edit", args=[goal.pk]), answers)
    change = GoalChange.objects.get(goal=goal)
    client.post(reverse("goals:goal_change_withdraw", args=[change.pk]))
    client.force_login(ben)
    page = words(client.get(reverse("care:record_access_log")), within="main")
    assert page.count("Proposed, agreed or withdrew a change to a goal") == 2


def test_a_client_never_learns_the_name_of_another_client_who_tried(client, dana, ben, ed):
    client.force_login(dana)
    assert client.get(reverse("home:client_overview", args=[ben.pk])).status_code == 404
    client.force_login(ben)
    page = words(client.get(reverse("care:record_access_log")), within="main")
    assert "Someone else with an account here (your practice can tell you who)" in page
    assert "Tried to open your record and was refused" in page
    assert dana.display_name not in page
    client.force_login(ed)
    assert dana.display_name in words(client.get(reverse("care:audit_log")), within="main")
