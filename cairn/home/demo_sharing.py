"""The demo supporter: Robin's friend, who follows one goal and some wins."""

from datetime import timedelta

from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.services import user_create
from cairn.care.tokens import new_token, token_hash
from cairn.core.audit import Action
from cairn.core.models import AuditEvent
from cairn.goals.models import Goal
from cairn.progress.models import Win
from cairn.sharing.models import Cheer, SupportGrant
from cairn.sharing.selectors import SHARED_VIEW

SUPPORTER_EMAIL = "supporter@example.org"


def seed_supporter(client: User, password: str) -> User:
    supporter = User.objects.filter(email=SUPPORTER_EMAIL).first() or user_create(
        email=SUPPORTER_EMAIL, password=password, name="Juniper Wick", verified=True
    )
    if SupportGrant.objects.filter(client=client, supporter=supporter).exists():
        return supporter
    now = timezone.now()
    grant = SupportGrant.objects.create(
        client=client,
        supporter=supporter,
        email=SUPPORTER_EMAIL,
        relationship="my oldest friend",
        token_hash=token_hash(new_token()),
        invitation_expires_at=now - timedelta(days=50),
        accepted_at=now - timedelta(days=55),
    )
    # She last looked two days ago: a look is kept in the audit log, as every look is.
    AuditEvent.objects.create(
        at=now - timedelta(days=2),
        actor_id=supporter.pk,
        action=Action.READ,
        object_type=SHARED_VIEW,
        object_id=str(grant.pk),
        client_id=client.pk,
        outcome=AuditEvent.Outcome.ALLOWED,
    )
    walking = Goal.objects.filter(client=client, title__startswith="Walk round the park").first()
    if walking:
        grant.goals.set([walking])
    wins = list(Win.objects.filter(client=client).order_by("-happened_on")[:3])
    grant.wins.set(wins)
    if walking:
        Cheer.objects.create(
            grant=grant, goal=walking, text="Saw you by the pond on Wednesday. So proud of you!"
        )
    if wins:
        Cheer.objects.create(
            grant=grant, win=wins[0], text="That's brilliant. Coffee to celebrate?"
        )
    return supporter
