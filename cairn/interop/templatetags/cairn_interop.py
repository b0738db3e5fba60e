from django import template

from cairn.interop.deletion import clinical_record_in_short, own_space_in_short

register = template.Library()


@register.simple_tag
def own_space() -> str:
    """The client's own space in a few words, as deleting it deletes it."""
    return own_space_in_short()


@register.simple_tag
def clinical_record() -> str:
    """The clinical record in a few words, as the practice keeps it when the own space goes."""
    return clinical_record_in_short()
