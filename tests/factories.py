"""Factories for invented people and practices, used by every test."""

import factory
from allauth.mfa.totp.internal.auth import TOTP

from cairn.accounts.models import User
from cairn.accounts.services import user_create
from cairn.care.models import CareRelationship, Membership, Practice
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
    crisis_line = "In an emergency call 999, or the Samaritans on 116 123."


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


def member(practice: Practice, role: str, *, mfa: bool = False, **user_fields: object) -> User:
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, practice=practice, role=role)
    if mfa:
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


def care(therapist: User, client: User) -> CareRelationship:
    """Care with `therapist` as lead; as a co-therapist (may do everything) when the
    client already has a lead in the practice."""
    practice = therapist.membership.practice
    has_lead = CareRelationship.objects.filter(
        practice=practice, client=client, kind="lead", ended_at__isnull=True
    ).exists()
    return CareRelationship.objects.create(
        practice=practice, therapist=therapist, client=client, kind="co" if has_lead else "lead"
    )


def goal_for(client: User, *, by: User, agreed_by: User | None = None, **fields: object) -> Goal:
    from datetime import timedelta

    from django.utils import timezone

    from cairn.goals.models import Lifecycle

    values: dict[str, object] = {
        "title": "Walk round the park three times a week",
        "description": "Twenty minutes after work on Monday, Wednesday and Friday",
        "why_it_matters": "I want the energy to enjoy weekends with my family",
        "confidence": 7,
        "target_date": timezone.localdate() + timedelta(days=90),
    }
    values.update(fields)
    goal = Goal.objects.create(client=client, proposed_by=by, **values)
    if agreed_by is not None:
        goal.lifecycle_status = Lifecycle.ACTIVE
        goal.agreed_by = agreed_by
        goal.agreed_at = timezone.now()
        goal.save()
    return goal
