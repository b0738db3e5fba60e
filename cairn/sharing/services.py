"""Writes: inviting a supporter, accepting, narrowing, extending, revoking,
blocking, cheering and sharing a win. Each audited."""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import User, normal_email
from cairn.accounts.names import name_for_email
from cairn.accounts.services import user_create
from cairn.care.audit import audit_write
from cairn.care.services import InvitationUnusable
from cairn.care.tokens import new_token, token_hash
from cairn.core.conflicts import locked, save_next_version
from cairn.core.email import email_queue
from cairn.goals.models import Goal, Milestone
from cairn.progress.models import Win
from cairn.sharing.models import Cheer, SupportGrant, item_key
from cairn.sharing.selectors import grant_refusal_for
from cairn.sharing.signals import cheer_sent


class GrantUnusable(InvitationUnusable):
    """A supporter's invitation that can no longer be taken up, and why."""


def _audit(by: User, grant: SupportGrant, object_type: str = "support_grant") -> None:
    audit_write(by=by, obj=grant, object_type=object_type)


@transaction.atomic
def grant_invite(
    *,
    client: User,
    email: str,
    relationship: str,
    goals: list[Goal],
    all_wins: bool,
    ends_on: date | None,
    link_base: str,
    safety_plan: bool = False,
) -> SupportGrant:
    token = new_token()
    grant = SupportGrant.objects.create(
        client=client,
        email=normal_email(email),
        relationship=relationship,
        all_wins=all_wins,
        safety_plan=safety_plan,
        ends_on=ends_on,
        token_hash=token_hash(token),
        invitation_expires_at=timezone.now() + timedelta(days=settings.CAIRN_INVITATION_DAYS),
    )
    grant.goals.set([g for g in goals if g.client_id == client.pk])
    _audit(client, grant)
    # The email names the person who invited, nothing of their record.
    email_queue(
        key=f"support-invitation:{grant.pk}",
        subject=f"Cairn: {name_for_email(client)} would like to share their progress with you",
        body=render_to_string(
            "sharing/email/invitation.txt",
            {
                "name": name_for_email(client),
                "link": link_base.rstrip("/") + reverse("sharing:invite_accept", args=[token]),
                "days": settings.CAIRN_INVITATION_DAYS,
            },
        ),
        to=[grant.email],
    )
    return grant


def _usable(grant: SupportGrant) -> SupportGrant:
    current = locked(SupportGrant, grant.pk, None)
    if (reason := current.unusable_reason) is not None:
        raise GrantUnusable(reason)
    return current


@transaction.atomic
def grant_accept_new(*, grant: SupportGrant, name: str, password: str) -> User:
    current = _usable(grant)
    if User.objects.with_email(current.email).exists():
        raise GrantUnusable("registered")
    supporter = user_create(email=current.email, password=password, name=name, verified=True)
    current.supporter, current.accepted_at = supporter, timezone.now()
    current.save(update_fields=["supporter", "accepted_at", "updated_at"])
    _audit(supporter, current)
    return supporter


@transaction.atomic
def grant_accept_existing(*, grant: SupportGrant, supporter: User) -> SupportGrant:
    """`supporter`, who has an account already, takes the invitation up, if it is theirs
    to take (see grant_refusal_for)."""
    current = locked(SupportGrant, grant.pk, None)
    if (reason := grant_refusal_for(grant=current, person=supporter)) is not None:
        raise GrantUnusable(reason)
    current.supporter, current.accepted_at = supporter, timezone.now()
    current.save(update_fields=["supporter", "accepted_at", "updated_at"])
    _audit(supporter, current)
    return current


@transaction.atomic
def grant_change(
    *,
    grant: SupportGrant,
    by: User,
    goals: list[Goal],
    all_wins: bool,
    ends_on: date | None,
    relationship: str,
    keep_items: list[str] | None = None,
    safety_plan: bool = False,
) -> SupportGrant:
    """Narrows or widens what the supporter sees; it applies on their next request."""
    grant.goals.set([g for g in goals if g.client_id == grant.client_id])
    if keep_items is not None:
        grant.wins.set([w for w in grant.wins.all() if item_key(w) in keep_items])
        grant.milestones.set([m for m in grant.milestones.all() if item_key(m) in keep_items])
    grant.all_wins, grant.ends_on, grant.relationship = all_wins, ends_on, relationship
    grant.safety_plan = safety_plan
    save_next_version(grant)
    _audit(by, grant)
    return grant


@transaction.atomic
def grant_revoke(*, grant: SupportGrant, by: User, block: bool = False) -> SupportGrant:
    """The client stops sharing with this person, from their next request on: the grant
    is no longer live (models.live_grants), so their page, its charts and cheering answer
    404 (audited as refused, selectors.grant_for_supporter), and an invitation not yet
    taken up no longer opens. Nobody is told. `block` also hides the cheers they sent
    (selectors.cheers_for). The grant is kept, stopped: the client's list still shows it.
    Stopping it again keeps the day it first stopped (and may add the block)."""
    grant.revoked_at = grant.revoked_at or timezone.now()
    grant.blocked = grant.blocked or block
    grant.save(update_fields=["revoked_at", "blocked", "updated_at"])
    _audit(by, grant)
    return grant


@transaction.atomic
def cheer_send(*, grant: SupportGrant, supporter: User, text: str, target: Any) -> Cheer:
    cheer = Cheer.objects.create(
        grant=grant,
        text=text,
        goal=target if isinstance(target, Goal) else None,
        win=target if isinstance(target, Win) else None,
        milestone=target if isinstance(target, Milestone) else None,
    )
    audit_write(by=supporter, obj=cheer, object_type="cheer", client=grant.client)
    transaction.on_commit(lambda: cheer_sent.send(sender=Cheer, cheer=cheer))
    return cheer


@transaction.atomic
def cheer_hide(*, cheer: Cheer, by: User) -> Cheer:
    cheer.hidden_at = timezone.now()
    cheer.save(update_fields=["hidden_at", "updated_at"])
    audit_write(by=by, obj=cheer, object_type="cheer", client=by)
    return cheer


@transaction.atomic
def win_share(
    *,
    client: User,
    grants: list[SupportGrant],
    win: Win | None = None,
    milestone: Milestone | None = None,
) -> int:
    """Shares one win or reached milestone with the chosen supporters in one step."""
    shared = 0
    for grant in grants:
        if grant.client_id != client.pk:
            continue
        if win is not None and win.client_id == client.pk:
            grant.wins.add(win)
            shared += 1
        if milestone is not None and milestone.goal.client_id == client.pk:
            grant.milestones.add(milestone)
            shared += 1
        _audit(client, grant)
    return shared
