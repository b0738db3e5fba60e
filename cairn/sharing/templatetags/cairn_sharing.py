from django import template

from cairn.goals.models import Goal, Milestone
from cairn.progress.models import Win
from cairn.sharing.models import item_key as _item_key

register = template.Library()


@register.filter
def item_key(record: Goal | Win | Milestone) -> str:
    """What a cheer is about, as the server reads it (sharing.models.item_key)."""
    return _item_key(record)
