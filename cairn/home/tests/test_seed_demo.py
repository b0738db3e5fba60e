import itertools

from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import User
from cairn.care.access import access_for
from cairn.care.models import CareRelationship, Practice
from cairn.home.demo import DEMO_PASSWORD, demo_totp_code

DEMO_PEOPLE = {
    "admin@example.org": "admin",
    "therapist@example.org": "therapist",
    "therapist2@example.org": "therapist",
    "client@example.org": "client",
    "client2@example.org": "client",
    "client3@example.org": "client",
}


def test_it_creates_the_demo_practice_and_people(db, demo):
    for email, role in DEMO_PEOPLE.items():
        person = User.objects.get(email=email)
        assert person.check_password(DEMO_PASSWORD)
        assert person.membership.role == role
        has_totp = Authenticator.objects.filter(user=person, type="totp").exists()
        assert has_totp == (role != "client")
    therapist, therapist2 = (
        User.objects.get(email=e) for e in ("therapist@example.org", "therapist2@example.org")
    )
    client, client3 = (
        User.objects.get(email=e) for e in ("client@example.org", "client3@example.org")
    )
    assert access_for(therapist, client).can_write
    assert access_for(therapist2, client3).can_write
    assert not access_for(therapist, client3).can_read


def test_running_it_twice_changes_nothing(db, demo):
    counts = (User.objects.count(), Practice.objects.count(), CareRelationship.objects.count())
    call_command("seed_demo")
    assert (
        User.objects.count(),
        Practice.objects.count(),
        CareRelationship.objects.count(),
    ) == counts


def test_it_adds_n_more_clients_in_care(db, demo):
    before = User.objects.count()
    call_command("seed_demo", "--clients", "5")
    assert User.objects.count() == before + 5
    added = User.objects.filter(email__startswith="demo-client-")
    care = CareRelationship.objects.current().filter(client__in=added)
    # All with the therapist the benchmark signs in as: "a caseload of 200" is hers.
    assert sorted(care.values_list("therapist__email", flat=True)) == ["therapist@example.org"] * 5
    for person in added:
        assert person.check_password(DEMO_PASSWORD)
        assert person.membership.reference.startswith("C-")
    assert len({person.membership.reference for person in added}) == 5


def test_the_demo_code_is_the_one_an_authenticator_app_shows(db):
    from allauth.mfa.totp.internal.auth import validate_totp_code

    assert validate_totp_code("JBSWY3DPEHPK3PXP", demo_totp_code())


def test_demo_clients_have_months_of_honest_history(db, demo):
    from cairn.journal.models import JournalEntry
    from cairn.progress.models import CheckIn, GoalRating, Win

    call_command("seed_demo", "--clients", "2")
    for email in ("client@example.org", "demo-client-1@example.org"):
        person = User.objects.get(email=email)
        days = sorted(CheckIn.objects.filter(client=person).values_list("date", flat=True))
        assert (days[-1] - days[0]).days > 90
        ratings = list(
            GoalRating.objects.filter(checkin__client=person)
            .order_by("checkin__date")
            .values_list("rating", flat=True)
        )
        # Not a straight line: somewhere it drops.
        assert any(later < earlier for earlier, later in itertools.pairwise(ratings))
        assert Win.objects.filter(client=person).exists()
        entries = JournalEntry.objects.filter(client=person)
        assert entries.filter(shared_with_therapist=True).exists()
        assert entries.filter(shared_with_therapist=False).exists()


def test_the_demo_supporter_follows_one_goal_and_some_wins_with_cheers(db, demo):
    from cairn.sharing.models import Cheer, SupportGrant

    call_command("seed_demo")
    grant = SupportGrant.objects.get(supporter__email="supporter@example.org")
    assert grant.client.email == "client@example.org"
    assert grant.goals.count() == 1
    assert grant.wins.exists()
    assert Cheer.objects.filter(grant=grant).count() == 2
    assert User.objects.get(email="supporter@example.org").check_password(DEMO_PASSWORD)


def test_a_demo_client_lives_after_therapy_with_routines_of_varied_strength(db, demo):
    from cairn.care.models import CareRelationship
    from cairn.routines.models import MaintenancePlan
    from cairn.routines.selectors import routines_of

    linnea = User.objects.get(email="client4@example.org")
    assert not CareRelationship.objects.current().filter(client=linnea).exists()
    strengths = [view.strength for view in routines_of(linnea, timezone.localdate())]
    assert len(strengths) == 3 and max(strengths) - min(strengths) > 20
    assert MaintenancePlan.objects.filter(client=linnea).exists()


def test_the_demo_shows_safety(client, db, demo):
    from cairn.safety.models import RiskFlag, SafetyPlan

    client2, client3, therapist2 = (
        User.objects.get(email=e)
        for e in ("client2@example.org", "client3@example.org", "therapist2@example.org")
    )
    assert [p.written_by.email for p in SafetyPlan.objects.filter(client=client2)] == [
        "therapist@example.org",
        "client2@example.org",
    ]
    reviewed = RiskFlag.objects.get(client=client2)
    assert not reviewed.is_open and reviewed.action == "called"
    assert reviewed.reason == "Mood \u201cVery low\u201d in a check-in"
    assert RiskFlag.objects.filter(client=client3, reviewed_at__isnull=True).exists()
    client.force_login(therapist2)
    first_card = (
        client.get(reverse("home:home")).content.decode().split('class="card caseload__row"')[1]
    )
    assert 'data-attention="risk"' in first_card and "Emrys Calloway" in first_card
    call_command("seed_demo")  # idempotent
    assert SafetyPlan.objects.count() == 2
    assert RiskFlag.objects.filter(client__in=[client2, client3]).count() == 2


def test_the_demo_caseload_shows_every_tier_with_its_reason(client, db, demo):
    import re

    client.force_login(User.objects.get(email="therapist2@example.org"))
    page = client.get(reverse("home:home")).content.decode()
    tiers = re.findall(r'data-attention="(\w+)"', page)
    assert set(tiers) == {"risk", "worsening", "quiet", "stuck", "waiting", "none"}
    assert tiers == sorted(
        tiers, key=["risk", "worsening", "quiet", "stuck", "waiting", "none"].index
    )
    for words in ("No check-in for 19 days", "has stayed low for six weeks", "A goal to agree"):
        assert words in page
    assert "Waiting on Jory Bellamy" in page
