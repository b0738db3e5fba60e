"""The caseload in tiers, by real need (issue 11, item 2)."""

import re
from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.models import Role
from cairn.core.models import AuditEvent
from cairn.goals.achievement_window import STUCK_FOR, STUCK_FOR_WORDS
from cairn.goals.tests.factories import GoalChangeFactory
from cairn.home.caseload_rows import CaseloadRow, Reason, attention_order
from cairn.measures.tests.factories import MeasureResponseFactory
from cairn.progress.models import CheckIn, GoalRating
from cairn.progress.tests.factories import CheckInFactory, GoalRatingFactory, TrackingPauseFactory
from cairn.safety.tests.factories import RiskFlagFactory
from cairn.sessions.models import AgendaItem, TherapySession
from cairn.sessions.tests.factories import AgendaItemFactory, TherapySessionFactory
from tests.factories import care, goal_for, member
from tests.page import words

TODAY = date(2026, 11, 27)


def row(name, *reasons):
    return CaseloadRow(
        client=User(name=name, email=f"{name}@x.test"),
        since=TODAY,
        goals=[],
        last_checkin=TODAY,
        reasons=[Reason(tier, "why", TODAY - timedelta(days=days)) for tier, days in reasons],
    )


@pytest.mark.parametrize(
    ("rows", "order"),
    [
        # Each tier before the next, whatever the names...
        (
            [
                row("Ada"),
                row("Bo", ("waiting", 30)),
                row("Cy", ("stuck", 60)),
                row("Di", ("quiet", 20)),
                row("Ed", ("worsening", 1)),
                row("Fi", ("risk", 0)),
            ],
            ["Fi", "Ed", "Di", "Cy", "Bo", "Ada"],
        ),
        # ...a client is in the highest tier any reason reaches...
        ([row("Ada", ("quiet", 40)), row("Bo", ("waiting", 90), ("worsening", 2))], ["Bo", "Ada"]),
        # ...within a tier the longest-waiting first, not by name...
        ([row("Ada", ("quiet", 15)), row("Bo", ("quiet", 40))], ["Bo", "Ada"]),
        ([row("Ada", ("waiting", 1)), row("Zed", ("waiting", 9))], ["Zed", "Ada"]),
        # ...and several small things do not add up to a higher tier.
        (
            [row("Ada", ("waiting", 1), ("waiting", 2), ("stuck", 3)), row("Bo", ("quiet", 1))],
            ["Bo", "Ada"],
        ),
    ],
)
def test_the_order_of_attention(rows, order):
    assert [r.client.name for r in attention_order(rows)] == order


def rate(goal, ratings, *, every=1):
    from cairn.progress.services import achievement_recompute

    today = timezone.localdate()
    for n, rating in enumerate(ratings):
        day = today - timedelta(days=every * (len(ratings) - n))
        checkin, _ = CheckIn.objects.get_or_create(client=goal.client, date=day)
        GoalRatingFactory(checkin=checkin, goal=goal, rating=rating)
    return achievement_recompute(goal)


def client_of(ana, practice, name, *, checked_in=True):
    person = member(
        practice, Role.CLIENT, name=name, email=f"{name.split()[0].lower()}@example.test"
    )
    relationship = care(ana, person)
    relationship.started_on = timezone.localdate() - timedelta(days=120)
    relationship.save()
    if checked_in:
        CheckInFactory(client=person, date=timezone.localdate())
    return person


@pytest.fixture
def every_tier(ana, practice):
    """One client in each tier, and one whose only open item waits on them."""

    risky = client_of(ana, practice, "Rae Risk")
    RiskFlagFactory(
        client=risky,
        source_kind="progress.checkin",
        source_id=str(risky.checkins.get().pk),
        reason="Words of risk in a check-in: \u201cend it all\u201d",
        raised_at=timezone.now(),
    )
    worse = client_of(ana, practice, "Wes Worse", checked_in=False)
    rate(goal_for(worse, by=worse, agreed_by=ana, title="Sleep by eleven"), [6, 7, 6, 3, 3, 2, 4])
    quiet = client_of(ana, practice, "Quinn Quiet", checked_in=False)
    goal_for(quiet, by=quiet, agreed_by=ana)
    CheckInFactory(client=quiet, date=timezone.localdate() - timedelta(days=20))
    stuck = client_of(ana, practice, "Sam Stuck", checked_in=False)
    rate(
        goal_for(stuck, by=stuck, agreed_by=ana, title="Call a friend"),
        [2, 2, 3, 2, 2, 2, 2],
        every=7,
    )
    waiting = client_of(ana, practice, "Wren Waiting")
    goal_for(waiting, by=waiting, title="Cook twice a week")  # proposed by the client
    theirs = client_of(ana, practice, "Theo Theirs")
    goal_for(theirs, by=ana, title="Walk on Sundays")  # proposed by Ana: waits on Theo
    fine = client_of(ana, practice, "Fran Fine")
    return {
        "risk": risky,
        "worsening": worse,
        "quiet": quiet,
        "stuck": stuck,
        "waiting": waiting,
        "none": fine,
        "theirs": theirs,
    }


def cards(page):
    return re.findall(r'data-attention="(\w+)"', page)


def card_of(page, text):
    """The whole card (its <li>) that holds `text`."""
    return next(chunk for chunk in page.split('<li class="card caseload__row')[1:] if text in chunk)


def test_every_tier_in_order_with_its_reason(client, ana, every_tier):
    client.force_login(ana)
    page = client.get(reverse("home:home")).content.decode()
    assert cards(page) == ["risk", "worsening", "quiet", "stuck", "waiting", "none", "none"]
    for said in (
        "Words of risk in a check-in: \u201cend it all\u201d",
        "“Sleep by eleven” has been harder lately: the last 3 ratings (middle one 3) against the first 3 (middle one 6).",
        "No check-in for 20 days",
        "“Call a friend” has stayed low for six weeks or more",
        "A goal to agree: “Cook twice a week”",
    ):
        assert said in page
    # Waiting on the client is shown, but is not a flag.
    assert "Waiting on Theo Theirs: Your proposed goal “Walk on Sundays”." in page
    assert 'data-attention="none"' in card_of(page, "Theo Theirs")


def test_each_tier_has_its_own_name_and_icon(client, ana, every_tier):
    client.force_login(ana)
    page = client.get(reverse("home:home")).content.decode()
    for code, name in [
        ("risk", "Risk noted"),
        ("worsening", "Harder lately"),
        ("quiet", "Gone quiet"),
        ("stuck", "Stuck low"),
        ("waiting", "Waiting on you"),
        ("none", "Nothing needs you now"),
    ]:
        card = card_of(page, f'data-attention="{code}"')
        assert name in card and "<svg" in card


def test_within_a_tier_the_longest_waiting_comes_first(client, ana, practice):
    for name, days in (("Amy Recent", 15), ("Zoe Longest", 40)):
        person = client_of(ana, practice, name, checked_in=False)
        goal_for(person, by=person, agreed_by=ana)
        CheckInFactory(client=person, date=timezone.localdate() - timedelta(days=days))
    client.force_login(ana)
    page = client.get(reverse("home:home")).content.decode()
    assert page.index("Zoe Longest") < page.index("Amy Recent")


def test_a_pause_means_no_check_in_is_expected(client, ana, practice):

    person = client_of(ana, practice, "Paula Paused", checked_in=False)
    goal_for(person, by=person, agreed_by=ana)
    TrackingPauseFactory(
        client=person, starts_on=timezone.localdate() - timedelta(days=30), reason="holiday"
    )
    client.force_login(ana)
    assert cards(client.get(reverse("home:home")).content.decode()) == ["none"]


def test_a_change_the_client_made_waits_on_the_therapist(client, ana, ben, goal):
    GoalChangeFactory(
        goal=goal, proposed_by=ben, values={"title": "Walk twice"}, changes={}, reason="other"
    )
    CheckInFactory(client=ben, date=timezone.localdate())
    client.force_login(ana)
    page = client.get(reverse("home:home")).content.decode()
    assert cards(page) == ["waiting"]
    assert "A change to agree on" in page


def test_an_agenda_item_waits_on_the_therapist(client, ana, ben):
    AgendaItemFactory(client=ben, text="Work")
    client.force_login(ana)
    page = client.get(reverse("home:home")).content.decode()
    assert cards(page) == ["waiting"] and "1 thing on their agenda" in page


def test_last_and_next_session(client, ana, ben):
    today = timezone.localdate()
    TherapySessionFactory(
        client=ben,
        therapist=ana,
        held_on=today - timedelta(days=6),
        start_time=time(10),
        length_minutes=50,
        status="held",
    )
    TherapySessionFactory(
        client=ben,
        therapist=ana,
        held_on=today + timedelta(days=8),
        start_time=time(10),
        length_minutes=50,
    )
    client.force_login(ana)
    page = client.get(reverse("home:home")).content.decode()
    assert f"last session {(today - timedelta(days=6)):%-d %b}" in page
    assert f"next session {(today + timedelta(days=8)):%-d %b}" in page


def test_search_by_name_or_reference_and_filter_by_tier(client, ana, every_tier):
    client.force_login(ana)
    stuck = every_tier["stuck"]
    by_reference = client.get(
        reverse("home:home"), {"q": stuck.membership.reference}
    ).content.decode()
    assert cards(by_reference) == ["stuck"]
    by_name = client.get(reverse("home:home"), {"q": "quinn"}).content.decode()
    assert cards(by_name) == ["quiet"]
    by_tier = client.get(reverse("home:home"), {"tier": "none"}).content.decode()
    assert cards(by_tier) == ["none", "none"]
    assert "Nothing needs you now (2)" in by_tier


def test_the_search_keeps_a_hundred_characters_as_its_box_says(client, ana):
    client.force_login(ana)
    page = client.get(reverse("home:home"), {"q": "a" * 99 + "bc"}).content.decode()
    assert f'name="q" value="{"a" * 99}b" maxlength="100"' in page


@pytest.mark.parametrize("query", ["%", "_", "\\"])
def test_a_search_for_a_wildcard_finds_only_that_character(client, ana, every_tier, query):
    client.force_login(ana)
    page = client.get(reverse("home:home"), {"q": query}).content.decode()
    assert cards(page) == []


def test_a_page_past_the_end_of_a_tier_shows_its_first_page(client, ana, every_tier):
    client.force_login(ana)
    page = client.get(reverse("home:home"), {"tier": "none", "page": "3"}).content.decode()
    assert cards(page) == ["none", "none"]
    assert "Nothing needs you now (2)" in page


@pytest.mark.parametrize("params", [{"tier": "urgent"}, {"tier": "<script>"}])
def test_an_unknown_tier_is_an_empty_list_with_a_message(client, ana, ben, params):
    client.force_login(ana)
    response = client.get(reverse("home:home"), params)
    assert response.status_code == 200
    assert "There is no such group" in response.content.decode()
    assert cards(response.content.decode()) == []


def add_clients(ana, practice, count, batch):
    today = timezone.localdate()
    for n in range(count):
        person = member(
            practice, Role.CLIENT, email=f"{batch}{n}@example.test", name=f"{batch} {n}"
        )
        care(ana, person)
        goal = goal_for(person, by=person, agreed_by=ana)
        goal_for(person, by=person if n % 2 else ana, title="Proposed")
        checkin = CheckInFactory(client=person, date=today - timedelta(days=n % 20))
        GoalRatingFactory(checkin=checkin, goal=goal, rating=n % 11)
        AgendaItemFactory(client=person, text="Something")
        TherapySessionFactory(  # fifty minutes, as the factory's are
            client=person,
            therapist=ana,
            held_on=today - timedelta(days=n % 9),
            start_time=time(9),
            status="held",
        )


def test_fifty_a_page(client, ana, practice):
    add_clients(ana, practice, 55, "many")
    client.force_login(ana)
    first = client.get(reverse("home:home")).content.decode()
    assert len(cards(first)) == 50 and "Page 1 of 2" in first
    assert len(cards(client.get(reverse("home:home"), {"page": "2"}).content.decode())) == 5


def bulk_clients(ana, practice, count):
    """`count` more clients of Ana's with a goal, a rating, an agenda item and a session
    each, written in bulk (as a restore or an import would) and then summarised."""
    from cairn.care.models import CareRelationship, Membership
    from cairn.goals.models import Goal, Lifecycle
    from cairn.home.summary import summaries_rebuild

    today = timezone.localdate()
    people = User.objects.bulk_create(
        User(email=f"bulk{n}@example.test", name=f"Bulk {n}", password="!") for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=p, practice=practice, role=Role.CLIENT, reference=f"B{n:05d}")
        for n, p in enumerate(people)
    )
    CareRelationship.objects.bulk_create(
        CareRelationship(practice=practice, therapist=ana, client=p, kind="lead") for p in people
    )
    goals = Goal.objects.bulk_create(
        Goal(
            client=p, title="Walk", proposed_by=p, agreed_by=ana, lifecycle_status=Lifecycle.ACTIVE
        )
        for p in people
    )
    checkins = CheckIn.objects.bulk_create(
        CheckIn(client=p, date=today - timedelta(days=n % 20)) for n, p in enumerate(people)
    )
    GoalRating.objects.bulk_create(
        GoalRating(checkin=c, goal=g, rating=n % 11)
        for n, (c, g) in enumerate(zip(checkins, goals, strict=True))
    )
    AgendaItem.objects.bulk_create(AgendaItem(client=p, text="Something") for p in people)
    TherapySession.objects.bulk_create(
        TherapySession(
            client=p,
            therapist=ana,
            held_on=today - timedelta(days=n % 9),
            start_time=time(9),
            length_minutes=50,
            status="held",
        )
        for n, p in enumerate(people)
    )
    summaries_rebuild()


def test_the_query_count_is_the_same_at_3_and_2000_clients(client, ana, practice):
    client.force_login(ana)
    add_clients(ana, practice, 3, "few")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home:home"))
    bulk_clients(ana, practice, 1997)
    # Seeding takes more than a minute: let the idle timer's renewal happen now.
    client.get(reverse("home:home"))
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("home:home")).content.decode()
    assert len(cards(page)) == 50 and "Page 1 of 40" in page
    assert len(many) == len(few)
    # The last page is as cheap as the first.
    with CaptureQueriesContext(connection) as last:
        page = client.get("/", {"page": "40"}).content.decode()
    assert len(cards(page)) == 50 and len(last) == len(few)


def test_one_audit_event_per_view_names_every_client_listed(client, ana, ben, practice):
    dana_like = client_of(ana, practice, "Nia Other")
    client.force_login(ana)
    before = AuditEvent.objects.filter(object_type="caseload").count()
    client.get(reverse("home:home"))
    events = list(AuditEvent.objects.filter(object_type="caseload"))
    assert len(events) == before + 1
    listed = set(events[0].client_ids.split())
    assert listed == {str(ben.pk), str(dana_like.pk)}
    # Each listed client sees it in "who opened my record".
    client.force_login(ben)
    assert (
        "Saw your name in their list of clients"
        in client.get(reverse("care:record_access_log")).content.decode()
    )


def test_ended_care_and_other_therapists_clients_are_not_listed(client, ana, ben, dana):
    client.force_login(ana)
    page = client.get(reverse("home:home")).content.decode()
    assert "Dana" not in page and "Ben Marchetti" in page


def test_reliable_deterioration_on_a_questionnaire_is_worsening(client, ana, ben):

    for days, answers, total, band in (
        (60, [1, 1, 1, 1, 1, 1, 1, 1, 0], 8, "mild"),
        (2, [2, 2, 2, 2, 2, 2, 2, 2, 0], 16, "moderately-severe"),
    ):
        moment = timezone.now() - timedelta(days=days)
        MeasureResponseFactory(
            client=ben,
            measure="phq9",
            date=moment.date(),
            answers=answers,
            total=total,
            band=band,
            completed_at=moment,
            saved_minute=moment.replace(second=0, microsecond=0),
        )
    CheckInFactory(client=ben, date=timezone.localdate())
    client.force_login(ana)
    page = client.get(reverse("home:home")).content.decode()
    assert cards(page) == ["worsening"]
    assert "Reliable deterioration: PHQ-9 8 → 16" in page


def test_every_page_follows_the_order_of_attention_across_ties(ana, practice):
    """The database picks each page by tier and date first and reads names only up to
    the page's last client: pages cut through clients of the same tier, date and name
    still give, one after the other, exactly `attention_order`."""
    import random

    from cairn.care.models import CareRelationship
    from cairn.home.caseload import caseload_for
    from cairn.home.models import CaseloadSummary

    rng = random.Random(16)
    today = timezone.localdate()
    days = [today - timedelta(days=n) for n in (30, 40)]
    people = User.objects.bulk_create(
        User(email=f"tie{n}@example.test", name=rng.choice(["Ann Ash", "Bo Birch"]), password="!")
        for n in range(130)
    )
    CareRelationship.objects.bulk_create(
        CareRelationship(
            practice=practice, therapist=ana, client=p, kind="lead", started_on=days[1]
        )
        for p in people
    )
    summaries = []
    for person in people:
        tier = rng.choice(["worsening", "quiet", "waiting", "none"])
        since = rng.choice(days)
        summary = CaseloadSummary(client=person)
        if tier == "quiet":
            summary.has_active_goal, summary.last_checkin = True, since
        elif tier != "none":
            summary.reasons = {"goals": [[tier, "why", since.isoformat()]]}
            setattr(summary, f"{tier}_since", since)
        summaries.append(summary)
    CaseloadSummary.objects.bulk_create(summaries)

    pages = [caseload_for(ana, today=today, page=str(n)).on_page for n in (1, 2, 3)]
    assert [len(rows) for rows in pages] == [50, 50, 30]
    shown = [row for rows in pages for row in rows]
    assert [r.client.pk for r in shown] == [r.client.pk for r in attention_order(shown)]


def test_the_caseload_and_the_overview_agree_on_a_goals_trend(client, ana, ben):
    # A single point up at the end of a steady run is not yet a move; up two points
    # over the last three ratings is.
    rate(goal_for(ben, by=ben, agreed_by=ana, title="Walk to work"), [5, 5, 5, 5, 5, 6])
    rate(goal_for(ben, by=ben, agreed_by=ana, title="Read at night"), [4, 4, 4, 6, 6, 6])
    client.force_login(ana)
    card = card_of(client.get(reverse("home:home")).content.decode(), "Walk to work")
    trends = dict(
        re.findall(r"<li>([^<:]+): \d+/10 <span class=\"trend\" aria-label=\"([^\"]+)\"", card)
    )
    assert trends == {"Walk to work": "steady", "Read at night": "going up"}
    overview = words(client.get(reverse("home:client_overview", args=[ben.pk])), within="main")
    assert "6 out of 10 → steady · See progress on Walk to work" in overview
    assert "6 out of 10 ↗ going up · See progress on Read at night" in overview


def test_the_caseload_and_the_overview_say_a_dip_in_the_same_words(client, ana, ben):
    rate(goal_for(ben, by=ben, agreed_by=ana, title="Sleep by eleven"), [6, 6, 6, 4, 4, 4])
    client.force_login(ana)
    card = card_of(client.get(reverse("home:home")).content.decode(), "Sleep by eleven")
    assert 'aria-label="a harder patch"' in card
    overview = words(client.get(reverse("home:client_overview", args=[ben.pk])), within="main")
    assert "4 out of 10 ↘ a harder patch · See progress on Sleep by eleven" in overview


def test_the_words_for_stuck_low_say_how_long_the_rule_waits():
    # The caseload and the goal's status say "six weeks"; the rule counts STUCK_FOR.
    in_words = {4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
    assert STUCK_FOR.days % 7 == 0
    assert f"{in_words[STUCK_FOR.days // 7]} weeks" == STUCK_FOR_WORDS
