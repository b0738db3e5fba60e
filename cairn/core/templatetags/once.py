from django import template
from django.template.context import Context
from django.utils.html import format_html

from cairn.core.once import FIELD, once_key_new
from cairn.core.page_cache import ONCE_PLACEHOLDER

register = template.Library()


@register.simple_tag(takes_context=True)
def once_key(context: Context) -> str:
    """A create form's one-time key (see cairn.core.once). In a part kept for later
    showings (cairn.core.page_cache), a placeholder that each showing fills afresh."""
    if context.get("drawing_to_keep"):
        return ONCE_PLACEHOLDER
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, once_key_new())
