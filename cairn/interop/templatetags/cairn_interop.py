from django import template

from cairn.interop.deletion import own_space_in_short

register = template.Library()


@register.simple_tag
def own_space() -> str:
    """The client's own space in a few words, as deleting it deletes it."""
    return own_space_in_short()
