"""In-app notifications for what happens in the lower apps, told by their signals."""

from typing import Any
from uuid import UUID

from django.dispatch import receiver
from django.urls import reverse
from django.utils.formats import date_format

from cairn.accounts.models import User
from cairn.care.care_team import care_now_of, has_no_lead_therapist
from cairn.care.models import CareKind
from cairn.care.roles import name_with_reference
from cairn.care.selectors import admins_of
from cairn.care.signals import care_ended, care_started
from cairn.goals.sides import same_side
from cairn.goals.signals import goal_activity, goal_proposed
from cairn.interop.selectors import closure_of
from cairn.journal.signals import entry_shared
from cairn.reminders.models import Notification
from cairn.reminders.notify import notify
from cairn.safety.signals import risk_flag_raised
from cairn.sharing.signals import cheer_sent


def _therapists_now(client_id: UUID) -> list[User]:
    """The therapists caring for the client now, lead and co."""
    return [relationship.therapist for relationship in care_now_of(client_id)]


def _tell_the_therapists(client_id: UUID, *, kind: str, message: str, link: str) -> None:
    for therapist in _therapists_now(client_id):
        notify(user=therapist, kind=kind, message=message, link=link)


def _goal_news_to_other_side(
    goal: Any, by: Any, *, kind: str, to_therapists: str, to_client: str
) -> None:
    """Something one side did to a goal, told to the other: the client's therapists
    when the client did it, else the client."""
    link = reverse("goals:goal_detail", args=[goal.pk])
    if same_side(goal, by, goal.client_id):
        _tell_the_therapists(goal.client_id, kind=kind, message=to_therapists, link=link)
    else:
        notify(user=goal.client, kind=kind, message=to_client, link=link, detail=goal.title)


@receiver(goal_proposed)
def tell_the_other_side(sender: object, goal: Any, by: Any, **kwargs: Any) -> None:
    _goal_news_to_other_side(
        goal,
        by,
        kind="goal_proposed",
        to_therapists=f"{goal.client.display_name} proposed a goal",
        to_client="Your therapist proposed a goal for you to look at",
    )


GOAL_ACTIVITY_WORDS = {
    # kind: (told to the therapist, told to the client)
    "change_proposed": (
        "{client} changed a goal: it waits for your agreement",
        "Your therapist changed a goal: it waits for your agreement",
    ),
    "change_agreed": (
        "{client} agreed to your change to a goal",
        "Your therapist agreed to your change to a goal",
    ),
    "agreed": ("{client} agreed to a goal", "Your therapist agreed to your goal"),
    "revised": ("{client} changed a goal", "Your therapist changed a goal"),
    "commented": ("{client} commented on a goal", "Your therapist commented on a goal"),
}


@receiver(goal_activity)
def tell_the_other_side_once(sender: object, goal: Any, by: Any, kind: str, **kwargs: Any) -> None:
    """Comments, agreements and changes reach the other side: one notice per event."""
    if kind not in GOAL_ACTIVITY_WORDS:
        return
    to_therapists, to_client = GOAL_ACTIVITY_WORDS[kind]
    _goal_news_to_other_side(
        goal,
        by,
        kind=f"goal_{kind}",
        to_therapists=to_therapists.format(client=goal.client.display_name),
        to_client=to_client,
    )


@receiver(risk_flag_raised)
def tell_the_therapists_at_once(sender: object, flag: Any, **kwargs: Any) -> None:
    link = reverse("safety:flag_review", args=[flag.pk])
    for therapist in _therapists_now(flag.client_id):
        # Always in the bell, whatever the therapist's reminder preferences.
        Notification.objects.create(
            user=therapist,
            kind="risk",
            message=f"{flag.client.display_name} may need your attention",
            link=link,
        )


@receiver(entry_shared)
def tell_the_therapist(sender: object, entry: Any, **kwargs: Any) -> None:
    _tell_the_therapists(
        entry.client_id,
        kind="journal_shared",
        message=f"{entry.client.display_name} shared a journal entry with you",
        link=reverse("journal:entry_detail", args=[entry.pk]),
    )


@receiver(cheer_sent)
def tell_the_client(sender: object, cheer: Any, **kwargs: Any) -> None:
    # A grant has no supporter until its invitation is accepted.
    from_whom = cheer.grant.supporter.display_name if cheer.grant.supporter else "A supporter"
    notify(
        user=cheer.grant.client,
        kind="cheer",
        message=f"{from_whom} sent you a cheer",
        link=reverse("home:home"),
    )


@receiver(care_ended)
def tell_the_client_kindly(sender: object, relationship: Any, **kwargs: Any) -> None:
    """Told as it happened: care ended, and what the client wrote is still theirs; or
    they closed their account, which ended it and deleted their own space (this is
    heard once the closing has committed, so the closure is there to ask)."""
    therapist = relationship.therapist.display_name
    closure = closure_of(relationship.client_id)
    if closure is None:
        message = f"Your work with {therapist} has ended. Everything you wrote is still yours"
        link = reverse("routines:after_therapy")
    else:
        kept_until = date_format(closure.keep_until, "j F Y")
        message = (
            f"Your work with {therapist} ended when you closed your account. Your own space "
            f"is deleted; your practice keeps your clinical record until {kept_until}, "
            "then removes it"
        )
        link = ""  # they are signed out, with no page of their own to go to
    notify(user=relationship.client, kind="care_ended", message=message, link=link)


@receiver(care_ended)
def tell_the_admins_when_no_one_leads(sender: object, relationship: Any, **kwargs: Any) -> None:
    """A lead's care ended while co-therapists stay: nobody leads the client's care
    now, so the practice's admins are told (a transfer names the new lead before this
    runs, and tells no one)."""
    if relationship.kind != CareKind.LEAD:
        return
    care = care_now_of(relationship.client_id).filter(practice_id=relationship.practice_id)
    if not has_no_lead_therapist(care):
        return
    for admin in admins_of(relationship.practice):
        notify(
            user=admin,
            kind="no_lead_therapist",
            message=f"{name_with_reference(relationship.client)} has no lead therapist now",
            link=reverse("care:care_transfer", args=[relationship.client_id]),
        )


@receiver(care_started)
def tell_the_client_who_can_see(sender: object, relationship: Any, **kwargs: Any) -> None:
    name = relationship.therapist.display_name
    if relationship.kind == "co":
        message = f"{name} has joined your care as a co-therapist and can now see your record"
    elif relationship.handover_note:
        message = f"{name} is now your therapist and can see your record"
    else:
        message = f"{name} is your therapist and can see your record"
    notify(
        user=relationship.client,
        kind="care_started",
        message=message,
        link=reverse("home:who_can_see"),
    )
