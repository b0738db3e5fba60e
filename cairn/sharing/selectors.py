"""Reads for supporters and for the client who shares. A supporter reaches only
live grants, and through a grant only what it names."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Max, Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404

from cairn.accounts.models import User
from cairn.care.access import Capability, checked, may_support, record_get_for
from cairn.care.models import Practice
from cairn.care.tokens import token_hash
from cairn.core.ids import parse_uuid
from cairn.core.models import AuditEvent, OutgoingEmail
from cairn.goals.models import Goal, Lifecycle, Milestone
from cairn.progress.models import Win
from cairn.safety.models import SafetyPlan
from cairn.safety.selectors import safety_plan_read
from cairn.sharing.models import Cheer, SupportGrant, item_key, live_grants


def grants_received(supporter: User) -> list[SupportGrant]:
    return list(
        SupportGrant.objects.filter(live_grants(), supporter=supporter)
        .select_related("client")
        .order_by("client__name")
    )


def grant_refusal_for(*, grant: SupportGrant, person: User) -> str | None:
    """Why `person`, signed in, may not take this invitation up, in the words its page
    gives; None when they may. The page asks before it offers the invitation, and
    grant_accept_existing asks again under the lock, so no caller can skip it."""
    if (reason := grant.unusable_reason) is not None:
        return reason
    if not may_support(person, grant.client_id):
        return "not_for_you"
    if not grant.is_sent_to(person.email):
        return "other_email"
    return None


SHARED_VIEW = "shared_view"  # the audit's name for a supporter's look


def grant_for_supporter(*, supporter: User, grant_id: uuid.UUID) -> SupportGrant:
    """A live grant to this supporter; anything else is 404, and the attempt is audited."""
    grant = (
        SupportGrant.objects.filter(live_grants(), supporter=supporter, pk=grant_id)
        .select_related("client")
        .first()
    )
    # The grant is the supporter's view: finding it among theirs is being allowed it.
    grant = checked(
        user=supporter,
        found=grant,
        client=grant.client if grant is not None else None,
        object_type=SHARED_VIEW,
        object_id=grant_id,
        aimed_at=lambda: _client_of_grant(grant_id),
    )
    return grant


def last_looked(client: User) -> dict[uuid.UUID, datetime]:
    """When each of the client's supporters last looked at what is shared with them
    (their page, a chart on it, or cheering from it): the audit log records every
    look (grant_for_supporter), so it is read from there, in one query."""
    looks = (
        AuditEvent.objects.filter(
            client_id=client.pk, object_type=SHARED_VIEW, outcome=AuditEvent.Outcome.ALLOWED
        )
        .values("object_id")
        .annotate(last=Max("at"))
        .order_by()
    )
    return {uuid.UUID(look["object_id"]): look["last"] for look in looks}


def _client_of_grant(grant_id: uuid.UUID) -> uuid.UUID | None:
    """Whose sharing a refused attempt aimed at (looked up without any access filter)."""
    return SupportGrant.objects.filter(pk=grant_id).values_list("client_id", flat=True).first()


@dataclass(frozen=True)
class SharedRecord:
    grant: SupportGrant
    goals: Sequence[Goal]
    wins: list[Win]
    milestones: list[Milestone]
    safety_plan: SafetyPlan | None = None

    @property
    def win_count(self) -> int:
        """The wins on the supporter's page: wins and steps shared one by one."""
        return len(self.wins) + len(self.milestones)


GOAL_SHOWN = ("id", "title", "lifecycle_status", "achievement_status", "client_id", "target_date")
WIN_SHOWN = ("id", "text", "happened_on", "client_id")
STEP_SHOWN = ("id", "title", "done_at", "goal_id")


def shared_record(grant: SupportGrant) -> SharedRecord:
    """Exactly what the grant names: goal titles, statuses and milestones reached;
    wins. Never descriptions, barriers, plans, notes or the journal."""
    return shared_records([grant])[0]


def shared_records(grants: Sequence[SupportGrant]) -> list[SharedRecord]:
    """What each grant shares (see shared_record), in four or five queries however
    many grants there are: only what is the grant's client's own, steps only once
    reached."""
    reached = Milestone.objects.filter(done_at__isnull=False)
    prefetch_related_objects(
        list(grants),
        Prefetch(
            "goals",
            queryset=Goal.objects.only(*GOAL_SHOWN).prefetch_related(
                Prefetch("milestones", queryset=reached.only(*STEP_SHOWN), to_attr="reached")
            ),
            to_attr="shared_goals",
        ),
        Prefetch(
            "milestones",
            queryset=reached.annotate(goal_client_id=F("goal__client_id")).only(*STEP_SHOWN),
            to_attr="shared_steps",
        ),
    )
    # All their wins for some; those shared one by one for the rest.
    every_win: dict[uuid.UUID, list[Win]] = defaultdict(list)
    if all_wins := {g.client_id for g in grants if g.all_wins}:
        for win in Win.objects.filter(client_id__in=all_wins).only(*WIN_SHOWN):
            every_win[win.client_id].append(win)
    one_by_one = [g for g in grants if not g.all_wins]
    prefetch_related_objects(
        one_by_one,
        Prefetch("wins", queryset=Win.objects.only(*WIN_SHOWN), to_attr="shared_wins"),
    )
    return [
        SharedRecord(
            grant=grant,
            goals=[g for g in grant.shared_goals if g.client_id == grant.client_id],  # type: ignore[attr-defined]
            wins=every_win[grant.client_id]
            if grant.all_wins
            else [w for w in grant.shared_wins if w.client_id == grant.client_id],  # type: ignore[attr-defined]
            milestones=[
                m
                for m in grant.shared_steps  # type: ignore[attr-defined]
                if m.goal_client_id == grant.client_id
            ],
        )
        for grant in grants
    ]


def shared_safety_plan(grant: SupportGrant, *, supporter: User) -> SafetyPlan | None:
    """The client's safety plan, only while the grant shares it; the read is audited."""
    if not grant.safety_plan:
        return None
    return safety_plan_read(client=grant.client, by=supporter)


def invitation_mail(grants: Sequence[SupportGrant]) -> dict[uuid.UUID, str]:
    """The invitation e-mail of each grant not yet accepted: "queued", "sending",
    "sent" or "failed" (the outbox's status)."""
    keys = {f"support-invitation:{g.pk}": g.pk for g in grants if g.accepted_at is None}
    return {
        keys[key]: status
        for key, status in OutgoingEmail.objects.filter(key__in=keys).values_list("key", "status")
    }


def grants_given(client: User) -> QuerySet[SupportGrant]:
    return SupportGrant.objects.filter(client=client).select_related("supporter")


def grants_to_share_with(client: User) -> list[SupportGrant]:
    """The client's supporters who follow them today: those a win can be shared with."""
    return list(grants_given(client).filter(live_grants()))


def grant_for_client(*, client: User, grant_id: uuid.UUID) -> SupportGrant:
    """One of the client's own grants, to change or revoke: sharing is theirs alone, so
    for anyone else it does not exist (404)."""
    return record_get_for(
        SupportGrant,
        user=client,
        pk=grant_id,
        object_type="support_grant",
        write=True,
        visible_if=Capability.SHARE,
    )


def items_shared_one_by_one(grant: SupportGrant) -> list[tuple[str, str]]:
    """The wins and steps reached the client shared with this person one at a time,
    each with its words, as the grant's form offers them to keep."""
    items = [(item_key(w), w.text) for w in grant.wins.all()]
    items += [(item_key(m), f"Step reached: {m.title}") for m in grant.milestones.all()]
    return items


def grant_by_token(token: str) -> SupportGrant | None:
    return (
        SupportGrant.objects.select_related("client").filter(token_hash=token_hash(token)).first()
    )


def cheers_for(client: User, *, include_hidden: bool = False) -> list[Cheer]:
    cheers = Cheer.objects.filter(grant__client=client, grant__blocked=False).select_related(
        "grant__supporter", "goal", "win", "milestone"
    )
    if not include_hidden:
        cheers = cheers.filter(hidden_at__isnull=True)
    return list(cheers.order_by("-created_at")[:20])


def supporters_of(client: User) -> list[SupportGrant]:
    """For the therapist: who supports the client, not what they were sent."""
    return list(
        SupportGrant.objects.filter(live_grants(), client=client)
        .select_related("supporter")
        .order_by("accepted_at")
    )


def supporter_count(practice: Practice) -> int:
    """For a practice admin: how many people support the practice's clients. Nothing more."""
    return (
        SupportGrant.objects.filter(live_grants(), client__membership__practice=practice)
        .values("supporter")
        .distinct()
        .count()
    )


def goals_waiting(client: User) -> list[str]:
    """Titles of goals still waiting to be agreed (they cannot be shared yet)."""
    return list(
        Goal.objects.filter(client=client, lifecycle_status=Lifecycle.PROPOSED).values_list(
            "title", flat=True
        )
    )


def shared_goal_get_for(*, supporter: User, grant: SupportGrant, goal_id: uuid.UUID) -> Goal:
    """A goal the grant names; any other is 404 for the supporter. The checked lookup
    audits the attempt, a refused one with the client whose goal it aimed at."""
    return checked(
        user=supporter,
        found=grant.goals.filter(pk=goal_id, client=grant.client).first(),
        client=grant.client,
        object_type="goal",
        object_id=goal_id,
        aimed_at=lambda: _client_of_item(f"goal:{goal_id.hex}"),
    )


def cheer_target_get_for(
    *, supporter: User, grant: SupportGrant, target: str
) -> Goal | Win | Milestone:
    """What a cheer is about, as the form names it ("goal:<id>", "win:<id>",
    "milestone:<id>"): only something the grant shares now; anything else is 404. The
    checked lookup audits the attempt, a refused one with the client it aimed at."""
    record = shared_record(grant)
    items: list[Goal | Win | Milestone] = [*record.goals, *record.wins, *record.milestones]
    shared = {item_key(r): r for r in items}
    kind, _, raw_id = target.partition(":")
    found = shared.get(target)
    checked(
        user=supporter,
        found=found,
        client=grant.client,
        # The form's words are the supporter's to change: only a known kind and an id
        # are kept in the audit log.
        object_type=kind if kind in ITEM_CLIENT else "cheer_target",
        object_id=parse_uuid(raw_id) or "",
        aimed_at=lambda: _client_of_item(target),
    )
    # checked raised for anything not shared; mypy joins the three kinds to one model.
    assert found is not None
    return found


# Each kind of thing a cheer is about, and the path from it to its client.
ITEM_CLIENT: dict[str, tuple[type[Goal | Win | Milestone], str]] = {
    "goal": (Goal, "client_id"),
    "win": (Win, "client_id"),
    "milestone": (Milestone, "goal__client_id"),
}


def _client_of_item(key: str) -> uuid.UUID | None:
    """Whose goal, win or step `key` (as item_key writes it) names, looked up without
    any access filter: the client a refused attempt aimed at."""
    kind, _, raw_id = key.partition(":")
    pk = parse_uuid(raw_id)
    if kind not in ITEM_CLIENT or pk is None:
        return None
    model, client_id = ITEM_CLIENT[kind]
    found: uuid.UUID | None = (
        model._default_manager.filter(pk=pk).values_list(client_id, flat=True).first()
    )
    return found


def cheer_get_for(*, client: User, cheer_id: uuid.UUID) -> Cheer:
    """A cheer sent to this client, to hide: cheers are theirs alone, so for anyone
    else it does not exist (404; the attempt is audited with the client it aimed at)."""
    return record_get_for(
        Cheer,
        user=client,
        pk=cheer_id,
        object_type="cheer",
        write=True,
        visible_if=Capability.SHARE,
        client_path="grant__client",
    )


def win_or_step_to_share(
    *, client: User, win_id: uuid.UUID | None, milestone_id: uuid.UUID | None
) -> tuple[Win | None, Milestone | None]:
    """The client's win, or step reached, to share; neither found is 404."""
    win = Win.objects.filter(client=client, pk=win_id).first() if win_id else None
    milestone = (
        Milestone.objects.filter(
            goal__client=client, done_at__isnull=False, pk=milestone_id
        ).first()
        if milestone_id
        else None
    )
    if win is None and milestone is None:
        raise Http404
    return win, milestone


def person(user_id: uuid.UUID) -> User:
    """The signed-in person as a plain User (not the request's lazy wrapper)."""
    return User.objects.get(pk=user_id)
