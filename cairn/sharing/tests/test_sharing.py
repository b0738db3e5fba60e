"""What a supporter may and may not see, checked on the pages they can reach."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from cairn.accounts.models import User
from cairn.core.models import AuditEvent
from cairn.goals.tests.factories import MilestoneFactory
from cairn.progress.tests.factories import CheckInFactory, WinFactory
from cairn.safety.tests.factories import SafetyPlanFactory
from cairn.sharing.models import Cheer, SupportGrant
from cairn.sharing.tests.factories import SupportGrantFactory
from tests.factories import UserFactory, goal_for
from tests.page import headings, words

INVITE = reverse_lazy("sharing:invite_create")


def shared_page(grant) -> str:
    """What a supporter opens: the part of the record the grant shares."""
    return reverse("sharing:shared_view", args=[grant.pk])


@pytest.fixture
def hidden_goal(ben, ana):
    return goal_for(ben, by=ben, agreed_by=ana, title="Quietly rebuild trust with Dad")


@pytest.fixture
def rich_record(
    ben,
    ana,
    goal,
    hidden_goal,
    barrier,
    plan,
    milestone,
    private_entry,
    shared_entry,
    therapy_session,
    bens_win,
):
    from cairn.goals.services.milestones import milestone_complete
    from cairn.sessions.services import note_save, summary_save

    milestone_complete(milestone=milestone, by=ben)
    MilestoneFactory(goal=goal, title="Swim a whole length", position=2)  # not reached yet
    CheckInFactory(client=ben, date=timezone.localdate(), note="Check-in note: felt wobbly")
    note_save(session=therapy_session, author=ana, text="Therapist note: grief work", version=None)
    summary_save(
        session=therapy_session, by=ana, summary="Summary: talked about Dad", homework="", version=1
    )
    return ben


# (text, may Fay see it?)
VISIBILITY = [
    ("Walk round the park three times a week", True),  # the shared goal's title
    ("Walk once this week", True),  # a milestone reached on it
    ("Swim a whole length", False),  # a milestone on it not reached yet
    ("Went to the pool", True),  # a win (all wins are shared)
    ("Quietly rebuild trust with Dad", False),  # a goal not shared
    ("Twenty minutes after work", False),  # the shared goal's description
    ("I want the energy to enjoy weekends", False),  # why it matters
    ("Rainy evenings after a long day", False),  # a barrier
    ("walk round the shopping centre", False),  # an if-then plan
    ("Slept badly", False),  # a private journal entry
    ("The walk on Sunday", False),  # an entry shared with the therapist only
    ("Check-in note", False),  # a check-in note
    ("Therapist note", False),  # a private session note
    ("Summary: talked about Dad", False),  # a session summary
]


@pytest.mark.parametrize(("text", "visible"), VISIBILITY)
def test_what_fay_sees_anywhere_she_can_reach(client, fay, fays_grant, rich_record, text, visible):
    client.force_login(fay)
    pages = ["/", shared_page(fays_grant)]
    seen = " ".join(client.get(page).content.decode() for page in pages)
    assert (text in seen) is visible


def test_fays_views_are_audited_and_ben_sees_them(client, fay, ben, fays_grant):
    client.force_login(fay)
    client.get(shared_page(fays_grant))
    assert AuditEvent.objects.filter(
        actor_id=fay.pk, client_id=ben.pk, object_type="shared_view"
    ).exists()
    client.force_login(ben)
    assert "Fay Lindqvist" in client.get(reverse("care:record_access_log")).content.decode()
    assert "Not yet" not in client.get(reverse("sharing:grant_list")).content.decode()


def test_revoking_takes_effect_on_the_next_request(client, fay, ben, fays_grant):
    client.force_login(fay)
    assert client.get(shared_page(fays_grant)).status_code == 200
    client.force_login(ben)
    client.post(reverse("sharing:grant_revoke", args=[fays_grant.pk]))
    client.force_login(fay)
    assert client.get(shared_page(fays_grant)).status_code == 404
    assert (
        client.get(
            reverse("sharing:shared_goal_chart", args=[fays_grant.pk, fays_grant.goals.first().pk])
        ).status_code
        == 404
    )


def test_the_chart_of_a_goal_not_shared_is_not_found(client, fay, fays_grant, hidden_goal):
    client.force_login(fay)
    chart = "sharing:shared_goal_chart"
    shared = fays_grant.goals.get()
    assert client.get(reverse(chart, args=[fays_grant.pk, shared.pk])).status_code == 200
    assert client.get(reverse(chart, args=[fays_grant.pk, hidden_goal.pk])).status_code == 404


def who_opened_bens_record(client, ben) -> str:
    client.force_login(ben)
    return words(client.get(reverse("care:record_access_log")), within="audit-rows")


def test_ben_reads_that_fay_tried_to_open_the_chart_of_a_goal_not_shared(
    client, fay, ben, fays_grant, hidden_goal
):
    client.force_login(fay)
    chart = reverse("sharing:shared_goal_chart", args=[fays_grant.pk, hidden_goal.pk])
    assert client.get(chart).status_code == 404
    assert "Fay Lindqvist Tried to open your goals and was refused" in who_opened_bens_record(
        client, ben
    )


def test_ben_reads_that_fay_tried_to_cheer_on_a_goal_not_shared(
    client, fay, ben, fays_grant, hidden_goal
):
    client.force_login(fay)
    cheer = reverse("sharing:cheer_create", args=[fays_grant.pk])
    target = f"goal:{hidden_goal.pk.hex}"
    assert client.post(cheer, {"text": "Hi", "target": target}).status_code == 404
    assert "Fay Lindqvist Tried to open your goals and was refused" in who_opened_bens_record(
        client, ben
    )


def test_ben_reads_that_another_client_tried_to_hide_a_cheer_sent_to_him(client, ben, dana, cheer):
    # Dana is a client too: Ben reads that someone tried, never that Dana is a client.
    client.force_login(dana)
    assert client.post(reverse("sharing:cheer_hide", args=[cheer.pk])).status_code == 404
    seen = who_opened_bens_record(client, ben)
    assert (
        "Someone else with an account here (your practice can tell you who) "
        "Tried to change your cheers and was refused" in seen
    )
    assert "Dana" not in seen
    client.force_login(ben)
    assert "So proud of you!" in words(client.get(reverse("home:home")))


def test_a_grant_ends_on_its_end_date(client, fay, fays_grant):
    fays_grant.ends_on = timezone.localdate() + timedelta(days=3)
    fays_grant.save()
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        client.force_login(fay)
        assert client.get(shared_page(fays_grant)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=4, hours=1)):
        client.force_login(fay)
        assert client.get(shared_page(fays_grant)).status_code == 404


def test_a_cheer_reaches_the_client_who_can_hide_it(client, fay, ben, fays_grant, goal):
    client.force_login(fay)
    client.post(
        reverse("sharing:cheer_create", args=[fays_grant.pk]),
        {"text": "Keep going, you've got this!", "target": f"goal:{goal.pk.hex}"},
    )
    client.force_login(ben)
    assert "Keep going, you&#x27;ve got this!" in client.get(reverse("home:home")).content.decode()
    cheer = Cheer.objects.get()
    client.post(reverse("sharing:cheer_hide", args=[cheer.pk]))
    assert "Keep going" not in client.get(reverse("home:home")).content.decode()


def test_the_cheer_box_stops_at_the_limit_the_server_keeps(client, fay, fays_grant):
    client.force_login(fay)
    page = client.get(shared_page(fays_grant)).content.decode()
    assert 'name="text" rows="2" maxlength="280"' in page


def test_each_cheer_box_on_fays_page_reaches_what_it_is_about(
    client, fay, fays_grant, goal, bens_win, milestone
):
    # Fay follows the goal and all Ben's wins; Ben shared the step he reached on its own.
    milestone.done_at = timezone.now()
    milestone.save()
    fays_grant.milestones.add(milestone)
    client.force_login(fay)
    targets = re.findall(
        r'name="target" value="([^"]+)"', client.get(shared_page(fays_grant)).content.decode()
    )
    assert len(targets) == 3
    for target in targets:
        response = client.post(
            reverse("sharing:cheer_create", args=[fays_grant.pk]),
            {"text": "Go Ben", "target": target},
        )
        assert response.status_code == 302
    cheered = {(c.goal, c.win, c.milestone) for c in Cheer.objects.all()}
    assert cheered == {(goal, None, None), (None, bens_win, None), (None, None, milestone)}


def test_a_cheer_on_something_not_shared_is_refused(
    client, fay, ben, fays_grant, hidden_goal, bens_win
):
    fays_grant.all_wins = False  # and no win chosen one by one
    fays_grant.save()
    client.force_login(fay)
    for target in (f"goal:{hidden_goal.pk.hex}", f"win:{bens_win.pk.hex}"):
        response = client.post(
            reverse("sharing:cheer_create", args=[fays_grant.pk]), {"text": "Hi", "target": target}
        )
        assert response.status_code == 404, target
    assert not Cheer.objects.exists()


def test_blocking_hides_cheers_and_ends_sharing(client, fay, ben, fays_grant, cheer):
    client.force_login(ben)
    client.post(reverse("sharing:grant_revoke", args=[fays_grant.pk]), {"block": "1"})
    assert "So proud of you!" not in client.get(reverse("home:home")).content.decode()
    client.force_login(fay)
    assert (
        client.post(
            reverse("sharing:cheer_create", args=[fays_grant.pk]), {"text": "Hi", "target": "x"}
        ).status_code
        == 404
    )


def test_a_block_that_is_neither_yes_nor_no_changes_nothing_and_says_why(
    client, fay, ben, fays_grant
):
    client.force_login(ben)
    response = client.post(
        reverse("sharing:grant_revoke", args=[fays_grant.pk]), {"block": "perhaps"}, follow=True
    )
    assert "Nothing was changed: “Block them too” should be yes or no." in words(response)
    fays_grant.refresh_from_db()
    assert fays_grant.revoked_at is None and not fays_grant.blocked


def test_inviting_and_accepting_end_to_end(client, ben, goal):
    client.force_login(ben)
    response = client.post(
        INVITE,
        {
            "email": "hal@example.test",
            "relationship": "my friend",
            "goals": [str(goal.pk)],
            "all_wins": "on",
        },
    )
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert goal.title not in body  # no clinical text in the email
    path = re.search(r"https?://\S+(/support/\S+/)", body).group(1)
    client.logout()
    response = client.post(
        path,
        {
            "email": "hal@example.test",
            "name": "Hal Ostrander",
            "password1": "lantern-moss-quay-7",
            "password2": "lantern-moss-quay-7",
        },
    )
    assert response.status_code == 302
    hal = User.objects.get(email="hal@example.test")
    assert goal.title in client.get(response.url).content.decode()
    assert not hasattr(hal, "membership") or hal.membership is None
    assert client.get(path).status_code == 410  # used


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("ben@example.test", "That&#x27;s your own address"),
        ("Ben@Example.TEST", "That&#x27;s your own address"),
        ("ana@example.test", "That address belongs to someone at a practice"),
        ("not-an-email", "Please enter an email address like name@example.org."),
    ],
)
def test_bad_invitations_get_a_clear_message(client, ben, ana, goal, email, message):
    client.force_login(ben)
    response = client.post(INVITE, {"email": email, "goals": [str(goal.pk)]})
    assert message in response.content.decode()
    assert not SupportGrant.objects.exists()


def test_an_address_is_kept_as_people_type_it_in_any_capitals(client, ben, goal):
    client.force_login(ben)
    client.post(INVITE, {"email": "Hal@Example.TEST", "goals": [str(goal.pk)]})
    assert SupportGrant.objects.get().email == "hal@example.test"


def test_an_end_date_in_the_past_or_nothing_chosen_is_refused(client, ben, goal):
    client.force_login(ben)
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        INVITE,
        {"email": "hal@example.test", "goals": [str(goal.pk)], "ends_on": past},
    )
    assert "That date has already passed" in response.content.decode()
    response = client.post(INVITE, {"email": "hal@example.test"})
    assert "Please choose at least one goal, or your wins" in response.content.decode()
    assert not SupportGrant.objects.exists()


def test_an_expired_or_tampered_link_gets_a_clear_page(client, pending_invitation):
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert (
            client.get(reverse("sharing:invite_accept", args=[pending_invitation])).status_code
            == 410
        )
    assert (
        client.get(
            reverse("sharing:invite_accept", args=[pending_invitation[:-3] + "xyz"])
        ).status_code
        == 404
    )


def test_sharing_a_win_with_chosen_supporters(client, ben, fay, fays_grant, bens_win):
    fays_grant.all_wins = False
    fays_grant.save()
    client.force_login(fay)
    assert "Went to the pool" not in client.get(shared_page(fays_grant)).content.decode()
    client.force_login(ben)
    client.post(
        reverse("sharing:win_share"), {"win": str(bens_win.pk), "grants": [str(fays_grant.pk)]}
    )
    client.force_login(fay)
    assert "Went to the pool" in client.get(shared_page(fays_grant)).content.decode()


def test_a_win_is_offered_only_to_people_who_still_follow(client, ben, fays_grant, bens_win):
    def follower(name, **grant):
        person = UserFactory(name=name)
        return SupportGrantFactory(
            client=ben, supporter=person, email=person.email, accepted_at=timezone.now(), **grant
        )

    follower("Gil Stopped", revoked_at=timezone.now())
    follower("Hana Ended", ends_on=timezone.localdate() - timedelta(days=1))
    follower("Ivo Blocked", revoked_at=timezone.now(), blocked=True)
    follower("Jo Until Today", ends_on=timezone.localdate())
    SupportGrantFactory(client=ben, email="kit@example.test")  # not accepted yet
    client.force_login(ben)
    page = client.get(reverse("sharing:win_share"), {"win": str(bens_win.pk)})
    offered = words(page, within="main")
    assert "Fay Lindqvist (my sister)" in offered and "Jo Until Today" in offered
    for name in ("Gil", "Hana", "Ivo", "kit@"):
        assert name not in offered


def test_the_therapist_sees_who_supports_and_the_admin_only_counts(
    client, ana, ed, ben, fays_grant
):
    client.force_login(ana)
    page = client.get(reverse("home:client_overview", args=[ben.pk])).content.decode()
    assert "Fay Lindqvist" in page and "my sister" in page
    assert client.get(shared_page(fays_grant)).status_code == 404
    client.force_login(ed)
    page = client.get(reverse("home:home")).content.decode()
    assert "1 supporter follows" in page
    assert "Fay" not in page


def test_supporter_invitations_are_limited_to_a_few_a_day(client, ben, goal):
    client.force_login(ben)
    for n in range(5):
        response = client.post(INVITE, {"email": f"friend{n}@example.test", "all_wins": "on"})
        assert response.status_code == 302
    response = client.post(INVITE, {"email": "friend5@example.test", "all_wins": "on"})
    assert response.status_code == 200
    assert "You&#x27;ve sent 5 invitations in the last day" in response.content.decode()
    assert not SupportGrant.objects.filter(email="friend5@example.test").exists()


def test_a_name_with_a_link_never_reaches_an_invitation_email(client, ben, goal):
    # Saved before names had to be plain: the e-mail names nobody rather than the link.
    ben.name = "Claim your prize at prize.example/now"
    ben.save()
    client.force_login(ben)
    client.post(INVITE, {"email": "hal@example.test", "all_wins": "on"})
    message = mail.outbox[-1]
    assert "prize.example" not in message.subject + message.body
    assert "Someone you know on Cairn would like to share" in message.body


@pytest.mark.parametrize(
    "name", ["Ben at https://prize.example", "www.prize.example", "ben@x.test"]
)
def test_a_name_must_be_plain_text(client, ben, name):
    client.force_login(ben)
    response = client.post(
        reverse("accounts:profile"), {"name": name, "time_zone": "Europe/London"}
    )
    assert "without links, web or email addresses" in response.content.decode()
    ben.refresh_from_db()
    assert ben.name == "Ben Marchetti"


def test_the_shared_win_count_matches_what_the_supporter_sees(client, ben, fay, fays_grant):

    wins = [
        WinFactory(client=ben, text=f"Small win {n}", happened_on=timezone.localdate())
        for n in range(3)
    ]
    fays_grant.all_wins = False
    fays_grant.save()
    fays_grant.wins.set(wins)
    client.force_login(fay)
    fays_page = client.get(shared_page(fays_grant)).content.decode()
    seen = sum(f"Small win {n}" in fays_page for n in range(3))
    assert seen == 3
    client.force_login(ben)
    page = client.get(reverse("sharing:grant_list")).content.decode()
    assert f"{seen} shared wins" in page
    assert "0 shared win" not in page
    # Each supporter is a card with its actions, not a wide table row.
    assert 'class="card grant-card"' in page and "<table" not in page
    assert "Stop sharing" in page and "Block" in page


def test_the_sharing_page_reads_as_many_queries_for_five_supporters_as_for_two(
    client, ben, fays_grant, goal, bens_win
):
    def supporter(**grant):
        person = UserFactory()
        return SupportGrantFactory(
            client=ben, supporter=person, email=person.email, accepted_at=timezone.now(), **grant
        )

    supporter(goals=[goal]).wins.add(bens_win)  # a win shared one by one
    client.force_login(ben)
    with CaptureQueriesContext(connection) as two:
        client.get(reverse("sharing:grant_list"))
    for _ in range(3):
        supporter(goals=[goal]).wins.add(bens_win)
    with CaptureQueriesContext(connection) as five:
        page = words(client.get(reverse("sharing:grant_list")), within="main")
    assert len(five) == len(two)
    assert page.count("1 shared win") == 4


def test_a_goal_waiting_for_agreement_is_explained_not_offered(client, ben, ana, goal):
    proposed = goal_for(ben, by=ben, title="Phone Gran on Sundays")
    client.force_login(ben)
    page = client.get(INVITE).content.decode()
    assert f'value="{proposed.pk}"' not in page
    assert "Not offered yet: “Phone Gran on Sundays”" in page
    assert "once you and your therapist have both agreed" in page


def test_the_safety_plan_is_shared_only_when_the_client_chooses(client, fay, ben, fays_grant):

    plan = SafetyPlanFactory(
        client=ben, number=1, written_by=ben, reasons_for_living="My niece's laugh"
    )
    client.force_login(fay)
    page = client.get(shared_page(fays_grant)).content.decode()
    assert "My niece&#x27;s laugh" not in page and "safety plan" not in page.lower()

    client.force_login(ben)
    form = client.get(reverse("sharing:grant_edit", args=[fays_grant.pk])).content.decode()
    assert re.search(r'<input type="checkbox" name="safety_plan"(?![^>]*checked)', form)
    client.post(
        reverse("sharing:grant_edit", args=[fays_grant.pk]),
        {
            "goals": [str(g.pk) for g in fays_grant.goals.all()],
            "all_wins": "on",
            "safety_plan": "on",
        },
    )
    assert "my safety plan" in client.get(reverse("sharing:grant_list")).content.decode()
    client.force_login(fay)
    shared = client.get(shared_page(fays_grant))
    assert "Ben Marchetti's safety plan" in headings(shared)
    assert "My niece's laugh" in words(shared)
    assert AuditEvent.objects.filter(
        actor_id=fay.pk, object_type="safety_plan", object_id=str(plan.pk)
    ).exists()

    client.force_login(ben)
    client.post(
        reverse("sharing:grant_edit", args=[fays_grant.pk]),
        {"goals": [str(g.pk) for g in fays_grant.goals.all()], "all_wins": "on"},
    )
    client.force_login(fay)
    page = client.get(shared_page(fays_grant)).content.decode()
    assert "My niece&#x27;s laugh" not in page


def test_a_safety_plan_alone_is_enough_to_share(client, ben, fay):
    client.force_login(ben)
    client.post(
        INVITE,
        {"email": "kit@example.org", "safety_plan": "on"},
        follow=True,
    )
    grant = SupportGrant.objects.get(email="kit@example.org")
    assert grant.safety_plan and not grant.all_wins


def test_a_supporter_invitation_shows_queued_then_sent(client, ben, goal, settings):
    from cairn.core.email import emails_send_due

    # A real queue: the e-mail waits for the worker instead of going at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(ben)
    response = client.post(
        INVITE,
        {"email": "wren@example.org", "goals": [str(goal.pk)]},
        follow=True,
    )
    page = response.content.decode()
    assert "Invitation to wren@example.org queued" in page
    assert "Invitation sent to" not in page
    assert "E-mail queued" in page
    assert mail.outbox == []
    emails_send_due()
    assert len(mail.outbox) == 1
    page = client.get(reverse("sharing:grant_list")).content.decode()
    assert "E-mail sent" in page and "E-mail queued" not in page


def test_the_client_sees_when_a_supporter_last_looked(client, ben, fay, fays_grant):
    client.force_login(ben)
    assert "Last looked Not yet" in words(client.get(reverse("sharing:grant_list")))
    client.force_login(fay)
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 5, 4, 9, 30)), tick=False):
        client.get(shared_page(fays_grant))
    client.force_login(ben)
    assert "Last looked 4 May 2026, 09:30" in words(client.get(reverse("sharing:grant_list")))


def test_looking_at_what_is_shared_writes_nothing_but_the_audit(client, fay, fays_grant, goal):
    # No writes on GET: the page and its chart only read (the audit log records the look).
    client.force_login(fay)
    chart = reverse("sharing:shared_goal_chart", args=[fays_grant.pk, goal.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(shared_page(fays_grant)).status_code == 200
        assert client.get(chart).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
        and "core_auditevent" not in q["sql"]
    ]
    assert writes == []
