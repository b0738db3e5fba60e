from django import template
from django.utils.html import format_html

from cairn.core.once import FIELD, once_key_new

register = template.Library()


@register.simple_tag
def once_key() -> str:
    """A create form's one-time key (see cairn.core.once)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, once_key_new())
