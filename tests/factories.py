"""Factories for invented people and practices, used by every test."""

from datetime import timedelta

import factory
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.services import user_create
from cairn.care.models import CareRelationship, Invitation, Membership, Practice
from cairn.goals.models import Goal

TEST_PASSWORD = "quiet-harbour-lantern"
TEST_TOTP_SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSNFSGK3TF"


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice

    name = factory.Sequence(lambda n: f"Willowbank Therapy {n}")
    address = "3 Millpond Lane\nOakhurst\nOK2 7RB"
    phone = "01632 960 733"
    opening_hours = "Weekdays 9am to 6pm"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    name = factory.Sequence(lambda n: f"Person {n}")

    @classmethod
    def _create(cls, model_class: type[User], *args: object, **kwargs: object) -> User:
        return user_create(
            email=str(kwargs["email"]),
            name=str(kwargs.get("name", "")),
            password=str(kwargs.get("password", TEST_PASSWORD)),
        )


class ClientRecordFactory(factory.django.DjangoModelFactory):
    """Part of a client's record: the client is someone new unless the test names them.
    (Abstract: it names no model.)"""

    client = factory.SubFactory(UserFactory)


class PersonalFactory(factory.django.DjangoModelFactory):
    """One person's own (their settings, their notifications): someone new unless named."""

    user = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A person's place in a practice; a client's carries the practice's next reference."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    practice = factory.SubFactory(PracticeFactory)
    role = "client"

    @factory.lazy_attribute
    def reference(self) -> str:
        from cairn.care.services import reference_next

        return reference_next(self.practice) if self.role == "client" else ""


class CareRelationshipFactory(factory.django.DjangoModelFactory):
    """A therapist caring for a client, as their lead; `care()` picks lead or co for you."""

    class Meta:
        model = CareRelationship

    practice = factory.SubFactory(PracticeFactory)
    therapist = factory.SubFactory(UserFactory)
    client = factory.SubFactory(UserFactory)
    kind = "lead"


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation to join a practice, with a link that has not been used."""

    class Meta:
        model = Invitation

    practice = factory.SubFactory(PracticeFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.test")
    role = "client"
    invited_by = factory.SubFactory(UserFactory)
    token_hash = factory.Sequence(lambda n: f"invitation-{n}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


def member(practice: Practice, role: str, *, mfa: bool = False, **user_fields: object) -> User:
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, practice=practice, role=role)
    if mfa:
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


def named(practice: Practice, role: str, name: str) -> User:
    """One of the named people (conftest.py): e-mail from their first name; therapists
    and admins have their authenticator app."""
    email = f"{name.split()[0].lower()}@example.test"
    return member(practice, role, mfa=role != "client", email=email, name=name)


def client_of(therapist: User, name: str) -> User:
    """A named client of the therapist's practice, in their care."""
    client = named(therapist.membership.practice, "client", name)
    care(therapist, client)
    return client


def care(therapist: User, client: User) -> CareRelationship:
    """Care with `therapist` as lead; as a co-therapist (may do everything) when the
    client already has a lead in the practice."""
    practice = therapist.membership.practice
    has_lead = (
        CareRelationship.objects.current()
        .filter(practice=practice, client=client, kind="lead")
        .exists()
    )
    return CareRelationshipFactory(
        practice=practice, therapist=therapist, client=client, kind="co" if has_lead else "lead"
    )


def client_invited(by: User, email: str = "orla@example.test") -> Invitation:
    """`by`, a therapist, invites someone new into their care: the e-mail with the link
    goes out (or waits in the queue). `invitation_token()` reads the link's token."""
    from cairn.care.services import invitation_create

    return invitation_create(
        practice=by.membership.practice,
        email=email,
        role="client",
        by=by,
        therapist=by,
        link_base="http://testserver/",
    )


def invitation_token() -> str:
    """The token in the link of the last invitation e-mail sent."""
    from django.core import mail

    return mail.outbox[-1].body.split("/invitations/")[1].split("/")[0]


def goal_for(client: User, *, by: User, agreed_by: User | None = None, **fields: object) -> Goal:
    from cairn.goals.models import Lifecycle
    from cairn.goals.tests.factories import GoalFactory

    goal = GoalFactory(client=client, proposed_by=by, **fields)
    if agreed_by is not None:
        goal.lifecycle_status = Lifecycle.ACTIVE
        goal.agreed_by = agreed_by
        goal.agreed_at = timezone.now()
        goal.save()
    return goal
