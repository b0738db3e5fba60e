"""Demo data: invented people only. Idempotent: running it twice changes nothing."""

import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.services import user_create
from cairn.care.models import CareKind, CareRelationship, Membership, Practice, Role
from cairn.care.services import REFERENCE_PREFIX, reference_next
from cairn.home.demo_caseload import seed_caseload_tiers
from cairn.home.demo_goals import seed_goals
from cairn.home.demo_measures import seed_measures
from cairn.home.demo_progress import seed_progress
from cairn.home.demo_routines import seed_maintenance
from cairn.home.demo_safety import seed_safety
from cairn.home.demo_sessions import seed_sessions
from cairn.home.demo_sharing import seed_supporter
from cairn.home.receivers import summaries_paused
from cairn.home.summary import summaries_rebuild

DEMO_PASSWORD = "demo-pass-cairn"
# A published demo secret, so anyone trying the demo can add it to an app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"
PRACTICE_NAME = "Harbour Light Counselling"

FIRST_NAMES = [
    "Alder",
    "Briony",
    "Caspian",
    "Delphine",
    "Emrys",
    "Fenella",
    "Galen",
    "Hester",
    "Ivo",
    "Juniper",
    "Kestrel",
    "Linnea",
    "Marlowe",
    "Niamh",
    "Orrin",
    "Perpetua",
    "Quill",
    "Rosalind",
    "Sorrel",
    "Tamsin",
    "Ulric",
    "Verity",
    "Wren",
    "Xanthe",
]
LAST_NAMES = [
    "Ashdown",
    "Brackenridge",
    "Coldharbour",
    "Dunmere",
    "Elmstead",
    "Fallowfield",
    "Greyholt",
    "Hawthorne-Vale",
    "Ivybridge",
    "Juniperwood",
    "Kettlewell",
    "Larkspur",
]


def _person(email: str, name: str, practice: Practice, role: str, mfa: bool = False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = user_create(email=email, password=DEMO_PASSWORD, name=name, verified=True)
    Membership.objects.get_or_create(
        user=user,
        defaults={
            "practice": practice,
            "role": role,
            "reference": reference_next(practice) if role == Role.CLIENT else "",
        },
    )
    if mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user


def _care(practice: Practice, therapist: User, client: User) -> None:
    if not CareRelationship.objects.filter(therapist=therapist, client=client).exists():
        CareRelationship.objects.create(
            practice=practice,
            therapist=therapist,
            client=client,
            started_on=timezone.localdate() - timedelta(days=130),
        )


@transaction.atomic
def seed_demo(*, extra_clients: int = 0) -> dict[str, User]:
    practice, _ = Practice.objects.get_or_create(
        name=PRACTICE_NAME,
        defaults={
            "address": "14 Lantern Row\nSaltmere\nSM1 4QT",
            "phone": "01632 960 418",
            "opening_hours": "Monday to Friday, 8am to 7pm\nSaturday, 9am to 1pm",
        },
    )
    people = {
        "admin": _person("admin@example.org", "Morwenna Pellow", practice, Role.ADMIN, mfa=True),
        "therapist": _person(
            "therapist@example.org", "Dr Idris Fenwick", practice, Role.THERAPIST, mfa=True
        ),
        "therapist2": _person(
            "therapist2@example.org", "Saoirse Quennell", practice, Role.THERAPIST, mfa=True
        ),
        "client": _person("client@example.org", "Robin Ashgrove", practice, Role.CLIENT),
        "client2": _person("client2@example.org", "Tamsin Holloway", practice, Role.CLIENT),
        "client3": _person("client3@example.org", "Emrys Calloway", practice, Role.CLIENT),
        "client4": _person("client4@example.org", "Linnea Ashdown", practice, Role.CLIENT),
    }
    _care(practice, people["therapist"], people["client"])
    _care(practice, people["therapist"], people["client2"])
    _care(practice, people["therapist2"], people["client3"])
    _care(practice, people["therapist2"], people["client4"])
    # Tamsin also sees Saoirse, as a co-therapist who may work on goals but not hold sessions.
    if not CareRelationship.objects.filter(
        therapist=people["therapist2"], client=people["client2"]
    ).exists():
        CareRelationship.objects.create(
            practice=practice,
            therapist=people["therapist2"],
            client=people["client2"],
            kind=CareKind.CO,
            may_write=True,
            may_treat=False,
            added_by=people["therapist"],
            started_on=timezone.localdate() - timedelta(days=30),
        )
    seed_goals(people["client"], people["therapist"], kind="robin")
    seed_goals(people["client2"], people["therapist"], kind="waiting")
    seed_goals(people["client3"], people["therapist2"], kind="simple")
    seed_progress(people["client"], holiday=True)
    seed_progress(people["client2"], worsening=True)
    seed_progress(people["client3"], quiet_lately=True)
    seed_sessions(people["client"], people["therapist"], kind="robin")
    seed_sessions(people["client2"], people["therapist"], kind="hard")
    seed_sessions(people["client3"], people["therapist2"], kind="quiet")
    seed_measures(people["client2"], people["therapist"], kind="relapse")
    seed_measures(people["client3"], people["therapist2"], kind="item9")
    people["supporter"] = seed_supporter(people["client"], DEMO_PASSWORD)
    seed_goals(people["client4"], people["therapist2"], kind="simple")
    seed_progress(people["client4"])
    seed_maintenance(people["client4"], people["therapist2"])
    seed_safety(
        practice=practice,
        client2=people["client2"],
        therapist=people["therapist"],
        client3=people["client3"],
        therapist2=people["therapist2"],
    )
    seed_caseload_tiers(
        people["therapist2"],
        lambda email, name: _person(email, name, practice, Role.CLIENT),
        lambda client: _care(practice, people["therapist2"], client),
    )
    if extra_clients:
        # One therapist holds them all: the benchmark's caseload of 200 (or 2,000) is
        # the caseload of the therapist it signs in as.
        with summaries_paused():
            _add_clients(practice, people["therapist"], extra_clients)
    # The demo bulk-creates check-ins and ratings, which no receiver sees.
    summaries_rebuild()
    return people


def _add_clients(practice: Practice, therapist: User, count: int) -> None:
    existing = User.objects.filter(email__startswith="demo-client-").count()
    rng = random.Random(existing)
    # Hashing a password takes a tenth of a second on purpose: once for them all.
    password = make_password(DEMO_PASSWORD)
    first = int(reference_next(practice).removeprefix(REFERENCE_PREFIX))
    for offset, number in enumerate(range(existing + 1, existing + count + 1)):
        client = User.objects.create(
            email=f"demo-client-{number}@example.org",
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            password=password,
        )
        EmailAddress.objects.create(user=client, email=client.email, primary=True, verified=True)
        Membership.objects.create(
            user=client,
            practice=practice,
            role=Role.CLIENT,
            reference=f"{REFERENCE_PREFIX}{first + offset}",
        )
        _care(practice, therapist, client)
        seed_goals(client, therapist, kind="waiting" if number % 3 == 0 else "simple")
        seed_progress(client, quiet_lately=number % 5 == 0, worsening=number % 7 == 0)
        seed_sessions(client, therapist, kind="quiet" if number % 5 == 0 else "robin")


def demo_totp_code(at: float | None = None) -> str:
    """The code an authenticator app shows now for the demo secret."""
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time() if at is None else at) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
