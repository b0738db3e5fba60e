"""Risk in what a client writes: the check-in, journal entries, the agenda, comments.
The client sees support at once; the treating therapist gets a flag, the bell and an
e-mail when they may read the text; a private journal entry tells nobody."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cairn.care.models import Role
from cairn.core.conflicts import ConflictError
from cairn.core.models import AuditEvent
from cairn.journal.models import JournalEntry
from cairn.progress.models import CheckIn
from cairn.progress.tests.factories import CheckInFactory
from cairn.reminders.models import Notification
from cairn.safety.models import RiskFlag
from cairn.safety.services import risk_flag_review
from cairn.safety.tests.factories import RiskFlagFactory
from tests.factories import care, member
from tests.page import words

RISKY = "I don't see the point any more. I've been thinking about ending it all."


def nothing_told():
    return (
        not RiskFlag.objects.exists()
        and not Notification.objects.filter(kind="risk").exists()
        and mail.outbox == []
    )


def panel_shown(response) -> bool:
    return 'id="support-now"' in response.content.decode()


@pytest.fixture
def as_ben(client, ben):
    client.force_login(ben)
    return client


def checkin(as_ben, **answers):
    data = {"date": timezone.localdate().isoformat(), "note": "", **answers}
    return as_ben.post(reverse("progress:checkin"), data, follow=True)


# The check-in --------------------------------------------------------------------


def test_words_of_risk_in_a_check_in_raise_a_flag_and_show_support(as_ben, ana, ben):
    response = checkin(as_ben, mood="1", note=RISKY)
    assert panel_shown(response)
    assert "Your check-in is saved" in response.content.decode()
    saved = CheckIn.objects.get(client=ben)
    assert saved.note == RISKY  # nothing lost of what they wrote
    flag = RiskFlag.objects.get(client=ben)
    assert flag.source_id == str(saved.pk)
    assert flag.reason == (
        "Mood \u201cVery low\u201d in a check-in. "
        "Words of risk in a check-in: \u201cend it all\u201d"
    )
    assert "thinking about ending it all" in flag.excerpt
    assert Notification.objects.get(user=ana, kind="risk").link == reverse(
        "safety:flag_review", args=[flag.pk]
    )
    assert [m.to for m in mail.outbox] == [[ana.email]]


def test_the_lowest_mood_alone_raises_a_flag(as_ben, ana, ben):
    assert panel_shown(checkin(as_ben, mood="1"))
    assert RiskFlag.objects.get(client=ben).reason == "Mood \u201cVery low\u201d in a check-in"


def test_an_ordinary_check_in_tells_nobody(as_ben, ana):
    response = checkin(as_ben, mood="2", note="A long day, but I walked.")
    assert not panel_shown(response)
    assert "Thank you for checking in" in response.content.decode()
    assert nothing_told()


def test_changing_only_a_rating_does_not_tell_the_therapist_again(as_ben, ana, ben, goal):
    checkin(as_ben, mood="1", note=RISKY)
    flag = RiskFlag.objects.get()
    flag.reviewed_by, flag.reviewed_at, flag.action = ana, timezone.now(), "called"
    flag.save()
    version = CheckIn.objects.get().version
    checkin(as_ben, mood="1", note=RISKY, version=str(version), **{f"rating_{goal.pk}": "4"})
    assert RiskFlag.objects.count() == 1 and len(mail.outbox) == 1


def test_new_words_of_risk_after_a_review_raise_a_new_flag(as_ben, ana, ben):
    checkin(as_ben, mood="1", note=RISKY)
    first = RiskFlag.objects.get()
    first.reviewed_by, first.reviewed_at, first.action = ana, timezone.now(), "called"
    first.save()
    version = CheckIn.objects.get().version
    checkin(as_ben, mood="1", note="Worse tonight. I want to die.", version=str(version))
    first.refresh_from_db()
    assert first.action == "called" and "end it all" in first.reason  # the review stands
    again = RiskFlag.objects.get(reviewed_at__isnull=True)
    assert "want to die" in again.reason
    assert len(mail.outbox) == 2


# The journal ---------------------------------------------------------------------


def test_a_private_entry_shows_support_and_tells_nobody(as_ben, ana, ben):
    response = as_ben.post(
        reverse("journal:entry_create"), {"title": "Tonight", "body": RISKY}, follow=True
    )
    assert panel_shown(response)
    assert JournalEntry.objects.get(client=ben).body == RISKY
    assert nothing_told()


def test_sharing_an_entry_with_words_of_risk_raises_a_flag(as_ben, ana, ben):
    as_ben.post(reverse("journal:entry_create"), {"title": "Tonight", "body": RISKY})
    entry = JournalEntry.objects.get(client=ben)
    response = as_ben.post(
        reverse("journal:entry_share", args=[entry.pk]), {"share": "1"}, follow=True
    )
    assert panel_shown(response)
    flag = RiskFlag.objects.get(client=ben)
    assert flag.reason == "Words of risk in a journal entry shared with you: \u201cend it all\u201d"
    assert len(mail.outbox) == 1


def test_writing_words_of_risk_into_a_shared_entry_raises_a_flag(as_ben, ana, shared_entry):
    as_ben.post(
        reverse("journal:entry_edit", args=[shared_entry.pk]),
        {"title": shared_entry.title, "body": RISKY, "version": shared_entry.version},
    )
    assert RiskFlag.objects.get().source_id == str(shared_entry.pk)


# The agenda and comments -----------------------------------------------------------


def test_an_agenda_item_with_words_of_risk(as_ben, ana, ben):
    response = as_ben.post(
        reverse("sessions:agenda_create"), {"text": "I can't go on like this"}, follow=True
    )
    assert panel_shown(response)
    assert "can't go on" in RiskFlag.objects.get(client=ben).reason


def test_a_comment_by_the_client(as_ben, ana, ben, goal):
    response = as_ben.post(
        reverse("goals:comment_create", args=[goal.pk]),
        {"text": "I want to kill myself"},
        follow=True,
    )
    assert panel_shown(response)
    assert RiskFlag.objects.get(client=ben).reason == (
        "Words of risk in a comment on a goal: \u201ckill myself\u201d"
    )


def test_a_therapists_comment_is_not_a_sign_of_risk(client, ana, ben, goal):
    client.force_login(ana)
    response = client.post(
        reverse("goals:comment_create", args=[goal.pk]),
        {"text": "Let's talk about the self-harm plan"},
        follow=True,
    )
    assert not panel_shown(response)
    assert nothing_told()


def test_the_honest_line_is_where_the_client_writes(as_ben, goal, shared_entry):
    for path in [
        reverse("progress:checkin"),
        reverse("sessions:agenda_create"),
        reverse("goals:goal_detail", args=[goal.pk]),
        reverse("journal:entry_detail", args=[shared_entry.pk]),
    ]:
        page = as_ben.get(path).content.decode()
        assert "before your sessions; nobody watches them as they arrive" in page, path
        assert 'href="tel:999"' in page, path


# The caseload and the review ---------------------------------------------------------


def test_the_flagged_client_comes_first_on_the_caseload(client, ana, ben, practice):
    for n in range(3):
        care(ana, member(practice, Role.CLIENT, email=f"a{n}@example.test", name=f"Aaron {n}"))
    client.force_login(ben)
    checkin(client, mood="3", note=RISKY)
    client.force_login(ana)
    page = client.get(reverse("home:home")).content.decode()
    cards = page.split('class="card caseload__row"')[1:]
    assert 'data-attention="risk"' in cards[0] and "Ben Marchetti" in cards[0]
    assert "May need your attention now" in cards[0]
    assert "thinking about ending it all" in cards[0]
    assert all('data-attention="risk"' not in card for card in cards[1:])


def test_the_caseload_with_flags_runs_constant_queries(client, ana, practice):
    def add(count: int, batch: str) -> None:
        for n in range(count):
            person = member(
                practice, Role.CLIENT, email=f"{batch}{n}@example.test", name=f"{batch} {n}"
            )
            care(ana, person)
            made = CheckInFactory(client=person, date=timezone.localdate(), mood=1)
            RiskFlagFactory(
                client=person,
                source_kind="progress.checkin",
                source_id=str(made.pk),
                reason="Mood \u201cVery low\u201d in a check-in",
                raised_at=timezone.now() - timedelta(minutes=n),
            )

    client.force_login(ana)
    add(2, "few")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home:home"))
    add(40, "many")
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("home:home")).content.decode()
    assert page.count('data-attention="risk"') == 42
    assert len(many) == len(few)


def test_the_review_records_what_was_done_and_clears_the_flag(client, ana, ben):
    client.force_login(ben)
    checkin(client, mood="1", note=RISKY)
    flag = RiskFlag.objects.get()
    client.force_login(ana)
    page = client.get(reverse("safety:flag_review", args=[flag.pk])).content.decode()
    assert "thinking about ending it all" in page
    response = client.post(
        reverse("safety:flag_review", args=[flag.pk]),
        {"action": "called", "note": "Spoke at 5pm; safe tonight."},
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert not flag.is_open and flag.reviewed_by == ana and flag.action == "called"
    assert flag.note == "Spoke at 5pm; safe tonight."
    assert 'data-attention="risk"' not in client.get(reverse("home:home")).content.decode()
    # Kept in the record, and audited.
    overview = client.get(reverse("home:client_overview", args=[ben.pk])).content.decode()
    assert "called the client, by Ana Thornbury" in overview
    assert AuditEvent.objects.filter(
        actor_id=ana.pk, action="write", object_type="risk_flag", object_id=str(flag.pk)
    ).exists()


def test_a_review_without_what_was_done_saves_nothing(client, ana, ben):
    client.force_login(ben)
    checkin(client, mood="1")
    flag = RiskFlag.objects.get()
    client.force_login(ana)
    page = client.post(
        reverse("safety:flag_review", args=[flag.pk]), {"note": "?"}
    ).content.decode()
    assert "Choose what you did" in page
    flag.refresh_from_db()
    assert flag.is_open


def test_a_second_review_is_refused(client, ana, ben):
    client.force_login(ben)
    checkin(client, mood="1")
    flag = RiskFlag.objects.get()
    client.force_login(ana)
    client.post(reverse("safety:flag_review", args=[flag.pk]), {"action": "called"})
    # From a page left open in another tab: told, not silently shown the page again.
    again = client.post(
        reverse("safety:flag_review", args=[flag.pk]), {"action": "not_a_concern"}, follow=True
    )
    assert "This flag was reviewed a moment ago" in words(again, within="main")
    assert "Called the client: recorded by Ana Thornbury" in words(again, within="main")
    flag.refresh_from_db()
    assert flag.action == "called"


def test_two_reviews_at_once_keep_the_first(client, ana, ben):
    # Two tabs both showed the flag open; the second save is refused under the lock.
    client.force_login(ben)
    checkin(client, mood="1")
    flag = RiskFlag.objects.get()
    also_open = RiskFlag.objects.get(pk=flag.pk)
    risk_flag_review(flag=flag, by=ana, action="called", note="Spoke at 5pm.")
    with pytest.raises(ConflictError):
        risk_flag_review(flag=also_open, by=ana, action="not_a_concern", note="")
    flag.refresh_from_db()
    assert (flag.action, flag.note) == ("called", "Spoke at 5pm.")


def test_only_the_treating_therapist_reviews(client, ana, ben, cara, ed):
    client.force_login(ben)
    checkin(client, mood="1")
    flag = RiskFlag.objects.get()
    assert client.get(reverse("safety:flag_review", args=[flag.pk])).status_code == 403
    for stranger in (cara, ed):
        client.force_login(stranger)
        review = client.post(reverse("safety:flag_review", args=[flag.pk]), {"action": "called"})
        assert review.status_code == 404
    flag.refresh_from_db()
    assert flag.is_open


def test_a_co_therapist_who_is_told_can_read_the_flag_but_not_review_it(client, ana, ben, cara):
    # Cara works on Ben's goals with Ana but does not treat him (no sessions, no reviews).
    co = care(cara, ben)
    co.may_treat = False
    co.save()
    client.force_login(ben)
    checkin(client, mood="1", note=RISKY)
    flag = RiskFlag.objects.get()
    told = Notification.objects.get(user=cara, kind="risk")

    client.force_login(cara)
    page = client.get(told.link)
    # The bell's link opens the flag she was told of, not a refusal.
    assert page.status_code == 200
    assert "thinking about ending it all" in words(page, within="main")
    assert "Record the review" not in words(page, within="main")
    review = client.post(told.link, {"action": "called"})
    assert review.status_code == 403
    flag.refresh_from_db()
    assert flag.is_open
