"""In-app notifications for what happens in the lower apps, told by their signals."""

from typing import Any

from django.dispatch import receiver
from django.urls import reverse

from cairn.care.models import CareRelationship
from cairn.care.signals import care_ended, care_started
from cairn.goals.signals import goal_proposed
from cairn.journal.signals import entry_shared
from cairn.reminders.notify import notify
from cairn.sharing.signals import cheer_sent


@receiver(goal_proposed)
def tell_the_other_side(sender: object, goal: Any, by: Any, **kwargs: Any) -> None:
    link = reverse("goals:goal_detail", args=[goal.pk])
    if by.pk == goal.client_id:
        for relationship in CareRelationship.objects.filter(
            client_id=goal.client_id, ended_at__isnull=True
        ).select_related("therapist"):
            notify(
                user=relationship.therapist,
                kind="goal_proposed",
                message=f"{goal.client.display_name} proposed a goal",
                link=link,
            )
    else:
        notify(
            user=goal.client,
            kind="goal_proposed",
            message="Your therapist proposed a goal for you to look at",
            link=link,
            detail=goal.title,
        )


@receiver(entry_shared)
def tell_the_therapist(sender: object, entry: Any, **kwargs: Any) -> None:
    for relationship in CareRelationship.objects.filter(
        client_id=entry.client_id, ended_at__isnull=True
    ).select_related("therapist"):
        notify(
            user=relationship.therapist,
            kind="journal_shared",
            message=f"{entry.client.display_name} shared a journal entry with you",
            link=reverse("journal:entry_detail", args=[entry.pk]),
        )


@receiver(cheer_sent)
def tell_the_client(sender: object, cheer: Any, **kwargs: Any) -> None:
    supporter = cheer.grant.supporter
    notify(
        user=cheer.grant.client,
        kind="cheer",
        message=f"{supporter.display_name if supporter else 'A supporter'} sent you a cheer",
        link=reverse("home:home"),
    )


@receiver(care_ended)
def tell_the_client_kindly(sender: object, relationship: Any, **kwargs: Any) -> None:
    notify(
        user=relationship.client,
        kind="care_ended",
        message=f"Your work with {relationship.therapist.display_name} has ended. Everything you wrote is still yours",
        link=reverse("routines:after_therapy"),
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
