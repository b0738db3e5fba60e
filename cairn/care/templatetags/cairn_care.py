from django import template

from cairn.care import care_team
from cairn.care.models import CareRelationship

register = template.Library()


@register.filter
def grant_in_words(relationship: CareRelationship) -> str:
    """What a co-therapist may do in the record, in staff's words (care_team.grant_in_words)."""
    return care_team.grant_in_words(relationship, to_client=False)
