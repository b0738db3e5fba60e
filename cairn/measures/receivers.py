"""When care ends, nobody is left to read the answers: the client is no longer asked."""

from typing import Any

from django.dispatch import receiver

from cairn.care.care_team import care_now_of
from cairn.care.signals import care_ended
from cairn.measures.models import MeasureAssignment
from cairn.measures.services import measure_assignment_end


@receiver(care_ended)
def stop_asking(sender: object, relationship: Any, **kwargs: Any) -> None:
    client = relationship.client
    if care_now_of(client.pk).exists():
        return  # another therapist still works with them
    for assignment in MeasureAssignment.objects.current().filter(client=client):
        # Recorded as the treating therapist's: ending care ends what they asked for.
        measure_assignment_end(assignment=assignment, by=relationship.therapist)
