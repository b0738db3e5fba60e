"""The practice admin's view of how the practice runs: numbers, never clinical content."""

import uuid
from dataclasses import dataclass
from datetime import date

from cairn.accounts.models import User
from cairn.care.models import CareRelationship, Practice
from cairn.care.selectors import therapists_of
from cairn.progress.models import IN_TOUCH_FOR, CheckIn


@dataclass(frozen=True)
class TherapistLoad:
    therapist: User
    clients: int
    checked_in: int

    @property
    def rate(self) -> int | None:
        """Per cent of current clients who checked in over the last two weeks
        (IN_TOUCH_FOR). Not the share of clients who have not gone quiet: paused
        clients, and those with no active goal, count here as everyone else."""
        return round(100 * self.checked_in / self.clients) if self.clients else None


def therapist_loads(practice: Practice, *, today: date) -> list[TherapistLoad]:
    """Each therapist's caseload size and check-in rate, in three queries."""
    therapists = list(therapists_of(practice).order_by("name", "email"))
    current = list(
        CareRelationship.objects.current()
        .filter(practice=practice)
        .values_list("therapist_id", "client_id")
    )
    recent: set[uuid.UUID] = set(
        CheckIn.objects.filter(
            client_id__in={client for _, client in current}, date__gt=today - IN_TOUCH_FOR
        )
        .values_list("client_id", flat=True)
        .distinct()
    )
    loads = []
    for therapist in therapists:
        mine = {client for who, client in current if who == therapist.pk}
        loads.append(TherapistLoad(therapist, len(mine), len(mine & recent)))
    return loads
